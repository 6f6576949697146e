package org.quire.identity;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;

import java.util.Map;

/** PBKDF2 (HMAC-SHA-512, 210 000 iterations, 32-byte salt) through Jakarta Security's {@link Pbkdf2PasswordHash}. */
@ApplicationScoped
public class PasswordHasher {

    public static final int MIN_LENGTH = 8;

    @Inject
    Pbkdf2PasswordHash hash;

    /** The hash of a random password nobody knows: what a login without a password of its own is checked against. */
    private String nobodys;

    @PostConstruct
    void configure() {
        hash.initialize(Map.of(
                "Pbkdf2PasswordHash.Algorithm", "PBKDF2WithHmacSHA512",
                "Pbkdf2PasswordHash.Iterations", "210000",
                "Pbkdf2PasswordHash.SaltSizeBytes", "32",
                "Pbkdf2PasswordHash.KeySizeBytes", "32"));
        nobodys = hash.generate(java.util.UUID.randomUUID().toString().toCharArray());
    }

    /**
     * Whether {@code password} matches {@code encoded}; with no hash (an unknown login) the same work is done against
     * a hash nobody's password matches, so the time taken does not tell whether the login exists.
     */
    public boolean matches(char[] password, java.util.Optional<String> encoded) {
        boolean match = hash.verify(password, encoded.orElse(nobodys));
        return encoded.isPresent() && match;
    }

    public String hash(char[] password) {
        return hash.generate(password);
    }
}

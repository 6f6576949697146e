package org.quire.identity;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The built-in identity store (Jakarta Security). PBKDF2 is deliberately slow, and HTTP Basic presents the
 * password on every request, so a successful check is remembered for a minute as an HMAC under a key that
 * exists only in this process's memory; a wrong password is never cached.
 */
@ApplicationScoped
public class QuireIdentityStore implements IdentityStore {

    static final Duration REMEMBER = Duration.ofSeconds(60);

    @Inject
    IdentityService identities;

    @Inject
    Clock clock;

    private final byte[] cacheKey = new byte[32];
    private final Map<String, Remembered> remembered = new ConcurrentHashMap<>();

    private record Remembered(byte[] mac, Set<String> roles, Instant until) {
    }

    public QuireIdentityStore() {
        new SecureRandom().nextBytes(cacheKey);
    }

    @Override
    public CredentialValidationResult validate(Credential credential) {
        if (!(credential instanceof UsernamePasswordCredential upc)) {
            return CredentialValidationResult.NOT_VALIDATED_RESULT;
        }
        String login = upc.getCaller();
        char[] password = upc.getPassword().getValue();
        byte[] mac = mac(login, password);
        Remembered hit = remembered.get(login);
        Instant now = clock.instant();
        if (hit != null && hit.until().isAfter(now) && MessageDigest.isEqual(hit.mac(), mac)) {
            return new CredentialValidationResult(login, hit.roles());
        }
        Optional<User> user = identities.authenticate(login, password);
        if (user.isEmpty()) {
            remembered.remove(login);
            return CredentialValidationResult.INVALID_RESULT;
        }
        Set<String> roles = Set.copyOf(user.get().getRoles());
        if (remembered.size() > 10_000) {
            remembered.clear();
        }
        remembered.put(login, new Remembered(mac, roles, now.plus(REMEMBER)));
        return new CredentialValidationResult(login, roles);
    }

    private byte[] mac(String login, char[] password) {
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(cacheKey, "HmacSHA256"));
            hmac.update(login.getBytes(StandardCharsets.UTF_8));
            hmac.update((byte) 0);
            hmac.update(new String(password).getBytes(StandardCharsets.UTF_8));
            return hmac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}

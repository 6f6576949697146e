package org.quire.identity;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Successful password checks of one identity store, remembered for a short time. HTTP Basic presents the
 * password on every request, and checking it is slow (PBKDF2, an LDAP round trip), so a store asks here first.
 * Only an HMAC-SHA-256 of login and password is kept, under a random key that exists in this process's memory
 * alone; the password itself is never stored. Callers remember successes only, never wrong passwords.
 */
final class RememberedLogins {

    static final Duration DEFAULT_TTL = Duration.ofSeconds(60);
    private static final int MAX_ENTRIES = 10_000;

    /** What a successful check established: the caller name to report and its roles. */
    record Identity(String caller, Set<String> roles) {
        Identity {
            roles = Set.copyOf(roles);
        }
    }

    private record Entry(byte[] mac, Identity identity, Instant until) {
    }

    private final Duration ttl;
    private final byte[] key = new byte[32];
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    RememberedLogins(Duration ttl) {
        this.ttl = ttl;
        new SecureRandom().nextBytes(key);
    }

    /** The identity remembered for exactly this login and password, if it has not expired. */
    Optional<Identity> recall(String login, char[] password, Instant now) {
        Entry entry = entries.get(login);
        if (entry == null || !entry.until().isAfter(now) || !MessageDigest.isEqual(entry.mac(), mac(login, password))) {
            return Optional.empty();
        }
        return Optional.of(entry.identity());
    }

    void remember(String login, char[] password, Identity identity, Instant now) {
        if (entries.size() > MAX_ENTRIES) {
            entries.clear();
        }
        entries.put(login, new Entry(mac(login, password), identity, now.plus(ttl)));
    }

    /** Drops what is remembered for {@code login} (after a failed check, the next attempt goes to the store). */
    void forget(String login) {
        entries.remove(login);
    }

    private byte[] mac(String login, char[] password) {
        ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(key, "HmacSHA256"));
            hmac.update(login.getBytes(StandardCharsets.UTF_8));
            hmac.update((byte) 0);
            hmac.update(bytes);
            return hmac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        } finally {
            Arrays.fill(bytes, (byte) 0);
            if (encoded.hasArray()) {
                Arrays.fill(encoded.array(), (byte) 0);
            }
        }
    }
}

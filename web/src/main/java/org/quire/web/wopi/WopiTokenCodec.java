package org.quire.web.wopi;

import io.jsonwebtoken.Claims;
import io.jsonwebtoken.JwtException;
import org.quire.acl.Permission;
import org.quire.web.security.JwtCodec;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * WOPI access tokens: compact JWS through {@link JwtCodec}, HS256 under a key of Quire's own (never shared with the
 * Document Server), with issuer and audience fixed so that no other Quire token can pass as one. The algorithm is
 * pinned on parse ({@code none} and every other algorithm are refused) and the expiry is exact (no skew).
 * <p>
 * A WOPI client sends the same token with every request of a session, so verified tokens are remembered until
 * they expire (a token never changes meaning; at most {@value #REMEMBERED}, then the memory starts afresh).
 */
public final class WopiTokenCodec {

    static final String ISSUER = "quire";
    static final String AUDIENCE = "quire-wopi";
    static final String DOCUMENT = "doc";
    static final String PERMISSIONS = "perm";

    static final int REMEMBERED = 10_000;

    static final int MIN_KEY_BYTES = 32;

    private final byte[] key;
    private final Clock clock;
    private final Map<String, WopiAccess> verified = new ConcurrentHashMap<>();

    public WopiTokenCodec(byte[] key, Clock clock) {
        if (key == null || key.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("a WOPI token key has at least 256 bits");
        }
        this.key = key.clone();
        this.clock = clock;
    }

    /** A token for {@code login} on {@code documentId}; the expiry is whole seconds (JWT's {@code exp}). */
    public WopiAccess access(String login, String documentId, Set<Permission> permissions, java.time.Duration ttl) {
        Instant expires = clock.instant().plus(ttl).truncatedTo(ChronoUnit.SECONDS);
        return new WopiAccess(login, documentId, permissions, expires);
    }

    public String encode(WopiAccess access) {
        return JwtCodec.signUntil(Map.of(
                Claims.ISSUER, ISSUER,
                Claims.AUDIENCE, AUDIENCE,
                Claims.SUBJECT, access.login(),
                DOCUMENT, access.documentId(),
                PERMISSIONS, access.permissions().stream().map(Enum::name).sorted().toList()), key, access.expires(), clock);
    }

    /** The access a token grants; empty when it is malformed, forged, of another kind, or expired. */
    public Optional<WopiAccess> decode(String token) {
        if (token == null || token.isBlank() || token.length() > 8192) {
            return Optional.empty();
        }
        WopiAccess known = verified.get(token);
        if (known != null) {
            if (known.expires().isAfter(clock.instant())) {
                return Optional.of(known);
            }
            verified.remove(token);
            return Optional.empty();
        }
        Optional<WopiAccess> access = verify(token);
        access.ifPresent(a -> {
            if (verified.size() >= REMEMBERED) {
                verified.clear();
            }
            verified.put(token, a);
        });
        return access;
    }

    private Optional<WopiAccess> verify(String token) {
        try {
            Claims claims = JwtCodec.verifyExact(token, key, clock);
            if (!ISSUER.equals(claims.getIssuer()) || claims.getAudience() == null || !claims.getAudience().equals(Set.of(AUDIENCE))) {
                return Optional.empty();
            }
            String login = claims.getSubject();
            String document = claims.get(DOCUMENT, String.class);
            Object perms = claims.get(PERMISSIONS);
            if (login == null || document == null || !(perms instanceof List<?> list) || claims.getExpiration() == null) {
                return Optional.empty();
            }
            Set<Permission> permissions = EnumSet.noneOf(Permission.class);
            for (Object p : list) {
                permissions.add(Permission.valueOf(String.valueOf(p)));
            }
            return Optional.of(new WopiAccess(login, document, permissions, claims.getExpiration().toInstant()));
        } catch (JwtException | IllegalArgumentException | ClassCastException e) {
            return Optional.empty();
        }
    }
}

package org.quire.web.wopi;

import io.jsonwebtoken.Claims;
import io.jsonwebtoken.JwtException;
import io.jsonwebtoken.JwtParser;
import io.jsonwebtoken.Jws;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Keys;
import org.quire.acl.Permission;

import javax.crypto.SecretKey;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * WOPI access tokens: compact JWS, HS256 under a key of Quire's own (never shared with the Document Server),
 * with issuer and audience fixed so that no other Quire token can pass as one. The algorithm is pinned on parse:
 * only HS256 is known to the parser ({@code none} and every other algorithm are refused).
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

    private final SecretKey key;
    private final Clock clock;
    private final Map<String, WopiAccess> verified = new ConcurrentHashMap<>();
    private final JwtParser parser;

    public WopiTokenCodec(byte[] key, Clock clock) {
        this.key = Keys.hmacShaKeyFor(key);
        this.clock = clock;
        this.parser = Jwts.parser()
                .sig().clear().add(Jwts.SIG.HS256).and()
                .verifyWith(this.key)
                .requireIssuer(ISSUER)
                .requireAudience(AUDIENCE)
                .clock(() -> Date.from(clock.instant()))
                .build();
    }

    /** A token for {@code login} on {@code documentId}; the expiry is whole seconds (JWT's {@code exp}). */
    public WopiAccess access(String login, String documentId, Set<Permission> permissions, java.time.Duration ttl) {
        Instant expires = clock.instant().plus(ttl).truncatedTo(ChronoUnit.SECONDS);
        return new WopiAccess(login, documentId, permissions, expires);
    }

    public String encode(WopiAccess access) {
        return Jwts.builder()
                .issuer(ISSUER)
                .audience().add(AUDIENCE).and()
                .subject(access.login())
                .claim(DOCUMENT, access.documentId())
                .claim(PERMISSIONS, access.permissions().stream().map(Enum::name).sorted().toList())
                .issuedAt(Date.from(clock.instant()))
                .expiration(Date.from(access.expires()))
                .signWith(key, Jwts.SIG.HS256)
                .compact();
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
            Jws<Claims> jws = parser.parseSignedClaims(token);
            if (!"HS256".equals(jws.getHeader().getAlgorithm())) {
                return Optional.empty();
            }
            Claims claims = jws.getPayload();
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

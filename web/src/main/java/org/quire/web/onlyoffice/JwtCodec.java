package org.quire.web.onlyoffice;

import io.jsonwebtoken.Claims;
import io.jsonwebtoken.Jws;
import io.jsonwebtoken.JwtException;
import io.jsonwebtoken.Jwts;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;

/**
 * The one JWT codec of the ONLYOFFICE route (jjwt): HS256 only. Verification pins the algorithm (an
 * {@code alg: none} or any other algorithm is refused), requires and enforces {@code exp} (60 s skew, as the
 * Document Server's own tolerance) and never reads the key or algorithm from the token.
 */
public final class JwtCodec {

    public static final String ALGORITHM = "HS256";
    private static final long CLOCK_SKEW_SECONDS = 60;

    private JwtCodec() {
    }

    /** Signs {@code claims}, adding {@code iat} and, when {@code ttl} is given, {@code exp}. */
    public static String sign(Map<String, ?> claims, byte[] secret, Duration ttl, Clock clock) {
        Instant now = clock.instant();
        var builder = Jwts.builder().claims(claims).issuedAt(Date.from(now));
        if (ttl != null) {
            builder.expiration(Date.from(now.plus(ttl)));
        }
        return builder.signWith(key(secret), Jwts.SIG.HS256).compact();
    }

    /** The claims of a valid HS256 token with an unexpired {@code exp}; otherwise {@link JwtException}. */
    public static Claims verify(String token, byte[] secret, Clock clock) {
        if (token == null || token.isBlank()) {
            throw new JwtException("no token");
        }
        Jws<Claims> jws = Jwts.parser().verifyWith(key(secret)).clockSkewSeconds(CLOCK_SKEW_SECONDS)
                .clock(() -> Date.from(clock.instant())).build().parseSignedClaims(token.strip());
        if (!ALGORITHM.equals(jws.getHeader().getAlgorithm())) {
            throw new JwtException("algorithm " + jws.getHeader().getAlgorithm() + " is not accepted");
        }
        if (jws.getPayload().getExpiration() == null) {
            throw new JwtException("token without exp");
        }
        return jws.getPayload();
    }

    /** The token of an {@code Authorization}-style header value ({@code Bearer <jwt>}); null when absent. */
    public static String bearer(String headerValue) {
        if (headerValue == null || headerValue.isBlank()) {
            return null;
        }
        String v = headerValue.strip();
        return v.regionMatches(true, 0, "Bearer ", 0, 7) ? v.substring(7).strip() : v;
    }

    private static SecretKey key(byte[] secret) {
        return new SecretKeySpec(secret, "HmacSHA256");
    }
}

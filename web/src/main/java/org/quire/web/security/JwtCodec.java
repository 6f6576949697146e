package org.quire.web.security;

import io.jsonwebtoken.Claims;
import io.jsonwebtoken.Jws;
import io.jsonwebtoken.JwtException;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.MacAlgorithm;
import io.jsonwebtoken.security.SecretKeyBuilder;
import io.jsonwebtoken.security.SecureRequest;
import io.jsonwebtoken.security.SignatureException;
import io.jsonwebtoken.security.VerifySecureDigestRequest;

import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;

/**
 * The one JWT codec (jjwt) of both routes — the Document Server's tokens and Quire's own (WOPI access tokens, signed
 * links): HS256 only. Verification pins the algorithm (an
 * {@code alg: none} or any other algorithm is refused), requires and enforces {@code exp} (60 s skew, as the
 * Document Server's own tolerance) and never reads the key or algorithm from the token.
 * <p>
 * The key is used exactly as given, of any length ≥ 1 byte: the Document Server signs HS256 with whatever secret
 * its administrator set (its own examples use {@code my_jwt_secret}), so jjwt's standard HS256, which refuses keys
 * under 256 bits, is replaced by {@link #HS256}, the same RFC 7518 §3.2 HMAC-SHA256 without that length check, for
 * signing and verifying alike. Strength is the caller's business: Quire's own keys (signed links, WOPI tokens)
 * are 256-bit random keys ({@code SecretService}); a short Document Server secret is accepted with a warning
 * ({@code OnlyofficeConfiguration}).
 */
public final class JwtCodec {

    public static final String ALGORITHM = "HS256";
    private static final long CLOCK_SKEW_SECONDS = 60;
    /** HMAC-SHA256 as jjwt's own HS256, but for keys of any length (RFC 7518 §3.2 recommends, HMAC allows). */
    static final MacAlgorithm HS256 = new AnyLengthHs256();

    private JwtCodec() {
    }

    /** Signs {@code claims}, adding {@code iat} and, when {@code ttl} is given, {@code exp}. */
    public static String sign(Map<String, ?> claims, byte[] secret, Duration ttl, Clock clock) {
        Instant now = clock.instant();
        var builder = Jwts.builder().claims(claims).issuedAt(Date.from(now));
        if (ttl != null) {
            builder.expiration(Date.from(now.plus(ttl)));
        }
        return builder.signWith(key(secret), HS256).compact();
    }

    /** Signs {@code claims}, adding {@code iat} (now) and {@code exp} ({@code expires}, whole seconds in JWT). */
    public static String signUntil(Map<String, ?> claims, byte[] secret, Instant expires, Clock clock) {
        return Jwts.builder().claims(claims).issuedAt(Date.from(clock.instant())).expiration(Date.from(expires))
                .signWith(key(secret), HS256).compact();
    }

    /**
     * The claims of a valid HS256 token with an unexpired {@code exp} (60 s of clock skew allowed, the Document
     * Server's tolerance); otherwise {@link JwtException}.
     */
    public static Claims verify(String token, byte[] secret, Clock clock) {
        return verify(token, secret, clock, CLOCK_SKEW_SECONDS);
    }

    /** As {@link #verify(String, byte[], Clock)} with no clock skew: for Quire's own tokens, which only Quire's clock stamps. */
    public static Claims verifyExact(String token, byte[] secret, Clock clock) {
        return verify(token, secret, clock, 0);
    }

    private static Claims verify(String token, byte[] secret, Clock clock, long skewSeconds) {
        if (token == null || token.isBlank()) {
            throw new JwtException("no token");
        }
        Jws<Claims> jws = Jwts.parser().sig().add(HS256).and().verifyWith(key(secret)).clockSkewSeconds(skewSeconds)
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
        if (secret == null || secret.length == 0) {
            throw new JwtException("no key"); // never sign or verify with an empty key
        }
        return new SecretKeySpec(secret, "HmacSHA256");
    }

    /** {@code HS256} registered under jjwt's own id, so the parser uses it instead of the standard one. */
    private static final class AnyLengthHs256 implements MacAlgorithm {

        @Override
        public String getId() {
            return ALGORITHM;
        }

        @Override
        public byte[] digest(SecureRequest<InputStream, SecretKey> request) {
            try (InputStream in = request.getPayload()) {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(request.getKey().getEncoded(), "HmacSHA256"));
                byte[] buffer = new byte[8192];
                for (int n; (n = in.read(buffer)) > 0; ) {
                    mac.update(buffer, 0, n);
                }
                return mac.doFinal();
            } catch (GeneralSecurityException | IOException | IllegalArgumentException e) {
                throw new SignatureException("HS256 failed: " + e.getClass().getSimpleName(), e);
            }
        }

        @Override
        public boolean verify(VerifySecureDigestRequest<SecretKey> request) {
            return MessageDigest.isEqual(digest(request), request.getDigest());
        }

        /** New keys (never used by Quire) as jjwt's standard HS256 makes them: 256 random bits. */
        @Override
        public SecretKeyBuilder key() {
            return Jwts.SIG.HS256.key();
        }

        @Override
        public int getKeyBitLength() {
            return Jwts.SIG.HS256.getKeyBitLength();
        }
    }
}

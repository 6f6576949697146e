package org.quire.web.onlyoffice;

import io.jsonwebtoken.JwtException;
import io.jsonwebtoken.Jwts;
import org.junit.jupiter.api.Test;

import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Date;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** HS256 pinned, exp required and enforced, the key never taken from the token. */
class JwtCodecTest {

    static final byte[] SECRET = "0123456789abcdef0123456789abcdef-test".getBytes(StandardCharsets.UTF_8);
    static final Clock NOW = Clock.fixed(Instant.parse("2026-01-01T12:00:00Z"), ZoneOffset.UTC);

    @Test
    void aSignedTokenVerifies() {
        String token = JwtCodec.sign(Map.of("key", "k1", "status", 2), SECRET, Duration.ofMinutes(5), NOW);
        assertThat(JwtCodec.verify(token, SECRET, NOW)).containsEntry("key", "k1").containsEntry("status", 2);
    }

    @Test
    void expiredTokensAndTokensWithoutExpAreRefused() {
        String token = JwtCodec.sign(Map.of("key", "k1"), SECRET, Duration.ofMinutes(5), NOW);
        assertThatThrownBy(() -> JwtCodec.verify(token, SECRET, Clock.offset(NOW, Duration.ofMinutes(7)))).isInstanceOf(JwtException.class);
        String noExp = JwtCodec.sign(Map.of("key", "k1"), SECRET, null, NOW);
        assertThatThrownBy(() -> JwtCodec.verify(noExp, SECRET, NOW)).isInstanceOf(JwtException.class);
    }

    @Test
    void wrongSecretAlgNoneAndOtherAlgorithmsAreRefused() {
        String token = JwtCodec.sign(Map.of("key", "k1"), SECRET, Duration.ofMinutes(5), NOW);
        assertThatThrownBy(() -> JwtCodec.verify(token, "another-secret-another-secret-xx".getBytes(StandardCharsets.UTF_8), NOW))
                .isInstanceOf(JwtException.class);
        String none = b64("{\"alg\":\"none\"}") + "." + b64("{\"key\":\"k1\",\"exp\":" + (NOW.instant().getEpochSecond() + 300) + "}") + ".";
        assertThatThrownBy(() -> JwtCodec.verify(none, SECRET, NOW)).isInstanceOf(JwtException.class);
        byte[] longSecret = (new String(SECRET, StandardCharsets.UTF_8) + "-long-enough-for-hs512-0123456789abcdef").getBytes(StandardCharsets.UTF_8);
        String hs512 = Jwts.builder().claim("key", "k1").expiration(Date.from(NOW.instant().plusSeconds(300)))
                .signWith(new SecretKeySpec(longSecret, "HmacSHA512"), Jwts.SIG.HS512).compact();
        assertThatThrownBy(() -> JwtCodec.verify(hs512, longSecret, NOW)).isInstanceOf(JwtException.class);
        assertThatThrownBy(() -> JwtCodec.verify(null, SECRET, NOW)).isInstanceOf(JwtException.class);
    }

    @Test
    void bearerHeadersAreUnwrapped() {
        assertThat(JwtCodec.bearer("Bearer abc")).isEqualTo("abc");
        assertThat(JwtCodec.bearer("abc")).isEqualTo("abc");
        assertThat(JwtCodec.bearer(" ")).isNull();
    }

    private static String b64(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}

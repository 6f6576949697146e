package org.quire.web.security;

import io.jsonwebtoken.JwtException;
import io.jsonwebtoken.Jwts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * HS256 pinned, exp required and enforced, the key never taken from the token; any Document Server secret of at
 * least one byte works, checked against an independent HMAC-SHA256 ({@link javax.crypto.Mac}).
 */
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

    /** The Document Server's documentation example, one byte, 30 bytes (the reported failure), 31, and a long one. */
    static Stream<String> secretsOfEveryLength() {
        return Stream.of("my_jwt_secret", "x", "0123456789abcdefghijklmnopqrst", "0123456789abcdefghijklmnopqrstu",
                "a-long-document-server-secret-of-more-than-sixty-four-bytes-0123456789");
    }

    @ParameterizedTest
    @MethodSource("secretsOfEveryLength")
    void aTokenSignedByAnIndependentHs256WithAnySecretVerifies(String secret) throws Exception {
        byte[] key = secret.getBytes(StandardCharsets.UTF_8);
        long exp = NOW.instant().getEpochSecond() + 300;
        String signingInput = b64("{\"alg\":\"HS256\",\"typ\":\"JWT\"}") + "." + b64("{\"key\":\"k1\",\"status\":2,\"exp\":" + exp + "}");
        String token = signingInput + "." + hmac(key, signingInput);

        assertThat(JwtCodec.verify(token, key, NOW)).containsEntry("key", "k1").containsEntry("status", 2);
        assertThatThrownBy(() -> JwtCodec.verify(token, (secret + "!").getBytes(StandardCharsets.UTF_8), NOW)).isInstanceOf(JwtException.class);
        String tampered = b64("{\"alg\":\"HS256\",\"typ\":\"JWT\"}") + "." + b64("{\"key\":\"k2\",\"status\":2,\"exp\":" + exp + "}")
                + "." + token.substring(token.lastIndexOf('.') + 1);
        assertThatThrownBy(() -> JwtCodec.verify(tampered, key, NOW)).isInstanceOf(JwtException.class);
    }

    @ParameterizedTest
    @MethodSource("secretsOfEveryLength")
    void whatTheCodecSignsWithAnySecretIsTheIndependentHs256Signature(String secret) throws Exception {
        byte[] key = secret.getBytes(StandardCharsets.UTF_8);
        String token = JwtCodec.sign(Map.of("key", "k1"), key, Duration.ofMinutes(5), NOW);
        String[] parts = token.split("\\.");
        assertThat(new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8)).contains("\"alg\":\"HS256\"");
        assertThat(parts[2]).isEqualTo(hmac(key, parts[0] + "." + parts[1]));
        assertThat(JwtCodec.verify(token, key, NOW)).containsEntry("key", "k1");
    }

    @Test
    void anEmptyKeyNeitherSignsNorVerifies() {
        String token = JwtCodec.sign(Map.of("key", "k1"), SECRET, Duration.ofMinutes(5), NOW);
        assertThatThrownBy(() -> JwtCodec.sign(Map.of("key", "k1"), new byte[0], null, NOW)).isInstanceOf(JwtException.class);
        assertThatThrownBy(() -> JwtCodec.verify(token, new byte[0], NOW)).isInstanceOf(JwtException.class);
    }

    @Test
    void aShortSecretStillRefusesAlgNoneAndHs512() {
        byte[] shortSecret = "my_jwt_secret".getBytes(StandardCharsets.UTF_8);
        String none = b64("{\"alg\":\"none\"}") + "." + b64("{\"key\":\"k1\",\"exp\":" + (NOW.instant().getEpochSecond() + 300) + "}") + ".";
        assertThatThrownBy(() -> JwtCodec.verify(none, shortSecret, NOW)).isInstanceOf(JwtException.class);
        String hs512Input = b64("{\"alg\":\"HS512\"}") + "." + b64("{\"key\":\"k1\",\"exp\":" + (NOW.instant().getEpochSecond() + 300) + "}");
        assertThatThrownBy(() -> JwtCodec.verify(hs512Input + "." + hmac(shortSecret, hs512Input), shortSecret, NOW)).isInstanceOf(JwtException.class);
    }

    @Test
    void bearerHeadersAreUnwrapped() {
        assertThat(JwtCodec.bearer("Bearer abc")).isEqualTo("abc");
        assertThat(JwtCodec.bearer("abc")).isEqualTo("abc");
        assertThat(JwtCodec.bearer(" ")).isNull();
    }

    /** HMAC-SHA256 of the signing input, base64url without padding: RFC 7515's HS256 by hand. */
    private static String hmac(byte[] key, String signingInput) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
    }

    private static String b64(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}

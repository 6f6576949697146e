package org.quire.web.wopi.proof;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Microsoft's eight published proof-key vectors (shared/wopi-validator/proof-key-test-vectors.json), plus freshness and locale. */
class ProofVerifierTest {

    static JsonObject vectors() throws IOException {
        Path file = Path.of("..", "..", "shared", "wopi-validator", "proof-key-test-vectors.json");
        if (!Files.exists(file)) {
            file = Path.of("..", "shared", "wopi-validator", "proof-key-test-vectors.json");
        }
        try (InputStream in = Files.newInputStream(file); JsonReader reader = Json.createReader(in)) {
            return reader.readObject();
        }
    }

    @Test
    void everyPublishedVectorGivesTheExpectedAnswer() throws IOException {
        JsonObject v = vectors();
        JsonObject d = v.getJsonObject("discovery");
        ProofKey current = ProofKey.fromModulusAndExponent(d.getString("modulus"), d.getString("exponent"));
        ProofKey old = ProofKey.fromModulusAndExponent(d.getString("oldmodulus"), d.getString("oldexponent"));
        var cases = v.getJsonArray("cases").getValuesAs(JsonObject.class);
        assertThat(cases).hasSize(8);
        for (JsonObject c : cases) {
            ProofVerifier.Outcome outcome = ProofVerifier.verifySignature(current, old, c.getString("access_token"), c.getString("url"),
                    c.getJsonNumber("timestamp").longValue(), c.getString("proof"), c.getString("proof_old"));
            assertThat(outcome != ProofVerifier.Outcome.INVALID).as(c.getString("name")).isEqualTo(c.getBoolean("expected"));
            if (c.getString("name").startsWith("test_proof_current_key")) {
                assertThat(outcome).isEqualTo(ProofVerifier.Outcome.VALID);
            }
            if (c.getString("name").startsWith("test_proof_old_key") || c.getString("name").startsWith("test_old_proof_current_key")) {
                assertThat(outcome).isEqualTo(ProofVerifier.Outcome.VALID_WITH_OLD_KEY);
            }
        }
    }

    @Test
    void theCspBlobAndTheModulusAttributeDescribeTheSameKey() throws IOException {
        JsonObject d = vectors().getJsonObject("discovery");
        assertThat(ProofKey.fromCspBlob(d.getString("value")))
                .isEqualTo(ProofKey.fromModulusAndExponent(d.getString("modulus"), d.getString("exponent")));
        assertThat(ProofKey.fromCspBlob(d.getString("oldvalue")))
                .isEqualTo(ProofKey.fromModulusAndExponent(d.getString("oldmodulus"), d.getString("oldexponent")));
        assertThatThrownBy(() -> ProofKey.fromCspBlob(Base64.getEncoder().encodeToString(new byte[30])))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aProofOlderThanTwentyMinutesIsStaleAndAFreshOneValid() throws Exception {
        KeyPair pair = KeyPairGenerator.getInstance("RSA").generateKeyPair();
        RSAPublicKey pub = (RSAPublicKey) pair.getPublic();
        ProofKey key = new ProofKey(pub.getModulus(), pub.getPublicExponent());
        Instant now = Instant.parse("2026-06-01T12:00:00Z");
        String url = "https://quire.example/wopi/files/abc?access_token=tok";

        long fresh = ProofVerifier.instantToTicks(now.minus(Duration.ofMinutes(19)));
        assertThat(ProofVerifier.verify(key, null, "tok", url, fresh, sign(pair, "tok", url, fresh), null, now))
                .isEqualTo(ProofVerifier.Outcome.VALID);
        long stale = ProofVerifier.instantToTicks(now.minus(Duration.ofMinutes(21)));
        assertThat(ProofVerifier.verify(key, null, "tok", url, stale, sign(pair, "tok", url, stale), null, now))
                .isEqualTo(ProofVerifier.Outcome.STALE);
        assertThat(ProofVerifier.verify(key, null, "other", url, fresh, sign(pair, "tok", url, fresh), null, now))
                .isEqualTo(ProofVerifier.Outcome.INVALID);
        assertThat(ProofVerifier.verify(key, null, "tok", url + "&x=1", fresh, sign(pair, "tok", url, fresh), null, now))
                .isEqualTo(ProofVerifier.Outcome.INVALID);
        assertThat(ProofVerifier.verify(key, null, "tok", url, fresh, "not base64 !", null, now))
                .isEqualTo(ProofVerifier.Outcome.INVALID);
    }

    @Test
    void theOldProofWithTheOldKeyAloneIsRefused() throws Exception {
        KeyPair currentPair = KeyPairGenerator.getInstance("RSA").generateKeyPair();
        KeyPair oldPair = KeyPairGenerator.getInstance("RSA").generateKeyPair();
        ProofKey current = key(currentPair);
        ProofKey old = key(oldPair);
        String url = "https://quire.example/wopi/files/abc?access_token=t";
        long ts = ProofVerifier.instantToTicks(Instant.now());
        String byOld = sign(oldPair, "t", url, ts);
        assertThat(ProofVerifier.verifySignature(current, old, "t", url, ts, "AAAA", byOld)).isEqualTo(ProofVerifier.Outcome.INVALID);
        assertThat(ProofVerifier.verifySignature(current, old, "t", url, ts, byOld, null)).isEqualTo(ProofVerifier.Outcome.VALID_WITH_OLD_KEY);
    }

    @Test
    void upperCasingDoesNotDependOnTheDefaultLocale() throws Exception {
        Locale saved = Locale.getDefault();
        try {
            Locale.setDefault(Locale.forLanguageTag("tr-TR"));
            KeyPair pair = KeyPairGenerator.getInstance("RSA").generateKeyPair();
            String url = "https://quire.example/wopi/files/id?access_token=token";
            long ts = ProofVerifier.instantToTicks(Instant.now());
            // signed as a client in an English locale would (WOPI requires an invariant upper case)
            String proof = sign(pair, "token", url, ts);
            assertThat(ProofVerifier.verifySignature(key(pair), null, "token", url, ts, proof, null)).isEqualTo(ProofVerifier.Outcome.VALID);
        } finally {
            Locale.setDefault(saved);
        }
    }

    @Test
    void ticksConvertBothWays() {
        Instant t = Instant.parse("2015-04-22T10:05:26.046103200Z");
        assertThat(ProofVerifier.ticksToInstant(ProofVerifier.instantToTicks(t))).isEqualTo(t);
        assertThat(ProofVerifier.ticksToInstant(ProofVerifier.EPOCH_TICKS)).isEqualTo(Instant.EPOCH);
    }

    static ProofKey key(KeyPair pair) {
        RSAPublicKey pub = (RSAPublicKey) pair.getPublic();
        return new ProofKey(pub.getModulus(), pub.getPublicExponent());
    }

    /** Signs like a WOPI client, building the signed bytes independently of the code under test (English upper case). */
    static String sign(KeyPair pair, String token, String url, long ticks) throws Exception {
        byte[] t = token.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] u = url.toUpperCase(Locale.ENGLISH).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] data = java.nio.ByteBuffer.allocate(4 + t.length + 4 + u.length + 4 + 8)
                .putInt(t.length).put(t).putInt(u.length).put(u).putInt(8).putLong(ticks).array();
        Signature s = Signature.getInstance("SHA256withRSA");
        s.initSign(pair.getPrivate());
        s.update(data);
        return Base64.getEncoder().encodeToString(s.sign());
    }
}

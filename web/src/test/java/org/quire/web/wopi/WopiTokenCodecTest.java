package org.quire.web.wopi;

import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Keys;
import org.junit.jupiter.api.Test;
import org.quire.acl.Permission;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Date;
import java.util.EnumSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class WopiTokenCodecTest {

    static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    static final Instant NOW = Instant.parse("2026-01-10T08:00:00.123Z");
    final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    final WopiTokenCodec codec = new WopiTokenCodec(KEY, clock);

    @Test
    void roundTripBindsUserDocumentPermissionsAndExpiry() {
        WopiAccess issued = codec.access("alice", "doc1", EnumSet.of(Permission.READ, Permission.WRITE), Duration.ofHours(10));
        String token = codec.encode(issued);

        WopiAccess read = codec.decode(token).orElseThrow();
        assertThat(read.login()).isEqualTo("alice");
        assertThat(read.documentId()).isEqualTo("doc1");
        assertThat(read.permissions()).containsExactlyInAnyOrder(Permission.READ, Permission.WRITE);
        assertThat(read.expires()).isEqualTo(Instant.parse("2026-01-10T18:00:00Z"));
        assertThat(read.ttlMillis()).isEqualTo(Instant.parse("2026-01-10T18:00:00Z").toEpochMilli());
        assertThat(token).matches("[A-Za-z0-9_.-]+");
    }

    @Test
    void aRememberedTokenStillExpires() {
        Instant[] now = {NOW};
        Clock moving = new Clock() {
            @Override public ZoneId getZone() { return ZoneOffset.UTC; }
            @Override public Clock withZone(ZoneId zone) { return this; }
            @Override public Instant instant() { return now[0]; }
        };
        WopiTokenCodec codec = new WopiTokenCodec(KEY, moving);
        String token = codec.encode(codec.access("alice", "doc1", EnumSet.of(Permission.READ), Duration.ofMinutes(5)));
        assertThat(codec.decode(token)).isPresent();
        assertThat(codec.decode(token)).isPresent(); // from memory
        now[0] = NOW.plus(Duration.ofMinutes(6));
        assertThat(codec.decode(token)).isEmpty();
        assertThat(codec.decode(token + "x")).isEmpty();
    }

    @Test
    void expiredTokenIsRefused() {
        String token = codec.encode(codec.access("alice", "doc1", EnumSet.of(Permission.READ), Duration.ofMinutes(5)));
        WopiTokenCodec later = new WopiTokenCodec(KEY, Clock.fixed(NOW.plus(Duration.ofMinutes(6)), ZoneOffset.UTC));
        assertThat(later.decode(token)).isEmpty();
    }

    @Test
    void tokenUnderAnotherKeyIsRefused() {
        WopiTokenCodec other = new WopiTokenCodec("another-key-another-key-another!".getBytes(StandardCharsets.US_ASCII), clock);
        String forged = other.encode(other.access("alice", "doc1", EnumSet.allOf(Permission.class), Duration.ofHours(1)));
        assertThat(codec.decode(forged)).isEmpty();
    }

    @Test
    void tamperedPayloadIsRefused() {
        String token = codec.encode(codec.access("alice", "doc1", EnumSet.of(Permission.READ), Duration.ofHours(1)));
        String[] parts = token.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8).replace("\"READ\"", "\"WRITE\"");
        String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        assertThat(codec.decode(tampered)).isEmpty();
    }

    @Test
    void algorithmIsPinned() {
        // the same key, but HS512 (and a key long enough for it) or no signature at all: refused
        byte[] longKey = new byte[64];
        System.arraycopy(KEY, 0, longKey, 0, 32);
        System.arraycopy(KEY, 0, longKey, 32, 32);
        String hs512 = Jwts.builder().issuer("quire").audience().add("quire-wopi").and().subject("alice").claim("doc", "doc1")
                .claim("perm", List.of("READ")).expiration(Date.from(NOW.plusSeconds(3600)))
                .signWith(Keys.hmacShaKeyFor(longKey), Jwts.SIG.HS512).compact();
        assertThat(new WopiTokenCodec(longKey, clock).decode(hs512)).isEmpty();

        String header = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8));
        String body = Base64.getUrlEncoder().withoutPadding().encodeToString(("{\"iss\":\"quire\",\"aud\":\"quire-wopi\",\"sub\":\"alice\",\"doc\":\"doc1\","
                + "\"perm\":[\"READ\"],\"exp\":" + (NOW.getEpochSecond() + 3600) + "}").getBytes(StandardCharsets.UTF_8));
        assertThat(codec.decode(header + "." + body + ".")).isEmpty();
    }

    @Test
    void otherTokensOfQuireDoNotPass() {
        String wrongAudience = Jwts.builder().issuer("quire").audience().add("quire-onlyoffice").and().subject("alice").claim("doc", "doc1")
                .claim("perm", List.of("READ")).expiration(Date.from(NOW.plusSeconds(3600)))
                .signWith(Keys.hmacShaKeyFor(KEY), Jwts.SIG.HS256).compact();
        assertThat(codec.decode(wrongAudience)).isEmpty();
        assertThat(codec.decode("")).isEmpty();
        assertThat(codec.decode("not-a-token")).isEmpty();
        assertThat(codec.decode(null)).isEmpty();
    }
}

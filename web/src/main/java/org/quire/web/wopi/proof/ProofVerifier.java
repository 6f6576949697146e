package org.quire.web.wopi.proof;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * Checks the {@code X-WOPI-Proof} headers of a WOPI request (WOPI.md §2.6). The signed data is the access token,
 * the full request URL as the client saw it, upper-cased without locale surprises, and the timestamp. A request
 * is genuine when the proof verifies with the current key, or the old proof with the current key (the client
 * rotated), or the proof with the old key (we refreshed before the client); and when its timestamp is at most
 * 20 minutes old.
 */
public final class ProofVerifier {

    public static final Duration MAX_AGE = Duration.ofMinutes(20);
    /** .NET ticks (100 ns since 0001-01-01) at the Unix epoch. */
    static final long EPOCH_TICKS = 621_355_968_000_000_000L;

    public enum Outcome {
        /** Verified with the client's current key. */
        VALID,
        /** Verified only through the old key: the caller should refresh the discovery. */
        VALID_WITH_OLD_KEY,
        /** The signatures do not verify. */
        INVALID,
        /** Signed, but the timestamp is more than 20 minutes old (or in the future beyond that). */
        STALE
    }

    private ProofVerifier() {
    }

    public static Outcome verify(ProofKey current, ProofKey old, String accessToken, String url, long timestampTicks,
                                 String proof, String proofOld, Instant now) {
        Outcome signature = verifySignature(current, old, accessToken, url, timestampTicks, proof, proofOld);
        if (signature == Outcome.INVALID) {
            return signature;
        }
        Instant signedAt = ticksToInstant(timestampTicks);
        if (Duration.between(signedAt, now).abs().compareTo(MAX_AGE) > 0) {
            return Outcome.STALE;
        }
        return signature;
    }

    /** The signature part alone (the timestamp's age is not checked): what the published test vectors cover. */
    public static Outcome verifySignature(ProofKey current, ProofKey old, String accessToken, String url, long timestampTicks,
                                          String proof, String proofOld) {
        byte[] data = signedData(accessToken, url, timestampTicks);
        if (current != null && current.verifies(data, proof)) {
            return Outcome.VALID;
        }
        if (current != null && current.verifies(data, proofOld)) {
            return Outcome.VALID_WITH_OLD_KEY;
        }
        if (old != null && old.verifies(data, proof)) {
            return Outcome.VALID_WITH_OLD_KEY;
        }
        return Outcome.INVALID;
    }

    static byte[] signedData(String accessToken, String url, long timestampTicks) {
        byte[] token = accessToken.getBytes(StandardCharsets.UTF_8);
        byte[] upperUrl = url.toUpperCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(4 + token.length + 4 + upperUrl.length + 4 + 8)
                .putInt(token.length).put(token)
                .putInt(upperUrl.length).put(upperUrl)
                .putInt(8).putLong(timestampTicks)
                .array();
    }

    public static Instant ticksToInstant(long ticks) {
        long sinceEpoch = ticks - EPOCH_TICKS;
        return Instant.ofEpochSecond(Math.floorDiv(sinceEpoch, 10_000_000L), Math.floorMod(sinceEpoch, 10_000_000L) * 100);
    }

    public static long instantToTicks(Instant instant) {
        return EPOCH_TICKS + instant.getEpochSecond() * 10_000_000L + instant.getNano() / 100;
    }
}

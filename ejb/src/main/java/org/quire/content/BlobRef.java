package org.quire.content;

import java.util.Objects;
import java.util.regex.Pattern;

/** The address of stored content: its SHA-256 (lower-case hex) and its length in bytes. */
public record BlobRef(String sha256, long size) {

    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

    public BlobRef {
        Objects.requireNonNull(sha256, "sha256");
        if (!HEX64.matcher(sha256).matches()) {
            throw new IllegalArgumentException("not a lower-case SHA-256: " + sha256);
        }
        if (size < 0) {
            throw new IllegalArgumentException("negative size");
        }
    }
}

package org.quire.web.api;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import org.quire.document.Download;
import org.quire.platform.Times;

import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Streams stored content to HTTP: Content-Length, a strong ETag (the SHA-256), Last-Modified,
 * conditional GET (304) and single byte ranges (206, 416). Bodies are copied stream to stream.
 */
public final class ContentResponses {

    private static final Pattern RANGE = Pattern.compile("bytes=(\\d*)-(\\d*)");

    private ContentResponses() {
    }

    public static Response of(Download download, HttpHeaders headers) {
        long size = download.content().size();
        String etag = "\"" + download.content().sha256() + "\"";
        String ifNoneMatch = headers.getHeaderString(HttpHeaders.IF_NONE_MATCH);
        if (ifNoneMatch != null && (ifNoneMatch.contains(etag) || ifNoneMatch.strip().equals("*"))) {
            return Response.notModified().header(HttpHeaders.ETAG, etag).build();
        }
        String range = headers.getHeaderString("Range");
        String ifRange = headers.getHeaderString("If-Range");
        long start = 0;
        long length = size;
        boolean partial = false;
        if (range != null && (ifRange == null || ifRange.strip().equals(etag))) {
            Matcher m = RANGE.matcher(range.strip());
            if (m.matches() && !(m.group(1).isEmpty() && m.group(2).isEmpty())) {
                long[] bounds = bounds(m.group(1), m.group(2), size);
                if (bounds == null) {
                    return Response.status(416).header("Content-Range", "bytes */" + size).header("Accept-Ranges", "bytes").build();
                }
                start = bounds[0];
                length = bounds[1] - bounds[0] + 1;
                partial = true;
            }
            // several ranges or an unknown unit: answer with the whole content, which HTTP allows
        }
        final long from = start;
        final long count = length;
        StreamingOutput body = out -> {
            try (InputStream in = download.open()) {
                in.skipNBytes(from);
                copy(in, out, count);
            }
        };
        Response.ResponseBuilder b = Response.status(partial ? 206 : 200).entity(body)
                .type(download.mimeType())
                .header(HttpHeaders.CONTENT_LENGTH, count)
                .header(HttpHeaders.ETAG, etag)
                .header(HttpHeaders.LAST_MODIFIED, DateTimeFormatter.RFC_1123_DATE_TIME.format(Times.utc(download.modified())))
                .header("Accept-Ranges", "bytes")
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Disposition", disposition(download.name()))
                .header("X-Quire-Version", download.version());
        if (partial) {
            b.header("Content-Range", "bytes " + from + "-" + (from + count - 1) + "/" + size);
        }
        return b.build();
    }

    /** Inclusive [first, last] of a single range, or null when it cannot be satisfied. */
    static long[] bounds(String first, String last, long size) {
        try {
            if (first.isEmpty()) {
                long suffix = Long.parseLong(last);
                if (suffix == 0 || size == 0) {
                    return null;
                }
                return new long[]{Math.max(0, size - suffix), size - 1};
            }
            long a = Long.parseLong(first);
            long b = last.isEmpty() ? size - 1 : Math.min(Long.parseLong(last), size - 1);
            if (a >= size || b < a) {
                return null;
            }
            return new long[]{a, b};
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static String disposition(String name) {
        String ascii = name.replaceAll("[^\\x20-\\x7e]|[\"\\\\]", "_");
        return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''"
                + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static void copy(InputStream in, java.io.OutputStream out, long count) throws java.io.IOException {
        byte[] buffer = new byte[64 * 1024];
        long left = count;
        while (left > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n == -1) {
                throw new java.io.EOFException("content ended early");
            }
            out.write(buffer, 0, n);
            left -= n;
        }
    }
}

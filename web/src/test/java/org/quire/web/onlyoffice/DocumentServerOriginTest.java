package org.quire.web.onlyoffice;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The SSRF guard: only the configured Document Server origins (scheme, host, port) are fetched. */
class DocumentServerOriginTest {

    private static final List<URI> DS = List.of(URI.create("https://docs.example.org/"), URI.create("http://10.0.0.5:8080/"));

    @Test
    void urlsOnAConfiguredOriginAreAllowed() {
        assertThat(DocumentServerOrigin.allows(DS, "https://docs.example.org/cache/files/k/output.docx?md5=x&expires=1")).isTrue();
        assertThat(DocumentServerOrigin.allows(DS, "https://DOCS.example.org:443/cache/files/x")).isTrue();
        assertThat(DocumentServerOrigin.allows(DS, "http://10.0.0.5:8080/cache/files/x")).isTrue();
    }

    @Test
    void otherOriginsAreRefused() {
        for (String url : new String[]{
                "http://docs.example.org/cache/files/x",          // other scheme
                "https://docs.example.org:8443/cache/files/x",    // other port
                "https://docs.example.org.evil.com/x",            // suffix trick
                "https://evil.com/https://docs.example.org/",     // prefix trick
                "https://user@docs.example.org/x",                // user info
                "http://10.0.0.5/cache/files/x",                  // default port 80, not 8080
                "http://127.0.0.1:8080/x", "file:///etc/passwd", "ftp://docs.example.org/x",
                "/cache/files/x", "", null, "http://[::1]:8080/x", "not a url"}) {
            assertThat(DocumentServerOrigin.allows(DS, url)).as("%s", url).isFalse();
        }
    }

    @Test
    void publicUrlsAreFetchedThroughTheInternalAddress() {
        URI pub = URI.create("https://docs.example.org/ds/");
        URI internal = URI.create("http://10.0.0.5:8080/");
        assertThat(DocumentServerOrigin.toInternal(URI.create("https://docs.example.org/ds/cache/files/a.docx?md5=1"), pub, internal))
                .isEqualTo(URI.create("http://10.0.0.5:8080/cache/files/a.docx?md5=1"));
        assertThat(DocumentServerOrigin.toInternal(URI.create("http://10.0.0.5:8080/cache/x"), pub, internal))
                .isEqualTo(URI.create("http://10.0.0.5:8080/cache/x"));
    }
}

package org.quire.web.security;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class SameOriginTest {

    @Test
    void noOriginHeaderIsNotABrowserWriteFromElsewhere() {
        assertThat(SameOrigin.allows(null, "dms.example:8080", Optional.empty())).isTrue();
    }

    @Test
    void theHostTheRequestWasSentTo() {
        assertThat(SameOrigin.allows("http://dms.example:8080", "dms.example:8080", Optional.empty())).isTrue();
        assertThat(SameOrigin.allows("http://DMS.example:8080", "dms.example:8080", Optional.empty())).isTrue();
        assertThat(SameOrigin.allows("http://dms.example:8081", "dms.example:8080", Optional.empty())).isFalse();
        assertThat(SameOrigin.allows("https://evil.example", "dms.example:8080", Optional.empty())).isFalse();
        assertThat(SameOrigin.allows("http://dms.example:8080.evil.example", "dms.example:8080", Optional.empty())).isFalse();
    }

    @Test
    void thePublicUrlBehindAProxyThatRewritesTheHost() {
        Optional<String> publicUrl = Optional.of("https://docs.example.intranet/quire/");
        assertThat(SameOrigin.allows("https://docs.example.intranet", "127.0.0.1:8080", publicUrl)).isTrue();
        assertThat(SameOrigin.allows("http://docs.example.intranet", "127.0.0.1:8080", publicUrl)).as("scheme counts").isFalse();
        assertThat(SameOrigin.allows("https://docs.example.intranet.evil", "127.0.0.1:8080", publicUrl)).isFalse();
    }

    @Test
    void nullAndGarbageOriginsAreForeign() {
        assertThat(SameOrigin.allows("null", "dms.example", Optional.empty())).isFalse();
        assertThat(SameOrigin.allows("::not a uri::", "dms.example", Optional.empty())).isFalse();
        assertThat(SameOrigin.allows("", "dms.example", Optional.of("http://dms.example"))).isFalse();
    }
}

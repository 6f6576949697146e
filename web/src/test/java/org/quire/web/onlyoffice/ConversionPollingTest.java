package org.quire.web.onlyoffice;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConversionPollingTest {

    /** A clock that moves only when the poller sleeps. */
    static final class SteppingClock extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        final List<Long> pauses = new ArrayList<>();

        void sleep(long millis) {
            pauses.add(millis);
            now = now.plusMillis(millis);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final SteppingClock clock = new SteppingClock();

    @Test
    void pollsUntilEndConvertAndReturnsTheFileUrl() throws Exception {
        Deque<JsonObject> answers = answers("{\"endConvert\":false,\"percent\":10}", "{\"endConvert\":false,\"percent\":60}",
                "{\"endConvert\":true,\"percent\":100,\"fileUrl\":\"http://ds/cache/files/x/output.docx\",\"fileType\":\"docx\"}");
        int[] requests = {0};
        String url = DocumentServerClient.awaitConversion(() -> {
            requests[0]++;
            return answers.pop();
        }, clock, clock::sleep, Duration.ofMinutes(2));
        assertThat(url).isEqualTo("http://ds/cache/files/x/output.docx");
        assertThat(requests[0]).isEqualTo(3);
        assertThat(clock.pauses).containsExactly(250L, 500L);
    }

    @Test
    void anErrorEndsThePollingWithItsMeaning() {
        Deque<JsonObject> answers = answers("{\"endConvert\":false,\"percent\":10}", "{\"error\":-3}");
        assertThatThrownBy(() -> DocumentServerClient.awaitConversion(answers::pop, clock, clock::sleep, Duration.ofMinutes(2)))
                .isInstanceOfSatisfying(DocumentServerException.class, e -> {
                    assertThat(e.serverError()).isEqualTo(-3);
                    assertThat(e.code()).isEqualTo("conversion_failed");
                });
    }

    @Test
    void theWholeConversionIsBoundedInTime() {
        int[] requests = {0};
        assertThatThrownBy(() -> DocumentServerClient.awaitConversion(() -> {
            requests[0]++;
            return answers("{\"endConvert\":false,\"percent\":1}").pop();
        }, clock, clock::sleep, Duration.ofSeconds(10))).isInstanceOfSatisfying(DocumentServerException.class, e -> {
            assertThat(e.code()).isEqualTo("conversion_timeout");
            assertThat(e.getMessage()).contains("10 s");
        });
        // 250 + 500 + 1000 + 2000 × 4 = 9750 ms slept; the next 2 s pause would pass the 10 s bound
        assertThat(clock.pauses).containsExactly(250L, 500L, 1000L, 2000L, 2000L, 2000L, 2000L);
        assertThat(requests[0]).isEqualTo(8);
    }

    @Test
    void anEndWithoutAFileUrlIsAnError() {
        assertThatThrownBy(() -> DocumentServerClient.awaitConversion(answers("{\"endConvert\":true}")::pop, clock, clock::sleep, Duration.ofSeconds(10)))
                .isInstanceOf(DocumentServerException.class).hasMessageContaining("fileUrl");
    }

    @Test
    void errorCodesAreReadAsNumbersOrStrings() {
        assertThat(DocumentServerClient.errorOf(json("{\"error\":6}"))).contains(6);
        assertThat(DocumentServerClient.errorOf(json("{\"error\":\"-8\"}"))).contains(-8);
        assertThat(DocumentServerClient.errorOf(json("{\"endConvert\":true}"))).isEmpty();
    }

    private static Deque<JsonObject> answers(String... json) {
        Deque<JsonObject> d = new ArrayDeque<>();
        for (String j : json) {
            d.add(json(j));
        }
        return d;
    }

    private static JsonObject json(String s) {
        return Json.createReader(new StringReader(s)).readObject();
    }
}

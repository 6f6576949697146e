package org.quire.web.onlyoffice;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.jsonwebtoken.Claims;
import io.jsonwebtoken.Jwts;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The client on the wire, against a loopback server: where the tokens travel, what the answers become. */
class DocumentServerClientTest {

    static final String SECRET = "unit-test-secret-0123456789abcdef-xyz";

    record Received(String path, JsonObject body, String header) {
    }

    private HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile Function<Received, String> answer = r -> "{\"error\":0}";
    private volatile int status = 200;
    private DocumentServerClient client;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
        URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/ds/");
        client = new DocumentServerClient();
        client.clock = Clock.systemUTC();
        client.settings = new OnlyofficeSettings() {
            @Override
            public URI documentServerUrl() {
                return URI.create("https://docs.example.com/");
            }

            @Override
            public URI documentServerInternalUrl() {
                return base;
            }

            @Override
            public List<URI> documentServerOrigins() {
                return List.of(documentServerUrl(), base);
            }

            @Override
            public Optional<byte[]> secret() {
                return Optional.of(SECRET.getBytes(StandardCharsets.UTF_8));
            }

            @Override
            public String jwtHeader() {
                return "AuthorizationJwt";
            }

            @Override
            public Duration requestTimeout() {
                return Duration.ofSeconds(5);
            }

            @Override
            public Duration conversionTimeout() {
                return Duration.ofSeconds(20);
            }
        };
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Received r = new Received(exchange.getRequestURI().getPath(),
                body.isEmpty() ? null : Json.createReader(new StringReader(body)).readObject(),
                exchange.getRequestHeaders().getFirst("AuthorizationJwt"));
        received.add(r);
        byte[] out = (r.path().endsWith("/healthcheck") ? "true" : answer.apply(r)).getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, out.length);
        try (OutputStream o = exchange.getResponseBody()) {
            o.write(out);
        }
        exchange.close();
    }

    private static Claims verify(String token) {
        return Jwts.parser().verifyWith(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256")).build()
                .parseSignedClaims(token).getPayload();
    }

    @Test
    void commandsGoToTheInternalAddressSignedInTheBodyAndInTheConfiguredHeader() {
        answer = r -> "{\"error\":0,\"key\":\"k.1.a\"}";
        JsonObject reply = client.command("meta", Map.of("key", "k.1.a", "meta", Map.of("title", "New.docx")));
        assertThat(reply.getString("key")).isEqualTo("k.1.a");

        Received r = received.get(0);
        assertThat(r.path()).isEqualTo("/ds/command");
        assertThat(r.body().getString("c")).isEqualTo("meta");
        Claims body = verify(r.body().getString("token"));
        assertThat(body.get("c")).isEqualTo("meta");
        assertThat(body.get("key")).isEqualTo("k.1.a");
        assertThat(body.get("meta")).isEqualTo(Map.of("title", "New.docx"));
        assertThat(body.getExpiration()).isNotNull();
        assertThat(r.header()).startsWith("Bearer ");
        Claims header = verify(r.header().substring(7));
        assertThat(header.get("payload")).isEqualTo(Map.of("c", "meta", "key", "k.1.a", "meta", Map.of("title", "New.docx")));
        assertThat(header.getExpiration()).isNotNull();
    }

    @Test
    void commandErrorsAndBadAnswersBecomeTypedExceptions() {
        answer = r -> "{\"error\":6}";
        assertThatThrownBy(() -> client.command("version", Map.of())).isInstanceOfSatisfying(DocumentServerException.class, e -> {
            assertThat(e.serverError()).isEqualTo(6);
            assertThat(e.code()).isEqualTo("document_server_token_refused");
        });
        answer = r -> "<html>proxy error</html>";
        assertThatThrownBy(() -> client.command("version", Map.of())).isInstanceOfSatisfying(DocumentServerException.class,
                e -> assertThat(e.getMessage()).contains("not JSON"));
        answer = r -> "{\"version\":\"9\"}";
        assertThatThrownBy(() -> client.command("version", Map.of())).hasMessageContaining("no error code");
        status = 502;
        answer = r -> "{\"error\":0}";
        assertThatThrownBy(() -> client.command("version", Map.of())).isInstanceOfSatisfying(DocumentServerException.class, e -> {
            assertThat(e.code()).isEqualTo("document_server_unavailable");
            assertThat(e.getMessage()).contains("HTTP 502");
        });
    }

    @Test
    void theHealthCheckIsTrueOnlyWhenTheServerSaysSo() {
        assertThat(client.healthcheck()).isTrue();
        assertThat(received.get(0).path()).isEqualTo("/ds/healthcheck");
        status = 503;
        assertThat(client.healthcheck()).isFalse();
        server.stop(0);
        assertThat(client.healthcheck()).as("unreachable").isFalse();
    }

    @Test
    void aConversionIsPolledWithTheSameParametersUntilItEnds() {
        int[] polls = {0};
        answer = r -> ++polls[0] < 3 ? "{\"endConvert\":false,\"percent\":" + (polls[0] * 30) + "}"
                : "{\"endConvert\":true,\"percent\":100,\"fileUrl\":\"https://docs.example.com/cache/files/x/output.xlsx\"}";
        String url = client.convert(new DocumentServerClient.Conversion("https://quire.example.com/onlyoffice/files/d/content.csv?t=x",
                "csv", "xlsx", "d.1.abc.xlsx", "data.csv"));
        assertThat(url).isEqualTo("https://docs.example.com/cache/files/x/output.xlsx");
        assertThat(received).hasSize(3).allSatisfy(r -> assertThat(r.path()).isEqualTo("/ds/converter"));
        Claims first = verify(received.get(0).body().getString("token"));
        assertThat(first.get("async")).isEqualTo(true);
        assertThat(first.get("filetype")).isEqualTo("csv");
        assertThat(first.get("outputtype")).isEqualTo("xlsx");
        assertThat(first.get("key")).isEqualTo("d.1.abc.xlsx");
        assertThat(first.get("url")).isEqualTo("https://quire.example.com/onlyoffice/files/d/content.csv?t=x");
        assertThat(first.get("codePage")).isEqualTo(65001);
        assertThat(first.get("delimiter")).isEqualTo(4);
        for (Received r : received) {
            assertThat(r.body().getString("key")).isEqualTo("d.1.abc.xlsx");
        }
    }

    @Test
    void filesAreFetchedOnlyFromDocumentServerOrigins() {
        assertThatThrownBy(() -> client.open("http://169.254.169.254/latest/meta-data")).isInstanceOf(DocumentServerClient.ForeignOriginException.class);
        assertThat(received).isEmpty();
    }
}

package org.quire.web.it;

import jakarta.json.JsonObject;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.quire.web.api.ApiApplication;

import java.io.File;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.URL;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quire.web.it.Browser.until;

/**
 * The OpenAPI document {@code GET /openapi} against the code: every JAX-RS resource method of the REST API
 * (the classes of {@link ApiApplication}, sub-resource locators followed) must appear with its verb and path, and
 * nothing else (the WOPI and ONLYOFFICE protocol routes stay out); every operation names the error shape and the
 * security schemes exist. The API browser {@code /api-docs} renders those operations in headless Chromium.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class OpenApiIT {

    static final Pattern TEMPLATE = Pattern.compile("\\{\\s*(\\w+)\\s*:\\s*([^}]*)}");

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("quire.war", "target/quire.war")));
    }

    @ArquillianResource
    URL base;

    @Test
    void everyRestResourceMethodIsInTheDocumentAndNothingElse() {
        Set<String> expected = resourceOperations();
        assertThat(expected).hasSizeGreaterThan(60).contains("GET /api/v1/folders/{id}/children", "POST /api/v1/documents/{id}/onlyoffice/convert");

        JsonObject document = openApi();
        Set<String> served = new TreeSet<>();
        document.getJsonObject("paths").forEach((path, item) -> item.asJsonObject().keySet().stream()
                .filter(k -> Set.of("get", "put", "post", "delete", "patch", "head", "options").contains(k))
                .forEach(verb -> served.add(verb.toUpperCase(Locale.ROOT) + " " + path)));
        assertThat(served).as("operations in /openapi").containsAll(expected);
        assertThat(served).as("operations in /openapi that are no /api/v1 resource method").isSubsetOf(expected);
    }

    @Test
    void operationsDescribeParametersBodiesErrorsAndSecurity() {
        JsonObject document = openApi();
        JsonObject paths = document.getJsonObject("paths");
        JsonObject children = paths.getJsonObject("/api/v1/folders/{id}/children").getJsonObject("get");
        assertThat(children.getJsonArray("parameters").getValuesAs(JsonObject.class)).extracting(p -> p.getString("name") + ":" + p.getString("in"))
                .contains("id:path", "page:query", "size:query");
        assertThat(children.getJsonObject("responses").keySet()).contains("401", "403", "404");
        assertThat(children.getJsonObject("responses").getJsonObject("404").getJsonObject("content").getJsonObject("application/json")
                .getJsonObject("schema").getString("$ref")).isEqualTo("#/components/schemas/Error");

        JsonObject upload = paths.getJsonObject("/api/v1/folders/{id}/documents").getJsonObject("post");
        assertThat(upload.getJsonObject("requestBody").getJsonObject("content").keySet()).contains("application/octet-stream");
        assertThat(upload.getJsonObject("responses").keySet()).contains("400", "409", "413");
        JsonObject createFolder = paths.getJsonObject("/api/v1/folders").getJsonObject("post");
        assertThat(createFolder.getJsonObject("requestBody").getJsonObject("content").keySet()).contains("application/json");
        JsonObject services = paths.getJsonObject("/api/v1/documents/{id}/onlyoffice/rename").getJsonObject("post");
        assertThat(services.getJsonArray("parameters").getValuesAs(JsonObject.class)).extracting(p -> p.getString("name")).contains("id");

        JsonObject error = document.getJsonObject("components").getJsonObject("schemas").getJsonObject("Error");
        assertThat(error.getJsonObject("properties").keySet()).containsExactlyInAnyOrder("error", "message");
        JsonObject schemes = document.getJsonObject("components").getJsonObject("securitySchemes");
        assertThat(schemes.getJsonObject("basic").getString("scheme")).isEqualTo("basic");
        assertThat(schemes.getJsonObject("session").getString("in")).isEqualTo("cookie");
        assertThat(schemes.getJsonObject("csrf").getString("name")).isEqualTo("X-CSRF-Token");
        assertThat(document.getJsonArray("security").toString()).contains("basic").contains("session").contains("csrf");
        assertThat(document.getJsonObject("info").getString("description")).contains("WOPI").contains("ONLYOFFICE");
    }

    @Test
    void theApiBrowserRendersTheOperations() throws Exception {
        URI quire = RestApiIT.loopback(base);
        try (Browser browser = Browser.start("OpenApiIT")) {
            try {
                browser.signIn(quire, "admin", RestApiIT.ADMIN_PASSWORD, "api-docs");
                List<WebElement> operations = until("the operations of the API browser", () -> {
                    List<WebElement> found = browser.driver.findElements(By.cssSelector(".opblock .opblock-summary-path"));
                    return found.size() >= resourceOperations().size() ? found : null;
                });
                assertThat(operations).extracting(WebElement::getText).contains("/api/v1/folders/{id}/children", "/api/v1/documents/{id}/checkout");
                assertThat(browser.driver.findElement(By.cssSelector(".info .title")).getText()).contains("Quire REST API");
                assertThat(browser.driver.findElements(By.cssSelector("link[href*='cdn'], script[src*='//']"))).isEmpty();
                browser.screenshot("api-docs");
            } catch (AssertionError | RuntimeException e) {
                browser.screenshot("FAILED-api-docs");
                throw e;
            }
        }
    }

    private JsonObject openApi() {
        Api.Response answer = new Api(RestApiIT.loopback(base), null, null).get("openapi?format=JSON");
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        return answer.json();
    }

    /** "VERB /api/v1/…" for every resource method of the REST API, following sub-resource locators. */
    static Set<String> resourceOperations() {
        String root = "/" + ApiApplication.class.getAnnotation(jakarta.ws.rs.ApplicationPath.class).value();
        Set<String> operations = new TreeSet<>();
        for (Class<?> type : new ApiApplication().getClasses()) {
            Path path = type.getAnnotation(Path.class);
            if (path != null) {
                collect(type, join(root, path.value()), operations);
            }
        }
        return operations;
    }

    private static void collect(Class<?> type, String prefix, Set<String> operations) {
        for (Method method : type.getMethods()) {
            Path path = method.getAnnotation(Path.class);
            String full = path == null ? prefix : join(prefix, path.value());
            String verb = verb(method);
            if (verb != null) {
                operations.add(verb + " " + full);
            } else if (path != null) {
                collect(method.getReturnType(), full, operations);
            }
        }
    }

    private static String verb(Method method) {
        for (var annotation : method.getAnnotations()) {
            HttpMethod http = annotation.annotationType().getAnnotation(HttpMethod.class);
            if (http != null) {
                return http.value();
            }
        }
        return null;
    }

    /** Joins path segments; a template whose expression is a plain word ({@code {services: onlyoffice}}) is that word. */
    private static String join(String prefix, String segment) {
        Matcher m = TEMPLATE.matcher(segment);
        StringBuilder plain = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(plain, Matcher.quoteReplacement(m.group(2).strip().matches("[\\w-]+") ? m.group(2).strip() : "{" + m.group(1) + "}"));
        }
        m.appendTail(plain);
        String joined = (prefix + "/" + plain).replaceAll("/+", "/");
        return joined.length() > 1 && joined.endsWith("/") ? joined.substring(0, joined.length() - 1) : joined;
    }
}

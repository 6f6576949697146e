package org.quire.web.ops;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import org.quire.platform.QuireException;
import org.quire.settings.OnlyofficeConfiguration;
import org.quire.settings.OnlyofficeNotConfiguredException;
import org.quire.settings.QuireConfig;
import org.quire.settings.SettingKey;
import org.quire.settings.SettingsService;
import org.quire.web.onlyoffice.DocumentServerClient;
import org.quire.web.onlyoffice.OnlyofficeSettings;
import org.quire.web.wopi.discovery.Discovery;
import org.quire.web.wopi.discovery.DiscoveryClient;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

import static org.quire.settings.SettingKey.STRONG_SECRET_BYTES;

/**
 * The administrators' "check connection" (issue 6): each link between Quire and the Document Server tested with
 * the settings in force now, each answer saying what is wrong and which setting to look at. The most common
 * support problem of ONLYOFFICE connectors is a silent failure here, so every check gives a sentence, also when
 * it passes. No check ever shows or logs a secret.
 */
@ApplicationScoped
public class ConnectionChecks {

    public static final String CONFIGURATION = "onlyoffice-configuration";
    public static final String HEALTHCHECK = "document-server-healthcheck";
    public static final String COMMAND = "document-server-command";
    public static final String DISCOVERY = "wopi-discovery";
    public static final String QUIRE_REACHABLE = "quire-reachable";
    private static final Logger LOG = Logger.getLogger(ConnectionChecks.class.getName());

    /** One check; {@code warning}: it works, but the message says what to improve. */
    public record Check(String name, boolean ok, boolean warning, String message) {

        Check(String name, boolean ok, String message) {
            this(name, ok, false, message);
        }
    }

    @Inject
    DocumentServerClient documentServer;

    @Inject
    OnlyofficeSettings onlyoffice;

    @Inject
    DiscoveryClient discovery;

    @Inject
    QuireConfig config;

    @Inject
    SettingsService settings;

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).version(HttpClient.Version.HTTP_1_1).build();

    /** Runs every check (the caller has checked the role). */
    public List<Check> run() {
        List<Check> checks = new ArrayList<>();
        checks.add(configuration());
        checks.add(healthcheck());
        checks.add(command());
        checks.add(discovery());
        checks.add(quireReachable());
        checks.stream().filter(c -> !c.ok()).forEach(c -> LOG.warning(() -> "Check connection: " + c.name() + " failed: " + c.message()));
        return checks;
    }

    /** The rule of {@code OnlyofficeConfiguration}: what stops the route, else its warnings, else how it signs. */
    Check configuration() {
        OnlyofficeConfiguration.State state = onlyoffice.state();
        if (state.problem().isPresent()) {
            return new Check(CONFIGURATION, false, state.problem().get());
        }
        if (!state.warnings().isEmpty()) {
            return new Check(CONFIGURATION, true, true, String.join(" ", state.warnings()));
        }
        return new Check(CONFIGURATION, true, "The Document Server URL and a secret of " + STRONG_SECRET_BYTES + " bytes or more are set;"
                + " the Document Server's tokens are signed and required (quire.onlyoffice.jwt=on).");
    }

    Check healthcheck() {
        URI url;
        try {
            url = onlyoffice.documentServerInternalUrl().resolve("healthcheck");
        } catch (OnlyofficeNotConfiguredException e) {
            return new Check(HEALTHCHECK, false, "Not tried: " + e.getMessage());
        }
        if (documentServer.healthcheck()) {
            return new Check(HEALTHCHECK, true, "The Document Server answers its health check at " + url + ".");
        }
        return new Check(HEALTHCHECK, false, "The Document Server does not answer its health check at " + url
                + " (no answer, an error status, or not 'true'). Check that the Document Server is running and that "
                + internalUrlKey() + " is its address as Quire reaches it (server to server, e.g. http://documentserver/).");
    }

    Check command() {
        OnlyofficeConfiguration.State state = onlyoffice.state();
        if (state.problem().isPresent()) {
            return new Check(COMMAND, false, "Not tried: " + state.problem().get());
        }
        boolean signed = state.jwt();
        try {
            JsonObject answer = documentServer.command("version", Map.of());
            String version = answer.getString("version", "unknown");
            if (!signed) {
                return new Check(COMMAND, true, true, "The Document Server (version " + version + ") accepted an unsigned 'version' command:"
                        + " JWT is off in Quire (quire.onlyoffice.jwt=off). Set quire.onlyoffice.secret to the Document Server's JWT secret"
                        + " and quire.onlyoffice.jwt=on for production use.");
            }
            return new Check(COMMAND, true, "The Document Server (version " + version + ") accepted a 'version' command signed with"
                    + " quire.onlyoffice.secret in header " + onlyoffice.jwtHeader() + ".");
        } catch (QuireException e) {
            String hint = signed ? "" : " Quire sends no token because JWT is off (quire.onlyoffice.jwt=off); if the Document Server has JWT"
                    + " enabled, set quire.onlyoffice.secret to its JWT secret and quire.onlyoffice.jwt=on.";
            return new Check(COMMAND, false, e.getMessage() + hint);
        }
    }

    Check discovery() {
        var url = discovery.url();
        if (url.isEmpty()) {
            return new Check(DISCOVERY, true, "quire.wopi.discovery-url is not set: the WOPI route is off (no action URLs, no proof"
                    + " check). To use WOPI, set it to the Document Server's discovery, e.g. http://documentserver/hosting/discovery.");
        }
        try {
            Discovery d = discovery.fetch(url.get());
            String proof;
            boolean required = required();
            if (d.publishesProofKeys()) {
                proof = required ? " It publishes proof keys: every WOPI request is proof-checked (quire.wopi.proof-keys=required)."
                        : " It publishes proof keys, but quire.wopi.proof-keys=off: WOPI requests are not proof-checked.";
            } else {
                proof = " It publishes no proof keys: WOPI requests cannot be proof-checked (only the access token protects them).";
            }
            return new Check(DISCOVERY, true, "The WOPI discovery at " + url.get() + " is readable (" + d.actions().size() + " actions)." + proof);
        } catch (IOException e) {
            return new Check(DISCOVERY, false, "The WOPI discovery at " + url.get() + " could not be read: " + e.getMessage()
                    + ". Check quire.wopi.discovery-url (the Document Server's /hosting/discovery, as Quire reaches it)"
                    + (required() ? "; while it cannot be read, every WOPI request is refused (quire.wopi.proof-keys=required)." : "."));
        }
    }

    Check quireReachable() {
        var configured = config.configuredPublicUrl();
        if (configured.isEmpty()) {
            return new Check(QUIRE_REACHABLE, false, "quire.public-url is not set: the Document Server is sent links to "
                    + config.publicUrl() + ", which it reaches only if it runs on this host. Set quire.public-url to Quire's address as"
                    + " the Document Server (and browsers) reach it, e.g. https://docs.example.org.");
        }
        String base = configured.get();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        String probe = base + "/health/live";
        String from = " (tested from Quire's side: the Document Server's network may still differ; if saves fail, check that the"
                + " Document Server resolves and reaches this address, and that quire.trusted-networks lets it in.)";
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(probe)).timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 200 && r.body().contains("UP")) {
                return new Check(QUIRE_REACHABLE, true, "Quire answers at quire.public-url (" + probe + ")" + from);
            }
            return new Check(QUIRE_REACHABLE, false, "Something answers at quire.public-url, but not Quire's liveness check: " + probe
                    + " gave HTTP " + r.statusCode() + ". Check quire.public-url (and that a reverse proxy forwards it to Quire)" + from);
        } catch (IOException | IllegalArgumentException e) {
            return new Check(QUIRE_REACHABLE, false, "Quire is not reachable at quire.public-url: " + probe + " gave no answer ("
                    + e.getClass().getSimpleName() + "). Set quire.public-url to Quire's address as the Document Server reaches it" + from);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Check(QUIRE_REACHABLE, false, "Interrupted while checking quire.public-url.");
        }
    }

    private boolean required() {
        return !"off".equalsIgnoreCase(settings.text(SettingKey.WOPI_PROOF_KEYS));
    }

    private String internalUrlKey() {
        return settings.value(SettingKey.ONLYOFFICE_INTERNAL_URL).isPresent() ? "quire.onlyoffice.internal-url"
                : "quire.onlyoffice.url (used because quire.onlyoffice.internal-url is not set)";
    }
}

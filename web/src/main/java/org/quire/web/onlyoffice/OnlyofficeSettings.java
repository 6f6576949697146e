package org.quire.web.onlyoffice;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;
import org.quire.platform.SecretService;
import org.quire.settings.OnlyofficeConfiguration;
import org.quire.settings.OnlyofficeNotConfiguredException;
import org.quire.settings.QuireConfig;
import org.quire.settings.SettingKey;
import org.quire.settings.SettingsService;
import org.quire.web.security.PublicUrl;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The ONLYOFFICE API route's configuration, read in one place (keys in docs/OPERATIONS.md). The settings an
 * administrator may change at run time (URLs, secret, JWT header, co-editing, force-save, editable formats) come
 * from {@link SettingsService} (database, else configuration, else default) on every call; the rest from
 * MicroProfile Config. The secret is never logged or returned.
 */
@ApplicationScoped
public class OnlyofficeSettings {

    /** Quire's own key for its signed links (document.url, callbackUrl): 256 random bits, never the Document Server's secret. */
    static final String LINK_KEY_NAME = "onlyoffice.links.hs256";

    @Inject
    Config config;

    @Inject
    QuireConfig quire;

    @Inject
    SettingsService settings;

    @Inject
    OnlyofficeConfiguration configuration;

    @Inject
    SecretService secrets;

    private volatile byte[] linkKey;

    /** A configuration problem or warning is in the log from the start (once). */
    void atStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        configuration.state();
    }

    /** What stops the route (503 {@code onlyoffice_not_configured}: {@link #requireConfigured()}), and the warnings. */
    public OnlyofficeConfiguration.State state() {
        return configuration.state();
    }

    /** {@link OnlyofficeNotConfiguredException} (503) naming what to set, unless the route can work. */
    public void requireConfigured() {
        configuration.requireConfigured();
    }

    /** The Document Server as browsers reach it (api.js); 503 {@code onlyoffice_not_configured} when unset. */
    public URI documentServerUrl() {
        return configuration.documentServerUrl().map(u -> URI.create(withSlash(u)))
                .orElseThrow(() -> new OnlyofficeNotConfiguredException(state().problem().orElse("quire.onlyoffice.url is not set.")));
    }

    /** The Document Server as Quire reaches it (server to server); defaults to the public URL. */
    public URI documentServerInternalUrl() {
        return settings.value(SettingKey.ONLYOFFICE_INTERNAL_URL).map(s -> URI.create(withSlash(s.strip()))).orElseGet(this::documentServerUrl);
    }

    /** The configured Document Server addresses: the only origins a saved file is downloaded from (none when unset). */
    public List<URI> documentServerOrigins() {
        return Stream.concat(configuration.documentServerUrl().stream(), settings.value(SettingKey.ONLYOFFICE_INTERNAL_URL).stream())
                .map(u -> URI.create(withSlash(u.strip()))).toList();
    }

    /**
     * The secret the Document Server's tokens are signed and verified with, exactly as configured; empty only when
     * an administrator switched JWT off ({@code quire.onlyoffice.jwt=off}). 503 {@code onlyoffice_not_configured}
     * when JWT is on and no secret is set: a forgotten secret never means unsigned.
     */
    public Optional<byte[]> secret() {
        return configuration.secret();
    }

    public String jwtHeader() {
        return settings.value(SettingKey.ONLYOFFICE_JWT_HEADER).map(String::strip).orElse("Authorization");
    }

    /** How the Document Server reaches Quire (the configured {@code quire.public-url}), without a trailing slash. */
    public String publicUrl() {
        return PublicUrl.withoutTrailingSlash(quire.publicUrl());
    }

    /** {@code fast} (default) or {@code strict} co-editing. */
    public String collaborationMode() {
        String mode = settings.text(SettingKey.COLLABORATION_MODE).strip().toLowerCase(Locale.ROOT);
        return "strict".equals(mode) ? "strict" : "fast";
    }

    /** Whether users may switch the co-editing mode in the editor. */
    public boolean collaborationModeChangeable() {
        return settings.bool(SettingKey.COLLABORATION_CHANGE);
    }

    /** Whether the editor offers force-save ({@code quire.onlyoffice.forcesave}, default true). */
    public boolean forceSave() {
        return settings.bool(SettingKey.FORCE_SAVE);
    }

    /**
     * Whether files with {@code extension} may open for editing as far as the administrators' allow-list
     * ({@code quire.editable-formats}) goes; an empty list allows every format the format matrix can edit.
     */
    public boolean editableFormat(String extension) {
        return quire.editableFormat(extension);
    }

    /** Size cap of a saved file downloaded from the Document Server (the upload limit). */
    public long downloadMaxBytes() {
        return quire.uploadMaxBytes();
    }

    public Duration downloadTimeout() {
        return config.getOptionalValue("quire.onlyoffice.download-timeout", String.class).map(Duration::parse).orElse(Duration.ofMinutes(2));
    }

    /** Timeout of one request to the Document Server's health check, command or conversion service. */
    public Duration requestTimeout() {
        return config.getOptionalValue("quire.onlyoffice.request-timeout", String.class).filter(s -> !s.isBlank()).map(Duration::parse).orElse(Duration.ofSeconds(30));
    }

    /** Longest time a conversion may take, polling included, before Quire gives up. */
    public Duration conversionTimeout() {
        return config.getOptionalValue("quire.onlyoffice.conversion-timeout", String.class).filter(s -> !s.isBlank()).map(Duration::parse).orElse(Duration.ofMinutes(2));
    }

    /** Lifetime of the signed {@code document.url} link. */
    public Duration fileLinkTtl() {
        return config.getOptionalValue("quire.onlyoffice.file-link-ttl", String.class).map(Duration::parse).orElse(Duration.ofMinutes(10));
    }

    /** Lifetime of the signed callback link: as long as an editing session may last (the Document Server's limit is 30 days). */
    public Duration callbackLinkTtl() {
        return config.getOptionalValue("quire.onlyoffice.callback-link-ttl", String.class).map(Duration::parse).orElse(Duration.ofDays(30));
    }

    /** How long an editor-session lock lives without a status-1 or force-save callback refreshing it. */
    public Duration sessionLockTtl() {
        return config.getOptionalValue("quire.onlyoffice.session-ttl", String.class).map(Duration::parse).orElse(Duration.ofHours(24));
    }

    /**
     * The key of Quire's own signed links (document.url, callbackUrl): created once and kept in the database, so that
     * every node of a cluster and every restart agree; independent of the Document Server's secret, whatever its length.
     */
    byte[] linkKey() {
        byte[] key = linkKey;
        if (key == null) {
            key = secrets.getOrCreate(LINK_KEY_NAME, 32);
            linkKey = key;
        }
        return key.clone();
    }

    private static String withSlash(String url) {
        return url.endsWith("/") ? url : url + "/";
    }
}

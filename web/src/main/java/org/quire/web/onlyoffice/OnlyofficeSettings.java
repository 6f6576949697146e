package org.quire.web.onlyoffice;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;
import org.quire.platform.QuireConfig;
import org.quire.settings.SettingKey;
import org.quire.settings.SettingsService;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The ONLYOFFICE API route's configuration, read in one place (keys in docs/OPERATIONS.md). The settings an
 * administrator may change at run time (URLs, secret, JWT header, co-editing, force-save, editable formats) come
 * from {@link SettingsService} (database, else configuration, else default) on every call; the rest from
 * MicroProfile Config. The secret is never logged or returned.
 */
@ApplicationScoped
public class OnlyofficeSettings {

    private static final Logger LOG = Logger.getLogger(OnlyofficeSettings.class.getName());

    /** jjwt refuses HS256 keys shorter than 256 bits (RFC 7518 §3.2). */
    static final int MIN_SECRET_BYTES = SettingKey.MIN_SECRET_BYTES;

    @Inject
    Config config;

    @Inject
    QuireConfig quire;

    @Inject
    SettingsService settings;

    private final byte[] randomLinkKey = new byte[32];
    /** The link key and the secret it was derived from: derived again when the secret changes. */
    private volatile DerivedKey derived;

    private record DerivedKey(byte[] secret, byte[] key) {
    }

    void atStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        if (secret().isEmpty()) {
            LOG.warning("quire.onlyoffice.secret is not set: editor configs are unsigned and callbacks are accepted without a"
                    + " Document Server token. Set the Document Server's JWT secret for production use.");
        } else if (secret().get().length < MIN_SECRET_BYTES) {
            LOG.severe("quire.onlyoffice.secret is shorter than " + MIN_SECRET_BYTES + " bytes: HS256 tokens cannot be made or"
                    + " checked with it. Use a longer secret on the Document Server and in Quire.");
        }
    }

    @PostConstruct
    void init() {
        new SecureRandom().nextBytes(randomLinkKey);
    }

    /** The Document Server as browsers reach it (api.js). */
    public URI documentServerUrl() {
        return URI.create(withSlash(settings.value(SettingKey.ONLYOFFICE_URL).orElse(SettingKey.ONLYOFFICE_URL.defaultValue()).strip()));
    }

    /** The Document Server as Quire reaches it (server to server); defaults to the public URL. */
    public URI documentServerInternalUrl() {
        return settings.value(SettingKey.ONLYOFFICE_INTERNAL_URL).map(s -> URI.create(withSlash(s.strip()))).orElseGet(this::documentServerUrl);
    }

    /** Both Document Server addresses: the only origins a saved file is downloaded from. */
    public List<URI> documentServerOrigins() {
        return List.of(documentServerUrl(), documentServerInternalUrl());
    }

    /** The JWT secret shared with the Document Server; empty means JWT is off. */
    public Optional<byte[]> secret() {
        return Optional.ofNullable(settings.effective(SettingKey.ONLYOFFICE_SECRET).value()).filter(s -> !s.isEmpty())
                .map(s -> s.getBytes(StandardCharsets.UTF_8));
    }

    public String jwtHeader() {
        return settings.value(SettingKey.ONLYOFFICE_JWT_HEADER).map(String::strip).orElse("Authorization");
    }

    /** How Quire is reached by the Document Server and browsers, without a trailing slash. */
    public String publicUrl() {
        String url = quire.publicUrl();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
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
     * The key of Quire's own signed links (document.url, callbackUrl): derived from the JWT secret so that every
     * node of a cluster and every restart agree; without a secret, random per process (links die with it).
     */
    byte[] linkKey() {
        Optional<byte[]> secret = secret();
        if (secret.isEmpty()) {
            return randomLinkKey.clone();
        }
        DerivedKey d = derived;
        if (d == null || !java.security.MessageDigest.isEqual(d.secret(), secret.get())) {
            d = new DerivedKey(secret.get(), deriveLinkKey(secret.get()));
            derived = d;
        }
        return d.key().clone();
    }

    private static byte[] deriveLinkKey(byte[] secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal("quire-onlyoffice-links".getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String withSlash(String url) {
        return url.endsWith("/") ? url : url + "/";
    }
}

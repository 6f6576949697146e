package org.quire.settings;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;
import org.quire.settings.SettingKey;
import org.quire.settings.SettingsService;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

/**
 * The one reader of Quire's static configuration (MicroProfile Config: system properties, environment
 * in the {@code QUIRE_…} form, {@code microprofile-config.properties}). Keys and defaults are listed in
 * docs/OPERATIONS.md. The settings administrators may change at run time ({@link SettingKey}) are read through
 * {@link SettingsService}: the database value first, then the configuration, then the default.
 */
@ApplicationScoped
public class QuireConfig {

    public static final long DEFAULT_UPLOAD_MAX_BYTES = 2L * 1024 * 1024 * 1024;

    @Inject
    Config config;

    @Inject
    SettingsService settings;

    public Path dataDir() {
        return Path.of(config.getOptionalValue("quire.data-dir", String.class).orElse("./data")).toAbsolutePath().normalize();
    }

    /**
     * How often the database is backed up ({@code quire.backup.every}, ISO-8601 duration, or {@code off}); default
     * {@code PT24H} on the embedded default and off with a configured database (its own backups are the DBA's).
     * Empty: no scheduled backups.
     */
    public Optional<java.time.Duration> backupEvery(boolean embedded) {
        Optional<String> value = text("quire.backup.every");
        if (value.isEmpty()) {
            return embedded ? Optional.of(java.time.Duration.ofHours(24)) : Optional.empty();
        }
        if (value.get().equalsIgnoreCase("off")) {
            return Optional.empty();
        }
        java.time.Duration every = java.time.Duration.parse(value.get());
        if (every.compareTo(java.time.Duration.ofMinutes(1)) < 0) {
            throw new IllegalArgumentException("quire.backup.every must be at least PT1M (or off), not " + value.get());
        }
        return Optional.of(every);
    }

    /** Where database backups go ({@code quire.backup.dir}, default {@code <quire.data-dir>/backups}). */
    public Path backupDir() {
        return text("quire.backup.dir").map(Path::of).map(p -> p.toAbsolutePath().normalize()).orElse(dataDir().resolve("backups"));
    }

    /** How many backups are kept ({@code quire.backup.keep}, default 7, at least 1). */
    public int backupKeep() {
        return Math.max(1, config.getOptionalValue("quire.backup.keep", Integer.class).orElse(7));
    }

    /**
     * The usable space the content store's file system keeps free ({@code quire.storage.min-free-mb}, default 1024):
     * writes that would go below it are refused (507) instead of filling the disk the database shares.
     */
    public long storageMinFreeBytes() {
        return config.getOptionalValue("quire.storage.min-free-mb", Long.class).orElse(1024L) * 1024 * 1024;
    }

    public long uploadMaxBytes() {
        return settings.number(SettingKey.UPLOAD_MAX_BYTES);
    }

    public String adminLogin() {
        return config.getOptionalValue("quire.admin.login", String.class).orElse("admin");
    }

    public Optional<String> adminPassword() {
        return config.getOptionalValue("quire.admin.password", String.class).filter(s -> !s.isBlank());
    }

    /** How long a check-out lasts; unset (the default) means until check-in or force-unlock. */
    public Optional<java.time.Duration> checkoutTtl() {
        return config.getOptionalValue("quire.lock.checkout-ttl", String.class).filter(s -> !s.isBlank()).map(java.time.Duration::parse);
    }

    /** {@code quire.public-url}, or {@code http://localhost:8080} when unset. */
    public String publicUrl() {
        return configuredPublicUrl().orElse("http://localhost:8080");
    }

    /** {@code quire.public-url} as set (database or configuration); empty when unset. */
    public Optional<String> configuredPublicUrl() {
        return settings.value(SettingKey.PUBLIC_URL).map(String::strip);
    }
    /** How long a WOPI access token is valid ({@code quire.wopi.token-ttl}, ISO-8601 duration, default 10 hours). */
    public java.time.Duration wopiTokenTtl() {
        return config.getOptionalValue("quire.wopi.token-ttl", String.class).filter(s -> !s.isBlank())
                .map(java.time.Duration::parse).orElse(java.time.Duration.ofHours(10));
    }

    /** CIDR list of the networks allowed to call /wopi and /onlyoffice ({@code quire.trusted-networks}); empty = everyone. */
    public String trustedNetworks() {
        return settings.text(SettingKey.TRUSTED_NETWORKS);
    }

    /** CIDR list of reverse proxies whose {@code X-Forwarded-For} is believed ({@code quire.trusted-proxies}); empty = none. */
    public String trustedProxies() {
        return settings.text(SettingKey.TRUSTED_PROXIES);
    }

    /**
     * Whether files with {@code extension} may open for editing as far as the administrators' allow-list
     * ({@code quire.editable-formats}) goes; an empty list allows every format the editor can edit.
     */
    public boolean editableFormat(String extension) {
        String list = settings.text(SettingKey.EDITABLE_FORMATS).strip();
        if (list.isEmpty()) {
            return true;
        }
        if (extension == null) {
            return false;
        }
        String ext = extension.strip().toLowerCase(java.util.Locale.ROOT);
        for (String entry : list.split(",")) {
            String e = entry.strip().toLowerCase(java.util.Locale.ROOT);
            if ((e.startsWith(".") ? e.substring(1) : e).equals(ext)) {
                return true;
            }
        }
        return false;
    }

    /** The corporate directory, or empty when {@code quire.ldap.url} is not set (LDAP login off). */
    public Optional<Ldap> ldap() {
        Optional<String> url = text("quire.ldap.url");
        if (url.isEmpty()) {
            return Optional.empty();
        }
        Function<String, Optional<String>> key = suffix -> text("quire.ldap." + suffix);
        return Optional.of(new Ldap(url.get(),
                key.apply("bind-dn").orElse(null),
                key.apply("bind-password").orElse(null),
                key.apply("user-base").orElse(""),
                key.apply("user-filter").orElse(Ldap.DEFAULT_USER_FILTER),
                key.apply("login-attribute").orElse("uid"),
                key.apply("group-base").orElse(""),
                key.apply("group-filter").orElse(Ldap.DEFAULT_GROUP_FILTER),
                key.apply("group-name-attribute").orElse("cn"),
                key.apply("display-name-attribute").orElse("cn"),
                key.apply("mail-attribute").orElse("mail"),
                key.apply("admin-group").orElse(null),
                config.getOptionalValue("quire.ldap.connect-timeout-ms", Integer.class).orElse(Ldap.DEFAULT_TIMEOUT_MS),
                config.getOptionalValue("quire.ldap.read-timeout-ms", Integer.class).orElse(Ldap.DEFAULT_TIMEOUT_MS)));
    }

    private Optional<String> text(String key) {
        return config.getOptionalValue(key, String.class).map(String::strip).filter(s -> !s.isEmpty());
    }

    /**
     * The {@code quire.ldap.*} settings (docs/OPERATIONS.md, "Corporate directory"). Filters take their
     * placeholders as JNDI filter arguments, never by string concatenation. {@link #toString()} hides the password.
     */
    public record Ldap(String url, String bindDn, String bindPassword, String userBase, String userFilter,
                       String loginAttribute, String groupBase, String groupFilter, String groupNameAttribute,
                       String displayNameAttribute, String mailAttribute, String adminGroup,
                       int connectTimeoutMs, int readTimeoutMs) {

        public static final String DEFAULT_USER_FILTER = "(&(objectClass=inetOrgPerson)(uid={0}))";
        public static final String DEFAULT_GROUP_FILTER = "(&(objectClass=groupOfNames)(member={0}))";
        public static final int DEFAULT_TIMEOUT_MS = 5000;

        @Override
        public String toString() {
            return "Ldap[url=" + url + ", bindDn=" + bindDn + ", bindPassword=" + (bindPassword == null ? "(unset)" : "***")
                    + ", userBase=" + userBase + ", userFilter=" + userFilter + ", groupBase=" + groupBase
                    + ", groupFilter=" + groupFilter + ", adminGroup=" + adminGroup + "]";
        }
    }
}

package org.quire.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The one reader of Quire's static configuration (MicroProfile Config: system properties, environment
 * in the {@code QUIRE_…} form, {@code microprofile-config.properties}). Keys and defaults are listed in
 * docs/OPERATIONS.md.
 */
@ApplicationScoped
public class QuireConfig {

    public static final long DEFAULT_UPLOAD_MAX_BYTES = 2L * 1024 * 1024 * 1024;

    @Inject
    Config config;

    public Path dataDir() {
        return Path.of(config.getOptionalValue("quire.data-dir", String.class).orElse("./data")).toAbsolutePath().normalize();
    }

    public long uploadMaxBytes() {
        return config.getOptionalValue("quire.upload.max-bytes", Long.class).orElse(DEFAULT_UPLOAD_MAX_BYTES);
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

    public String publicUrl() {
        return config.getOptionalValue("quire.public-url", String.class).orElse("http://localhost:8080");
    }
}

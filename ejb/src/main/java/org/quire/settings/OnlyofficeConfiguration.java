package org.quire.settings;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Whether the ONLYOFFICE API route can work with the settings in force, and how it signs (docs/OPERATIONS.md,
 * "ONLYOFFICE"). The rule: a Document Server URL ({@code quire.onlyoffice.url}) is needed, and a secret
 * ({@code quire.onlyoffice.secret}, any length ≥ 1 byte, used exactly as given) unless an administrator switched
 * JWT off on purpose ({@code quire.onlyoffice.jwt=off}); a forgotten secret never means "JWT off". A secret
 * shorter than {@link SettingKey#STRONG_SECRET_BYTES} works but is weak, and JWT off works but is unprotected:
 * both are warnings (in the log once, in the console's settings and in check-connection), not errors.
 */
@ApplicationScoped
public class OnlyofficeConfiguration {

    static final String WEAK_SECRET = "The Document Server secret (quire.onlyoffice.secret) works, but is weak: use "
            + SettingKey.STRONG_SECRET_BYTES + "+ random bytes on the Document Server and here.";
    static final String JWT_OFF = "JWT is switched off (quire.onlyoffice.jwt=off): editor configs are unsigned and callbacks and"
            + " downloads are accepted without a Document Server token. Use it only while the Document Server has JWT disabled;"
            + " set the Document Server's secret in quire.onlyoffice.secret and quire.onlyoffice.jwt=on for production use.";
    static final String NO_URL = "ONLYOFFICE is not configured: set quire.onlyoffice.url to the Document Server's address as browsers"
            + " reach it (e.g. https://docs.example.org/) in the administration console's settings or the configuration.";
    static final String NO_SECRET = "ONLYOFFICE is not configured: set quire.onlyoffice.secret to the Document Server's JWT secret"
            + " (local.json services.CoAuthoring.secret, or JWT_SECRET of its Docker image), in the administration console's"
            + " settings or the configuration. Only if the Document Server has JWT disabled, set quire.onlyoffice.jwt=off instead.";
    private static final Logger LOG = Logger.getLogger(OnlyofficeConfiguration.class.getName());

    /** What the settings in force make of the route: a problem stops it, warnings do not. */
    public record State(Optional<String> problem, List<String> warnings, boolean jwt, Optional<byte[]> secret) {
    }

    @Inject
    SettingsService settings;

    /** The fingerprint of the last state warned about in the log, so each weak secret or JWT-off is logged once. */
    private volatile String warned = "";

    /** The rule itself, over the effective values (a blank URL or an empty secret counts as unset). */
    public static State evaluate(Optional<String> url, Optional<String> secret, String jwt) {
        boolean jwtOn = !"off".equals(jwt);
        Optional<byte[]> key = secret.filter(s -> !s.isEmpty()).map(s -> s.getBytes(StandardCharsets.UTF_8));
        List<String> warnings = new ArrayList<>();
        Optional<String> problem = Optional.empty();
        if (url.filter(u -> !u.isBlank()).isEmpty()) {
            problem = Optional.of(NO_URL);
        } else if (jwtOn && key.isEmpty()) {
            problem = Optional.of(NO_SECRET);
        }
        if (!jwtOn) {
            warnings.add(JWT_OFF);
        } else if (key.isPresent() && key.get().length < SettingKey.STRONG_SECRET_BYTES) {
            warnings.add(WEAK_SECRET);
        }
        return new State(problem, List.copyOf(warnings), jwtOn, jwtOn ? key : Optional.empty());
    }

    /** The state of the settings in force; a new warning is logged once. */
    public State state() {
        State state = evaluate(settings.value(SettingKey.ONLYOFFICE_URL),
                Optional.ofNullable(settings.effective(SettingKey.ONLYOFFICE_SECRET).value()), settings.text(SettingKey.ONLYOFFICE_JWT).strip());
        String fingerprint = fingerprint(state);
        if (!fingerprint.equals(warned)) {
            warned = fingerprint;
            state.problem().ifPresent(LOG::warning);
            state.warnings().forEach(LOG::warning);
        }
        return state;
    }

    /** The Document Server's address as browsers reach it; empty when unset. */
    public Optional<String> documentServerUrl() {
        return settings.value(SettingKey.ONLYOFFICE_URL).map(String::strip);
    }

    /**
     * The secret to sign and verify the Document Server's tokens with; empty only when JWT is off on purpose.
     * {@link OnlyofficeNotConfiguredException} when JWT is on and no secret is set.
     */
    public Optional<byte[]> secret() {
        State state = state();
        if (state.jwt() && state.secret().isEmpty()) {
            throw new OnlyofficeNotConfiguredException(NO_SECRET);
        }
        return state.secret();
    }

    /** {@link OnlyofficeNotConfiguredException} naming what to set, unless the route can work. */
    public void requireConfigured() {
        Optional<String> problem = state().problem();
        if (problem.isPresent()) {
            throw new OnlyofficeNotConfiguredException(problem.get());
        }
    }

    /** Identifies a state without holding the secret: which problem and warnings, and a hash of the secret. */
    private static String fingerprint(State state) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(state.secret().orElse(new byte[0]));
            return state.problem().orElse("") + "|" + state.warnings() + "|" + Arrays.hashCode(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

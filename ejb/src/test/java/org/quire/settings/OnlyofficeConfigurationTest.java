package org.quire.settings;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;

/** When the ONLYOFFICE route can work, how it signs, and what it warns about (docs/OPERATIONS.md, "ONLYOFFICE"). */
class OnlyofficeConfigurationTest {

    static final Optional<String> URL = Optional.of("https://docs.example.org/");
    static final String STRONG = "0123456789abcdef0123456789abcdef";

    @Test
    void aUrlAndAStrongSecretWorkWithoutWarning() {
        OnlyofficeConfiguration.State state = OnlyofficeConfiguration.evaluate(URL, Optional.of(STRONG), "on");
        assertThat(state.problem()).isEmpty();
        assertThat(state.warnings()).isEmpty();
        assertThat(state.jwt()).isTrue();
        assertThat(state.secret()).hasValueSatisfying(k -> assertThat(k).isEqualTo(STRONG.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aShortSecretWorksButIsWeak() {
        for (String secret : new String[]{"x", "my_jwt_secret", STRONG.substring(1)}) {
            OnlyofficeConfiguration.State state = OnlyofficeConfiguration.evaluate(URL, Optional.of(secret), "on");
            assertThat(state.problem()).as(secret).isEmpty();
            assertThat(state.secret()).as("used exactly as given").hasValueSatisfying(k -> assertThat(k).isEqualTo(secret.getBytes(StandardCharsets.UTF_8)));
            assertThat(state.warnings()).singleElement().asString().contains("works, but is weak: use 32+ random bytes on the Document Server and here")
                    .doesNotContain(secret);
        }
    }

    @Test
    void noUrlOrAForgottenSecretIsNotConfiguredAndSaysWhatToSet() {
        assertThat(OnlyofficeConfiguration.evaluate(Optional.empty(), Optional.of(STRONG), "on").problem()).hasValueSatisfying(p ->
                assertThat(p).contains("quire.onlyoffice.url"));
        assertThat(OnlyofficeConfiguration.evaluate(Optional.of(" "), Optional.of(STRONG), "on").problem()).isPresent();
        for (Optional<String> none : List.of(Optional.<String>empty(), Optional.of(""))) {
            OnlyofficeConfiguration.State state = OnlyofficeConfiguration.evaluate(URL, none, "on");
            assertThat(state.problem()).hasValueSatisfying(p -> assertThat(p).contains("quire.onlyoffice.secret").contains("quire.onlyoffice.jwt=off"));
            assertThat(state.jwt()).as("a forgotten secret never means JWT off").isTrue();
        }
    }

    @Test
    void jwtOffIsAnExplicitChoiceThatWorksWithAWarningAndIgnoresTheSecret() {
        OnlyofficeConfiguration.State off = OnlyofficeConfiguration.evaluate(URL, Optional.empty(), "off");
        assertThat(off.problem()).isEmpty();
        assertThat(off.jwt()).isFalse();
        assertThat(off.secret()).isEmpty();
        assertThat(off.warnings()).singleElement().asString().contains("quire.onlyoffice.jwt=off");
        assertThat(OnlyofficeConfiguration.evaluate(URL, Optional.of(STRONG), "off").secret()).as("off means unsigned").isEmpty();
        assertThat(OnlyofficeConfiguration.evaluate(Optional.empty(), Optional.empty(), "off").problem()).as("still needs a URL").isPresent();
    }

    @Test
    void aWeakSecretIsLoggedOnceNeverWithItsValueAndAgainOnlyWhenTheStateChanges() {
        SettingsServiceTest.Fixture settings = new SettingsServiceTest.Fixture();
        settings.configuration.put("quire.onlyoffice.url", "https://docs.example.org/");
        settings.configuration.put("quire.onlyoffice.secret", "my_jwt_secret");
        OnlyofficeConfiguration configuration = new OnlyofficeConfiguration();
        configuration.settings = settings;
        try (CapturedLog log = new CapturedLog(OnlyofficeConfiguration.class)) {
            for (int request = 0; request < 5; request++) {
                assertThat(configuration.secret()).isPresent();
            }
            assertThat(log.lines).singleElement().asString().contains("works, but is weak").doesNotContain("my_jwt_secret");

            settings.configuration.put("quire.onlyoffice.jwt", "off");
            configuration.state();
            configuration.state();
            assertThat(log.lines).hasSize(2);
            assertThat(log.lines.get(1)).contains("quire.onlyoffice.jwt=off");
        }
    }
}

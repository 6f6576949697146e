package org.quire.settings;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class SettingsServiceTest {

    /** A service over an in-memory "database" and "configuration", with a clock the test moves. */
    static final class Fixture extends SettingsService {
        final Map<String, String> database = new HashMap<>();
        final Map<String, String> configuration = new HashMap<>();
        final AtomicInteger loads = new AtomicInteger();
        Instant now = Instant.parse("2026-11-27T10:00:00Z");
        boolean databaseDown;
        Runnable whileLoading = () -> { };

        @Override
        Optional<String> configured(String key) {
            return Optional.ofNullable(configuration.get(key)).filter(s -> !s.isBlank());
        }

        @Override
        Map<String, String> load() {
            loads.incrementAndGet();
            if (databaseDown) {
                throw new IllegalStateException("database down");
            }
            Map<String, String> rows = new HashMap<>(database);
            whileLoading.run();
            return rows;
        }

        @Override
        Instant now() {
            return now;
        }
    }

    @Test
    void databaseBeatsConfigurationBeatsDefault() {
        Fixture s = new Fixture();
        assertThat(s.effective(SettingKey.ONLYOFFICE_JWT_HEADER)).isEqualTo(new SettingsService.Effective(SettingKey.ONLYOFFICE_JWT_HEADER, "Authorization", SettingsService.Source.DEFAULT));
        s.configuration.put("quire.onlyoffice.jwt-header", "AuthorizationJwt");
        assertThat(s.effective(SettingKey.ONLYOFFICE_JWT_HEADER).source()).isEqualTo(SettingsService.Source.CONFIG);
        assertThat(s.text(SettingKey.ONLYOFFICE_JWT_HEADER)).isEqualTo("AuthorizationJwt");
        s.database.put("quire.onlyoffice.jwt-header", "X-Doc-Token");
        s.changed();
        assertThat(s.effective(SettingKey.ONLYOFFICE_JWT_HEADER)).isEqualTo(new SettingsService.Effective(SettingKey.ONLYOFFICE_JWT_HEADER, "X-Doc-Token", SettingsService.Source.DATABASE));
        s.database.remove("quire.onlyoffice.jwt-header");
        s.changed();
        assertThat(s.text(SettingKey.ONLYOFFICE_JWT_HEADER)).as("removed from the database: the configuration again").isEqualTo("AuthorizationJwt");
    }

    @Test
    void anEmptyDatabaseValueOverridesTheConfigurationWithUnset() {
        Fixture s = new Fixture();
        s.configuration.put("quire.trusted-networks", "10.0.0.0/8");
        s.database.put("quire.trusted-networks", "");
        assertThat(s.effective(SettingKey.TRUSTED_NETWORKS).source()).isEqualTo(SettingsService.Source.DATABASE);
        assertThat(s.text(SettingKey.TRUSTED_NETWORKS)).isEmpty();
        assertThat(s.value(SettingKey.PUBLIC_URL)).as("no default").isEmpty();
        assertThat(s.effective(SettingKey.PUBLIC_URL).source()).isEqualTo(SettingsService.Source.DEFAULT);
    }

    @Test
    void rowsReadWhileAChangeCommittedAreReadAgainAtTheNextRead() {
        Fixture s = new Fixture();
        s.whileLoading = () -> {
            s.database.put("quire.collaboration.mode", "strict"); // committed here after the rows were read
            s.changed();
        };
        assertThat(s.text(SettingKey.COLLABORATION_MODE)).as("the rows read before the commit").isEqualTo("fast");
        s.whileLoading = () -> { };
        assertThat(s.text(SettingKey.COLLABORATION_MODE)).as("not kept for " + SettingsService.REFRESH).isEqualTo("strict");
    }

    @Test
    void rowsAreReadAtMostEveryFiveSecondsUnlessChangedHere() {
        Fixture s = new Fixture();
        s.text(SettingKey.COLLABORATION_MODE);
        s.text(SettingKey.FORCE_SAVE);
        assertThat(s.loads.get()).isEqualTo(1);
        s.database.put("quire.collaboration.mode", "strict"); // written by another node
        s.now = s.now.plus(SettingsService.REFRESH).minusMillis(1);
        assertThat(s.text(SettingKey.COLLABORATION_MODE)).as("not yet re-read").isEqualTo("fast");
        s.now = s.now.plusMillis(1);
        assertThat(s.text(SettingKey.COLLABORATION_MODE)).as("in force within " + SettingsService.REFRESH).isEqualTo("strict");
        assertThat(s.loads.get()).isEqualTo(2);
        s.database.put("quire.collaboration.mode", "fast");
        s.changed(); // written on this node
        assertThat(s.text(SettingKey.COLLABORATION_MODE)).isEqualTo("fast");
        assertThat(s.loads.get()).isEqualTo(3);
    }

    @Test
    void theLastRowsReadStayWhenTheDatabaseFails() {
        Fixture s = new Fixture();
        s.database.put("quire.collaboration.mode", "strict");
        assertThat(s.text(SettingKey.COLLABORATION_MODE)).isEqualTo("strict");
        s.databaseDown = true;
        s.now = s.now.plus(Duration.ofMinutes(1));
        assertThat(s.text(SettingKey.COLLABORATION_MODE)).isEqualTo("strict");
        s.text(SettingKey.COLLABORATION_MODE);
        assertThat(s.loads.get()).as("not retried at every read").isEqualTo(2);
    }

    @Test
    void anOutageIsLoggedOnceAndTheRecoveryOnce() {
        Fixture s = new Fixture();
        try (CapturedLog log = new CapturedLog(SettingsService.class)) {
            s.databaseDown = true;
            for (int i = 0; i < 4; i++) {
                s.now = s.now.plus(SettingsService.REFRESH);
                s.text(SettingKey.COLLABORATION_MODE);
            }
            assertThat(s.loads.get()).as("tried at each refresh").isEqualTo(4);
            assertThat(log.lines).hasSize(1).first().asString().startsWith("WARNING The settings could not be read");
            s.databaseDown = false;
            s.database.put("quire.collaboration.mode", "strict");
            s.now = s.now.plus(SettingsService.REFRESH);
            assertThat(s.text(SettingKey.COLLABORATION_MODE)).isEqualTo("strict");
            assertThat(log.lines).hasSize(2).last().asString().startsWith("INFO The settings are read from the database again");
        }
    }

    @Test
    void aDatabaseThatCannotOpenIsNotQueriedAndTheConfigurationIsInForce() {
        Fixture s = new Fixture();
        s.databaseDown = true;
        s.configuration.put("quire.collaboration.mode", "strict");
        s.databaseCannotOpen();
        for (int i = 0; i < 3; i++) {
            s.now = s.now.plus(SettingsService.REFRESH);
            assertThat(s.text(SettingKey.COLLABORATION_MODE)).isEqualTo("strict");
        }
        assertThat(s.loads.get()).isZero();
    }

    @Test
    void typedReadsFallBackToTheDefaultOnABadConfiguredValue() {
        Fixture s = new Fixture();
        s.configuration.put("quire.upload.max-bytes", "lots");
        s.configuration.put("quire.collaboration.change", "perhaps");
        assertThat(s.number(SettingKey.UPLOAD_MAX_BYTES)).isEqualTo(2L * 1024 * 1024 * 1024);
        assertThat(s.bool(SettingKey.COLLABORATION_CHANGE)).isTrue();
        s.database.put("quire.upload.max-bytes", "1024");
        s.changed();
        assertThat(s.number(SettingKey.UPLOAD_MAX_BYTES)).isEqualTo(1024);
    }

    @Test
    void aSecretsValueIsNeverInTheViews() {
        Fixture s = new Fixture();
        assertThat(s.views()).filteredOn(v -> v.key().equals("quire.onlyoffice.secret")).singleElement()
                .satisfies(v -> assertThat(v.set()).isFalse());
        s.configuration.put("quire.onlyoffice.secret", "a-secret-that-is-long-enough-0123456789");
        assertThat(s.views()).filteredOn(v -> v.key().equals("quire.onlyoffice.secret")).singleElement()
                .satisfies(v -> {
                    assertThat(v.value()).isNull();
                    assertThat(v.set()).isTrue();
                    assertThat(v.secret()).isTrue();
                    assertThat(v.source()).isEqualTo("config");
                });
        assertThat(s.views().toString()).doesNotContain("a-secret-that-is-long-enough");
        assertThat(s.effective(SettingKey.ONLYOFFICE_SECRET).toString()).doesNotContain("a-secret-that-is-long-enough");
        assertThat(s.views()).hasSize(SettingKey.values().length);
    }
}

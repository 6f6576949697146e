package org.quire.admin;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class DatabaseBackupsTest {

    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");
    private static final Duration DAY = Duration.ofHours(24);

    @Test
    void theFirstBackupOfAnInstallationComesSoonAfterTheStart() {
        assertThat(DatabaseBackups.firstDelay(Optional.empty(), NOW, DAY)).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void aRestartDoesNotPostponeTheNextBackup() {
        assertThat(DatabaseBackups.firstDelay(Optional.of(NOW.minus(Duration.ofHours(20))), NOW, DAY)).isEqualTo(Duration.ofHours(4));
    }

    @Test
    void anOverdueBackupRunsSoonAfterTheStart() {
        assertThat(DatabaseBackups.firstDelay(Optional.of(NOW.minus(Duration.ofDays(3))), NOW, DAY)).isEqualTo(Duration.ofMinutes(2));
    }
}

package org.quire.platform;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Quire stores times as UTC {@link LocalDateTime} (portable across H2 and PostgreSQL) and shows them as ISO-8601 UTC. */
public final class Times {

    private Times() {
    }

    public static LocalDateTime now(Clock clock) {
        return LocalDateTime.now(clock.withZone(ZoneOffset.UTC));
    }

    public static OffsetDateTime utc(LocalDateTime stored) {
        return stored == null ? null : stored.atOffset(ZoneOffset.UTC);
    }
}

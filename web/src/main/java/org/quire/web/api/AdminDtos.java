package org.quire.web.api;

import org.quire.admin.AdminLocks;
import org.quire.admin.DatabaseBackups;
import org.quire.admin.StorageFigures;
import org.quire.admin.TrashAdmin;
import org.quire.content.Scrub;
import org.quire.database.DatabaseBackup;
import org.quire.identity.Group;
import org.quire.identity.User;
import org.quire.platform.Times;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

/** JSON shapes of the admin operations API (/api/v1/admin: locks, sessions, users, groups, trash, storage, scrub). */
public final class AdminDtos {

    private AdminDtos() {
    }

    public record AdminLockDto(String documentId, String name, String path, String kind, String holder, String lockId,
                               OffsetDateTime acquired, OffsetDateTime expires) {
        static AdminLockDto of(AdminLocks.LockRow row) {
            var l = row.lock();
            return new AdminLockDto(row.documentId(), row.name(), row.path(), l.kind().name(), l.holder(), l.lockId(),
                    Times.utc(l.acquired()), Times.utc(l.expires()));
        }
    }

    /**
     * A login or a client address whose failed sign-ins delay or lock it ({@code kind} login or address);
     * {@code retryAfter}: seconds until it may try again (0: now), {@code lockedUntil} null when not locked.
     */
    public record SignInFailuresDto(String kind, String subject, int failures, OffsetDateTime firstFailure, OffsetDateTime lastFailure,
                                    OffsetDateTime lockedUntil, long retryAfter) {
        static SignInFailuresDto of(org.quire.identity.SignInRules.Failures f, boolean locked, long retryAfter) {
            return new SignInFailuresDto(f.kind(), f.subject(), f.failures(), Times.utc(f.firstFailure()), Times.utc(f.lastFailure()),
                    locked ? Times.utc(f.lockedUntil()) : null, retryAfter);
        }
    }

    /** A force-unlock's answer: the lock that was removed. */
    public record UnlockedDto(String documentId, String kind, String previousHolder, OffsetDateTime acquired) {
    }

    public record SessionDto(String documentId, String name, String path, String key, List<String> users, String message) {
    }

    public record CommandDto(String documentId, String key) {
    }

    public record DropDto(List<String> users) {
    }

    public record AdminUserDto(String id, String login, String displayName, String email, Set<String> groups, Set<String> roles,
                               boolean admin, boolean disabled, String origin, OffsetDateTime created) {
        static AdminUserDto of(User u) {
            return new AdminUserDto(u.getPublicId(), u.getLogin(), u.getDisplayName(), u.getEmail(), u.getGroupNames(), u.getRoles(),
                    u.getRoles().contains(org.quire.platform.Roles.ADMIN), u.isDisabled(), u.getOrigin().name(), Times.utc(u.getCreated()));
        }
    }

    public record UserPatchDto(String displayName, String email, Boolean disabled, Boolean admin, List<String> groups) {
    }

    public record AdminGroupDto(String id, String name, String origin, int members, Set<String> logins) {
        static AdminGroupDto of(Group g) {
            return new AdminGroupDto(g.getPublicId(), g.getName(), g.getOrigin().name(), g.memberCount(), g.memberLogins());
        }
    }

    public record TrashItemDto(String type, String id, String name, String path, OffsetDateTime trashedAt, String trashedBy, Long size) {
        static TrashItemDto of(TrashAdmin.TrashItem i) {
            return new TrashItemDto(i.kind() == TrashAdmin.Kind.DOCUMENT ? "document" : "folder", i.id(), i.name(), i.path(),
                    Times.utc(i.trashedAt()), i.trashedBy(), i.size());
        }
    }

    public record PurgedDto(String type, String id, String name, int documents, int folders, int versions, int blobsDeleted) {
        static PurgedDto of(TrashAdmin.Purged p) {
            return new PurgedDto(p.kind() == TrashAdmin.Kind.DOCUMENT ? "document" : "folder", p.id(), p.name(), p.documents(),
                    p.folders(), p.versions(), p.blobsDeleted());
        }
    }

    public record StorageDto(long blobs, long bytes, long versions, long referencedBytes, double dedupRatio, long usableBytes, long minFreeBytes) {
        static StorageDto of(StorageFigures.Figures f) {
            return new StorageDto(f.blobs(), f.bytes(), f.versions(), f.referencedBytes(), f.dedupRatio(), f.usableBytes(), f.minFreeBytes());
        }
    }

    public record ScrubDto(String state, long checked, long total, List<String> corrupt, List<String> missing,
                           OffsetDateTime started, OffsetDateTime finished) {
        static final ScrubDto IDLE = new ScrubDto("idle", 0, 0, List.of(), List.of(), null, null);

        static ScrubDto of(Scrub.Report r) {
            return new ScrubDto(r.state() == Scrub.State.RUNNING ? "running" : "done", r.checked(), r.total(), r.corrupt(), r.missing(),
                    utc(r.started()), utc(r.finished()));
        }

        private static OffsetDateTime utc(Instant instant) {
            return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
        }
    }

    /** One database backup: its folder name, when, the schema version, rows, blobs it references and its own size. */
    public record BackupDto(String name, OffsetDateTime created, String schemaVersion, long rows, long blobs, long blobBytes, long bytes) {
        static BackupDto of(DatabaseBackup.Summary s) {
            return new BackupDto(s.name(), s.created().atOffset(ZoneOffset.UTC), s.schemaVersion(), s.rows(), s.blobs(), s.blobBytes(), s.bytes());
        }
    }

    /** {@code every}: ISO-8601 duration of the schedule, null when off; {@code last}: the newest backup or null. */
    public record BackupsDto(String every, String directory, int keep, boolean running, BackupDto last, List<BackupDto> backups,
                             OffsetDateTime lastFailureAt, String lastFailure, OffsetDateTime next, String scheduleProblem) {
        static BackupsDto of(DatabaseBackups.State s) {
            List<BackupDto> all = s.backups().stream().map(BackupDto::of).toList();
            return new BackupsDto(s.every().map(Object::toString).orElse(null), s.directory().toString(), s.keep(), s.running(),
                    all.isEmpty() ? null : all.get(0), all,
                    s.lastFailure() == null ? null : s.lastFailure().at().atOffset(ZoneOffset.UTC),
                    s.lastFailure() == null ? null : s.lastFailure().message(),
                    s.next() == null ? null : s.next().atOffset(ZoneOffset.UTC), s.scheduleProblem());
        }
    }
}

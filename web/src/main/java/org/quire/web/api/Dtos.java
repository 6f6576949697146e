package org.quire.web.api;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.quire.identity.Group;
import org.quire.identity.User;
import org.quire.lock.LockKind;
import org.quire.platform.Times;
import org.quire.tree.Document;
import org.quire.tree.Folder;
import org.quire.version.DocumentVersion;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;

/** The JSON shapes of the REST API (DESIGN.md, "JSON shapes"). */
public final class Dtos {

    private Dtos() {
    }

    public record ErrorDto(String error, String message) {
    }

    public record PageDto<T>(List<T> items, long total) {
    }

    /** A document wherever it appears; {@code locked}/{@code lockKind} summarise its live lock (kind null when unlocked). */
    public record DocumentDto(String id, String name, String folderId, int version, long size, String sha256, String mimeType,
                              String owner, OffsetDateTime created, OffsetDateTime modified, boolean trashed,
                              boolean locked, LockKind lockKind) {
        /** Use {@link DocumentShapes}, which finds the lock summary; {@code lock} is null when the document is unlocked. */
        static DocumentDto of(Document d, LockKind lock) {
            return new DocumentDto(d.getPublicId(), d.getName(), d.getFolder().getPublicId(), d.getCurrentVersion(), d.getSize(),
                    d.getSha256(), d.getMimeType(), d.getOwner(), Times.utc(d.getCreated()), Times.utc(d.getModified()),
                    !d.isLive(), lock != null, lock);
        }
    }

    public record FolderDto(String id, String name, String parentId, String owner, OffsetDateTime created,
                            OffsetDateTime modified, boolean root, boolean trashed) {
        public static FolderDto of(Folder f) {
            return new FolderDto(f.getPublicId(), f.getName(), f.isRoot() ? null : f.getParent().getPublicId(), f.getOwner(),
                    Times.utc(f.getCreated()), Times.utc(f.getModified()), f.isRoot(), f.isInTrash());
        }
    }

    /**
     * One entry of a folder listing: {@code type} is {@code folder} or {@code document}. A document entry carries the
     * whole document shape ({@link DocumentDto}); a folder entry leaves the document-only fields out (null).
     */
    public record ChildDto(String type, String id, String name, String folderId, Integer version, Long size, String sha256,
                           String mimeType, String owner, OffsetDateTime created, OffsetDateTime modified, boolean trashed,
                           Boolean locked, LockKind lockKind) {
        public static ChildDto of(Folder f) {
            return new ChildDto("folder", f.getPublicId(), f.getName(), f.isRoot() ? null : f.getParent().getPublicId(), null, null,
                    null, null, f.getOwner(), Times.utc(f.getCreated()), Times.utc(f.getModified()), f.isInTrash(), null, null);
        }

        public static ChildDto of(DocumentDto d) {
            return new ChildDto("document", d.id(), d.name(), d.folderId(), d.version(), d.size(), d.sha256(), d.mimeType(),
                    d.owner(), d.created(), d.modified(), d.trashed(), d.locked(), d.lockKind());
        }
    }

    public record VersionDto(int number, long size, String sha256, String author, String source, OffsetDateTime created, String comment) {
        public static VersionDto of(DocumentVersion v) {
            return new VersionDto(v.getNumber(), v.getSize(), v.getSha256(), v.getAuthor(), v.getSource().name(),
                    Times.utc(v.getCreated()), v.getComment());
        }
    }

    public record UserDto(String id, String login, String displayName, String email, Set<String> groups, Set<String> roles,
                          String homeFolderId) {
        public static UserDto of(User u) {
            return new UserDto(u.getPublicId(), u.getLogin(), u.getDisplayName(), u.getEmail(), u.getGroupNames(), u.getRoles(),
                    u.getHomeFolder() == null ? null : u.getHomeFolder().getPublicId());
        }
    }

    public record GroupDto(String id, String name, int members) {
        public static GroupDto of(Group g) {
            return new GroupDto(g.getPublicId(), g.getName(), g.memberCount());
        }
    }

    public record NewUserDto(@NotBlank(message = "login is required") @Size(max = 64) String login,
                             @Size(max = 255) String displayName,
                             @Size(max = 320) String email,
                             @NotNull(message = "password is required") @Size(max = 1024) String password,
                             @Size(max = 100) List<@NotBlank String> groups,
                             Boolean admin) {
    }

    public record NewGroupDto(@NotBlank(message = "name is required") @Size(max = 128) String name) {
    }

    public record NewFolderDto(@NotBlank(message = "parentId is required") String parentId,
                               @NotNull(message = "name is required") String name) {
    }

    /** PATCH body: a new name, a new folder, or both. */
    public record PatchDto(String name, String folderId) {
        @AssertTrue(message = "name and/or folderId is required")
        public boolean isChange() {
            return name != null || folderId != null;
        }
    }
}

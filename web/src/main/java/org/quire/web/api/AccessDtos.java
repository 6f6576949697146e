package org.quire.web.api;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.quire.acl.AclRule;
import org.quire.acl.AclService;
import org.quire.acl.Permission;
import org.quire.identity.Caller;
import org.quire.lock.LockView;
import org.quire.platform.Times;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** JSON shapes of ACLs, permissions and locks (DESIGN.md): shared by the folder and document resources. */
public final class AccessDtos {

    private AccessDtos() {
    }

    public record EntryDto(String principal, String role, Set<String> permissions, String effect, String inheritedFrom) {
        static EntryDto of(AclRule r, String from) {
            return new EntryDto(r.principal(), r.role() == null ? null : r.role().jsonName(),
                    r.permissions().stream().map(Enum::name).collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new)),
                    r.effect().name().toLowerCase(java.util.Locale.ROOT), from);
        }

        AclRule toRule() {
            return AclRule.parse(principal, role, role == null ? permissions : null, effect);
        }
    }

    public record AclDto(boolean inherit, List<EntryDto> entries, List<EntryDto> inherited) {
        static AclDto of(AclService.Acl acl) {
            return new AclDto(acl.inherit(), acl.entries().stream().map(r -> EntryDto.of(r, null)).toList(),
                    acl.inherited().stream().map(i -> EntryDto.of(i.rule(), i.fromFolderId())).toList());
        }
    }

    /** PUT body: {@code copyInherited} keeps the inherited entries as own ones when inheritance is broken. */
    public record AclChangeDto(Boolean inherit, @NotNull(message = "entries is required") @Size(max = AclService.MAX_ENTRIES) List<@NotNull EntryDto> entries,
                               Boolean copyInherited) {
    }

    public record PermissionsDto(Set<Permission> permissions) {
    }

    public record LockDto(boolean locked, String kind, String holder, String lockId, OffsetDateTime acquired, OffsetDateTime expires) {
        static LockDto of(Optional<LockView> lock, String caller, boolean admin) {
            return lock.map(l -> new LockDto(true, l.kind().name(), l.holder(), caller.equals(l.holder()) || admin ? l.lockId() : null,
                    Times.utc(l.acquired()), Times.utc(l.expires()))).orElse(new LockDto(false, null, null, null, null, null));
        }
    }


    static AclDto acl(AclService.Acl acl) {
        return AclDto.of(acl);
    }

    static List<AclRule> rules(AclChangeDto body) {
        return body.entries().stream().map(EntryDto::toRule).toList();
    }

    static LockDto lock(Optional<LockView> lock, Caller caller) {
        return LockDto.of(lock, caller.login(), caller.isAdmin());
    }
}

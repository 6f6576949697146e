package org.quire.acl;

import org.quire.platform.InvalidInputException;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One access rule: who ({@code user:<login>}, {@code group:<name>}, {@code everyone}, {@code owner}), which
 * permissions (given as a role or as a set), allow or deny. Immutable; validated on construction.
 */
public record AclRule(String principal, Role role, Set<Permission> permissions, Effect effect) {

    public static final String EVERYONE = "everyone";
    public static final String OWNER = "owner";
    private static final Pattern PRINCIPAL = Pattern.compile("(user|group):[^\\s:][^:]{0,254}|everyone|owner");

    public AclRule {
        if (principal == null || !PRINCIPAL.matcher(principal).matches()) {
            throw new InvalidInputException("invalid_acl", "A principal is user:<login>, group:<name>, everyone or owner; got '" + principal + "'.");
        }
        if (effect == null) {
            throw new InvalidInputException("invalid_acl", "An entry needs an effect: allow or deny.");
        }
        if (role != null) {
            permissions = role.permissions();
        } else if (permissions == null || permissions.isEmpty()) {
            throw new InvalidInputException("invalid_acl", "An entry needs a role or a non-empty permission set.");
        } else {
            permissions = EnumSet.copyOf(permissions);
        }
        permissions = Set.copyOf(permissions);
    }

    public static AclRule of(String principal, Role role, Effect effect) {
        return new AclRule(principal, role, null, effect);
    }

    public static AclRule of(String principal, Set<Permission> permissions, Effect effect) {
        return new AclRule(principal, null, permissions, effect);
    }

    /** Parses the API's names: role {@code viewer…manager}, permissions {@code READ…}, effect {@code allow|deny}. */
    public static AclRule parse(String principal, String role, Set<String> permissions, String effect) {
        Role r = null;
        if (role != null) {
            try {
                r = Role.valueOf(role.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("invalid_acl", "Unknown role '" + role + "': viewer, commenter, reviewer, editor or manager.");
            }
        }
        Set<Permission> set = null;
        if (permissions != null && !permissions.isEmpty()) {
            if (r != null) {
                throw new InvalidInputException("invalid_acl", "Give an entry a role or permissions, not both.");
            }
            set = EnumSet.noneOf(Permission.class);
            for (String p : permissions) {
                try {
                    set.add(Permission.valueOf(p.toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException | NullPointerException e) {
                    throw new InvalidInputException("invalid_acl", "Unknown permission '" + p + "'.");
                }
            }
        }
        Effect e;
        try {
            e = effect == null ? Effect.ALLOW : Effect.valueOf(effect.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException ex) {
            throw new InvalidInputException("invalid_acl", "Effect is allow or deny, not '" + effect + "'.");
        }
        return new AclRule(principal == null ? null : principal.strip(), r, set, e);
    }

    boolean matches(Subject subject, String itemOwner) {
        if (principal.equals(EVERYONE)) {
            return true;
        }
        if (principal.equals(OWNER)) {
            return subject.login().equals(itemOwner);
        }
        if (principal.startsWith("user:")) {
            return subject.login().equals(principal.substring(5));
        }
        return subject.groups().contains(principal.substring(6));
    }
}

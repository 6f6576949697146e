package org.quire.acl;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The evaluation rule, as a pure function (docs/ARCHITECTURE.md, "Access rights", has worked examples).
 * <p>
 * {@code levels} are the item's own entries followed by those of each ancestor, nearest first, ending where
 * inheritance is broken. For each permission, the nearest level holding an entry that matches the subject and
 * names the permission decides: a deny there wins over an allow there. So: explicit deny, explicit allow,
 * inherited deny, inherited allow — and nearer beats farther. No matching entry anywhere: no access.
 */
public final class AclEvaluator {

    private AclEvaluator() {
    }

    public static Set<Permission> effective(List<List<AclRule>> levels, Subject subject, String itemOwner) {
        EnumSet<Permission> granted = EnumSet.noneOf(Permission.class);
        for (Permission p : Permission.values()) {
            if (decide(levels, subject, itemOwner, p)) {
                granted.add(p);
            }
        }
        return granted;
    }

    static boolean decide(List<List<AclRule>> levels, Subject subject, String itemOwner, Permission permission) {
        for (List<AclRule> level : levels) {
            boolean allowed = false;
            for (AclRule rule : level) {
                if (rule.permissions().contains(permission) && rule.matches(subject, itemOwner)) {
                    if (rule.effect() == Effect.DENY) {
                        return false;
                    }
                    allowed = true;
                }
            }
            if (allowed) {
                return true;
            }
        }
        return false;
    }

    /** True when some level uses the {@code owner} principal, so the answer can differ between items of one folder. */
    public static boolean dependsOnOwner(List<List<AclRule>> levels) {
        return levels.stream().flatMap(List::stream).anyMatch(r -> r.principal().equals(AclRule.OWNER));
    }
}

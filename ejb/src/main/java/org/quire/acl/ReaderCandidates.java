package org.quire.acl;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Who might be allowed to read an item, read off its rule levels before anyone is evaluated: only a rule that
 * allows READ can make someone a reader, so the people it names (a login, a group's members, the owner, or —
 * for {@code everyone} — all users) are the only ones worth evaluating. Each candidate is then decided by
 * {@link AclEvaluator} (a nearer deny still wins). A pure function, so the question "who reads this?" costs
 * queries for the people an ACL names, not for every user, unless the ACL names {@code everyone}.
 */
public record ReaderCandidates(boolean everyone, Set<String> logins, Set<String> groups) {

    public ReaderCandidates {
        logins = Set.copyOf(logins);
        groups = Set.copyOf(groups);
    }

    public static ReaderCandidates of(List<List<AclRule>> levels, String itemOwner) {
        boolean everyone = false;
        Set<String> logins = new TreeSet<>();
        Set<String> groups = new TreeSet<>();
        for (List<AclRule> level : levels) {
            for (AclRule rule : level) {
                if (rule.effect() != Effect.ALLOW || !rule.permissions().contains(Permission.READ)) {
                    continue;
                }
                String p = rule.principal();
                if (p.equals(AclRule.EVERYONE)) {
                    everyone = true;
                } else if (p.equals(AclRule.OWNER)) {
                    if (itemOwner != null) {
                        logins.add(itemOwner);
                    }
                } else if (p.startsWith("user:")) {
                    logins.add(p.substring(5));
                } else {
                    groups.add(p.substring(6));
                }
            }
        }
        return new ReaderCandidates(everyone, logins, groups);
    }

    /** Whether the ACL lets nobody read (no allow rule names READ). */
    public boolean none() {
        return !everyone && logins.isEmpty() && groups.isEmpty();
    }

    /** The final word on one candidate: the evaluation rule itself, for a plain (non-administrator) subject. */
    public static boolean reads(List<List<AclRule>> levels, String login, Set<String> groupNames, String itemOwner) {
        return AclEvaluator.decide(levels, new Subject(login, groupNames, false), itemOwner, Permission.READ);
    }
}

package org.quire.identity;

import java.util.Collection;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

/**
 * How a user's memberships in directory (LDAP-origin) groups must change so that they equal what the
 * directory says: the groups to join and the groups to leave. Built-in groups are not part of either side.
 */
record MembershipChange(Set<String> added, Set<String> removed) {

    /** Longest directory group name Quire takes over (so that {@code group:<name>} fits ACL and audit columns). */
    static final int MAX_NAME_LENGTH = 200;

    MembershipChange {
        added = Collections.unmodifiableSet(new TreeSet<>(added));
        removed = Collections.unmodifiableSet(new TreeSet<>(removed));
    }

    /**
     * @param current the names of the directory groups the user belongs to in Quire now
     * @param wanted  the group names the directory reported (blank and over-long names are ignored)
     */
    static MembershipChange between(Set<String> current, Collection<String> wanted) {
        Set<String> target = usable(wanted);
        Set<String> added = new TreeSet<>(target);
        added.removeAll(current);
        Set<String> removed = new TreeSet<>(current);
        removed.removeAll(target);
        return new MembershipChange(added, removed);
    }

    /** The names Quire can store: stripped, not blank, at most {@value #MAX_NAME_LENGTH} characters. */
    static Set<String> usable(Collection<String> names) {
        Set<String> usable = new TreeSet<>();
        if (names != null) {
            for (String name : names) {
                String n = name == null ? "" : name.strip();
                if (!n.isEmpty() && n.length() <= MAX_NAME_LENGTH) {
                    usable.add(n);
                }
            }
        }
        return usable;
    }

    boolean isEmpty() {
        return added.isEmpty() && removed.isEmpty();
    }
}

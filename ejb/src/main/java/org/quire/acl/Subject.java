package org.quire.acl;

import java.util.Set;

/** Who is asking: a login and the names of the groups the user belongs to. */
public record Subject(String login, Set<String> groups, boolean admin) {

    public Subject {
        groups = Set.copyOf(groups);
    }
}

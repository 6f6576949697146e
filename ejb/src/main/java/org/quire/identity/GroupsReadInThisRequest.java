package org.quire.identity;

import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.enterprise.context.RequestScoped;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The group names of the users {@link IdentityService#findByLogin} read during this request, so that the access rules
 * need no second look-up of the caller's groups (the authentication has just read them with the user). As fresh as
 * that read: a membership change counts on the next request, as it did with a query of its own. Outside a request
 * (timers, start-up) nothing is remembered and callers query.
 */
@RequestScoped
public class GroupsReadInThisRequest {

    private final Map<String, Set<String>> byLogin = new HashMap<>();

    void remember(User user) {
        byLogin.put(user.getLogin(), user.getGroups().stream().map(Group::getName).collect(Collectors.toUnmodifiableSet()));
    }

    public Optional<Set<String>> of(String login) {
        return Optional.ofNullable(byLogin.get(login));
    }

    /** {@link #remember} that does nothing outside a request. */
    static void rememberIfActive(GroupsReadInThisRequest groups, User user) {
        try {
            groups.remember(user);
        } catch (ContextNotActiveException e) {
            // no request: nothing to remember
        }
    }

    /** {@link #of} that is empty outside a request. */
    public static Optional<Set<String>> ofIfActive(GroupsReadInThisRequest groups, String login) {
        try {
            return groups.of(login);
        } catch (ContextNotActiveException e) {
            return Optional.empty();
        }
    }
}

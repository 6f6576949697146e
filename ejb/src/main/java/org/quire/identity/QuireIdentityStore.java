package org.quire.identity;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * The built-in identity store (Jakarta Security). PBKDF2 is deliberately slow, and HTTP Basic presents the
 * password on every request, so a successful check is remembered for a minute ({@link RememberedLogins}: an
 * HMAC under a key that exists only in this process's memory); a wrong password is never cached.
 * Asked first (priority {@value #PRIORITY}); the directory ({@link LdapIdentityStore}) comes after it.
 */
@ApplicationScoped
public class QuireIdentityStore implements IdentityStore {

    static final int PRIORITY = 100;
    static final Duration REMEMBER = RememberedLogins.DEFAULT_TTL;

    @Inject
    IdentityService identities;

    @Inject
    Clock clock;

    private final RememberedLogins remembered = new RememberedLogins(REMEMBER);

    @Override
    public int priority() {
        return PRIORITY;
    }

    @Override
    public CredentialValidationResult validate(Credential credential) {
        if (!(credential instanceof UsernamePasswordCredential upc)) {
            return CredentialValidationResult.NOT_VALIDATED_RESULT;
        }
        String login = upc.getCaller();
        char[] password = upc.getPassword().getValue();
        Instant now = clock.instant();
        Optional<RememberedLogins.Identity> hit = remembered.recall(login, password, now);
        if (hit.isPresent()) {
            return new CredentialValidationResult(login, hit.get().roles());
        }
        Optional<User> user = identities.authenticate(login, password);
        if (user.isEmpty()) {
            remembered.forget(login);
            return CredentialValidationResult.INVALID_RESULT;
        }
        Set<String> roles = Set.copyOf(user.get().getRoles());
        remembered.remember(login, password, new RememberedLogins.Identity(login, roles), now);
        return new CredentialValidationResult(login, roles);
    }

    /** Drops what this node remembers of {@code login}: its next request is checked against the store again. */
    public void forget(String login) {
        remembered.forget(login);
    }
}

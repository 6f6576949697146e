package org.quire.identity;

import jakarta.ejb.EJBException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import org.quire.platform.QuireException;
import org.quire.settings.QuireConfig;

import javax.naming.NamingException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The corporate directory as a Jakarta Security identity store, asked after the built-in store (priority
 * {@value #PRIORITY}). Off unless {@code quire.ldap.url} is set. A successful check ({@link LdapDirectory})
 * mirrors the person into Quire ({@link DirectorySync}: user row, directory groups usable as ACL principals)
 * and gives the roles of that row: {@code dms-user}, plus {@code dms-admin} for members of
 * {@code quire.ldap.admin-group}.
 * Like the built-in store it remembers a success for a minute ({@link RememberedLogins}), so HTTP Basic does
 * not cost an LDAP round trip per request; group changes in the directory show after at most that minute.
 */
@ApplicationScoped
public class LdapIdentityStore implements IdentityStore {

    static final int PRIORITY = 200;
    private static final int SYNC_ATTEMPTS = 3;
    private static final Logger LOG = Logger.getLogger(LdapIdentityStore.class.getName());

    @Inject
    QuireConfig config;

    @Inject
    DirectorySync directorySync;

    @Inject
    Clock clock;

    private final RememberedLogins remembered = new RememberedLogins(RememberedLogins.DEFAULT_TTL);

    @Override
    public int priority() {
        return PRIORITY;
    }

    @Override
    public CredentialValidationResult validate(Credential credential) {
        Optional<QuireConfig.Ldap> settings = config.ldap();
        if (settings.isEmpty() || !(credential instanceof UsernamePasswordCredential upc)) {
            return CredentialValidationResult.NOT_VALIDATED_RESULT;
        }
        String login = upc.getCaller();
        char[] password = upc.getPassword().getValue();
        Instant now = clock.instant();
        Optional<RememberedLogins.Identity> hit = remembered.recall(login, password, now);
        if (hit.isPresent()) {
            return new CredentialValidationResult(hit.get().caller(), hit.get().roles());
        }
        remembered.forget(login);
        LdapDirectory directory = new LdapDirectory(settings.get());
        Optional<LdapDirectory.Person> person;
        try {
            person = directory.authenticate(login, password);
        } catch (NamingException e) {
            LOG.log(Level.WARNING, "The directory could not check the login of ''{0}'': {1}", new Object[]{printable(login), e.toString()});
            return CredentialValidationResult.NOT_VALIDATED_RESULT;
        }
        if (person.isEmpty()) {
            return CredentialValidationResult.INVALID_RESULT;
        }
        LdapDirectory.Person p = person.get();
        Set<String> roles;
        try {
            roles = Set.copyOf(mirror(p).getRoles());
        } catch (QuireException refused) {
            LOG.log(Level.WARNING, "Directory login of ''{0}'' refused: {1}", new Object[]{printable(p.login()), refused.getMessage()});
            return CredentialValidationResult.INVALID_RESULT;
        }
        remembered.remember(login, password, new RememberedLogins.Identity(p.login(), roles), now);
        return new CredentialValidationResult(p.login(), roles);
    }

    /**
     * Mirrors the person. Concurrent first sign-ins (the same person on several connections, several people into
     * one new group) collide on a unique key and roll back; calling again finds what the winner created.
     */
    private User mirror(LdapDirectory.Person p) {
        for (int attempt = 1; ; attempt++) {
            try {
                return directorySync.sync(p.login(), p.displayName(), p.email(), p.groups());
            } catch (DirectorySync.Collision | EJBException collision) {
                // EJBException: a collision that only showed at commit (e.g. two updates of the same user row)
                if (attempt == SYNC_ATTEMPTS) {
                    throw collision;
                }
                LOG.log(Level.FINE, "Directory sync of ''{0}'' repeated after: {1}", new Object[]{printable(p.login()), collision.toString()});
            }
        }
    }

    /** A login as it may appear in the log: Basic credentials can carry line breaks, which would forge log lines. */
    static String printable(String login) {
        return login == null ? null : login.replaceAll("\\p{Cntrl}", "?");
    }

    /** Drops what this node remembers of {@code login}: its next request is checked against the store again. */
    public void forget(String login) {
        remembered.forget(login);
    }
}

package org.quire.identity;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.quire.database.Database;
import org.quire.platform.Times;
import org.quire.settings.QuireConfig;
import org.quire.tree.Folder;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

/**
 * First-start work: the root folder and the bootstrap administrator. The administrator's password comes
 * from {@code quire.admin.password}; when that is unset, one is generated and written to the log this once
 * (it is never shown again, and later starts find the user and do nothing).
 */
@Singleton
@Startup
@DependsOn({"Database", "ContentStore"})
@ConcurrencyManagement(ConcurrencyManagementType.BEAN) // start-up work only
public class Bootstrap {

    private static final Logger LOG = Logger.getLogger(Bootstrap.class.getName());

    @PersistenceContext(unitName = "quire")
    EntityManager em;

    @Inject
    IdentityService identities;

    @Inject
    QuireConfig config;

    @Inject
    Clock clock;

    @Inject
    Database database;

    /**
     * The first administrator's password: the configured one when it is acceptable, else a generated one (with the
     * reason the configured one was refused): a password too short to be accepted must not stop the first start with
     * a stack trace and "No Application deployed".
     */
    record AdminPassword(String password, boolean generated, Optional<String> refusal) {
        static AdminPassword choose(Optional<String> configured) {
            Optional<String> refusal = configured.filter(p -> p.length() < PasswordHasher.MIN_LENGTH)
                    .map(p -> "it has " + p.length() + (p.length() == 1 ? " character" : " characters") + ", a password needs at least "
                            + PasswordHasher.MIN_LENGTH);
            if (configured.isPresent() && refusal.isEmpty()) {
                return new AdminPassword(configured.get(), false, Optional.empty());
            }
            byte[] random = new byte[18];
            new SecureRandom().nextBytes(random);
            return new AdminPassword(Base64.getUrlEncoder().withoutPadding().encodeToString(random), true, refusal);
        }
    }

    @PostConstruct
    void start() {
        if (!database.status().open()) {
            return;  // Database has said why, and Quire answers 503 until it is fixed
        }
        if (em.createNamedQuery("Folder.root", Folder.class).getResultList().isEmpty()) {
            em.persist(Folder.root(config.adminLogin(), Times.now(clock)));
        }
        String login = config.adminLogin();
        if (identities.findByLogin(login).isEmpty()) {
            AdminPassword chosen = AdminPassword.choose(config.adminPassword());
            String password = chosen.password();
            identities.createAtStartup(new IdentityService.NewUser(login, "Administrator", null, password.toCharArray(), Set.of(), true));
            if (chosen.generated()) {
                LOG.warning(chosen.refusal().map(r -> "quire.admin.password (QUIRE_ADMIN_PASSWORD) was not used: " + r + ". ").orElse("")
                        + "Created the administrator '" + login + "' with the generated password: " + password
                        + "  (shown this once; " + (chosen.refusal().isPresent() ? "sign in with it and change it"
                        : "set quire.admin.password before the first start to choose it") + ")");
            } else {
                LOG.info(() -> "Created the administrator '" + login + "' with the password from quire.admin.password");
            }
        }
        LOG.info(() -> "Quire is ready at " + config.publicUrl() + "/ (administrator: " + login + ")");
    }
}

package org.quire.admin;

import jakarta.annotation.Resource;
import jakarta.ejb.Asynchronous;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.quire.audit.AuditAction;
import org.quire.audit.AuditService;
import org.quire.content.ContentStore;
import org.quire.content.Scrub;
import org.quire.identity.Caller;
import org.quire.limits.HeavyWork;
import org.quire.platform.ConflictException;

import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The content scrub (dms-admin): one at a time per node, in the background (an EJB asynchronous method), reading
 * every blob once. The last report stays readable until the next scrub starts.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ContentScrub {

    private static final Logger LOG = Logger.getLogger(ContentScrub.class.getName());

    @PersistenceContext(unitName = "quire")
    EntityManager em;

    @Inject
    Caller caller;

    @Inject
    AuditService audit;

    @Inject
    ContentStore store;

    @Inject
    Clock clock;

    @Resource
    SessionContext session;

    @Inject
    HeavyWork heavyWork;

    private Scrub current;

    /** The running or last scrub; empty when none ran since the start. */
    public Optional<Scrub.Report> report() {
        caller.requireAdmin();
        Scrub scrub;
        synchronized (this) {
            scrub = current;
        }
        return Optional.ofNullable(scrub).map(Scrub::report);
    }

    /**
     * Starts a scrub; 409 {@code scrub_running} while one runs, 429 {@code too_many_scrubs} beyond an administrator's
     * {@code quire.limits.scrubs-per-hour} (each reads every stored file).
     */
    public Scrub.Report start() {
        caller.requireAdmin();
        Scrub scrub;
        synchronized (this) {
            if (current != null && current.report().state() == Scrub.State.RUNNING) {
                throw new ConflictException("scrub_running", "A content scrub is running already; wait for it to finish.");
            }
            heavyWork.start(HeavyWork.Kind.SCRUB, caller.login()).close();
            scrub = new Scrub(clock.instant());
            current = scrub;
        }
        audit.record(AuditAction.CONTENT_SCRUB_STARTED, null, "content-store", null);
        session.getBusinessObject(ContentScrub.class).run(scrub);
        return scrub.report();
    }

    @Asynchronous
    public void run(Scrub scrub) {
        try {
            Set<String> referenced = new LinkedHashSet<>(em.createQuery("SELECT DISTINCT v.sha256 FROM DocumentVersion v", String.class).getResultList());
            referenced.addAll(em.createQuery("SELECT DISTINCT h.changesSha256 FROM EditorHistory h WHERE h.changesSha256 IS NOT NULL", String.class).getResultList());
            store.scrub(scrub, referenced);
        } catch (Exception e) {
            LOG.log(Level.WARNING, "content scrub failed", e);
        } finally {
            Scrub.Report r = scrub.report();
            if (r.state() != Scrub.State.DONE) {
                scrub.abandon(clock.instant());
                r = scrub.report();
            }
            LOG.info("content scrub: checked " + r.checked() + ", corrupt " + r.corrupt() + ", missing " + r.missing());
            try {
                audit.record(AuditAction.CONTENT_SCRUB_FINISHED, null, "content-store",
                        truncate("checked=" + r.checked() + " corrupt=" + r.corrupt() + " missing=" + r.missing()));
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "content scrub: audit row not written", e);
            }
        }
    }

    private static String truncate(String s) {
        return s.length() <= 2000 ? s : s.substring(0, 1997) + "...";
    }
}

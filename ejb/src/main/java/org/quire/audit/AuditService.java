package org.quire.audit;

import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import org.quire.platform.CallerContext;
import org.quire.platform.Times;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes and searches the audit log. {@link #record} joins the caller's transaction, so an action and its
 * audit row commit or roll back together; {@link #recordRejection} commits on its own, because a refused
 * request changes nothing else but must still leave its trace.
 */
@Stateless
@jakarta.annotation.security.DeclareRoles({org.quire.platform.Roles.USER, org.quire.platform.Roles.ADMIN})
public class AuditService {

    public static final String SYSTEM = "system";

    @PersistenceContext(unitName = "quire")
    EntityManager em;

    @PersistenceContext(unitName = "quire-audit")
    EntityManager rejections;

    @Resource
    SessionContext session;

    @Inject
    CallerContext callerContext;

    @Inject
    Clock clock;


    public void record(AuditAction action, String documentId, String target, String detail) {
        em.persist(new AuditEvent(Times.now(clock), actor(), address(), action.name(), documentId, target, detail));
    }

    /**
     * Commits on its own (the refused request rolls back), through the audit unit's own connection pool: the
     * refused request may hold a row lock and a connection of the main pool (see {@code Database}).
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void recordRejection(AuditAction action, String documentId, String target, String detail) {
        rejections.persist(new AuditEvent(Times.now(clock), actor(), address(), action.name(), documentId, target, detail));
    }

    public record Filter(String documentId, String actor, String action, LocalDateTime from, LocalDateTime to) {
    }

    public record Page(List<AuditEvent> items, long total) {
    }

    /** Searches the log; administrators only. */
    public Page search(Filter filter, int page, int size) {
        if (!session.isCallerInRole(org.quire.platform.Roles.ADMIN)) {
            session.getBusinessObject(AuditService.class).recordRejection(AuditAction.ACCESS_DENIED, null, "audit", "needs role dms-admin"); // REQUIRES_NEW through the proxy
            throw new org.quire.platform.AccessDeniedException("Reading the audit log needs the dms-admin role.");
        }
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        List<Object[]> params = new ArrayList<>();
        if (filter.documentId() != null) {
            where.append(" AND e.documentId = :documentId");
            params.add(new Object[]{"documentId", filter.documentId()});
        }
        if (filter.actor() != null) {
            where.append(" AND e.actor = :actor");
            params.add(new Object[]{"actor", filter.actor()});
        }
        if (filter.action() != null) {
            where.append(" AND e.action = :action");
            params.add(new Object[]{"action", filter.action()});
        }
        if (filter.from() != null) {
            where.append(" AND e.occurredAt >= :from");
            params.add(new Object[]{"from", filter.from()});
        }
        if (filter.to() != null) {
            where.append(" AND e.occurredAt < :to");
            params.add(new Object[]{"to", filter.to()});
        }
        TypedQuery<AuditEvent> query = em.createQuery("SELECT e FROM AuditEvent e" + where + " ORDER BY e.occurredAt DESC, e.id DESC", AuditEvent.class);
        TypedQuery<Long> count = em.createQuery("SELECT COUNT(e) FROM AuditEvent e" + where, Long.class);
        for (Object[] p : params) {
            query.setParameter((String) p[0], p[1]);
            count.setParameter((String) p[0], p[1]);
        }
        List<AuditEvent> items = query.setFirstResult(page * size).setMaxResults(size).getResultList();
        return new Page(items, count.getSingleResult());
    }

    private String actor() {
        try {
            String name = session.getCallerPrincipal().getName();
            return name == null || "ANONYMOUS".equals(name) ? SYSTEM : name;
        } catch (IllegalStateException e) {
            return SYSTEM;
        }
    }

    private String address() {
        try {
            return callerContext.address();
        } catch (ContextNotActiveException e) {
            return "local";
        }
    }
}

package org.quire.identity;

import jakarta.annotation.Resource;
import jakarta.annotation.security.DeclareRoles;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import org.quire.audit.AuditAction;
import org.quire.audit.AuditService;
import org.quire.platform.AccessDeniedException;
import org.quire.platform.Roles;

import java.security.Principal;

/**
 * Who is calling: the authenticated principal and its roles, as the container established them. The one place the
 * core asks; permissions on documents and folders are {@code AccessControlService}'s, which builds on this.
 */
@Stateless
@DeclareRoles({Roles.USER, Roles.ADMIN})
public class Caller {

    /** The container's name for a caller without credentials. */
    public static final String ANONYMOUS = "ANONYMOUS";

    @Resource
    SessionContext session;

    @Inject
    AuditService audit;

    /** The login of the caller, {@link #ANONYMOUS} when nobody signed in. */
    public String login() {
        Principal p = session.getCallerPrincipal();
        return p == null ? ANONYMOUS : p.getName();
    }

    public boolean isAdmin() {
        return session.isCallerInRole(Roles.ADMIN);
    }

    public void requireAuthenticated() {
        if (ANONYMOUS.equals(login())) {
            throw new AccessDeniedException("Authentication is required.");
        }
    }

    /** Refuses (403, audited) a caller without the dms-admin role. */
    public void requireAdmin() {
        requireAuthenticated();
        if (!isAdmin()) {
            audit.recordRejection(AuditAction.ACCESS_DENIED, null, null, "needs role dms-admin");
            throw new AccessDeniedException("This action needs the dms-admin role.");
        }
    }
}

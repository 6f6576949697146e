package org.quire.acl;

import jakarta.annotation.Resource;
import jakarta.annotation.security.DeclareRoles;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import org.quire.document.Document;
import org.quire.document.Folder;
import org.quire.identity.Roles;
import org.quire.platform.AccessDeniedException;

import java.security.Principal;

/**
 * The one place where the core decides whether the caller may act on an item. Every service asks here
 * before it reads or changes anything, so that access rules live in this class alone.
 * <p>
 * Current rule (foundation): every authenticated user may do everything; user administration needs
 * {@code dms-admin}. The ACL evaluation (inheritance, deny before allow) plugs in behind these methods.
 */
@Stateless
@DeclareRoles({Roles.USER, Roles.ADMIN})
public class AccessControlService {

    @Resource
    SessionContext session;

    public void require(Folder folder, Permission permission) {
        requireAuthenticated();
    }

    public void require(Document document, Permission permission) {
        requireAuthenticated();
    }

    public void requireAdmin() {
        requireAuthenticated();
        if (!session.isCallerInRole(Roles.ADMIN)) {
            throw new AccessDeniedException("This action needs the dms-admin role.");
        }
    }

    public boolean isAdmin() {
        return session.isCallerInRole(Roles.ADMIN);
    }

    /** The login of the caller. */
    public String callerLogin() {
        Principal p = session.getCallerPrincipal();
        return p == null ? "ANONYMOUS" : p.getName();
    }

    private void requireAuthenticated() {
        String login = callerLogin();
        if ("ANONYMOUS".equals(login)) {
            throw new AccessDeniedException("Authentication is required.");
        }
    }
}

package org.quire.web.onlyoffice;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import org.quire.document.VersionService;
import org.quire.editor.EditorHistoryService;
import org.quire.web.api.ContentResponses;

/**
 * The file for the Document Server ({@code document.url}, the history's {@code url}, {@code previous.url} and
 * {@code changesUrl}): the version — or that version's changes archive — the signed link names, streamed, as
 * the link's user (their DOWNLOAD permission is checked by the core). What is served follows the link's signed
 * claims, never the file name in the path. The link and, with a secret, the Document
 * Server's JWT header were checked by {@link OnlyofficeTokenAuthenticator}.
 */
@Path("files/{id}/{name}")
@ApplicationScoped // one instance: no per-request bean, injections or @Context proxies (issue 19)
public class FileResource {

    @Inject
    VersionService versions;

    @Inject
    EditorHistoryService history;

    @Inject
    org.quire.audit.AuditService audit;

    @Inject // CDI's request proxy: Jersey's @Context builds a proxy per request, behind a lock
    HttpServletRequest request;

    @Context
    SecurityContext security;

    @Context
    HttpHeaders headers;

    @GET
    @Produces(MediaType.WILDCARD)
    public Response file(@PathParam("id") String documentId) {
        Object link = request.getAttribute(OnlyofficeTokenAuthenticator.LINK_ATTRIBUTE);
        if (security.getUserPrincipal() == null || !(link instanceof SignedLinks.Link fileLink) || fileLink.version() == null) {
            // audited as the WOPI route audits a refused token (issue 7, attack catalogue)
            audit.recordRejection(org.quire.audit.AuditAction.TOKEN_REJECTED, documentId, "GET " + request.getRequestURI(),
                    "file link or Document Server token not valid (forged, expired, of another document or missing)");
            return Response.status(401).type(MediaType.APPLICATION_JSON_TYPE)
                    .entity("{\"error\":\"unauthorized\",\"message\":\"A valid signed link (and Document Server token) is required.\"}").build();
        }
        if (fileLink.changes()) {
            return ContentResponses.of(history.changes(documentId, fileLink.version()), headers);
        }
        return ContentResponses.of(versions.download(documentId, fileLink.version()), headers);
    }
}

package org.quire.document;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.quire.acl.AccessControlService;
import org.quire.acl.Permission;
import org.quire.audit.AuditAction;
import org.quire.audit.AuditService;
import org.quire.content.ContentStore;
import org.quire.document.DocumentService;
import org.quire.document.Download;
import org.quire.identity.Caller;
import org.quire.lock.WriteIntent;
import org.quire.platform.NotFoundException;
import org.quire.tree.Document;
import org.quire.version.DocumentVersion;
import org.quire.version.VersionSource;

import java.util.List;

/** The version history of a document: list, download, restore (a restore is a new version with old content). */
@Stateless
public class VersionService {

    @PersistenceContext(unitName = "quire")
    EntityManager em;

    @Inject
    DocumentService documents;

    @Inject
    AccessControlService access;

    @Inject
    Caller caller;

    @Inject
    AuditService audit;

    @Inject
    ContentStore store;

    public List<DocumentVersion> list(String documentId) {
        Document document = documents.get(documentId);
        return em.createNamedQuery("DocumentVersion.ofDocument", DocumentVersion.class).setParameter("document", document).getResultList();
    }

    public DocumentVersion get(String documentId, int number) {
        return version(documents.get(documentId), number);
    }

    public Download download(String documentId, int number) {
        Document document = documents.get(documentId);
        access.require(document, Permission.DOWNLOAD);
        DocumentVersion version = version(document, number);
        return new Download(document.getName(), document.getMimeType(), version.content(), number, version.getCreated(), store);
    }

    public Document restore(String documentId, int number, String comment) {
        Document document = documents.get(documentId);
        DocumentVersion old = version(document, number);
        String text = comment == null || comment.isBlank() ? "Restored from version " + number : comment;
        Document restored = documents.recordVersion(documentId, old.content(), caller.login(), VersionSource.RESTORE, text, WriteIntent.rest(caller.login()));
        audit.record(AuditAction.VERSION_RESTORED, documentId, "version:" + number, "new version " + restored.getCurrentVersion());
        return restored;
    }

    private DocumentVersion version(Document document, int number) {
        return em.createNamedQuery("DocumentVersion.byNumber", DocumentVersion.class)
                .setParameter("document", document).setParameter("number", number)
                .getResultStream().findFirst()
                .orElseThrow(() -> new NotFoundException("version_not_found", "Document " + document.getPublicId() + " has no version " + number + "."));
    }
}

package org.quire.editor;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import org.quire.acl.AccessControlService;
import org.quire.acl.Permission;
import org.quire.audit.AuditAction;
import org.quire.audit.AuditService;
import org.quire.content.BlobRef;
import org.quire.content.ContentStore;
import org.quire.document.DocumentService;
import org.quire.identity.Caller;
import org.quire.lock.LockKind;
import org.quire.lock.LockService;
import org.quire.lock.LockView;
import org.quire.lock.WriteIntent;
import org.quire.platform.ConflictException;
import org.quire.platform.InvalidInputException;
import org.quire.platform.NotFoundException;
import org.quire.platform.Times;
import org.quire.platform.Transactions;
import org.quire.settings.QuireConfig;
import org.quire.tree.Document;
import org.quire.tree.Tree;
import org.quire.version.VersionSource;

import java.io.InputStream;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;

/**
 * The core side of the Document Server's command and conversion services (docs/ARCHITECTURE.md, "ONLYOFFICE
 * document services"): who may send session commands and for which key, renames from the editor, the
 * per-document co-editing mode, conversions into new documents and the import of forgotten files. The HTTP
 * traffic itself stays in the web module; every command and its outcome is audited here.
 */
@Stateless
public class EditorOperations {

    @PersistenceContext(unitName = "quire")
    EntityManager em;

    @Inject
    Transactions tx;

    @Inject
    AccessControlService access;

    @Inject
    Caller caller;

    @Inject
    DocumentService documents;

    @Inject
    LockService locks;

    @Inject
    ContentStore store;

    @Inject
    AuditService audit;

    @Inject
    QuireConfig config;

    @Inject
    Clock clock;

    /** A rename and the key of the editing session to tell about it (empty: no editor has the document open). */
    public record Renamed(Document document, Optional<DocumentKey> sessionKey) {
    }

    /** The document a forgotten file's key names (null when that document no longer exists). */
    public record ForgottenOwner(String key, String documentId, String documentName, Integer version) {
    }

    // --- session keys and commands ----------------------------------------------------------------------

    /**
     * The key the Document Server knows the document's open editors by: the {@code EDITOR_SESSION} lock's key,
     * else the key issued for the current version by the last editor config. Needs READ.
     */
    public Optional<DocumentKey> liveKey(String documentId) {
        Document document = Tree.document(em, documentId);
        access.require(document, Permission.READ);
        return liveKey(document);
    }

    /** The key of the session a command (info, forcesave, drop) is for. Needs MANAGE (administrators pass, audited). */
    public DocumentKey sessionKeyForCommand(String documentId) {
        Document document = Tree.document(em, documentId);
        access.require(document, Permission.MANAGE);
        return liveKey(document).orElseThrow(() -> new ConflictException("no_editor_session",
                "The document has no ONLYOFFICE editing session: nobody opened it in the editor since its last save."));
    }

    /** Records a command sent to the Document Server and its answer, in a transaction of its own. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void recordCommand(String documentId, String command, String detail, boolean succeeded) {
        audit.record(succeeded ? AuditAction.ONLYOFFICE_COMMAND : AuditAction.ONLYOFFICE_COMMAND_FAILED, documentId, "command:" + command, detail);
    }

    // --- rename from the editor -------------------------------------------------------------------------

    /**
     * Renames as the editor's {@code onRequestRename} asks: the extension is kept (appended when the new title
     * lacks it). The REST rename path and its rules apply (WRITE, name validation, 409 when taken); while an
     * editing session holds the document, the rename is made within that session.
     */
    public Renamed renameFromEditor(String documentId, String requestedName) {
        Document document = Tree.document(em, documentId);
        access.require(document, Permission.READ);
        if (requestedName == null) {
            throw new InvalidInputException("invalid_name", "A name is required.");
        }
        String name = keepingExtension(document.getName(), requestedName);
        Optional<LockView> lock = locks.inspect(document);
        WriteIntent intent = lock.filter(l -> l.kind() == LockKind.EDITOR_SESSION)
                .map(l -> WriteIntent.editorSession(l.lockId(), caller.login()))
                .orElseGet(() -> WriteIntent.rest(caller.login()));
        Document renamed = documents.rename(documentId, name, intent);
        return new Renamed(renamed, liveKey(renamed));
    }

    /** {@code report.docx} renamed to {@code Plan} → {@code Plan.docx}; {@code Plan.DOCX} stays as given. */
    static String keepingExtension(String currentName, String requestedName) {
        int dot = currentName.lastIndexOf('.');
        if (dot <= 0 || dot == currentName.length() - 1) {
            return requestedName;
        }
        String extension = currentName.substring(dot);
        return requestedName.toLowerCase(Locale.ROOT).endsWith(extension.toLowerCase(Locale.ROOT)) ? requestedName : requestedName + extension;
    }

    // --- co-editing mode --------------------------------------------------------------------------------

    /** The document's own co-editing mode, if one was chosen (READ). */
    public Optional<CoEditingMode> coEditingMode(String documentId) {
        Document document = Tree.document(em, documentId);
        access.require(document, Permission.READ);
        return Optional.ofNullable(em.find(DocumentCoEditing.class, document.getId())).map(DocumentCoEditing::mode);
    }

    /** Sets the document's co-editing mode, or with null returns it to the default (MANAGE; audited). */
    public Optional<CoEditingMode> setCoEditingMode(String documentId, CoEditingMode mode) {
        Document document = Tree.document(em, documentId, LockModeType.PESSIMISTIC_WRITE);
        access.require(document, Permission.MANAGE);
        Tree.requireLive(document);
        DocumentCoEditing row = em.find(DocumentCoEditing.class, document.getId());
        Optional<CoEditingMode> before = Optional.ofNullable(row).map(DocumentCoEditing::mode);
        if (before.equals(Optional.ofNullable(mode))) {
            return before;
        }
        if (mode == null) {
            em.remove(row);
        } else if (row == null) {
            em.persist(new DocumentCoEditing(document.getId(), mode, Times.now(clock), caller.login()));
        } else {
            row.change(mode, Times.now(clock), caller.login());
        }
        audit.record(AuditAction.CO_EDITING_MODE_CHANGED, documentId, null,
                before.map(CoEditingMode::value).orElse("default") + " -> " + (mode == null ? "default" : mode.value()));
        return Optional.ofNullable(mode);
    }

    // --- conversion -------------------------------------------------------------------------------------

    /**
     * Refuses a conversion into a new document before the Document Server is asked: READ and DOWNLOAD on the
     * source, WRITE (create) on its folder, neither in the trash. Returns the source's folder id.
     */
    public String checkConversion(String documentId) {
        Document document = Tree.document(em, documentId);
        access.require(document, Permission.READ);
        access.require(document, Permission.DOWNLOAD);
        Tree.requireLive(document);
        String folderId = document.getFolder().getPublicId();
        documents.checkCreateAnyName(folderId);
        return folderId;
    }

    /** Records that {@code createdId} was converted from {@code sourceId}. */
    public void recordConversion(String sourceId, String createdId, String detail) {
        audit.record(AuditAction.DOCUMENT_CONVERTED, sourceId, "document:" + createdId, detail);
    }

    // --- forgotten files --------------------------------------------------------------------------------

    /** The document a forgotten file belongs to; keys are {@code <document id>.<version>.<random>} (see {@link DocumentKey}). */
    public ForgottenOwner ownerOf(String key) {
        caller.requireAdmin();
        Optional<String[]> parts = keyParts(key);
        if (parts.isEmpty()) {
            return new ForgottenOwner(key, null, null, null);
        }
        try {
            Document document = Tree.document(em, parts.get()[0]);
            return new ForgottenOwner(key, document.getPublicId(), document.getName(), Integer.valueOf(parts.get()[1]));
        } catch (NotFoundException e) {
            return new ForgottenOwner(key, null, null, null);
        }
    }

    /**
     * Refuses an import before the file is fetched: administrators only, the key must name an existing, live
     * document that the import may write. Returns that document's id.
     */
    public String checkForgottenImport(String key) {
        ForgottenOwner owner = ownerOf(key);
        if (owner.documentId() == null) {
            throw new NotFoundException("forgotten_document_not_found",
                    "The forgotten file '" + key + "' does not belong to a Quire document (its document is gone or the key is not Quire's).");
        }
        documents.checkWrite(owner.documentId(), importIntent(key));
        return owner.documentId();
    }

    /**
     * Stores a forgotten file as the next version of its document (source {@code ONLYOFFICE}, a comment saying
     * it was recovered). The content streams into the store outside any transaction; one transaction then adds
     * the version and, when the editing session of that key still holds the document, releases its lock (the
     * Document Server gave that session up).
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public Document importForgotten(String key, InputStream content) {
        String documentId = tx.required(() -> checkForgottenImport(key));
        BlobRef blob = store.accept(content, documentId, "onlyoffice:forgotten", "The forgotten file");
        return tx.required(() -> recordForgotten(documentId, key, blob));
    }

    private Document recordForgotten(String documentId, String key, BlobRef blob) {
        caller.requireAdmin();
        Document document = documents.recordVersion(documentId, blob, caller.login(), VersionSource.ONLYOFFICE,
                "Recovered from the Document Server's forgotten files (document key " + key + ")", importIntent(key));
        Optional<LockView> lock = locks.inspect(document);
        if (lock.isPresent() && lock.get().kind() == LockKind.EDITOR_SESSION && key.equals(lock.get().lockId())) {
            locks.release(document, LockKind.EDITOR_SESSION, key);
        }
        audit.record(AuditAction.FORGOTTEN_FILE_IMPORTED, documentId, "version:" + document.getCurrentVersion(), "key=" + key);
        return document;
    }

    /** Records that a forgotten file was deleted on the Document Server (its document id, when known). */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void recordForgottenDeleted(String key, String detail) {
        caller.requireAdmin();
        audit.record(AuditAction.FORGOTTEN_FILE_DELETED, ownerOf(key).documentId(), "key:" + key, detail);
    }

    // --- helpers ----------------------------------------------------------------------------------------

    private Optional<DocumentKey> liveKey(Document document) {
        Optional<LockView> lock = locks.inspect(document);
        if (lock.isPresent() && lock.get().kind() == LockKind.EDITOR_SESSION && DocumentKey.isValid(lock.get().lockId())) {
            return Optional.of(new DocumentKey(lock.get().lockId()));
        }
        EditorKey row = em.find(EditorKey.class, document.getId());
        return row != null && row.isCurrentFor(document.getCurrentVersion()) ? Optional.of(row.key()) : Optional.empty();
    }

    /** A forgotten file is the last state of the session of its key: that session's lock admits it. */
    private WriteIntent importIntent(String key) {
        return DocumentKey.isValid(key) ? WriteIntent.editorSession(key, caller.login()) : WriteIntent.rest(caller.login());
    }

    /** {@code [document id, version]} of a key Quire issued. */
    static Optional<String[]> keyParts(String key) {
        if (!DocumentKey.isValid(key)) {
            return Optional.empty();
        }
        String[] parts = key.split("\\.");
        if (parts.length != 3 || !parts[1].matches("\\d{1,9}")) {
            return Optional.empty();
        }
        return Optional.of(new String[]{parts[0], parts[1]});
    }
}

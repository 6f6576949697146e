package org.quire.editor;

import jakarta.ejb.Stateless;
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
import org.quire.document.Download;
import org.quire.identity.Caller;
import org.quire.lock.LockKind;
import org.quire.lock.LockService;
import org.quire.lock.LockView;
import org.quire.lock.WriteIntent;
import org.quire.platform.NotFoundException;
import org.quire.tree.Document;
import org.quire.tree.Tree;
import org.quire.version.DocumentVersion;
import org.quire.version.VersionSource;

import java.time.LocalDateTime;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The ONLYOFFICE editor's version history (docs/ARCHITECTURE.md, "ONLYOFFICE history"): every version of a
 * document, whatever route saved it, with what the Document Server reported for the versions it saved (changes
 * archive, {@code history} object), and the restore the editor asks for.
 */
@Stateless
public class EditorHistoryService {

    @PersistenceContext(unitName = "quire")
    EntityManager em;

    @Inject
    AccessControlService access;

    @Inject
    Caller caller;

    @Inject
    DocumentService documents;

    @Inject
    EditorSessionService sessions;

    @Inject
    LockService locks;

    @Inject
    ContentStore store;

    @Inject
    AuditService audit;

    /**
     * One version as the editor's history shows it.
     *
     * @param key           the key of the last editing session opened on this version, else a {@link HistoryKey}
     * @param historyJson   the {@code history} object its ONLYOFFICE save reported, or null
     * @param changes       whether a changes archive is stored with it
     * @param changesBase   the version its changes archive applies to (the session's start), when there is one
     */
    public record Entry(int version, DocumentKey key, LocalDateTime created, String author, VersionSource source,
                        String historyJson, String serverVersion, boolean changes, Integer changesBase) {
    }

    /** A version and the one its changes are shown against ({@code previous}, null for version 1). */
    public record Data(String documentName, Entry version, Entry previous) {
    }

    /** Every version of the document, oldest first (READ), each under the key the Document Server knew it by. */
    public List<Entry> history(String documentId) {
        Document document = documents.get(documentId);
        Map<Integer, DocumentKey> keys = historyKeys(document, documentId);
        Map<Integer, EditorHistory> saved = em.createNamedQuery("EditorHistory.ofDocument", EditorHistory.class)
                .setParameter("document", document.getId()).getResultStream()
                .collect(Collectors.toMap(EditorHistory::getVersionNumber, Function.identity()));
        return versions(document).stream().sorted(Comparator.comparingInt(DocumentVersion::getNumber))
                .map(v -> entry(document, v, keys, saved.get(v.getNumber()))).toList();
    }

    /**
     * Version {@code number} and the version its changes apply to (DOWNLOAD: the Document Server downloads both as
     * the caller). With a changes archive that is the session's starting version, else the version before.
     */
    public Data data(String documentId, int number) {
        Document document = documents.get(documentId);
        access.require(document, Permission.DOWNLOAD);
        Map<Integer, DocumentKey> keys = historyKeys(document, documentId);
        Entry entry = entry(document, version(document, number), keys, saved(document, number).orElse(null));
        int previousNumber = entry.changes() ? entry.changesBase() : number - 1;
        Entry previous = previousNumber < 1 ? null
                : entry(document, version(document, previousNumber), keys, saved(document, previousNumber).orElse(null));
        return new Data(document.getName(), entry, previous);
    }

    /** The changes archive stored with version {@code number} (DOWNLOAD); 404 when there is none. */
    public Download changes(String documentId, int number) {
        Document document = documents.get(documentId);
        access.require(document, Permission.DOWNLOAD);
        DocumentVersion version = version(document, number);
        BlobRef archive = saved(document, number).flatMap(EditorHistory::changes)
                .orElseThrow(() -> new NotFoundException("changes_not_found", "Version " + number + " has no stored changes archive."));
        return new Download("changes-" + number + ".zip", "application/zip", archive, number, version.getCreated(), store);
    }

    /**
     * Restores version {@code number} from the editor: a new version (source {@code RESTORE}) with its content
     * (WRITE). Allowed on an unlocked document, or inside the editing session that holds it (an
     * {@code EDITOR_SESSION} lock under the current editor key); any other lock is a 409. That session's lock
     * is released: the restore supersedes its state, and the editor reopens under the new key the restore causes.
     */
    public Document restore(String documentId, int number) {
        Document document = Tree.document(em, documentId, LockModeType.PESSIMISTIC_WRITE);
        access.require(document, Permission.READ);
        DocumentVersion old = version(document, number);
        DocumentKey key = sessions.currentKey(documentId);
        Document restored = documents.recordVersion(documentId, old.content(), caller.login(), VersionSource.RESTORE,
                "Restored from version " + number, WriteIntent.editorSession(key.value(), caller.login()));
        Optional<LockView> lock = locks.inspect(restored);
        boolean endedSession = lock.isPresent() && lock.get().kind() == LockKind.EDITOR_SESSION && key.value().equals(lock.get().lockId());
        if (endedSession) {
            locks.release(restored, LockKind.EDITOR_SESSION, key.value());
        }
        audit.record(AuditAction.VERSION_RESTORED, documentId, "version:" + number, "new version " + restored.getCurrentVersion()
                + " from the ONLYOFFICE editor" + (endedSession ? "; editing session " + key + " ended" : ""));
        return restored;
    }

    /**
     * The keys the Document Server knew, by version: the latest key issued for a version (the session opened on its
     * content). The current version's key is issued first when it has none, so the editor opened next matches it.
     */
    private Map<Integer, DocumentKey> historyKeys(Document document, String documentId) {
        sessions.currentKey(documentId);
        Map<Integer, DocumentKey> keys = new HashMap<>();
        em.createNamedQuery("EditorSessionStart.ofDocument", EditorSessionStart.class).setParameter("document", document.getId())
                .getResultStream().forEach(s -> keys.put(s.versionNumber(), s.key())); // oldest first: the latest wins
        return keys;
    }

    private Entry entry(Document document, DocumentVersion v, Map<Integer, DocumentKey> keys, EditorHistory saved) {
        DocumentKey key = keys.getOrDefault(v.getNumber(), HistoryKey.of(document.getPublicId(), v.getNumber(), v.getSha256()));
        boolean changes = saved != null && saved.changes().isPresent();
        return new Entry(v.getNumber(), key, v.getCreated(), v.getAuthor(), v.getSource(),
                saved == null ? null : saved.getHistoryJson(), saved == null ? null : saved.getServerVersion(),
                changes, changes ? saved.getBaseVersion() : null);
    }

    private List<DocumentVersion> versions(Document document) {
        return em.createNamedQuery("DocumentVersion.ofDocument", DocumentVersion.class).setParameter("document", document).getResultList();
    }

    private Optional<EditorHistory> saved(Document document, int number) {
        return em.createNamedQuery("EditorHistory.byNumber", EditorHistory.class).setParameter("document", document.getId())
                .setParameter("number", number).getResultStream().findFirst();
    }

    private DocumentVersion version(Document document, int number) {
        return em.createNamedQuery("DocumentVersion.byNumber", DocumentVersion.class)
                .setParameter("document", document).setParameter("number", number)
                .getResultStream().findFirst()
                .orElseThrow(() -> new NotFoundException("version_not_found", "Document " + document.getPublicId() + " has no version " + number + "."));
    }
}

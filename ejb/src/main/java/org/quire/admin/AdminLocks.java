package org.quire.admin;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.quire.identity.Caller;
import org.quire.lock.DocumentLock;
import org.quire.lock.LockKind;
import org.quire.lock.LockService;
import org.quire.lock.LockView;
import org.quire.platform.NotFoundException;
import org.quire.platform.Times;

import java.time.Clock;
import java.util.List;

/**
 * Every live lock for the console (dms-admin): the listing, the editing sessions behind {@code EDITOR_SESSION}
 * locks, and force-unlock through {@link LockService#forceUnlock} (audited with the previous holder).
 */
@Stateless
public class AdminLocks {

    private static final String LIVE = "FROM DocumentLock l WHERE (l.expires IS NULL OR l.expires > :now)";

    @PersistenceContext(unitName = "quire")
    EntityManager em;

    @Inject
    Caller caller;

    @Inject
    LockService locks;

    @Inject
    Clock clock;

    /** A live lock with the document it holds. */
    public record LockRow(String documentId, String name, String path, LockView lock) {
        static LockRow of(DocumentLock l) {
            return new LockRow(l.getDocument().getPublicId(), l.getDocument().getName(), FolderPaths.of(l.getDocument().getFolder()), l.view());
        }
    }

    /** The editors an {@code EDITOR_SESSION} lock's holder names ({@code onlyoffice:<login>,<login>…}, EditorSessionService). */
    public static List<String> editorsOf(String holder) {
        String prefix = "onlyoffice:";
        String names = holder.startsWith(prefix) ? holder.substring(prefix.length()) : holder;
        return java.util.Arrays.stream(names.split(",")).map(String::strip).filter(n -> !n.isEmpty() && !n.equals("...")).toList();
    }

    /** Live locks, newest first. */
    public AdminPage<LockRow> locks(int page, int size) {
        caller.requireAdmin();
        var now = Times.now(clock);
        long total = em.createQuery("SELECT COUNT(l) " + LIVE, Long.class).setParameter("now", now).getSingleResult();
        List<LockRow> rows = em.createQuery("SELECT l " + LIVE + " ORDER BY l.acquired DESC, l.id DESC", DocumentLock.class)
                .setParameter("now", now).setFirstResult(page * size).setMaxResults(size)
                .getResultStream().map(LockRow::of).toList();
        return new AdminPage<>(rows, total);
    }

    /** Documents held by a live ONLYOFFICE editing session, newest first. */
    public List<LockRow> sessions() {
        caller.requireAdmin();
        return em.createQuery("SELECT l " + LIVE + " AND l.kind = :kind ORDER BY l.acquired DESC, l.id DESC", DocumentLock.class)
                .setParameter("now", Times.now(clock)).setParameter("kind", LockKind.EDITOR_SESSION)
                .getResultStream().map(LockRow::of).toList();
    }

    /** Removes the document's lock; 404 {@code no_lock} when it has none. */
    public LockView forceUnlock(String documentId) {
        caller.requireAdmin();
        return locks.forceUnlock(documentId)
                .orElseThrow(() -> new NotFoundException("no_lock", "The document '" + documentId + "' is not locked."));
    }
}

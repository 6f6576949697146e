package org.quire.editor;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.quire.tree.PurgeParticipant;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** A purged document's editor rows: history (which names versions, so it goes first), save receipts, key, co-editing mode. */
@ApplicationScoped
public class EditorPurge extends PurgeParticipant {

    public EditorPurge() {
        super(10, "editorRows");
    }

    @Override
    public int purgeDocuments(EntityManager em, List<Long> documentIds) {
        int removed = 0;
        for (Class<?> kind : List.of(EditorHistory.class, EditorSave.class, EditorKey.class, DocumentCoEditing.class)) {
            removed += em.createQuery("DELETE FROM " + kind.getSimpleName() + " r WHERE r.documentId IN :ids")
                    .setParameter("ids", documentIds).executeUpdate();
        }
        return removed;
    }

    @Override
    public Set<String> blobs(EntityManager em, List<Long> documentIds) {
        return new HashSet<>(em.createQuery("SELECT DISTINCT h.changesSha256 FROM EditorHistory h"
                + " WHERE h.changesSha256 IS NOT NULL AND h.documentId IN :ids", String.class).setParameter("ids", documentIds).getResultList());
    }

    @Override
    public Set<String> referenced(EntityManager em, List<String> sha256s) {
        return new HashSet<>(em.createQuery("SELECT DISTINCT h.changesSha256 FROM EditorHistory h WHERE h.changesSha256 IN :s", String.class)
                .setParameter("s", sha256s).getResultList());
    }
}

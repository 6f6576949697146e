package org.quire.lock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.quire.tree.PurgeParticipant;

import java.util.List;

/** A purged document's lock row (a trashed document holds none that is live, but an expired row may be left). */
@ApplicationScoped
public class LockPurge extends PurgeParticipant {

    public LockPurge() {
        super(20, "locks");
    }

    @Override
    public int purgeDocuments(EntityManager em, List<Long> documentIds) {
        return em.createQuery("DELETE FROM DocumentLock l WHERE l.document.id IN :ids").setParameter("ids", documentIds).executeUpdate();
    }
}

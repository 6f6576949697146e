package org.quire.version;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.quire.tree.PurgeParticipant;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** A purged document's versions; the blobs they name are deleted after the commit when nothing else names them. */
@ApplicationScoped
public class VersionPurge extends PurgeParticipant {

    public static final String ROWS = "versions";

    public VersionPurge() {
        super(30, ROWS);
    }

    @Override
    public int purgeDocuments(EntityManager em, List<Long> documentIds) {
        return em.createQuery("DELETE FROM DocumentVersion v WHERE v.document.id IN :ids").setParameter("ids", documentIds).executeUpdate();
    }

    @Override
    public Set<String> blobs(EntityManager em, List<Long> documentIds) {
        return new HashSet<>(em.createQuery("SELECT DISTINCT v.sha256 FROM DocumentVersion v WHERE v.document.id IN :ids", String.class)
                .setParameter("ids", documentIds).getResultList());
    }

    @Override
    public Set<String> referenced(EntityManager em, List<String> sha256s) {
        return new HashSet<>(em.createQuery("SELECT DISTINCT v.sha256 FROM DocumentVersion v WHERE v.sha256 IN :s", String.class)
                .setParameter("s", sha256s).getResultList());
    }
}

package org.quire.identity;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.quire.tree.PurgeParticipant;

import java.util.List;

/** A purged home folder is forgotten by its user; a new one is created when the user next needs it. */
@ApplicationScoped
public class HomeFolderPurge extends PurgeParticipant {

    public HomeFolderPurge() {
        super(50, "homeFolders");
    }

    @Override
    public void purgeFolders(EntityManager em, List<Long> folderIds) {
        em.createQuery("UPDATE User u SET u.homeFolder = NULL WHERE u.homeFolder.id IN :ids").setParameter("ids", folderIds).executeUpdate();
    }
}

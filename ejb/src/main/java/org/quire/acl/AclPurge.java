package org.quire.acl;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.quire.tree.PurgeParticipant;

import java.util.List;

/** The explicit ACL entries of purged documents and folders. */
@ApplicationScoped
public class AclPurge extends PurgeParticipant {

    public AclPurge() {
        super(40, "aclEntries");
    }

    @Override
    public int purgeDocuments(EntityManager em, List<Long> documentIds) {
        return delete(em, AclEntry.DOCUMENT, documentIds);
    }

    @Override
    public void purgeFolders(EntityManager em, List<Long> folderIds) {
        delete(em, AclEntry.FOLDER, folderIds);
    }

    private static int delete(EntityManager em, char type, List<Long> ids) {
        return em.createQuery("DELETE FROM AclEntry e WHERE e.itemType = :type AND e.itemId IN :ids")
                .setParameter("type", String.valueOf(type)).setParameter("ids", ids).executeUpdate();
    }
}

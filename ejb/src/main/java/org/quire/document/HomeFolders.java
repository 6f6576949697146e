package org.quire.document;

import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.quire.acl.AclRule;
import org.quire.acl.AclService;
import org.quire.acl.Effect;
import org.quire.acl.Role;
import org.quire.identity.User;
import org.quire.identity.UserCreated;
import org.quire.platform.Times;
import org.quire.tree.Folder;
import org.quire.tree.ItemName;

import java.time.Clock;
import java.util.List;

/**
 * Each user's home folder, {@code /Home/<login>}, which they manage. {@code /Home} itself grants nothing, so
 * people do not see each other's homes; the root grants nothing either (secure default, see ARCHITECTURE.md).
 */
@Stateless
public class HomeFolders {

    public static final String HOME = "Home";

    @PersistenceContext(unitName = "quire")
    EntityManager em;

    @Inject
    AclService acls;

    @Inject
    Clock clock;

    /** Gives every new user a home folder, in the transaction that created the user. */
    public void onUserCreated(@Observes UserCreated created) {
        ensureHome(created.login());
    }

    /** Makes sure {@code login} has a home folder. */
    void ensureHome(String login) {
        User user = em.createNamedQuery("User.byLogin", User.class).setParameter("login", login).getSingleResult();
        if (user.getHomeFolder() != null) {
            return;
        }
        Folder root = em.createNamedQuery("Folder.root", Folder.class).getSingleResult();
        Folder home = child(root, HOME, "system");
        Folder mine = child(home, login, login);
        acls.setSystemRules(mine, List.of(AclRule.of("user:" + login, Role.MANAGER, Effect.ALLOW)));
        user.setHomeFolder(mine);
    }

    private Folder child(Folder parent, String name, String owner) {
        ItemName itemName = ItemName.of(name);
        return em.createNamedQuery("Folder.children", Folder.class).setParameter("parent", parent).getResultStream()
                .filter(f -> f.getName().equalsIgnoreCase(name)).findFirst().orElseGet(() -> {
                    Folder folder = Folder.child(parent, itemName, owner, Times.now(clock));
                    em.persist(folder);
                    em.flush();
                    return folder;
                });
    }
}

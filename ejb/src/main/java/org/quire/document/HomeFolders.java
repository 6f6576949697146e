package org.quire.document;

import jakarta.ejb.Stateless;

/** Each user's home folder, which they manage. */
@Stateless
public class HomeFolders {

    /** Makes sure {@code login} has a home folder; called whenever a user row is created. */
    public void ensureHome(String login) {
        // filled in by the access-rights work
    }
}

package org.quire.acl;

import jakarta.enterprise.context.RequestScoped;

/** Remembers the caller's {@link Subject} for the rest of the request (one group look-up per request). */
@RequestScoped
public class SubjectCache {

    private Subject subject;

    Subject get() {
        return subject;
    }

    void put(Subject subject) {
        this.subject = subject;
    }
}

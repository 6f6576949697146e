package org.quire.lock;

/** The three kinds of lock; a document has at most one lock of any kind. */
public enum LockKind {
    /** A WOPI client's lock: an opaque string (≤ 1024 chars), 30 minutes unless refreshed. */
    WOPI,
    /** An ONLYOFFICE co-editing session, keyed by the document key. */
    EDITOR_SESSION,
    /** A person's explicit check-out; no expiry unless quire.lock.checkout-ttl is set. */
    CHECKOUT
}

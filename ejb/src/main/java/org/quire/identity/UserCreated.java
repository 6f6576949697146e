package org.quire.identity;

/**
 * A user row was created (by an administrator, by the directory sync or at a first directory sign-in), fired
 * synchronously inside the transaction that created it. Whoever keeps per-user state above identity (the home
 * folder) observes it, so identity needs to know none of them.
 */
public record UserCreated(String login) {
}

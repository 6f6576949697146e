package org.quire.identity;

import org.junit.jupiter.api.Test;
import org.quire.platform.Roles;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class RememberedLoginsTest {

    static final Instant T0 = Instant.parse("2026-01-01T12:00:00Z");
    final RememberedLogins remembered = new RememberedLogins(Duration.ofSeconds(60));
    final RememberedLogins.Identity alice = new RememberedLogins.Identity("alice", Set.of(Roles.USER));

    @Test
    void theSameLoginAndPasswordAreRecalledUntilTheTimeIsUp() {
        remembered.remember("alice", "secret-1".toCharArray(), alice, T0);
        assertThat(remembered.recall("alice", "secret-1".toCharArray(), T0.plusSeconds(59))).contains(alice);
        assertThat(remembered.recall("alice", "secret-1".toCharArray(), T0.plusSeconds(60))).isEmpty();
    }

    @Test
    void anotherPasswordOrLoginIsNotRecalled() {
        remembered.remember("alice", "secret-1".toCharArray(), alice, T0);
        assertThat(remembered.recall("alice", "secret-2".toCharArray(), T0)).isEmpty();
        assertThat(remembered.recall("alice", "".toCharArray(), T0)).isEmpty();
        assertThat(remembered.recall("bob", "secret-1".toCharArray(), T0)).isEmpty();
        // the separator keeps "ab"+"c" apart from "a"+"bc"
        remembered.remember("ab", "c".toCharArray(), alice, T0);
        assertThat(remembered.recall("a", "bc".toCharArray(), T0)).isEmpty();
    }

    @Test
    void forgettingDropsTheEntry() {
        remembered.remember("alice", "secret-1".toCharArray(), alice, T0);
        remembered.forget("alice");
        assertThat(remembered.recall("alice", "secret-1".toCharArray(), T0)).isEmpty();
    }

    @Test
    void nonAsciiPasswordsWork() {
        remembered.remember("jürgen", "pässwörd-€".toCharArray(), alice, T0);
        assertThat(remembered.recall("jürgen", "pässwörd-€".toCharArray(), T0)).contains(alice);
        assertThat(remembered.recall("jürgen", "passwort-€".toCharArray(), T0)).isEmpty();
    }
}

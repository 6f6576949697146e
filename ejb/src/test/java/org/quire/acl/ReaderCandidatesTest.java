package org.quire.acl;

import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quire.acl.Effect.ALLOW;
import static org.quire.acl.Effect.DENY;

/** "Who may read this document?" (the ONLYOFFICE users list): candidates from allow rules, the decision from the evaluator. */
class ReaderCandidatesTest {

    @Test
    void onlyAllowRulesThatGrantReadNameCandidates() {
        var levels = List.of(
                List.of(AclRule.of("user:bob", Role.VIEWER, ALLOW), AclRule.of("user:dave", EnumSet.of(Permission.WRITE), ALLOW)),
                List.of(AclRule.of("group:sales", Role.EDITOR, ALLOW), AclRule.of("group:interns", EnumSet.of(Permission.READ), DENY),
                        AclRule.of("owner", Role.MANAGER, ALLOW)));
        ReaderCandidates c = ReaderCandidates.of(levels, "alice");
        assertThat(c.everyone()).isFalse();
        assertThat(c.logins()).containsExactlyInAnyOrder("bob", "alice"); // dave's rule gives WRITE only, no READ
        assertThat(c.groups()).containsExactly("sales"); // a deny never makes a reader
        assertThat(c.none()).isFalse();
    }

    @Test
    void everyoneMakesEveryUserACandidateAndNothingMeansNobody() {
        assertThat(ReaderCandidates.of(List.of(List.of(AclRule.of("everyone", Role.VIEWER, ALLOW))), "x").everyone()).isTrue();
        assertThat(ReaderCandidates.of(List.of(List.of(), List.of()), "x").none()).isTrue();
    }

    @Test
    void theEvaluatorHasTheFinalWordOnEachCandidate() {
        // sales may read from the folder, but the document itself denies bob: bob is a candidate, not a reader
        var levels = List.of(List.of(AclRule.of("user:bob", EnumSet.of(Permission.READ), DENY)),
                List.of(AclRule.of("group:sales", Role.VIEWER, ALLOW)));
        assertThat(ReaderCandidates.reads(levels, "bob", Set.of("sales"), "x")).isFalse();
        assertThat(ReaderCandidates.reads(levels, "alice", Set.of("sales"), "x")).isTrue();
        assertThat(ReaderCandidates.reads(levels, "carol", Set.of(), "x")).isFalse();
    }
}

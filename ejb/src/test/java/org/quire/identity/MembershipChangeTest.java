package org.quire.identity;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MembershipChangeTest {

    @Test
    void joinsWhatIsNewAndLeavesWhatTheDirectoryNoLongerSays() {
        MembershipChange change = MembershipChange.between(Set.of("sales", "old-project"), Set.of("sales", "marketing"));
        assertThat(change.added()).containsExactly("marketing");
        assertThat(change.removed()).containsExactly("old-project");
        assertThat(change.isEmpty()).isFalse();
    }

    @Test
    void nothingChangesWhenQuireAlreadyAgrees() {
        assertThat(MembershipChange.between(Set.of("a", "b"), Set.of("b", "a")).isEmpty()).isTrue();
        assertThat(MembershipChange.between(Set.of(), Set.of()).isEmpty()).isTrue();
    }

    @Test
    void aFirstLoginJoinsEverythingAndNoGroupsLeavesEverything() {
        assertThat(MembershipChange.between(Set.of(), Set.of("x", "y")).added()).containsExactly("x", "y");
        MembershipChange none = MembershipChange.between(Set.of("x", "y"), Set.of());
        assertThat(none.added()).isEmpty();
        assertThat(none.removed()).containsExactly("x", "y");
        assertThat(MembershipChange.between(Set.of("x"), null).removed()).containsExactly("x");
    }

    @Test
    void blankAndOverlongNamesAreNotTakenOver() {
        List<String> reported = Arrays.asList(" sales ", "", "   ", null, "g".repeat(MembershipChange.MAX_NAME_LENGTH + 1),
                "h".repeat(MembershipChange.MAX_NAME_LENGTH));
        assertThat(MembershipChange.usable(reported)).containsExactlyInAnyOrder("sales", "h".repeat(MembershipChange.MAX_NAME_LENGTH));
        // an unusable name is not a reason to leave a group Quire knows under its usable name
        assertThat(MembershipChange.between(Set.of("sales"), reported).removed()).isEmpty();
    }

    @Test
    void theChangeCannotBeAlteredAfterwards() {
        MembershipChange change = MembershipChange.between(Set.of("a"), Set.of("b"));
        assertThatThrownBy(() -> change.added().add("c")).isInstanceOf(UnsupportedOperationException.class);
    }
}

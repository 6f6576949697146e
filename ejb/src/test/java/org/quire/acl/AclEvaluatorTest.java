package org.quire.acl;

import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quire.acl.Effect.ALLOW;
import static org.quire.acl.Effect.DENY;
import static org.quire.acl.Permission.DOWNLOAD;
import static org.quire.acl.Permission.MANAGE;
import static org.quire.acl.Permission.READ;
import static org.quire.acl.Permission.WRITE;

/** The worked examples of docs/ARCHITECTURE.md, "Access rights", one test each (same numbering). */
class AclEvaluatorTest {

    static final Subject ALICE = new Subject("alice", Set.of("sales"), false);
    static final Subject BOB = new Subject("bob", Set.of("sales", "interns"), false);
    static final Subject CAROL = new Subject("carol", Set.of(), false);

    static AclRule allow(String principal, Role role) {
        return AclRule.of(principal, role, ALLOW);
    }

    static AclRule deny(String principal, Set<Permission> permissions) {
        return AclRule.of(principal, permissions, DENY);
    }

    /** levels: the item's own rules first, then its folder's, then the folder's parent's … */
    @SafeVarargs
    static List<List<AclRule>> levels(List<AclRule>... levels) {
        return List.of(levels);
    }

    @Test
    void example1_nothingMatchesMeansNoAccess() {
        assertThat(AclEvaluator.effective(levels(List.of(), List.of()), ALICE, "bob")).isEmpty();
    }

    @Test
    void example2_anInheritedGroupGrantReachesTheDocument() {
        var l = levels(List.of(), List.of(allow("group:sales", Role.EDITOR)));
        assertThat(AclEvaluator.effective(l, ALICE, "x")).containsExactlyInAnyOrderElementsOf(Role.EDITOR.permissions());
        assertThat(AclEvaluator.effective(l, CAROL, "x")).isEmpty();
    }

    @Test
    void example3_anExplicitDenyBeatsAnExplicitAllow() {
        var l = levels(List.of(allow("group:sales", Role.EDITOR), deny("user:bob", EnumSet.of(WRITE))), List.of());
        assertThat(AclEvaluator.effective(l, BOB, "x")).contains(READ, DOWNLOAD).doesNotContain(WRITE);
        assertThat(AclEvaluator.effective(l, ALICE, "x")).contains(WRITE);
    }

    @Test
    void example4_anExplicitAllowBeatsAnInheritedDeny() {
        var l = levels(List.of(allow("user:bob", Role.VIEWER)), List.of(deny("group:interns", EnumSet.of(READ, DOWNLOAD))));
        assertThat(AclEvaluator.effective(l, BOB, "x")).contains(READ, DOWNLOAD);
    }

    @Test
    void example5_nearerBeatsFartherAmongInheritedRules() {
        // /Projects denies interns everything, /Projects/Public (nearer) lets everyone read
        var l = levels(List.of(), List.of(allow("everyone", Role.VIEWER)), List.of(deny("group:interns", EnumSet.allOf(Permission.class))));
        assertThat(AclEvaluator.effective(l, BOB, "x")).containsExactlyInAnyOrder(READ, DOWNLOAD);
    }

    @Test
    void example6_anInheritedDenyBeatsAnInheritedAllowAtTheSameLevel() {
        var l = levels(List.of(), List.of(allow("everyone", Role.EDITOR), deny("group:interns", EnumSet.of(WRITE))));
        assertThat(AclEvaluator.effective(l, BOB, "x")).contains(READ).doesNotContain(WRITE);
        assertThat(AclEvaluator.effective(l, CAROL, "x")).contains(WRITE);
    }

    @Test
    void example7_ownerMeansTheOwnerOfTheItemBeingChecked() {
        var l = levels(List.of(), List.of(allow("owner", Role.MANAGER), allow("everyone", Role.VIEWER)));
        assertThat(AclEvaluator.effective(l, ALICE, "alice")).contains(MANAGE, WRITE);
        assertThat(AclEvaluator.effective(l, ALICE, "bob")).containsExactlyInAnyOrder(READ, DOWNLOAD);
        assertThat(AclEvaluator.dependsOnOwner(l)).isTrue();
    }

    @Test
    void example8_brokenInheritanceIsSimplyFewerLevels() {
        // the document broke inheritance: only its own rules count, the folder's grant no longer reaches it
        var broken = levels(List.of(allow("user:carol", Role.VIEWER)));
        assertThat(AclEvaluator.effective(broken, ALICE, "x")).isEmpty();
        assertThat(AclEvaluator.effective(broken, CAROL, "x")).containsExactlyInAnyOrder(READ, DOWNLOAD);
    }

    @Test
    void rolesAreNestedSets() {
        assertThat(Role.COMMENTER.permissions()).containsAll(Role.VIEWER.permissions());
        assertThat(Role.REVIEWER.permissions()).containsAll(Role.COMMENTER.permissions());
        assertThat(Role.EDITOR.permissions()).containsAll(Role.REVIEWER.permissions()).doesNotContain(MANAGE);
        assertThat(Role.MANAGER.permissions()).containsExactlyInAnyOrder(Permission.values());
    }

    @Test
    void rulesAreValidated() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> AclRule.parse("bob", "viewer", null, "allow"))
                .hasMessageContaining("principal");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> AclRule.parse("user:bob", "boss", null, "allow"))
                .hasMessageContaining("Unknown role");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> AclRule.parse("user:bob", null, Set.of("FLY"), "allow"))
                .hasMessageContaining("Unknown permission");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> AclRule.parse("user:bob", null, null, "allow"))
                .hasMessageContaining("role or a non-empty permission set");
        assertThat(AclRule.parse("group:sales", null, Set.of("read", "DOWNLOAD"), "deny").permissions()).containsExactlyInAnyOrder(READ, DOWNLOAD);
    }
}

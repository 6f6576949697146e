package org.quire.identity;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class BootstrapTest {

    @Test
    void anAcceptablePasswordIsTakenAsConfigured() {
        Bootstrap.AdminPassword chosen = Bootstrap.AdminPassword.choose(Optional.of("eight-ch"));
        assertThat(chosen.password()).isEqualTo("eight-ch");
        assertThat(chosen.generated()).isFalse();
        assertThat(chosen.refusal()).isEmpty();
    }

    @Test
    void noPasswordGeneratesOne() {
        Bootstrap.AdminPassword chosen = Bootstrap.AdminPassword.choose(Optional.empty());
        assertThat(chosen.generated()).isTrue();
        assertThat(chosen.password()).hasSizeGreaterThanOrEqualTo(PasswordHasher.MIN_LENGTH);
        assertThat(chosen.refusal()).isEmpty();
    }

    @Test
    void aPasswordTooShortIsReplacedByAGeneratedOneAndSaysWhy() {
        Bootstrap.AdminPassword chosen = Bootstrap.AdminPassword.choose(Optional.of("x"));
        assertThat(chosen.generated()).isTrue();
        assertThat(chosen.password()).isNotEqualTo("x").hasSizeGreaterThanOrEqualTo(PasswordHasher.MIN_LENGTH);
        assertThat(chosen.refusal()).hasValueSatisfying(r -> assertThat(r).contains("has 1 character,", "at least " + PasswordHasher.MIN_LENGTH));
    }
}

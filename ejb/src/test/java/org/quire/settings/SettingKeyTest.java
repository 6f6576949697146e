package org.quire.settings;

import org.junit.jupiter.api.Test;
import org.quire.platform.InvalidInputException;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SettingKeyTest {

    @Test
    void urlsMustBeAbsoluteHttp() {
        assertThat(SettingKey.ONLYOFFICE_URL.normalise(" https://docs.example.org/ ")).isEqualTo("https://docs.example.org/");
        assertThat(SettingKey.ONLYOFFICE_INTERNAL_URL.normalise("http://10.0.0.5:8080")).isEqualTo("http://10.0.0.5:8080");
        for (String bad : new String[]{"docs.example.org", "/relative", "ftp://docs.example.org/", "http://", "http://x y/", "https://h/?q=1", "javascript:alert(1)"}) {
            assertThatThrownBy(() -> SettingKey.ONLYOFFICE_URL.normalise(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(SettingKey.ONLYOFFICE_URL.normalise(" ")).as("emptied: ONLYOFFICE not configured").isEmpty();
        assertThat(SettingKey.WOPI_DISCOVERY_URL.normalise("  ")).as("an optional URL may be emptied").isEmpty();
    }

    @Test
    void cidrListsMustParse() {
        assertThat(SettingKey.TRUSTED_NETWORKS.normalise(" 10.0.0.0/8, 192.168.1.7 ,fd00::/8,")).isEqualTo("10.0.0.0/8,192.168.1.7,fd00::/8");
        assertThat(SettingKey.TRUSTED_PROXIES.normalise("")).isEmpty();
        for (String bad : new String[]{"10.0.0.0/33", "not-a-network", "10.0.0.0/8, example.org", "300.1.1.1", "*"}) {
            assertThatThrownBy(() -> SettingKey.TRUSTED_NETWORKS.normalise(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("CIDR");
        }
    }

    @Test
    void choicesNumbersHeadersAndExtensions() {
        assertThat(SettingKey.COLLABORATION_MODE.normalise("Strict")).isEqualTo("strict");
        assertThatThrownBy(() -> SettingKey.COLLABORATION_MODE.normalise("slow")).hasMessageContaining("fast, strict");
        assertThat(SettingKey.WOPI_PROOF_KEYS.normalise("OFF")).isEqualTo("off");
        assertThatThrownBy(() -> SettingKey.WOPI_PROOF_KEYS.normalise("maybe")).isInstanceOf(IllegalArgumentException.class);
        assertThat(SettingKey.FORCE_SAVE.normalise("False")).isEqualTo("false");
        assertThatThrownBy(() -> SettingKey.COLLABORATION_CHANGE.normalise("yes")).isInstanceOf(IllegalArgumentException.class);
        assertThat(SettingKey.UPLOAD_MAX_BYTES.normalise("1048576")).isEqualTo("1048576");
        for (String bad : new String[]{"0", "-5", "1.5", "lots", String.valueOf((1L << 40) + 1)}) {
            assertThatThrownBy(() -> SettingKey.UPLOAD_MAX_BYTES.normalise(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(SettingKey.ONLYOFFICE_JWT_HEADER.normalise("AuthorizationJwt")).isEqualTo("AuthorizationJwt");
        assertThatThrownBy(() -> SettingKey.ONLYOFFICE_JWT_HEADER.normalise("Bad Header:")).isInstanceOf(IllegalArgumentException.class);
        assertThat(SettingKey.EDITABLE_FORMATS.normalise(" .DOCX, xlsx,docx ")).isEqualTo("docx,xlsx");
        assertThatThrownBy(() -> SettingKey.EDITABLE_FORMATS.normalise("docx, ../x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theSecretIsKeptExactlyAsGivenWhateverItsLength() {
        assertThat(SettingKey.ONLYOFFICE_SECRET.normalise("my_jwt_secret")).isEqualTo("my_jwt_secret");
        assertThat(SettingKey.ONLYOFFICE_SECRET.normalise("x")).isEqualTo("x");
        assertThat(SettingKey.ONLYOFFICE_SECRET.normalise("")).as("no secret").isEmpty();
        assertThat(SettingKey.ONLYOFFICE_JWT.normalise("OFF")).isEqualTo("off");
        assertThatThrownBy(() -> SettingKey.ONLYOFFICE_JWT.normalise("false")).isInstanceOf(IllegalArgumentException.class);
        String secret = " a-secret-that-is-long-enough-0123456789 ";
        assertThat(SettingKey.ONLYOFFICE_SECRET.normalise(secret)).isEqualTo(secret);
        assertThat(SettingKey.ONLYOFFICE_SECRET.secret()).isTrue();
        assertThat(SettingKey.ONLYOFFICE_URL.secret()).isFalse();
    }

    @Test
    void aChangeSetIsValidatedAsAWholeNamingTheBadKey() {
        Map<String, String> changes = new LinkedHashMap<>();
        changes.put("quire.collaboration.mode", "strict");
        changes.put("quire.trusted-networks", "10.0.0.0/8, nonsense");
        assertThatThrownBy(() -> SettingsService.validate(changes)).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("quire.trusted-networks: ").hasMessageContaining("nonsense");
        assertThatThrownBy(() -> SettingsService.validate(Map.of("quire.db.password", "x"))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("quire.db.password");
        Map<String, String> fine = new HashMap<>();
        fine.put("quire.collaboration.mode", "STRICT");
        fine.put("quire.onlyoffice.internal-url", null);
        assertThat(SettingsService.validate(fine)).containsEntry(SettingKey.COLLABORATION_MODE, Optional.of("strict"))
                .containsEntry(SettingKey.ONLYOFFICE_INTERNAL_URL, Optional.empty());
    }

    @Test
    void everyKeyIsFoundByItsNameAndHasADescription() {
        for (SettingKey k : SettingKey.values()) {
            assertThat(SettingKey.of(k.key())).contains(k);
            assertThat(k.description()).isNotBlank();
            if (k.defaultValue() != null && !k.defaultValue().isEmpty()) {
                assertThat(k.normalise(k.defaultValue())).as(k.key() + " default is valid").isEqualTo(k.defaultValue());
            }
        }
    }
}

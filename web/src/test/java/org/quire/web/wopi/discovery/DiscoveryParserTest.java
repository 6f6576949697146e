package org.quire.web.wopi.discovery;

import org.junit.jupiter.api.Test;
import org.quire.web.wopi.proof.ProofKey;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DiscoveryParserTest {

    static final String MODULUS = "0HOWUPFFgmSYHbLZZzdWO/HUOr8YNfx5NAl7GUytooHZ7B9QxQKTJpj0NIJ4XEskQW8e4dLzRrPbNOOJ+KpWHttXz8HoQXkkZV/gYNxaNHJ8/pRXGMZzfVM5vchhx/2C7ULPTrpBsSpmfWQ6ShaVoQzfThFUd0MsBvIN7HVtqzPx9jbSV04wAqyNjcro7F3iu9w7AEsMejHbFlWoN+J05dP5ixryF7+2U5RVmjMt7/dYUdCoiXvCMt2CaVr0XEG6udHU4iDKVKZjmUBc7cTWRzhqEL7lZ1yQfylp38Nd2xxVJ0sSU7OkC1bBDlePcYGaF3JjJgsmp/H5BNnlW9gSxQ==";

    /** Shaped like ONLYOFFICE's /hosting/discovery (WOPI.md §3.6). */
    static final String ONLYOFFICE = """
            <?xml version="1.0" encoding="utf-8"?>
            <wopi-discovery>
              <net-zone name="external-http">
                <app name="Word" favIconUrl="http://ds/web-apps/apps/documenteditor/main/resources/img/favicon.ico">
                  <action name="view" ext="docx" default="true" urlsrc="http://ds/hosting/wopi/word/view?&lt;rs=DC_LLCC&amp;&gt;&lt;dchat=DISABLE_CHAT&amp;&gt;&lt;embed=EMBEDDED&amp;&gt;&lt;fs=FULLSCREEN&amp;&gt;&lt;hid=HOST_SESSION_ID&amp;&gt;&lt;rec=RECORDING&amp;&gt;&lt;sc=SESSION_CONTEXT&amp;&gt;&lt;thm=THEME_ID&amp;&gt;&lt;ui=UI_LLCC&amp;&gt;&lt;wopisrc=WOPI_SOURCE&amp;&gt;&amp;"/>
                  <action name="edit" ext="docx" default="true" requires="locks,update" urlsrc="http://ds/hosting/wopi/word/edit?&lt;rs=DC_LLCC&amp;&gt;&lt;ui=UI_LLCC&amp;&gt;&lt;wopisrc=WOPI_SOURCE&amp;&gt;&amp;"/>
                  <action name="convert" ext="doc" targetext="docx" requires="update" urlsrc="http://ds/hosting/wopi/convert-and-edit/doc/docx?&lt;wopisrc=WOPI_SOURCE&amp;&gt;&amp;"/>
                </app>
                <app name="Excel"><action name="edit" ext="xlsx" requires="locks,update" urlsrc="http://ds/hosting/wopi/cell/edit?&lt;wopisrc=WOPI_SOURCE&amp;&gt;&amp;"/></app>
              </net-zone>
              <proof-key oldvalue="" oldmodulus="%s" oldexponent="AQAB" value="" modulus="%s" exponent="AQAB"/>
            </wopi-discovery>
            """.formatted(MODULUS, MODULUS);

    static Discovery parse(String xml) throws IOException {
        return DiscoveryParser.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), Instant.EPOCH);
    }

    @Test
    void findsActionsByExtensionAndNameAndReadsTheProofKeys() throws IOException {
        Discovery d = parse(ONLYOFFICE);
        assertThat(d.actions()).hasSize(4);
        Discovery.Action edit = d.action("DOCX", "edit").orElseThrow();
        assertThat(edit.app()).isEqualTo("Word");
        assertThat(edit.requires()).containsExactly("locks", "update");
        assertThat(d.action("xlsx", "edit")).isPresent();
        assertThat(d.action("xlsx", "view")).isEmpty();
        assertThat(d.action("wopitest", "view")).isEmpty();
        assertThat(d.publishesProofKeys()).isTrue();
        assertThat(d.proofKey()).isEqualTo(ProofKey.fromModulusAndExponent(MODULUS, "AQAB"));
        assertThat(d.oldProofKey()).isEqualTo(d.proofKey());
    }

    @Test
    void aDiscoveryWithoutProofKeysSaysSo() throws IOException {
        Discovery d = parse("<wopi-discovery><net-zone name=\"external-http\"/></wopi-discovery>");
        assertThat(d.publishesProofKeys()).isFalse();
        assertThat(d.actions()).isEmpty();
    }

    @Test
    void externalEntitiesAndDoctypesAreRefused() {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE wopi-discovery [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<wopi-discovery><net-zone name=\"&x;\"/></wopi-discovery>";
        assertThatThrownBy(() -> parse(xxe)).isInstanceOf(IOException.class).hasMessageContaining("not acceptable XML");
        String bomb = "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;\">]><wopi-discovery>&lol2;</wopi-discovery>";
        assertThatThrownBy(() -> parse(bomb)).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> parse("<html/>")).isInstanceOf(IOException.class).hasMessageContaining("not a WOPI discovery");
    }

    @Test
    void urlsrcPlaceholdersAreFilledOrDropped() throws IOException {
        Discovery d = parse(ONLYOFFICE);
        String wopiSrc = "https://quire.example/wopi/files/AbC-_1";
        String view = ActionUrls.resolve(d.action("docx", "view").orElseThrow().urlsrc(), wopiSrc, Map.of("UI_LLCC", "de-DE"));
        assertThat(view).isEqualTo("http://ds/hosting/wopi/word/view?ui=de-DE&wopisrc=https%3A%2F%2Fquire.example%2Fwopi%2Ffiles%2FAbC-_1");
        String edit = ActionUrls.resolve(d.action("docx", "edit").orElseThrow().urlsrc(), wopiSrc, Map.of());
        assertThat(edit).isEqualTo("http://ds/hosting/wopi/word/edit?wopisrc=https%3A%2F%2Fquire.example%2Fwopi%2Ffiles%2FAbC-_1");
    }

    @Test
    void aUrlsrcWithoutAWopiSourcePlaceholderGetsWopiSrcAppended() {
        assertThat(ActionUrls.resolve("http://c/view?lang=en", "https://q/wopi/files/1", Map.of()))
                .isEqualTo("http://c/view?lang=en&WOPISrc=https%3A%2F%2Fq%2Fwopi%2Ffiles%2F1");
        assertThat(ActionUrls.resolve("http://c/view", "https://q/wopi/files/1", Map.of()))
                .isEqualTo("http://c/view?WOPISrc=https%3A%2F%2Fq%2Fwopi%2Ffiles%2F1");
    }
}

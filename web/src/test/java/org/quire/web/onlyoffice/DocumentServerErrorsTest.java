package org.quire.web.onlyoffice;

import org.junit.jupiter.api.Test;
import org.quire.platform.QuireException.Kind;

import static org.assertj.core.api.Assertions.assertThat;

class DocumentServerErrorsTest {

    @Test
    void commandServiceCodesBecomeClearMessagesWithTheirCode() {
        DocumentServerException noSession = DocumentServerErrors.command("info", 1);
        assertThat(noSession.kind()).isEqualTo(Kind.CONFLICT);
        assertThat(noSession.code()).isEqualTo("no_editor_session");
        assertThat(noSession.serverError()).isEqualTo(1);
        assertThat(noSession.getMessage()).contains("'info'").contains("error 1").contains("no open document");

        DocumentServerException noChanges = DocumentServerErrors.command("forcesave", 4);
        assertThat(noChanges.kind()).isEqualTo(Kind.CONFLICT);
        assertThat(noChanges.code()).isEqualTo("no_changes_to_save");

        DocumentServerException token = DocumentServerErrors.command("version", 6);
        assertThat(token.kind()).isEqualTo(Kind.UNAVAILABLE);
        assertThat(token.code()).isEqualTo("document_server_token_refused");
        assertThat(token.getMessage()).contains("quire.onlyoffice.secret").contains("jwt-header");
        assertThat(DocumentServerErrors.command("version", 7).getMessage()).contains("expired");

        assertThat(DocumentServerErrors.command("meta", 3).kind()).isEqualTo(Kind.UNAVAILABLE);
        assertThat(DocumentServerErrors.command("meta", 5).code()).isEqualTo("document_server_command_unknown");
        assertThat(DocumentServerErrors.command("meta", 42).getMessage()).contains("error 42").contains("unknown");
    }

    @Test
    void conversionCodesBecomeClearMessagesWithTheRightKind() {
        assertThat(DocumentServerErrors.conversion(-3).kind()).isEqualTo(Kind.INVALID);
        assertThat(DocumentServerErrors.conversion(-3).getMessage()).contains("error -3").contains("damaged");
        assertThat(DocumentServerErrors.conversion(-4).getMessage()).contains("quire.public-url");
        assertThat(DocumentServerErrors.conversion(-5).code()).isEqualTo("conversion_password_protected");
        assertThat(DocumentServerErrors.conversion(-8).code()).isEqualTo("document_server_token_refused");
        assertThat(DocumentServerErrors.conversion(-8).getMessage()).contains("quire.onlyoffice.secret");
        assertThat(DocumentServerErrors.conversion(-10).kind()).isEqualTo(Kind.TOO_LARGE);
        assertThat(DocumentServerErrors.conversion(-2).code()).isEqualTo("conversion_timeout");
        assertThat(DocumentServerErrors.conversion(-1).kind()).isEqualTo(Kind.UNAVAILABLE);
        assertThat(DocumentServerErrors.conversion(-1).serverError()).isEqualTo(-1);
    }
}

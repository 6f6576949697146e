package org.quire.web.wopi;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WopiTest {

    @Test
    void theAccessTokenIsReadFromTheRawQueryAndDecoded() {
        assertThat(Wopi.accessToken("a=1&access_token=x%2By&b=2")).isEqualTo("x+y");
        assertThat(Wopi.accessToken(null)).isNull();
        assertThat(Wopi.accessToken("access_token_ttl=5")).isNull();
        assertThat(Wopi.accessToken("access_token=%zz")).isNull();
    }

    @Test
    void anEmptyTokenIsNoCredentialButIsWhatAProofSigned() {
        assertThat(Wopi.accessToken("access_token=")).isNull();
        assertThat(Wopi.accessToken("access_token=%20")).isNull();
        assertThat(Wopi.accessTokenAsSent("access_token=")).isEmpty();
        assertThat(Wopi.accessTokenAsSent("access_token=&access_token=y")).isEmpty();
    }
}

package org.quire.web.api;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ContentResponsesTest {

    @Test
    void singleRangesResolveToInclusiveBounds() {
        assertThat(ContentResponses.bounds("0", "0", 10)).containsExactly(0, 0);
        assertThat(ContentResponses.bounds("2", "5", 10)).containsExactly(2, 5);
        assertThat(ContentResponses.bounds("7", "", 10)).containsExactly(7, 9);
        assertThat(ContentResponses.bounds("5", "100", 10)).containsExactly(5, 9);
        assertThat(ContentResponses.bounds("", "3", 10)).containsExactly(7, 9);
        assertThat(ContentResponses.bounds("", "30", 10)).containsExactly(0, 9);
    }

    @Test
    void unsatisfiableRangesAreNull() {
        assertThat(ContentResponses.bounds("10", "", 10)).isNull();
        assertThat(ContentResponses.bounds("5", "2", 10)).isNull();
        assertThat(ContentResponses.bounds("", "0", 10)).isNull();
        assertThat(ContentResponses.bounds("0", "", 0)).isNull();
        assertThat(ContentResponses.bounds("99999999999999999999", "", 10)).isNull();
    }

    @Test
    void dispositionKeepsUnicodeNamesAndNeutralisesQuotes() {
        assertThat(ContentResponses.disposition("Plan \"Q3\" ü.docx"))
                .isEqualTo("attachment; filename=\"Plan _Q3_ _.docx\"; filename*=UTF-8''Plan%20%22Q3%22%20%C3%BC.docx");
    }
}

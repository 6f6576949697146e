package org.quire.web.onlyoffice;

import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The pure pieces of the history objects: the editor's date format and the stored changes handed back unchanged. */
class EditorHistoryObjectsTest {

    @Test
    void createdIsShownAsTheEditorExpectsInUtc() {
        assertThat(EditorHistoryObjects.created(LocalDateTime.of(2026, 1, 2, 3, 4, 5, 987_000_000))).isEqualTo("2026-01-02 03:04:05");
        assertThat(EditorHistoryObjects.created(LocalDateTime.of(2026, 12, 31, 23, 59, 0))).isEqualTo("2026-12-31 23:59:00");
        assertThat(EditorHistoryObjects.created(null)).isNull();
    }

    @Test
    void theChangesOfAStoredHistoryObjectComeBackAsReceived() {
        String json = "{\"serverVersion\":\"8.2.1\",\"changes\":[{\"created\":\"2026-01-02 03:04:05\",\"user\":{\"id\":\"alice\",\"name\":\"Alice\"}}]}";
        Object changes = EditorHistoryObjects.changes(json);
        assertThat(changes).isInstanceOf(List.class);
        Map<?, ?> first = (Map<?, ?>) ((List<?>) changes).get(0);
        assertThat(first.get("created")).isEqualTo("2026-01-02 03:04:05");
        assertThat(((Map<?, ?>) first.get("user")).get("id")).isEqualTo("alice");
    }

    @Test
    void noOrBrokenHistoryMeansNoChanges() {
        assertThat(EditorHistoryObjects.changes(null)).isNull();
        assertThat(EditorHistoryObjects.changes("{\"serverVersion\":\"8.2.1\"}")).isNull();
        assertThat(EditorHistoryObjects.changes("not json")).isNull();
        assertThat(EditorHistoryObjects.changes("[1,2]")).isNull();
    }
}

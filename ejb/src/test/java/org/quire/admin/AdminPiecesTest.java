package org.quire.admin;

import org.junit.jupiter.api.Test;
import org.quire.platform.InvalidInputException;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AdminPiecesTest {

    @Test
    void theDedupRatioIsReferencedOverStoredBytes() {
        assertThat(StorageFigures.ratio(300, 100)).isEqualTo(3.0);
        assertThat(StorageFigures.ratio(100, 300)).isEqualTo(0.333);
        assertThat(StorageFigures.ratio(0, 0)).as("an empty store").isEqualTo(1.0);
        assertThat(StorageFigures.Figures.of(new org.quire.content.ContentStore.Figures(2, 10, 5000, 1000), 3, 15).dedupRatio()).isEqualTo(1.5);
    }

    @Test
    void theEditorsOfASessionLockComeFromItsHolder() {
        assertThat(AdminLocks.editorsOf("onlyoffice:alice")).containsExactly("alice");
        assertThat(AdminLocks.editorsOf("onlyoffice:alice,bob")).containsExactly("alice", "bob");
        assertThat(AdminLocks.editorsOf("onlyoffice:alice,bo...")).containsExactly("alice", "bo...");
        assertThat(AdminLocks.editorsOf("carol")).containsExactly("carol");
    }

    @Test
    void theTrashKindComesFromTheUrl() {
        assertThat(TrashAdmin.Kind.of("documents")).isEqualTo(TrashAdmin.Kind.DOCUMENT);
        assertThat(TrashAdmin.Kind.of("folders")).isEqualTo(TrashAdmin.Kind.FOLDER);
        assertThatThrownBy(() -> TrashAdmin.Kind.of("users")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> TrashAdmin.Kind.of(null)).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void idListsAreChunked() {
        List<Long> ids = new ArrayList<>(LongStream.range(0, TrashAdmin.CHUNK * 2L + 1).boxed().toList());
        List<List<Long>> chunks = TrashAdmin.chunks(ids);
        assertThat(chunks).hasSize(3);
        assertThat(chunks.get(2)).containsExactly((long) TrashAdmin.CHUNK * 2);
        assertThat(TrashAdmin.chunks(List.of())).isEmpty();
    }
}

package org.quire.document;

import org.junit.jupiter.api.Test;
import org.quire.content.BlobRef;
import org.quire.tree.Document;
import org.quire.tree.Folder;
import org.quire.tree.ItemName;

import java.time.LocalDateTime;

import static org.assertj.core.api.Assertions.assertThat;

class VersionNumberingTest {

    private static final LocalDateTime T0 = LocalDateTime.of(2026, 1, 1, 12, 0);

    private static BlobRef blob(char c, long size) {
        return new BlobRef(String.valueOf(c).repeat(64), size);
    }

    @Test
    void aNewDocumentIsVersionOneAndEachSaveTakesTheNextNumber() {
        Folder root = Folder.root("admin", T0);
        Document doc = new Document(root, ItemName.of("a.docx"), "alice", blob('a', 10), T0);
        assertThat(doc.getCurrentVersion()).isEqualTo(1);
        assertThat(doc.currentContent()).isEqualTo(blob('a', 10));

        assertThat(doc.recordNewVersion(blob('b', 20), T0.plusMinutes(1))).isEqualTo(2);
        assertThat(doc.recordNewVersion(blob('a', 10), T0.plusMinutes(2))).isEqualTo(3);
        assertThat(doc.getCurrentVersion()).isEqualTo(3);
        assertThat(doc.getSize()).isEqualTo(10);
        assertThat(doc.getSha256()).isEqualTo("a".repeat(64));
        assertThat(doc.getModified()).isEqualTo(T0.plusMinutes(2));
        assertThat(doc.getCreated()).isEqualTo(T0);
    }

    @Test
    void trashFreesTheNameAndRestoreTakesItBack() {
        Folder root = Folder.root("admin", T0);
        Document doc = new Document(root, ItemName.of("Plan.docx"), "alice", blob('a', 1), T0);
        doc.trash(T0);
        assertThat(doc.isTrashed()).isTrue();
        doc.rename(ItemName.of("Plan-old.docx"), T0);
        doc.restore(T0);
        assertThat(doc.isTrashed()).isFalse();
        assertThat(doc.itemName().key()).isEqualTo("plan-old.docx");
    }
}

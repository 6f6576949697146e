package org.quire.document;

import org.quire.content.BlobRef;
import org.quire.content.ContentStore;

import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDateTime;

/** Content the caller was allowed to download, with what an HTTP answer needs to describe it. */
public record Download(String name, String mimeType, BlobRef content, int version, LocalDateTime modified, ContentStore store) {

    public InputStream open() throws IOException {
        return store.open(content);
    }
}

package org.quire.web.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.quire.lock.LockKind;
import org.quire.lock.LockService;
import org.quire.tree.Document;
import org.quire.web.api.Dtos.DocumentDto;

import java.util.List;
import java.util.Map;

/**
 * The document shape with its lock summary, the one way the REST API turns documents into JSON. A list is shaped
 * with one lock query for all its documents (DocumentLock.liveKinds), never one per document.
 */
@ApplicationScoped
public class DocumentShapes {

    @Inject
    LockService locks;

    public DocumentDto of(Document document) {
        return of(List.of(document)).get(0);
    }

    public List<DocumentDto> of(List<Document> documents) {
        Map<Long, LockKind> kinds = locks.liveKinds(documents);
        return documents.stream().map(d -> DocumentDto.of(d, kinds.get(d.getId()))).toList();
    }
}

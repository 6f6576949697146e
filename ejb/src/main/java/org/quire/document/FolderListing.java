package org.quire.document;

import java.util.List;

/** One page of a folder's live children: folders first, then documents, each by name. */
public record FolderListing(Folder folder, List<Folder> folders, List<Document> documents, long total) {
}

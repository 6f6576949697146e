package org.quire.document;

import org.quire.tree.Document;
import org.quire.tree.Folder;

import java.util.List;

/** One page of a folder's live children: folders first, then documents, each by name. */
public record FolderListing(Folder folder, List<Folder> folders, List<Document> documents, long total) {
}

package org.quire.admin;

import org.quire.tree.Folder;

import java.util.ArrayDeque;
import java.util.Deque;

/** The path of a folder as people read it: {@code /} for the root, {@code /Home/alice} below it. */
public final class FolderPaths {

    private FolderPaths() {
    }

    public static String of(Folder folder) {
        Deque<String> names = new ArrayDeque<>();
        for (Folder f = folder; f != null && !f.isRoot(); f = f.getParent()) {
            names.push(f.getName());
        }
        return names.isEmpty() ? "/" : "/" + String.join("/", names);
    }
}

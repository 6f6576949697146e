package org.quire.tree;

import java.util.Map;

/** MIME types from file extensions: office formats explicitly, the rest from the JDK's table. */
public final class MimeTypes {

    public static final String DEFAULT = "application/octet-stream";

    private static final Map<String, String> KNOWN = Map.ofEntries(
            Map.entry("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
            Map.entry("docm", "application/vnd.ms-word.document.macroEnabled.12"),
            Map.entry("dotx", "application/vnd.openxmlformats-officedocument.wordprocessingml.template"),
            Map.entry("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            Map.entry("xlsm", "application/vnd.ms-excel.sheet.macroEnabled.12"),
            Map.entry("xltx", "application/vnd.openxmlformats-officedocument.spreadsheetml.template"),
            Map.entry("pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
            Map.entry("pptm", "application/vnd.ms-powerpoint.presentation.macroEnabled.12"),
            Map.entry("potx", "application/vnd.openxmlformats-officedocument.presentationml.template"),
            Map.entry("ppsx", "application/vnd.openxmlformats-officedocument.presentationml.slideshow"),
            Map.entry("doc", "application/msword"),
            Map.entry("xls", "application/vnd.ms-excel"),
            Map.entry("ppt", "application/vnd.ms-powerpoint"),
            Map.entry("odt", "application/vnd.oasis.opendocument.text"),
            Map.entry("ods", "application/vnd.oasis.opendocument.spreadsheet"),
            Map.entry("odp", "application/vnd.oasis.opendocument.presentation"),
            Map.entry("odg", "application/vnd.oasis.opendocument.graphics"),
            Map.entry("rtf", "application/rtf"),
            Map.entry("pdf", "application/pdf"),
            Map.entry("djvu", "image/vnd.djvu"),
            Map.entry("xps", "application/vnd.ms-xpsdocument"),
            Map.entry("epub", "application/epub+zip"),
            Map.entry("txt", "text/plain"),
            Map.entry("csv", "text/csv"),
            Map.entry("md", "text/markdown"),
            Map.entry("html", "text/html"),
            Map.entry("htm", "text/html"),
            Map.entry("xml", "application/xml"),
            Map.entry("json", "application/json"),
            Map.entry("zip", "application/zip"),
            Map.entry("png", "image/png"),
            Map.entry("jpg", "image/jpeg"),
            Map.entry("jpeg", "image/jpeg"),
            Map.entry("gif", "image/gif"),
            Map.entry("svg", "image/svg+xml"),
            Map.entry("webp", "image/webp"));

    private MimeTypes() {
    }

    public static String forName(ItemName name) {
        String known = KNOWN.get(name.extension());
        if (known != null) {
            return known;
        }
        String guessed = java.net.URLConnection.guessContentTypeFromName(name.value());
        return guessed == null ? DEFAULT : guessed;
    }
}

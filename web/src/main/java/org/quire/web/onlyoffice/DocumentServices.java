package org.quire.web.onlyoffice;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import org.quire.document.DocumentService;
import org.quire.editor.CoEditingMode;
import org.quire.editor.DocumentKey;
import org.quire.editor.EditorOperations;
import org.quire.identity.Caller;
import org.quire.identity.IdentityService;
import org.quire.limits.HeavyWork;
import org.quire.platform.ConflictException;
import org.quire.platform.InvalidInputException;
import org.quire.platform.NotFoundException;
import org.quire.platform.QuireException;
import org.quire.platform.TooLargeException;
import org.quire.settings.OnlyofficeNotConfiguredException;
import org.quire.tree.Document;
import org.quire.tree.ItemName;
import org.quire.tree.MimeTypes;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * What Quire does with the Document Server's command and conversion services (docs/ARCHITECTURE.md,
 * "ONLYOFFICE document services"): convert and edit, download as, rename with {@code meta}, the session
 * commands, forgotten files and the server's state. Access rules and audit are the core's
 * ({@link EditorOperations}, {@link DocumentService}); this class translates to and from the Document Server,
 * and asks the core before it sends anything. Conversions take a slot of {@link HeavyWork} (a rate per user and a
 * number at once per node) after the checks and before the Document Server is asked.
 */
@RequestScoped
public class DocumentServices {

    @Inject
    DocumentService documents;

    @Inject
    EditorOperations operations;

    @Inject
    Caller caller;

    @Inject
    IdentityService identities;

    @Inject
    DocumentServerClient client;

    @Inject
    FormatMatrix formats;

    @Inject
    ConversionTargets conversions;

    @Inject
    SignedLinks links;

    @Inject
    HeavyWork heavyWork;

    /** A converted file on its way to the caller; the caller closes {@code content}. */
    public record Converted(String name, String mimeType, InputStream content) {
    }

    /** The editing session as the Document Server reports it. */
    public record Session(boolean active, String key, List<String> users) {
    }

    /** A forgotten file and the Quire document its key names (null fields when none). */
    public record Forgotten(String key, String documentId, String documentName, Integer version) {
    }

    /** An imported forgotten file: the document with its new version, and whether the Document Server's copy is gone. */
    public record Imported(Document document, boolean deletedOnDocumentServer, String message) {
    }

    /** What the console shows: health check, version (null when the command failed) and why. */
    public record ServerState(boolean healthy, String version, String message) {
    }

    // --- conversion ---------------------------------------------------------------------------------------

    /**
     * Converts the document into the OOXML format of its editor and stores the result as a new document in the
     * same folder ({@code base.docx}, {@code base (2).docx} … when taken).
     */
    public Document convertAndCreate(String documentId) {
        operations.checkConversion(documentId);
        Document source = documents.get(documentId);
        FormatMatrix.Format format = formats.of(source.getName()).orElseThrow(() -> unsupported(source.getName()));
        String target = conversions.ooxmlTarget(format).orElseThrow(() -> new InvalidInputException("unsupported_conversion",
                "'" + source.getName() + "' cannot be converted for editing: the format matrix lists no conversion of ." + format.extension()
                        + " to an OOXML format" + (format.editable() ? " (it is editable as it is)." : ".")));
        String name = baseName(source.getName()) + "." + target;
        try (HeavyWork.Slot slot = heavyWork.start(HeavyWork.Kind.CONVERSION, caller.login());
             InputStream content = fetch(client.convert(conversion(source, format.extension(), target)))) {
            Document created = documents.createBeside(documentId, name, true, content);
            operations.recordConversion(documentId, created.getPublicId(),
                    source.getName() + " (version " + source.getCurrentVersion() + ") -> " + created.getName());
            return created;
        } catch (IOException e) {
            throw DocumentServerErrors.unavailable("a conversion", "the converted file could not be read");
        }
    }

    /** The document converted into {@code format}, streamed from the Document Server (DOWNLOAD). */
    public Converted downloadAs(String documentId, String format) {
        documents.requireDownload(documentId); // with the 404-or-403 rule
        Document source = documents.get(documentId);
        FormatMatrix.Format from = formats.of(source.getName()).orElseThrow(() -> unsupported(source.getName()));
        String target = format == null ? "" : format.strip().toLowerCase(java.util.Locale.ROOT);
        if (!conversions.converts(from.extension(), target)) {
            throw new InvalidInputException("unsupported_conversion", "The Document Server cannot convert ." + from.extension() + " to '" + target
                    + "'. Possible formats: " + String.join(", ", new TreeSet<>(conversions.targetsOf(from.extension()))) + ".");
        }
        String name = baseName(source.getName()) + "." + target;
        try (HeavyWork.Slot slot = heavyWork.start(HeavyWork.Kind.CONVERSION, caller.login())) {
            return new Converted(name, mimeType(name), fetch(client.convert(conversion(source, from.extension(), target))));
        }
    }

    private DocumentServerClient.Conversion conversion(Document source, String extension, String target) {
        String url = links.fileUrl(source.getPublicId(), source.getCurrentVersion(), extension, identities.me().getLogin());
        return new DocumentServerClient.Conversion(url, extension, target, conversionKey(source, target), source.getName());
    }

    /** Unique per source state and target: the same state converted again may come from the Document Server's cache. */
    static String conversionKey(Document source, String target) {
        return source.getPublicId() + "." + source.getCurrentVersion() + "." + source.getSha256().substring(0, 16) + "." + target;
    }

    static String baseName(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    private static String mimeType(String name) {
        try {
            return MimeTypes.forName(ItemName.of(name));
        } catch (QuireException e) {
            return MimeTypes.DEFAULT;
        }
    }

    private static InvalidInputException unsupported(String name) {
        return new InvalidInputException("unsupported_format", "ONLYOFFICE cannot open '" + name + "'.");
    }

    // --- rename and session commands --------------------------------------------------------------------

    /**
     * Renames (extension kept, the REST rules) and, when editors have the document open, sends {@code meta}
     * with the new title so that they see it. A failed {@code meta} is audited; the rename stands.
     */
    public Document rename(String documentId, String name) {
        EditorOperations.Renamed renamed = operations.renameFromEditor(documentId, name);
        renamed.sessionKey().ifPresent(key -> {
            String newName = renamed.document().getName();
            String title = newName.length() <= 128 ? newName : newName.substring(0, 128); // the editor's title limit, as in the config
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("key", key.value());
            fields.put("meta", Map.of("title", title));
            send(documentId, "meta", key, fields, "title=" + title);
        });
        return renamed.document();
    }

    /** {@code info}: who has the document open (MANAGE). */
    public Session session(String documentId) {
        DocumentKey key;
        try {
            key = operations.sessionKeyForCommand(documentId);
        } catch (ConflictException e) {
            return new Session(false, null, List.of());
        }
        try {
            JsonObject answer = client.command("info", Map.of("key", key.value()));
            List<String> users = strings(answer.get("users"));
            operations.recordCommand(documentId, "info", "key=" + key + " users=" + users, true);
            return new Session(true, key.value(), users);
        } catch (DocumentServerException e) {
            operations.recordCommand(documentId, "info", "key=" + key + " " + e.getMessage(), false);
            if (Integer.valueOf(1).equals(e.serverError())) {
                return new Session(false, key.value(), List.of()); // the Document Server has no such session
            }
            throw e;
        }
    }

    /** {@code forcesave}: the open session's state becomes a version (a status-6 callback follows). MANAGE. */
    public String forceSave(String documentId) {
        DocumentKey key = operations.sessionKeyForCommand(documentId);
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("key", key.value());
        fields.put("userdata", identities.me().getLogin());
        sendOrThrow(documentId, "forcesave", key, fields, "");
        return key.value();
    }

    /** {@code drop}: disconnects the given users (all when none are given) from editing. MANAGE. */
    public String drop(String documentId, List<String> users) {
        DocumentKey key = operations.sessionKeyForCommand(documentId);
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("key", key.value());
        if (users != null && !users.isEmpty()) {
            fields.put("users", users);
        }
        sendOrThrow(documentId, "drop", key, fields, "users=" + (users == null || users.isEmpty() ? "all" : users));
        return key.value();
    }

    /** The document's co-editing mode, or null for the default (MANAGE; audited). */
    public Optional<CoEditingMode> setCoEditingMode(String documentId, String mode) {
        return operations.setCoEditingMode(documentId, mode == null ? null : CoEditingMode.of(mode));
    }

    private void send(String documentId, String command, DocumentKey key, Map<String, Object> fields, String detail) {
        try {
            sendOrThrow(documentId, command, key, fields, detail);
        } catch (DocumentServerException e) {
            // best effort: recorded as ONLYOFFICE_COMMAND_FAILED by sendOrThrow
        } catch (RuntimeException e) {
            operations.recordCommand(documentId, command, ("key=" + key + " " + detail).strip() + " failed: " + e, false);
        }
    }

    private void sendOrThrow(String documentId, String command, DocumentKey key, Map<String, Object> fields, String detail) {
        String what = ("key=" + key + " " + detail).strip();
        try {
            client.command(command, fields);
        } catch (DocumentServerException e) {
            operations.recordCommand(documentId, command, what + " failed: " + e.getMessage(), false);
            throw e;
        }
        operations.recordCommand(documentId, command, what, true);
    }

    // --- forgotten files and the server's state (administrators) ----------------------------------------------

    public List<Forgotten> forgotten() {
        caller.requireAdmin();
        JsonObject answer = client.command("getForgottenList", Map.of());
        List<Forgotten> list = new ArrayList<>();
        for (String key : strings(answer.get("keys"))) {
            EditorOperations.ForgottenOwner owner = operations.ownerOf(key);
            list.add(new Forgotten(key, owner.documentId(), owner.documentName(), owner.version()));
        }
        return list;
    }

    /**
     * Stores the forgotten file of {@code key} as a new version of its document, then deletes it on the
     * Document Server. The import is durable before the delete is asked for; a failed delete is reported.
     */
    public Imported importForgotten(String key) {
        requireKey(key);
        operations.checkForgottenImport(key); // administrators, an existing writable document: before anything is fetched
        JsonObject answer = forgottenCommand("getForgotten", key);
        String url = answer.getString("url", null);
        if (url == null || url.isBlank()) {
            throw DocumentServerErrors.unavailable("getForgotten", "its answer has no url");
        }
        Document document;
        try (InputStream content = fetch(url)) {
            document = operations.importForgotten(key, content);
        } catch (IOException e) {
            throw DocumentServerErrors.unavailable("getForgotten", "the forgotten file could not be read");
        }
        try {
            client.command("deleteForgotten", Map.of("key", key));
            operations.recordForgottenDeleted(key, "imported as version " + document.getCurrentVersion());
            return new Imported(document, true, null);
        } catch (DocumentServerException e) {
            operations.recordCommand(document.getPublicId(), "deleteForgotten", "key=" + key + " failed: " + e.getMessage(), false);
            return new Imported(document, false, e.getMessage());
        }
    }

    /** Discards the forgotten file of {@code key} on the Document Server. */
    public void deleteForgotten(String key) {
        requireKey(key);
        caller.requireAdmin();
        forgottenCommand("deleteForgotten", key);
        operations.recordForgottenDeleted(key, "discarded");
    }

    /** A forgotten-file command; error 1 means the Document Server has no forgotten file under that key (404). */
    private JsonObject forgottenCommand(String c, String key) {
        try {
            return client.command(c, Map.of("key", key));
        } catch (DocumentServerException e) {
            if (Integer.valueOf(1).equals(e.serverError())) {
                throw new NotFoundException("forgotten_file_not_found", "The Document Server has no forgotten file with the key '" + key + "'.");
            }
            throw e;
        }
    }

    /** The Document Server as Quire's server sees it; not configured: unhealthy, saying what to set (never an error). */
    public ServerState serverState() {
        caller.requireAdmin();
        boolean healthy = false;
        try {
            healthy = client.healthcheck();
            JsonObject answer = client.command("version", Map.of());
            return new ServerState(healthy, answer.getString("version", null), healthy ? null : "The health check failed.");
        } catch (DocumentServerException | OnlyofficeNotConfiguredException e) {
            return new ServerState(healthy, null, e.getMessage());
        }
    }

    private static void requireKey(String key) {
        if (!DocumentKey.isValid(key)) {
            throw new InvalidInputException("invalid_key", "A document key is 1–128 characters of 0-9 a-z A-Z . _ = -.");
        }
    }

    // --- fetching from the Document Server ----------------------------------------------------------------

    /** Opens a file the Document Server handed out, only from its origins. */
    private InputStream fetch(String url) {
        try {
            return client.open(url);
        } catch (DocumentServerClient.ForeignOriginException e) {
            throw DocumentServerErrors.unavailable("a download", "it handed out a file URL that is not on a Document Server origin (not fetched)");
        } catch (DocumentServerClient.TooLargeDownloadException e) {
            throw new TooLargeException("upload_too_large", e.getMessage() + "; nothing was stored.");
        } catch (IOException e) {
            throw DocumentServerErrors.unavailable("a download", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw DocumentServerErrors.unavailable("a download", "interrupted");
        }
    }

    private static List<String> strings(jakarta.json.JsonValue value) {
        if (!(value instanceof JsonArray array)) {
            return List.of();
        }
        return array.stream().map(v -> v instanceof JsonString s ? s.getString() : v.toString()).toList();
    }
}

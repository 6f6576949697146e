package org.quire.web.onlyoffice;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.quire.acl.AclService;
import org.quire.audit.AuditAction;
import org.quire.audit.AuditService;
import org.quire.document.DocumentService;
import org.quire.platform.AccessDeniedException;
import org.quire.platform.QuireException;
import org.quire.platform.TooLargeException;
import org.quire.tree.Document;
import org.quire.tree.ItemName;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The editor events of the {@code /edit/{id}} page that Quire answers itself (ONLYOFFICE-API.md §1.5):
 * {@code onRequestSaveAs} (a copy in the source's folder, fetched from the Document Server) and
 * {@code onRequestUsers} (the people who may read the document). Access is decided in the core services.
 */
@RequestScoped
public class EditorEvents {

    /** {@code onRequestSaveAs} data: the Document Server's link to the copy, its title and its type. */
    public record SaveAsDto(@NotBlank(message = "url is required") @Size(max = 4096) String url,
                            @NotBlank(message = "title is required") @Size(max = 1024) String title,
                            @NotNull(message = "fileType is required")
                            @Pattern(regexp = "[A-Za-z0-9]{1,10}", message = "fileType is a file extension such as docx") String fileType) {
    }

    /** One entry of {@code setUsers}: {@code id} is the login (as in {@code editorConfig.user.id}); {@code email} only when known. */
    public record EditorUserDto(String id, String name, String email) {
    }

    /** The {@code setUsers} object: the request's {@code c} echoed, and the users. */
    public record EditorUsersDto(String c, List<EditorUserDto> users) {
    }

    /** The copy could not be fetched from the Document Server (it answered an error, or the connection failed). */
    public static class FetchFailedException extends QuireException {
        FetchFailedException(String message) {
            super("document_server_unavailable", message);
        }

        @Override
        public Kind kind() {
            return Kind.UNAVAILABLE;
        }
    }

    @Inject
    DocumentService documents;

    @Inject
    AclService acls;

    @Inject
    DocumentServerClient documentServer;

    @Inject
    AuditService audit;

    @Inject
    FormatMatrix formats;

    /**
     * Save Copy As: a new document beside the source, named from {@code title} with the extension
     * {@code fileType} ({@code name (2).ext} … when taken), holding the bytes the Document Server serves at
     * {@code url}. Needs DOWNLOAD on the source (the copy carries its content, so a viewer who may not download
     * cannot take one) and WRITE on its folder — both checked before anything is fetched. A {@code url} off the
     * Document Server's origins is refused (403) and never fetched.
     */
    public Document saveAs(String sourceId, SaveAsDto request) {
        Document source = documents.get(sourceId);
        documents.requireDownload(sourceId);
        documents.checkCreateAnyName(documents.folderOf(sourceId));
        String name = ItemName.of(copyName(request.title(), request.fileType(), baseName(source.getName()))).value(); // refused before any fetch
        try (InputStream content = documentServer.open(request.url())) {
            return documents.createBeside(sourceId, name, true, content);
        } catch (DocumentServerClient.ForeignOriginException e) {
            audit.recordRejection(AuditAction.ACCESS_DENIED, sourceId, "onlyoffice save-as",
                    "url is not on a Document Server origin; not fetched");
            throw new AccessDeniedException("foreign_origin", "The copy's address is not on the Document Server; it was not fetched.");
        } catch (DocumentServerClient.TooLargeDownloadException e) {
            throw new TooLargeException("upload_too_large", "The copy is larger than the upload limit; nothing was stored.");
        } catch (IOException e) {
            throw new FetchFailedException("The copy could not be fetched from the Document Server: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FetchFailedException("Interrupted while fetching the copy from the Document Server.");
        }
    }

    /** {@code onRequestUsers}: the people who may read the document; for {@code c=info} only those whose ids are asked for. */
    public EditorUsersDto users(String documentId, String c, Set<String> ids) {
        List<EditorUserDto> users = acls.readersOf(documentId).stream()
                .filter(r -> !"info".equals(c) || ids.isEmpty() || ids.contains(r.login()))
                .map(r -> new EditorUserDto(r.login(), r.displayName(), r.email() == null || r.email().isBlank() ? null : r.email()))
                .toList();
        return new EditorUsersDto(c, users);
    }

    /**
     * The copy's name: {@code title} without the extension of a format ONLYOFFICE knows (the editor sends
     * "Report.docx" as well as "Report"), separators and control characters replaced by {@code _}
     * ({@link ItemName#cleaned}: invisible format characters stay, so such a title is refused with 400
     * invalid_name), shortened to fit, then {@code .fileType}. A title that leaves nothing usable falls back to
     * the source's base name.
     */
    String copyName(String title, String fileType, String fallbackBase) {
        String extension = "." + fileType.toLowerCase(Locale.ROOT);
        String base = title.strip();
        int dot = base.lastIndexOf('.');
        if (dot >= 0 && formats.of(base).isPresent()) {
            base = base.substring(0, dot);
        }
        base = ItemName.cleaned(base);
        int room = ItemName.MAX_LENGTH - extension.length();
        if (base.length() > room) {
            base = base.substring(0, room).strip();
        }
        if (base.isEmpty() || base.equals(".")) {
            base = fallbackBase.length() > room ? fallbackBase.substring(0, room).strip() : fallbackBase;
        }
        return base + extension;
    }

    private static String baseName(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}

package org.quire.web.wopi;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.spi.JsonProvider;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import org.quire.acl.AclService;
import org.quire.acl.Permission;
import org.quire.document.DocumentService;
import org.quire.document.Download;
import org.quire.identity.IdentityService;
import org.quire.identity.User;
import org.quire.lock.LockKind;
import org.quire.lock.LockView;
import org.quire.lock.WopiLockService;
import org.quire.lock.WriteIntent;
import org.quire.platform.QuireException;
import org.quire.tree.Document;
import org.quire.tree.ItemName;
import org.quire.version.VersionSource;

import java.io.InputStream;
import java.security.Principal;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * The WOPI file endpoints (WOPI.md §2): {@code /wopi/files/{id}} and {@code /wopi/files/{id}/contents}.
 * Translation only: the access token must be for this file and grant the operation; the core then applies the
 * user's current ACL, Quire's one lock model and the upload rules. Every failure is an exception for
 * {@link WopiErrorMapper}.
 */
@Path("files/{id}")
@ApplicationScoped // one instance: no per-request bean, injections or @Context proxies (issue 19)
public class FilesResource {

    private static final Logger LOG = Logger.getLogger(FilesResource.class.getName());
    /** Looked up once: {@code Json.createObjectBuilder()} runs a ServiceLoader scan on every call (7 % of CheckFileInfo's CPU in a profile). */
    private static final JsonProvider JSON = JsonProvider.provider();
    private static final DateTimeFormatter WOPI_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSS'Z'", Locale.ROOT);
    private static final Pattern USER_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");

    @Inject
    org.quire.web.security.PublicUrl publicUrl;

    @Inject
    DocumentService documents;

    @Inject
    WopiLockService locks;

    @Inject
    AclService acls;

    @Inject
    IdentityService identities;

    @Inject
    WopiTokens tokens;

    @Inject
    org.quire.settings.QuireConfig config;

    @Inject // CDI's request proxy: Jersey's @Context builds a proxy per request, behind a lock
    HttpServletRequest request;

    // --- GET /wopi/files/{id}: CheckFileInfo ------------------------------------------------------------------

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response checkFileInfo(@PathParam("id") String id) {
        WopiAccess access = access(id, Permission.READ);
        DocumentService.Permitted permitted = documents.getLiveWithPermissions(id); // one evaluation of the rules
        Document document = permitted.document();
        Set<Permission> granted = EnumSet.copyOf(permitted.permissions().onDocument());
        granted.retainAll(access.permissions());
        boolean write = granted.contains(Permission.WRITE);
        boolean review = granted.contains(Permission.REVIEW);
        boolean onlyComment = !write && !review && granted.contains(Permission.COMMENT);
        boolean writeRelative = write && permitted.permissions().onFolder().contains(Permission.WRITE);
        String name = document.getName();
        String extension = extension(name);
        Optional<User> user = WopiTokenAuthenticator.user(request).or(() -> identities.findByLogin(access.login()));
        JsonObjectBuilder info = JSON.createObjectBuilder()
                .add("BaseFileName", name)
                .add("OwnerId", document.getOwner())
                .add("Size", document.getSize())
                .add("UserId", access.login())
                .add("UserFriendlyName", user.map(User::getDisplayName)
                        .filter(s -> !s.isBlank()).orElse(access.login()))
                .add("IsAnonymousUser", false)
                .add("Version", version(document.getCurrentVersion(), document.getSha256()))
                .add("LastModifiedTime", WOPI_TIME.format(document.getModified().atOffset(ZoneOffset.UTC)))
                .add("SHA256", Base64.getEncoder().encodeToString(HexFormat.of().parseHex(document.getSha256())))
                .add("FileNameMaxLength", Wopi.MAX_NAME_LENGTH - extension.length())
                .add("BreadcrumbDocName", name)
                .add("SupportsLocks", true)
                .add("SupportsGetLock", true)
                .add("SupportsExtendedLockLength", true)
                .add("SupportsUpdate", true)
                .add("SupportsRename", true)
                .add("SupportsDeleteFile", true)
                .add("UserCanWrite", write)
                .add("ReadOnly", !write)
                .add("UserCanRename", write)
                .add("SupportsReviewing", true)
                .add("UserCanReview", review)
                .add("UserCanOnlyComment", onlyComment)
                .add("UserCanNotWriteRelative", !writeRelative)
                .add("SupportsUserInfo", true)
                .add("HostViewUrl", publicUrl.base() + "/wopi-host/" + id + "?action=view")
                .add("HostEditUrl", publicUrl.base() + "/wopi-host/" + id + "?action=edit")
                .add("CloseUrl", publicUrl.base() + "/");
        user.map(User::getWopiUserInfo).ifPresent(u -> info.add("UserInfo", u));
        if (!extension.isEmpty()) {
            info.add("FileExtension", extension);
        }
        String folder = document.getFolder().getName();
        if (folder != null && !folder.isBlank()) {
            info.add("BreadcrumbFolderName", folder);
        }
        return Response.ok(info.build().toString(), MediaType.APPLICATION_JSON_TYPE).build();
    }

    // --- /contents: GetFile, PutFile ----------------------------------------------------------------------

    @GET
    @Path("contents")
    @Produces(MediaType.WILDCARD)
    public Response getFile(@PathParam("id") String id, @HeaderParam(Wopi.MAX_EXPECTED_SIZE) String maxExpectedSize) {
        access(id, Permission.DOWNLOAD);
        Download download = documents.downloadLive(id); // one transaction: the checks, "not in the trash", the version
        long size = download.content().size();
        Long max = parseLong(maxExpectedSize);
        if (max != null && size > max) {
            throw new WopiException.TooLargeForClient(size, max);
        }
        StreamingOutput body = out -> {
            try (InputStream in = download.open()) {
                in.transferTo(out);
            }
        };
        return Response.ok(body, MediaType.APPLICATION_OCTET_STREAM_TYPE)
                .header("Content-Length", size)
                .header(Wopi.ITEM_VERSION, version(download.version(), download.content().sha256()))
                .build();
    }

    @POST
    @Path("contents")
    @Consumes(MediaType.WILDCARD)
    public Response putFile(@PathParam("id") String id, @HeaderParam(Wopi.OVERRIDE) String override, @HeaderParam(Wopi.LOCK) String lockHeader,
                            @HeaderParam(Wopi.EDITORS) String editors, @HeaderParam("Content-Length") Long contentLength, InputStream body) {
        if (!Wopi.OVERRIDE_PUT.equalsIgnoreCase(strip(override))) {
            throw new WopiException.NotImplemented("X-WOPI-Override '" + override + "' on /contents");
        }
        WopiAccess access = contributor(id);
        String lockId = optionalLock(lockHeader);
        live(id);
        return decided("PutFile", id, lockId, () -> {
            documents.rejectDeclaredSize(contentLength, id, "document:" + id);
            Document saved = documents.addVersion(id, body, VersionSource.WOPI, null, authors(editors, access.login()),
                    WriteIntent.wopiPutFile(lockId, access.login()));
            return withVersion(Response.ok(), saved).build();
        });
    }

    // --- POST /wopi/files/{id}: the X-WOPI-Override operations --------------------------------------------

    @POST
    @Consumes(MediaType.WILDCARD)
    public Response post(@PathParam("id") String id, @HeaderParam(Wopi.OVERRIDE) String override,
                         @HeaderParam(Wopi.LOCK) String lockHeader, @HeaderParam(Wopi.OLD_LOCK) String oldLockHeader,
                         @HeaderParam(Wopi.REQUESTED_NAME) String requestedName,
                         @HeaderParam(Wopi.SUGGESTED_TARGET) String suggestedTarget, @HeaderParam(Wopi.RELATIVE_TARGET) String relativeTarget,
                         @HeaderParam(Wopi.OVERWRITE_RELATIVE_TARGET) String overwrite, @HeaderParam("Content-Length") Long contentLength,
                         InputStream body) {
        String operation = override == null ? "" : override.strip().toUpperCase(Locale.ROOT);
        return switch (operation) {
            case Wopi.OVERRIDE_LOCK -> oldLockHeader == null ? lock(id, lockHeader) : unlockAndRelock(id, oldLockHeader, lockHeader);
            case Wopi.OVERRIDE_REFRESH_LOCK -> refreshLock(id, lockHeader);
            case Wopi.OVERRIDE_UNLOCK -> unlock(id, lockHeader);
            case Wopi.OVERRIDE_GET_LOCK -> getLock(id);
            case Wopi.OVERRIDE_RENAME_FILE -> renameFile(id, lockHeader, requestedName);
            case Wopi.OVERRIDE_DELETE -> deleteFile(id);
            case Wopi.OVERRIDE_PUT_RELATIVE -> putRelativeFile(id, suggestedTarget, relativeTarget, overwrite, contentLength, body);
            case Wopi.OVERRIDE_PUT_USER_INFO -> putUserInfo(id, body);
            default -> throw new WopiException.NotImplemented("X-WOPI-Override '" + operation + "'");
        };
    }

    /** PutUserInfo: the body (UTF-8, at most 1024 characters) is kept for the token's user and returned as UserInfo. */
    private Response putUserInfo(String id, InputStream body) {
        access(id, Permission.READ);
        String text;
        try {
            byte[] bytes = body == null ? new byte[0] : body.readNBytes(4 * 1024 + 1);
            if (bytes.length > 4 * 1024) {
                throw new WopiException.BadRequest("UserInfo is at most 1024 characters");
            }
            text = new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new WopiException.BadRequest("the UserInfo body could not be read");
        }
        if (text.length() > 1024) {
            throw new WopiException.BadRequest("UserInfo is at most 1024 characters");
        }
        identities.setWopiUserInfo(text);
        return Response.ok().build();
    }

    private Response lock(String id, String lockHeader) {
        contributor(id);
        String lockId = requiredLock(lockHeader);
        return decided("Lock", id, lockId, () -> withVersion(Response.ok(), locks.lock(id, lockId)).build());
    }

    private Response unlockAndRelock(String id, String oldLockHeader, String lockHeader) {
        contributor(id);
        String oldLockId = requiredLock(oldLockHeader);
        String lockId = requiredLock(lockHeader);
        return decided("UnlockAndRelock(old " + abbreviated(oldLockId) + ")", id, lockId,
                () -> withVersion(Response.ok(), locks.relock(id, oldLockId, lockId)).build());
    }

    private Response refreshLock(String id, String lockHeader) {
        contributor(id);
        String lockId = requiredLock(lockHeader);
        return decided("RefreshLock", id, lockId, () -> withVersion(Response.ok(), locks.refresh(id, lockId)).build());
    }

    private Response unlock(String id, String lockHeader) {
        contributor(id);
        String lockId = requiredLock(lockHeader);
        return decided("Unlock", id, lockId, () -> withVersion(Response.ok(), locks.unlock(id, lockId)).build());
    }

    private Response getLock(String id) {
        access(id, Permission.READ);
        return decided("GetLock", id, null, () -> {
            Optional<LockView> lock = locks.current(id);
            if (lock.isPresent() && lock.get().kind() != LockKind.WOPI) {
                // held through another route: no lock id a WOPI client could present
                throw new WopiException.LockMismatch("", "locked (" + lock.get().kind() + ")");
            }
            return Response.ok().header(Wopi.LOCK, lock.map(LockView::lockId).orElse("")).build();
        });
    }

    private Response renameFile(String id, String lockHeader, String requestedName) {
        WopiAccess access = access(id, Permission.WRITE);
        String lockId = optionalLock(lockHeader);
        Document document = live(id);
        String base = Utf7.decode(requestedName).map(String::strip)
                .orElseThrow(() -> new WopiException.InvalidFileName("X-WOPI-RequestedName is missing or not UTF-7"));
        if (base.isEmpty()) {
            throw new WopiException.InvalidFileName("The name is empty");
        }
        String newName = base + extension(document.getName());
        return decided("RenameFile", id, lockId, () -> {
            try {
                documents.rename(id, newName, WriteIntent.wopi(lockId, access.login()));
            } catch (QuireException e) {
                if (e.kind() == QuireException.Kind.INVALID || "name_taken".equals(e.code())) {
                    throw new WopiException.InvalidFileName(ascii(e.getMessage()));
                }
                throw e;
            }
            return Response.ok(JSON.createObjectBuilder().add("Name", base).build().toString(), MediaType.APPLICATION_JSON_TYPE).build();
        });
    }

    private Response deleteFile(String id) {
        WopiAccess access = access(id, Permission.DELETE);
        live(id);
        return decided("DeleteFile", id, null, () -> {
            documents.trash(id, WriteIntent.wopi(null, access.login()));
            return Response.ok().build();
        });
    }

    /**
     * PutRelativeFile (WOPI.md §2.4): a new file in the source's folder. Suggested mode never fails on a name
     * (an illegal one is cleaned, a taken one numbered); specific mode takes the name as given: illegal → 400,
     * taken → 409 unless X-WOPI-OverwriteRelativeTarget is true, then a new version of that file (409 + its lock
     * when it is locked). The answer's Url carries a new token for the new file, never wider than the caller's.
     */
    private Response putRelativeFile(String id, String suggestedTarget, String relativeTarget, String overwrite, Long contentLength, InputStream body) {
        WopiAccess access = access(id, Permission.READ);
        Document source = live(id);
        if (!access.grants(Permission.WRITE) || !canCreateBeside(source)) {
            throw new WopiException.NotImplemented("PutRelativeFile for this user");
        }
        if ((suggestedTarget == null) == (relativeTarget == null)) {
            throw new WopiException.BadRequest("exactly one of X-WOPI-SuggestedTarget and X-WOPI-RelativeTarget is required");
        }
        documents.rejectDeclaredSize(contentLength, null, "folder:" + source.getFolder().getPublicId());
        Document created;
        if (suggestedTarget != null) {
            String suggestion = Utf7.decode(suggestedTarget).map(String::strip)
                    .orElseThrow(() -> new WopiException.InvalidFileName("X-WOPI-SuggestedTarget is not UTF-7"));
            String name = suggestedName(source.getName(), suggestion);
            created = documents.createBeside(id, name, true, body);
        } else {
            String name = Utf7.decode(relativeTarget).map(String::strip)
                    .orElseThrow(() -> new WopiException.InvalidFileName("X-WOPI-RelativeTarget is not UTF-7"));
            if (!isValidName(name)) {
                throw new WopiException.InvalidFileName("'" + ascii(name) + "' is not a valid file name");
            }
            Optional<String> existing = documents.findBeside(id, name);
            if (existing.isPresent() && !"true".equalsIgnoreCase(strip(overwrite))) {
                throw new WopiException.TargetExists();
            }
            created = existing.isPresent()
                    ? documents.addVersion(existing.get(), body, VersionSource.WOPI, null, access.login(), WriteIntent.wopi(null, access.login()))
                    : documents.createBeside(id, name, false, body);
        }
        Set<Permission> permissions = EnumSet.noneOf(Permission.class);
        permissions.addAll(acls.permissionsOnDocument(created.getPublicId()));
        permissions.retainAll(access.permissions());
        WopiAccess granted = tokens.issue(access.login(), created.getPublicId(), permissions);
        String url = publicUrl.base() + "/wopi/files/" + created.getPublicId()
                + "?" + Wopi.ACCESS_TOKEN + "=" + tokens.encode(granted);
        return Response.ok(JSON.createObjectBuilder().add("Name", created.getName()).add("Url", url)
                        .add("HostViewUrl", publicUrl.base() + "/wopi-host/" + created.getPublicId() + "?action=view")
                        .add("HostEditUrl", publicUrl.base() + "/wopi-host/" + created.getPublicId() + "?action=edit").build().toString(),
                MediaType.APPLICATION_JSON_TYPE).build();
    }

    /** ".pdf" → the source's base name with that extension; a full name as given; either cleaned until Quire accepts it. */
    static String suggestedName(String sourceName, String suggestion) {
        String sourceBase = sourceName.substring(0, sourceName.length() - extension(sourceName).length());
        String name = suggestion.startsWith(".") ? sourceBase + suggestion : suggestion;
        if (isValidName(name)) {
            return name;
        }
        String cleaned = ItemName.cleaned(ItemName.withoutInvisible(name));
        if (cleaned.length() > Wopi.MAX_NAME_LENGTH) {
            String ext = extension(cleaned);
            cleaned = cleaned.substring(0, Wopi.MAX_NAME_LENGTH - ext.length()).strip() + ext;
        }
        return isValidName(cleaned) ? cleaned : sourceBase + extension(name);
    }

    private static boolean isValidName(String name) {
        try {
            ItemName.of(name);
            return true;
        } catch (QuireException e) {
            return false;
        }
    }

    /** Whether the caller may create files in the document's folder (UserCanNotWriteRelative is the opposite). */
    private boolean canCreateBeside(Document document) {
        try {
            return acls.permissionsOnFolder(document.getFolder().getPublicId()).contains(Permission.WRITE);
        } catch (QuireException e) {
            return false;
        }
    }

    // --- helpers ------------------------------------------------------------------------------------------

    /** The request's token must be for this file, for the authenticated user, and grant {@code needed}. */
    private WopiAccess access(String id, Permission needed) {
        Object attribute = request.getAttribute(WopiTokenAuthenticator.ACCESS_ATTRIBUTE);
        Principal principal = request.getUserPrincipal();
        if (!(attribute instanceof WopiAccess access) || principal == null || !principal.getName().equals(access.login())) {
            throw new WopiException.InvalidToken("no valid access token");
        }
        if (!access.documentId().equals(id)) {
            throw new WopiException.InvalidToken("the access token is for another file");
        }
        if (!access.grants(needed)) {
            throw new WopiException.InvalidToken("the access token does not grant " + needed);
        }
        return access;
    }

    /** Locks and PutFile: an editing session, open to review-, comment- and forms-only users too (the editor enforces the mode). */
    private WopiAccess contributor(String id) {
        WopiAccess access = access(id, Permission.READ);
        if (access.permissions().stream().noneMatch(Permission.EDITOR_CONTRIBUTIONS::contains)) {
            throw new WopiException.InvalidToken("the access token grants no editing (write, review, comment or fill-forms)");
        }
        return access;
    }

    /** The document, readable by the caller and not in the trash (a trashed file is gone for WOPI: 404). */
    private Document live(String id) {
        return documents.getLive(id);
    }

    /** Runs a lock-path decision and logs it (request, condition, answer) at FINE. */
    private Response decided(String operation, String id, String lockId, Supplier<Response> action) {
        try {
            Response answer = action.get();
            LOG.fine(() -> "WOPI " + operation + " " + id + " lock=" + abbreviated(lockId) + " -> " + answer.getStatus());
            return answer;
        } catch (RuntimeException e) {
            LOG.fine(() -> "WOPI " + operation + " " + id + " lock=" + abbreviated(lockId) + " -> refused: " + e.getClass().getSimpleName()
                    + " (" + e.getMessage() + ")");
            throw e;
        }
    }

    private static String requiredLock(String header) {
        String lockId = optionalLock(header);
        if (lockId == null) {
            throw new WopiException.BadRequest("X-WOPI-Lock is required");
        }
        return lockId;
    }

    /** An absent or empty X-WOPI-Lock is no lock; one over 1024 characters is refused (WOPI.md §2.3). */
    private static String optionalLock(String header) {
        if (header == null || header.isEmpty()) {
            return null;
        }
        if (header.length() > Wopi.MAX_LOCK_LENGTH) {
            throw new WopiException.BadRequest("a lock id has at most " + Wopi.MAX_LOCK_LENGTH + " characters");
        }
        return header;
    }

    /** X-WOPI-Editors (comma-separated user ids) as the version's author; the token's user when absent or unusable. */
    static String authors(String editors, String tokenUser) {
        if (editors == null) {
            return tokenUser;
        }
        List<String> ids = new ArrayList<>();
        for (String e : editors.split(",")) {
            String candidate = e.strip();
            if (USER_ID.matcher(candidate).matches() && !ids.contains(candidate)) {
                ids.add(candidate);
            }
        }
        String joined = String.join(", ", ids);
        return ids.isEmpty() || joined.length() > 255 ? tokenUser : joined;
    }

    /** WOPI's Version: changes on every write and never repeats (the version number does not). */
    static String version(int number, String sha256) {
        return "v" + number + "-" + sha256.substring(0, 16);
    }

    private static Response.ResponseBuilder withVersion(Response.ResponseBuilder b, Document d) {
        return b.header(Wopi.ITEM_VERSION, version(d.getCurrentVersion(), d.getSha256()));
    }

    /** The extension with its dot, as written in the name; empty when there is none. */
    static String extension(String name) {
        int dot = name.lastIndexOf('.');
        return dot <= 0 || dot == name.length() - 1 ? "" : name.substring(dot);
    }

    private static Long parseLong(String s) {
        try {
            return s == null || s.isBlank() ? null : Long.parseLong(s.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String strip(String s) {
        return s == null ? null : s.strip();
    }

    private static String abbreviated(String lockId) {
        if (lockId == null) {
            return "(none)";
        }
        return lockId.length() <= 40 ? lockId : lockId.substring(0, 40) + "…(" + lockId.length() + " chars)";
    }

    private static String ascii(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : (s == null ? "invalid name" : s).toCharArray()) {
            b.append(c >= 0x20 && c < 0x7F ? c : '?');
        }
        return b.toString();
    }
}

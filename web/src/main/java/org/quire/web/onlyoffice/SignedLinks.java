package org.quire.web.onlyoffice;

import io.jsonwebtoken.Claims;
import io.jsonwebtoken.JwtException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.quire.editor.DocumentKey;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.quire.web.security.JwtCodec;

/**
 * Quire's own signed links for the Document Server, which calls without a user's credentials:
 * {@code document.url} (short-lived, names the user, document and version) and {@code callbackUrl} (lives as
 * long as an editing session, names the user, document and document key). Signed with the link key of
 * {@link OnlyofficeSettings}, never with a key taken from the request.
 */
@ApplicationScoped
public class SignedLinks {

    static final String PARAMETER = "t";
    static final String FILE = "file";
    static final String CALLBACK = "callback";

    @Inject
    OnlyofficeSettings settings;

    @Inject
    Clock clock;

    /** A file link's part: the version's changes archive instead of its content (the history's {@code changesUrl}). */
    static final String CHANGES = "changes";

    /**
     * What a valid link stands for.
     *
     * @param part for a file link, {@value #CHANGES} when it names the version's changes archive; null for its content
     */
    public record Link(String purpose, String documentId, String login, Integer version, String key, String part) {

        boolean changes() {
            return CHANGES.equals(part);
        }
    }

    public String fileUrl(String documentId, int version, String extension, String login) {
        String token = JwtCodec.sign(Map.of("purpose", FILE, "doc", documentId, "sub", login, "ver", version),
                settings.linkKey(), settings.fileLinkTtl(), clock);
        return settings.publicUrl() + "/onlyoffice/files/" + documentId + "/content." + extension + "?" + PARAMETER + "=" + token;
    }

    /** The changes archive stored with {@code version} (setHistoryData {@code changesUrl}): a file link for that part. */
    public String changesUrl(String documentId, int version, String login) {
        String token = JwtCodec.sign(Map.of("purpose", FILE, "doc", documentId, "sub", login, "ver", version, "part", CHANGES),
                settings.linkKey(), settings.fileLinkTtl(), clock);
        return settings.publicUrl() + "/onlyoffice/files/" + documentId + "/changes-" + version + ".zip?" + PARAMETER + "=" + token;
    }

    public String callbackUrl(String documentId, DocumentKey key, String login) {
        String token = JwtCodec.sign(Map.of("purpose", CALLBACK, "doc", documentId, "sub", login, "key", key.value()),
                settings.linkKey(), settings.callbackLinkTtl(), clock);
        return settings.publicUrl() + "/onlyoffice/callback/" + documentId + "?" + PARAMETER + "=" + token;
    }

    /** The link a token stands for, when it is valid, unexpired, for {@code purpose} and {@code documentId}. */
    public Optional<Link> verify(String token, String purpose, String documentId) {
        try {
            Claims c = JwtCodec.verify(token, settings.linkKey(), clock);
            if (!purpose.equals(c.get("purpose", String.class)) || !documentId.equals(c.get("doc", String.class)) || c.getSubject() == null) {
                return Optional.empty();
            }
            Number version = c.get("ver", Number.class);
            return Optional.of(new Link(purpose, documentId, c.getSubject(), version == null ? null : version.intValue(), c.get("key", String.class),
                    c.get("part", String.class)));
        } catch (JwtException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}

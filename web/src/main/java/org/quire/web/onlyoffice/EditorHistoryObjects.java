package org.quire.web.onlyoffice;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.quire.editor.EditorHistoryService;
import org.quire.identity.IdentityService;
import org.quire.identity.User;
import org.quire.platform.InvalidInputException;

import java.io.StringReader;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.quire.web.security.JwtCodec;

/**
 * The objects of the editor's version history (ONLYOFFICE-API.md §5): {@code refreshHistory} (every version,
 * with the changes the Document Server reported for its own saves) and the signed {@code setHistoryData} (links
 * the Document Server downloads version n, the version its changes apply to, and the changes archive with).
 */
@RequestScoped
public class EditorHistoryObjects {

    /** How the editor shows a version's time: {@code yyyy-MM-dd HH:mm:ss}, in UTC (Quire stores UTC). */
    static final DateTimeFormatter CREATED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

    @Inject
    EditorHistoryService history;

    @Inject
    IdentityService identities;

    @Inject
    FormatMatrix formats;

    @Inject
    SignedLinks links;

    @Inject
    OnlyofficeSettings settings;

    @Inject
    Clock clock;

    /** The body of {@code POST …/onlyoffice/restore}. */
    public record RestoreRequest(@NotNull(message = "version is required") @Min(value = 1, message = "version is 1 or more") Integer version) {
    }

    /** {@code {currentVersion, history:[{version, key, created, user{id,name}, changes?, serverVersion?}]}}. */
    public Map<String, Object> refreshHistory(String documentId) {
        List<EditorHistoryService.Entry> entries = history.history(documentId);
        Map<String, String> names = new HashMap<>();
        List<Map<String, Object>> list = entries.stream().map(e -> entry(e, names)).toList();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("currentVersion", entries.isEmpty() ? 0 : entries.get(entries.size() - 1).version());
        answer.put("history", list);
        return answer;
    }

    /**
     * {@code {version, key, url, fileType, changesUrl?, previous?{key, url, fileType}, token}}: the token is the
     * object signed with the Document Server secret (as the editor config is), so the editor accepts its URLs.
     */
    public Map<String, Object> historyData(String documentId, int number) {
        EditorHistoryService.Data data = history.data(documentId, number);
        settings.requireConfigured();
        String fileType = formats.of(data.documentName()).filter(FormatMatrix.Format::viewable).map(FormatMatrix.Format::extension)
                .orElseThrow(() -> new InvalidInputException("unsupported_format", "ONLYOFFICE cannot open '" + data.documentName() + "'."));
        String login = identities.me().getLogin();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("version", data.version().version());
        answer.put("key", data.version().key().value());
        answer.put("url", links.fileUrl(documentId, data.version().version(), fileType, login));
        answer.put("fileType", fileType);
        if (data.version().changes() && data.previous() != null) {
            answer.put("changesUrl", links.changesUrl(documentId, data.version().version(), login));
        }
        if (data.previous() != null) {
            Map<String, Object> previous = new LinkedHashMap<>();
            previous.put("key", data.previous().key().value());
            previous.put("url", links.fileUrl(documentId, data.previous().version(), fileType, login));
            previous.put("fileType", fileType);
            answer.put("previous", previous);
        }
        settings.secret().ifPresent(secret -> answer.put("token", JwtCodec.sign(answer, secret, null, clock)));
        return answer;
    }

    /** Restores version {@code number} as a new version and answers the new {@code refreshHistory} object. */
    public Map<String, Object> restore(String documentId, int number) {
        history.restore(documentId, number);
        return refreshHistory(documentId);
    }

    static String created(LocalDateTime utc) {
        return utc == null ? null : CREATED.format(utc);
    }

    private Map<String, Object> entry(EditorHistoryService.Entry e, Map<String, String> names) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("version", e.version());
        entry.put("key", e.key().value());
        entry.put("created", created(e.created()));
        entry.put("user", Map.of("id", e.author(), "name", names.computeIfAbsent(e.author(), this::displayName)));
        Object changes = changes(e.historyJson());
        if (changes != null) {
            entry.put("changes", changes);
            entry.put("serverVersion", e.serverVersion()); // required with changes (may be null, as the editor allows)
        } else if (e.serverVersion() != null) {
            entry.put("serverVersion", e.serverVersion());
        }
        return entry;
    }

    /** The {@code changes} array of a stored history object, unchanged; null when there is none. */
    static Object changes(String historyJson) {
        if (historyJson == null) {
            return null;
        }
        try (var reader = Json.createReader(new StringReader(historyJson))) {
            JsonValue history = reader.readValue();
            return history instanceof JsonObject h && h.containsKey("changes") ? plain(h.get("changes")) : null;
        } catch (JsonException e) {
            return null;
        }
    }

    /** A JSON-P value as plain maps, lists, strings, numbers and booleans (what the JSON-B response writer takes). */
    private static Object plain(JsonValue value) {
        return switch (value.getValueType()) {
            case OBJECT -> {
                Map<String, Object> map = new LinkedHashMap<>();
                ((JsonObject) value).forEach((k, v) -> map.put(k, plain(v)));
                yield map;
            }
            case ARRAY -> ((JsonArray) value).stream().map(EditorHistoryObjects::plain).toList();
            case STRING -> ((JsonString) value).getString();
            case NUMBER -> ((JsonNumber) value).bigDecimalValue();
            case TRUE -> Boolean.TRUE;
            case FALSE -> Boolean.FALSE;
            case NULL -> null;
        };
    }

    private String displayName(String login) {
        return identities.findByLogin(login).map(User::getDisplayName).filter(n -> n != null && !n.isBlank()).orElse(login);
    }
}

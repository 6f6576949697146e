package org.quire.web.onlyoffice;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * ONLYOFFICE's format matrix ({@code onlyoffice-docs-formats.json}, copied as a resource): per extension the
 * editor (documentType) and the actions. Only {@code edit} formats open for editing; {@code lossy-edit}
 * formats open in view mode (saving them back may lose formatting).
 */
@ApplicationScoped
public class FormatMatrix {

    static final String RESOURCE = "/org/quire/web/onlyoffice/onlyoffice-docs-formats.json";

    public record Format(String extension, String documentType, Set<String> actions) {
        public boolean editable() {
            return actions.contains("edit");
        }

        public boolean viewable() {
            return !documentType.isEmpty() && (actions.contains("view") || editable());
        }

        public boolean can(String action) {
            return actions.contains(action);
        }
    }

    private final Map<String, Format> formats = load();

    public Optional<Format> of(String fileName) {
        int dot = fileName.lastIndexOf('.');
        if (dot < 0 || dot == fileName.length() - 1) {
            return Optional.empty();
        }
        return Optional.ofNullable(formats.get(fileName.substring(dot + 1).toLowerCase(Locale.ROOT)));
    }

    static Map<String, Format> load() {
        try (InputStream in = FormatMatrix.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing");
            }
            try (JsonReader reader = Json.createReader(in)) {
                JsonArray all = reader.readArray();
                Map<String, Format> map = new HashMap<>();
                for (JsonObject f : all.getValuesAs(JsonObject.class)) {
                    Set<String> actions = f.getJsonArray("actions").getValuesAs(JsonString.class).stream()
                            .map(JsonString::getString).collect(Collectors.toUnmodifiableSet());
                    String name = f.getString("name").toLowerCase(Locale.ROOT);
                    map.put(name, new Format(name, f.getString("type"), actions));
                }
                return Map.copyOf(map);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

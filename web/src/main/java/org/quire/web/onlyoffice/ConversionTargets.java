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
 * What the Document Server converts to what: the {@code convert} lists of the format matrix
 * ({@link FormatMatrix#RESOURCE}). "Convert and edit" turns a format into the OOXML format of its editor
 * (word → docx, cell → xlsx, slide → pptx) when the matrix lists that conversion; "download as" offers every
 * listed target.
 */
@ApplicationScoped
public class ConversionTargets {

    private static final Map<String, String> OOXML = Map.of("word", "docx", "cell", "xlsx", "slide", "pptx");

    private final Map<String, Set<String>> targets = load();

    /** Whether the matrix lists a conversion of {@code sourceExtension} into {@code targetExtension}. */
    public boolean converts(String sourceExtension, String targetExtension) {
        return targets.getOrDefault(lower(sourceExtension), Set.of()).contains(lower(targetExtension));
    }

    /** The targets of {@code sourceExtension}, possibly none. */
    public Set<String> targetsOf(String sourceExtension) {
        return targets.getOrDefault(lower(sourceExtension), Set.of());
    }

    /** The OOXML format "convert and edit" produces from {@code format}, when the matrix converts it there. */
    public Optional<String> ooxmlTarget(FormatMatrix.Format format) {
        return Optional.ofNullable(OOXML.get(format.documentType())).filter(target -> converts(format.extension(), target));
    }

    private static String lower(String s) {
        return s == null ? "" : s.toLowerCase(Locale.ROOT);
    }

    static Map<String, Set<String>> load() {
        try (InputStream in = ConversionTargets.class.getResourceAsStream(FormatMatrix.RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(FormatMatrix.RESOURCE + " is missing");
            }
            try (JsonReader reader = Json.createReader(in)) {
                JsonArray all = reader.readArray();
                Map<String, Set<String>> map = new HashMap<>();
                for (JsonObject f : all.getValuesAs(JsonObject.class)) {
                    JsonArray convert = f.getJsonArray("convert");
                    Set<String> to = convert == null ? Set.of() : convert.getValuesAs(JsonString.class).stream()
                            .map(s -> s.getString().toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
                    map.put(f.getString("name").toLowerCase(Locale.ROOT), to);
                }
                return Map.copyOf(map);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package org.quire.web.wopi.validator;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.net.URI;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * JSON Schema draft-4, restricted to exactly the keywords the validator's two CheckFileInfo schemas use
 * ({@code type, properties, required, additionalProperties(boolean), enum, format(uri|date-time), items,
 * maxLength, minimum, not, oneOf}, plus the annotations {@code $schema, title, description}). Any other keyword
 * or format raises {@link UnsupportedConstruct}, so a schema this class cannot fully evaluate never passes.
 * (No library: com.networknt:json-schema-validator is not in the offline repository, and the subset is small.)
 */
final class JsonSchemaSubset {

    private static final Set<String> KEYWORDS = Set.of("$schema", "title", "description", "type", "properties", "required",
            "additionalProperties", "enum", "format", "items", "maxLength", "minimum", "not", "oneOf");

    private JsonSchemaSubset() {
    }

    /** The violations of {@code value} against {@code schema}; empty when valid. */
    static List<String> validate(JsonObject schema, JsonValue value) {
        List<String> errors = new ArrayList<>();
        check(schema, value, "$", errors);
        return errors;
    }

    private static void check(JsonObject schema, JsonValue value, String path, List<String> errors) {
        for (String keyword : schema.keySet()) {
            if (!KEYWORDS.contains(keyword)) {
                throw new UnsupportedConstruct("JSON schema keyword '" + keyword + "' at " + path);
            }
        }
        if (schema.containsKey("type")) {
            JsonValue type = schema.get("type");
            List<String> types = new ArrayList<>();
            if (type instanceof JsonString s) {
                types.add(s.getString());
            } else if (type instanceof JsonArray a) {
                a.forEach(t -> types.add(((JsonString) t).getString()));
            } else {
                throw new UnsupportedConstruct("JSON schema 'type' of kind " + type.getValueType() + " at " + path);
            }
            if (types.stream().noneMatch(t -> hasType(value, t, path))) {
                errors.add(path + ": expected type " + types + " but was " + describe(value));
                return;
            }
        }
        if (schema.containsKey("enum") && !schema.getJsonArray("enum").contains(value)) {
            errors.add(path + ": " + value + " not in enum " + schema.getJsonArray("enum"));
        }
        if (schema.containsKey("maxLength") && value instanceof JsonString s
                && s.getString().codePointCount(0, s.getString().length()) > schema.getInt("maxLength")) {
            errors.add(path + ": longer than maxLength " + schema.getInt("maxLength"));
        }
        if (schema.containsKey("minimum") && value instanceof JsonNumber n
                && n.bigDecimalValue().compareTo(schema.getJsonNumber("minimum").bigDecimalValue()) < 0) {
            errors.add(path + ": " + n + " below minimum " + schema.get("minimum"));
        }
        if (schema.containsKey("format") && value instanceof JsonString s) {
            String format = schema.getString("format");
            switch (format) {
                case "uri" -> {
                    if (!absoluteUri(s.getString())) {
                        errors.add(path + ": '" + s.getString() + "' is not an absolute URI");
                    }
                }
                case "date-time" -> {
                    if (!dateTime(s.getString())) {
                        errors.add(path + ": '" + s.getString() + "' is not a date-time");
                    }
                }
                default -> throw new UnsupportedConstruct("JSON schema format '" + format + "' at " + path);
            }
        }
        if (schema.containsKey("items") && value instanceof JsonArray array) {
            if (!(schema.get("items") instanceof JsonObject items)) {
                throw new UnsupportedConstruct("JSON schema tuple 'items' at " + path);
            }
            for (int i = 0; i < array.size(); i++) {
                check(items, array.get(i), path + "[" + i + "]", errors);
            }
        }
        if (value instanceof JsonObject object) {
            if (schema.containsKey("required")) {
                for (JsonValue name : schema.getJsonArray("required")) {
                    if (!object.containsKey(((JsonString) name).getString())) {
                        errors.add(path + ": required property '" + ((JsonString) name).getString() + "' is missing");
                    }
                }
            }
            JsonObject properties = schema.containsKey("properties") ? schema.getJsonObject("properties") : JsonValue.EMPTY_JSON_OBJECT;
            JsonValue additional = schema.getOrDefault("additionalProperties", JsonValue.TRUE);
            if (additional != JsonValue.TRUE && additional != JsonValue.FALSE) {
                throw new UnsupportedConstruct("JSON schema additionalProperties as a schema at " + path);
            }
            for (var entry : object.entrySet()) {
                JsonValue propertySchema = properties.get(entry.getKey());
                if (propertySchema instanceof JsonObject ps) {
                    check(ps, entry.getValue(), path + "." + entry.getKey(), errors);
                } else if (additional == JsonValue.FALSE) {
                    errors.add(path + ": additional property '" + entry.getKey() + "' not allowed");
                }
            }
        }
        if (schema.containsKey("not")) {
            if (validate(schema.getJsonObject("not"), value).isEmpty()) {
                errors.add(path + ": must not validate against " + schema.get("not"));
            }
        }
        if (schema.containsKey("oneOf")) {
            int matches = 0;
            List<String> branchErrors = new ArrayList<>();
            for (JsonValue branch : schema.getJsonArray("oneOf")) {
                List<String> e = new ArrayList<>();
                check((JsonObject) branch, value, path, e);
                if (e.isEmpty()) {
                    matches++;
                } else {
                    branchErrors.addAll(e);
                }
            }
            if (matches != 1) {
                errors.add(path + ": must match exactly one schema of oneOf but matched " + matches
                        + (matches == 0 ? " " + branchErrors : ""));
            }
        }
    }

    private static boolean hasType(JsonValue value, String type, String path) {
        return switch (type) {
            case "object" -> value.getValueType() == JsonValue.ValueType.OBJECT;
            case "array" -> value.getValueType() == JsonValue.ValueType.ARRAY;
            case "string" -> value.getValueType() == JsonValue.ValueType.STRING;
            case "boolean" -> value == JsonValue.TRUE || value == JsonValue.FALSE;
            case "null" -> value == JsonValue.NULL;
            case "number" -> value.getValueType() == JsonValue.ValueType.NUMBER;
            // as Newtonsoft/NJsonSchema: an integer literal, not 1.0 or 1e2
            case "integer" -> value instanceof JsonNumber n && n.toString().matches("-?\\d+");
            default -> throw new UnsupportedConstruct("JSON schema type '" + type + "' at " + path);
        };
    }

    static boolean absoluteUri(String s) {
        try {
            URI uri = new URI(s);
            return uri.isAbsolute() && (uri.isOpaque() || uri.getRawAuthority() != null || "file".equals(uri.getScheme()));
        } catch (Exception e) {
            return false;
        }
    }

    private static boolean dateTime(String s) {
        try {
            OffsetDateTime.parse(s);
            return true;
        } catch (DateTimeParseException e) {
            try {
                LocalDateTime.parse(s);
                return true;
            } catch (DateTimeParseException e2) {
                return false;
            }
        }
    }

    private static String describe(JsonValue value) {
        return value.getValueType().toString().toLowerCase(java.util.Locale.ROOT) + " " + value;
    }
}

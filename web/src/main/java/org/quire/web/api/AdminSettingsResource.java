package org.quire.web.api;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.quire.admin.SettingsAdmin;
import org.quire.platform.InvalidInputException;
import org.quire.settings.OnlyofficeConfiguration;
import org.quire.settings.SettingsService;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /api/v1/admin/settings} (role dms-admin): the settings administrators may change at run time, stored in
 * the database and shared by a cluster (docs/ARCHITECTURE.md, "Settings"). A secret's value is never returned:
 * {@code value} is null and {@code set} tells whether one is in force. {@code PUT} takes {@code {"<key>": value}}
 * (a string, number, boolean, or a list of strings for the list settings; {@code null} removes the database
 * value) and answers the whole list again. {@code warnings} says what stops or weakens the ONLYOFFICE route
 * (no Document Server URL, no secret while JWT is on, a secret under 32 bytes, JWT off).
 */
@Path("admin/settings")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class AdminSettingsResource {

    @Inject
    SettingsAdmin admin;

    @Inject
    OnlyofficeConfiguration onlyoffice;

    /** The settings, and what the ONLYOFFICE settings in force lack or should improve (what stops the route first). */
    public record SettingsDto(List<SettingsService.View> settings, List<String> warnings) {
    }

    @GET
    public SettingsDto list() {
        return dto();
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public SettingsDto update(String body) {
        admin.update(changes(body));
        return dto();
    }

    private SettingsDto dto() {
        List<SettingsService.View> list = admin.list();
        OnlyofficeConfiguration.State state = onlyoffice.state();
        List<String> warnings = new ArrayList<>();
        state.problem().ifPresent(warnings::add);
        warnings.addAll(state.warnings());
        return new SettingsDto(list, warnings);
    }

    /** The request body as key → text (null: remove); the core validates the values. */
    static Map<String, String> changes(String body) {
        JsonStructure json;
        try (JsonReader reader = Json.createReader(new StringReader(body == null ? "" : body))) {
            json = reader.read();
        } catch (JsonException | IllegalStateException e) {
            throw new InvalidInputException("invalid_json", "The request body is not a JSON object of settings, e.g. {\"quire.onlyoffice.jwt-header\": \"AuthorizationJwt\"}.");
        }
        if (!(json instanceof JsonObject object)) {
            throw new InvalidInputException("invalid_json", "The request body is not a JSON object of settings.");
        }
        Map<String, String> changes = new LinkedHashMap<>();
        for (Map.Entry<String, JsonValue> e : object.entrySet()) {
            changes.put(e.getKey(), text(e.getKey(), e.getValue()));
        }
        return changes;
    }

    private static String text(String key, JsonValue value) {
        return switch (value.getValueType()) {
            case NULL -> null;
            case STRING -> ((JsonString) value).getString();
            case TRUE -> "true";
            case FALSE -> "false";
            case NUMBER -> ((JsonNumber) value).bigDecimalValue().stripTrailingZeros().toPlainString();
            case ARRAY -> {
                List<String> items = new ArrayList<>();
                for (JsonValue item : (JsonArray) value) {
                    if (!(item instanceof JsonString s)) {
                        throw new InvalidInputException("invalid_setting", key + ": a list holds strings only. Nothing was changed.");
                    }
                    items.add(s.getString());
                }
                yield String.join(",", items);
            }
            default -> throw new InvalidInputException("invalid_setting", key + ": the value must be a string, number, boolean, list or null. Nothing was changed.");
        };
    }
}

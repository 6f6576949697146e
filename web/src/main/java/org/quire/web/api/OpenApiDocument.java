package org.quire.web.api;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Completes the scanned OpenAPI document of {@code /api/v1} (mp.openapi.filter): the error shape
 * {@code {"error", "message"}} and the error answers every operation can give (ErrorMappers), and the paths of
 * the ONLYOFFICE document services, which Payara's scanner cannot place: it writes a sub-resource locator's
 * methods under {@code /null/…} and the locator itself as an operation-less path.
 */
public class OpenApiDocument implements OASFilter {

    static final String ERROR_SCHEMA = "Error";
    static final String SERVICES_LOCATOR = "/api/v1/documents/{id}/{services: onlyoffice}";
    static final String SERVICES = "/api/v1/documents/{id}/onlyoffice";
    static final String UNPLACED = "/null";
    static final String UPLOAD = "/api/v1/folders/{id}/documents";

    /** The error answers of ErrorMappers, by status: every operation may give 401/403/500; these depend on the operation. */
    static final Map<String, String> ERRORS = errors();

    private static Map<String, String> errors() {
        Map<String, String> errors = new LinkedHashMap<>();
        errors.put("400", "Invalid input (error codes such as invalid_name, invalid_paging, validation).");
        errors.put("401", "Not signed in: HTTP Basic credentials or a console session are required (error unauthorized).");
        errors.put("403", "Signed in, but not allowed (error forbidden; CSRF refusals of session writes too).");
        errors.put("404", "No such document, folder, version or user, or not readable by the caller (error not_found).");
        errors.put("409", "Conflict: the name is taken, the document is locked or held by another (error conflict, locked).");
        errors.put("413", "The upload is over quire.upload.max-bytes (error too_large).");
        errors.put("429", "Too many failed sign-ins of this login or from this address: wait Retry-After seconds (error too_many_sign_ins).");
        errors.put("503", "A required service is not configured or not reachable (error not_configured, unavailable).");
        errors.put("507", "The blob store's free-space floor is reached (error storage_full).");
        return errors;
    }

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null) {
            return;
        }
        placeDocumentServices(openAPI);
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        openAPI.getComponents().addSchema(ERROR_SCHEMA, OASFactory.createSchema().type(Schema.SchemaType.OBJECT)
                .description("Every /api/v1 error: a stable code and a sentence for people.")
                .addProperty("error", OASFactory.createSchema().type(Schema.SchemaType.STRING).example("invalid_name"))
                .addProperty("message", OASFactory.createSchema().type(Schema.SchemaType.STRING))
                .addRequired("error").addRequired("message"));
        openAPI.getPaths().getPathItems().forEach((path, item) -> item.getOperations().forEach((method, operation) -> {
            describeRawBody(operation, method, path);
            addErrors(operation, method, path);
        }));
    }

    /**
     * A raw upload ({@code @Consumes(*}{@code /*)}: the bytes are the body) is written by the scanner as {@code *}{@code /*}
     * with no schema, and of the two methods behind {@code POST …/documents} (raw and multipart) it keeps one. Here
     * such a body becomes {@code application/octet-stream} (binary; any other non-multipart type is taken the same
     * way), and the upload gets its multipart form ({@code file}) back.
     */
    private static void describeRawBody(Operation operation, PathItem.HttpMethod method, String path) {
        if (operation.getRequestBody() == null || operation.getRequestBody().getContent() == null
                || !operation.getRequestBody().getContent().hasMediaType("*/*")) {
            return;
        }
        Content content = operation.getRequestBody().getContent();
        content.removeMediaType("*/*");
        content.addMediaType("application/octet-stream", OASFactory.createMediaType()
                .schema(OASFactory.createSchema().type(Schema.SchemaType.STRING).format("binary")));
        if (method == PathItem.HttpMethod.POST && path.equals(UPLOAD) && !content.hasMediaType("multipart/form-data")) {
            content.addMediaType("multipart/form-data", OASFactory.createMediaType().schema(OASFactory.createSchema()
                    .type(Schema.SchemaType.OBJECT).addProperty("file", OASFactory.createSchema().type(Schema.SchemaType.STRING).format("binary"))
                    .addRequired("file")));
        }
        if (operation.getRequestBody().getDescription() == null) {
            operation.getRequestBody().setDescription("The content as the raw body (any type but multipart)"
                    + (path.equals(UPLOAD) ? ", or a multipart/form-data part named file" : "") + ".");
        }
    }

    /** {@code /null/convert} → {@code /api/v1/documents/{id}/onlyoffice/convert}, with the {@code id} path parameter. */
    private static void placeDocumentServices(OpenAPI openAPI) {
        Map<String, PathItem> items = new LinkedHashMap<>(openAPI.getPaths().getPathItems());
        items.forEach((path, item) -> {
            if (path.equals(SERVICES_LOCATOR)) {
                openAPI.getPaths().removePathItem(path);
            } else if (path.startsWith(UNPLACED + "/")) {
                openAPI.getPaths().removePathItem(path);
                item.getOperations().values().forEach(operation -> operation.addParameter(OASFactory.createParameter()
                        .name("id").in(Parameter.In.PATH).required(true).schema(OASFactory.createSchema().type(Schema.SchemaType.STRING))));
                openAPI.getPaths().addPathItem(SERVICES + path.substring(UNPLACED.length()), item);
            }
        });
    }

    private static void addErrors(Operation operation, PathItem.HttpMethod method, String path) {
        if (operation.getResponses() == null) {
            operation.setResponses(OASFactory.createAPIResponses());
        }
        APIResponses responses = operation.getResponses();
        boolean writes = method != PathItem.HttpMethod.GET && method != PathItem.HttpMethod.HEAD;
        boolean upload = operation.getRequestBody() != null && operation.getRequestBody().getContent() != null
                && operation.getRequestBody().getContent().getMediaTypes().keySet().stream()
                .anyMatch(type -> type.startsWith("application/octet-stream") || type.startsWith("multipart/"));
        boolean hasInput = writes || path.contains("{") || (operation.getParameters() != null && !operation.getParameters().isEmpty());
        ERRORS.forEach((status, description) -> {
            boolean applies = switch (status) {
                case "400" -> hasInput;
                case "404" -> path.contains("{");
                case "409" -> writes;
                case "413", "507" -> upload;
                default -> true;
            };
            if (applies && !responses.hasAPIResponse(status)) {
                responses.addAPIResponse(status, error(description));
            }
        });
    }

    private static APIResponse error(String description) {
        return OASFactory.createAPIResponse().description(description).content(OASFactory.createContent()
                .addMediaType("application/json", OASFactory.createMediaType()
                        .schema(OASFactory.createSchema().ref(ERROR_SCHEMA))));
    }
}

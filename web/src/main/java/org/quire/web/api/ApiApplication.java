package org.quire.web.api;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeIn;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirementsSet;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.quire.web.security.BrowserSessions;

import java.util.Set;

/** The REST API for people and scripts. Classes are listed so that other JAX-RS applications (WOPI, ONLYOFFICE) stay apart. */
@ApplicationPath("api/v1")
@OpenAPIDefinition(info = @Info(title = "Quire REST API", version = "1",
        description = "Folders, documents, versions, access rights, locks, users and audit of the Quire document-management "
                + "module, and its administration. Errors are {\"error\": code, \"message\": text}. Scripts authenticate "
                + "with HTTP Basic; the browser pages with the session cookie of the sign-in form and the session's "
                + "X-CSRF-Token header on every write. Not described here: the WOPI host (/wopi/files/…) and the ONLYOFFICE "
                + "Document Server routes (/onlyoffice/callback/…, /onlyoffice/files/…), which follow those protocols' own "
                + "specifications, authenticated by WOPI access tokens and proof keys and by Document Server JWTs and signed links."),
        security = @SecurityRequirement(name = ApiApplication.BASIC),
        securitySets = @SecurityRequirementsSet({@SecurityRequirement(name = ApiApplication.SESSION), @SecurityRequirement(name = ApiApplication.CSRF)}))
@SecurityScheme(securitySchemeName = ApiApplication.BASIC, type = SecuritySchemeType.HTTP, scheme = "basic",
        description = "A Quire user (built-in or the directory) and password.")
@SecurityScheme(securitySchemeName = ApiApplication.SESSION, type = SecuritySchemeType.APIKEY, in = SecuritySchemeIn.COOKIE,
        apiKeyName = "JSESSIONID", description = "The session of the sign-in form (POST /login), as the document browser and the console use it.")
@SecurityScheme(securitySchemeName = ApiApplication.CSRF, type = SecuritySchemeType.APIKEY, in = SecuritySchemeIn.HEADER,
        apiKeyName = BrowserSessions.CSRF_HEADER, description = "The session's CSRF token (GET /session: csrfToken), required on every "
                + "write made with the session cookie; not needed with HTTP Basic.")
public class ApiApplication extends Application {

    static final String BASIC = "basic";
    static final String SESSION = "session";
    static final String CSRF = "csrf";

    @Override
    public Set<Class<?>> getClasses() {
        return Set.of(
                MeResource.class, IdentityResource.class, FolderResource.class, DocumentResource.class, TrashResource.class, AuditResource.class, OnlyofficeAdminResource.class,
                AdminSettingsResource.class, AdminConnectionResource.class, MissingContentTypeFilter.class,
                AdminLocksResource.class, AdminSignInResource.class, AdminSessionsResource.class, AdminUsersResource.class, AdminGroupsResource.class,
                AdminTrashResource.class, AdminStorageResource.class, AdminScrubResource.class, AdminBackupsResource.class,
                ErrorMappers.QuireExceptionMapper.class, ErrorMappers.ValidationMapper.class,
                ErrorMappers.EjbMapper.class, ErrorMappers.WebMapper.class, ErrorMappers.FallbackMapper.class);
    }
}

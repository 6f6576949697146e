package org.quire.web.api;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.info.Info;

import java.util.Set;

/** The REST API for people and scripts. Classes are listed so that other JAX-RS applications (WOPI, ONLYOFFICE) stay apart. */
@ApplicationPath("api/v1")
@OpenAPIDefinition(info = @Info(title = "Quire REST API", version = "1",
        description = "Folders, documents, versions, users and audit of the Quire document-management module."))
public class ApiApplication extends Application {

    @Override
    public Set<Class<?>> getClasses() {
        return Set.of(
                MeResource.class, IdentityResource.class, FolderResource.class, DocumentResource.class, TrashResource.class, AuditResource.class, OnlyofficeAdminResource.class,
                AdminSettingsResource.class, AdminConnectionResource.class, MissingContentTypeFilter.class,
                AdminLocksResource.class, AdminSessionsResource.class, AdminUsersResource.class, AdminGroupsResource.class,
                AdminTrashResource.class, AdminStorageResource.class, AdminScrubResource.class, AdminBackupsResource.class,
                ErrorMappers.QuireExceptionMapper.class, ErrorMappers.ValidationMapper.class,
                ErrorMappers.EjbMapper.class, ErrorMappers.WebMapper.class, ErrorMappers.FallbackMapper.class);
    }
}

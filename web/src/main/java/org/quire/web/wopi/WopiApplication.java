package org.quire.web.wopi;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

import java.util.Set;

/** The WOPI host ({@code /wopi/files/{id}}), apart from the REST API: its own classes, its own error rules. */
@ApplicationPath("wopi")
public class WopiApplication extends Application {

    @Override
    public Set<Class<?>> getClasses() {
        return Set.of(FilesResource.class, WopiErrorMapper.class, org.quire.web.api.MissingContentTypeFilter.class);
    }
}

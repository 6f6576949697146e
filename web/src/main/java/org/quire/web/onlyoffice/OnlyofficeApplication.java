package org.quire.web.onlyoffice;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.quire.web.api.ErrorMappers;

import java.util.Set;

/** The Document Server's side of the ONLYOFFICE API route: callbacks and file downloads, authenticated by signed links. */
@ApplicationPath("onlyoffice")
public class OnlyofficeApplication extends Application {

    @Override
    public Set<Class<?>> getClasses() {
        return Set.of(CallbackResource.class, FileResource.class,
                ErrorMappers.QuireExceptionMapper.class, ErrorMappers.EjbMapper.class, ErrorMappers.WebMapper.class, ErrorMappers.FallbackMapper.class);
    }
}

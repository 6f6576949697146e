package org.quire.web.security;

import jakarta.annotation.security.DeclareRoles;
import jakarta.enterprise.context.ApplicationScoped;
import org.quire.platform.Roles;

/**
 * The application roles. How callers authenticate is {@link QuireAuthenticationMechanism}; what needs
 * authentication is declared in web.xml; WOPI and ONLYOFFICE endpoints authenticate by tokens.
 */
@ApplicationScoped
@DeclareRoles({Roles.USER, Roles.ADMIN})
public class SecurityConfig {
}

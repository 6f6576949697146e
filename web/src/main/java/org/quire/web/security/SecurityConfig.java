package org.quire.web.security;

import jakarta.annotation.security.DeclareRoles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.authentication.mechanism.http.BasicAuthenticationMechanismDefinition;
import org.quire.identity.Roles;

/**
 * How people and scripts authenticate: HTTP Basic against Quire's identity stores (Jakarta Security).
 * What needs authentication is declared in web.xml; WOPI and ONLYOFFICE endpoints authenticate by tokens.
 */
@ApplicationScoped
@BasicAuthenticationMechanismDefinition(realmName = "Quire")
@DeclareRoles({Roles.USER, Roles.ADMIN})
public class SecurityConfig {
}

package org.quire.web.security;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.quire.platform.CallerContext;

import java.io.IOException;

/** Tells the core the client's address for the audit log. Proxies are not believed until trusted-proxy support exists. */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class ClientAddressFilter extends HttpFilter {

    @Inject
    CallerContext caller;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain) throws IOException, ServletException {
        caller.setAddress(request.getRemoteAddr());
        chain.doFilter(request, response);
    }
}

package org.quire.web.security;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.quire.platform.CallerContext;

import java.io.IOException;

/** Tells the core the client's address for the audit log; {@code X-Forwarded-For} only from trusted proxies ({@link ClientAddresses}). */
public class ClientAddressFilter extends HttpFilter {

    @Inject
    CallerContext caller;

    @Inject
    NetworkPolicy policy;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain) throws IOException, ServletException {
        caller.setAddress(policy.clientAddress(request));
        chain.doFilter(request, response);
    }
}

package org.quire.web.security;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.quire.audit.AuditAction;
import org.quire.audit.AuditService;
import org.quire.platform.CallerContext;

import java.io.IOException;

/**
 * The protocol routes ({@code /wopi/*} for the WOPI client, {@code /onlyoffice/*} for the Document Server) answer
 * only requests from {@code quire.trusted-networks} (when set). A refusal is a 403 and an audit row.
 */
public class TrustedNetworkFilter extends HttpFilter {

    @Inject
    NetworkPolicy policy;

    @Inject
    CallerContext caller;

    @Inject
    AuditService audit;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain) throws IOException, ServletException {
        String client = caller.address(); // determined once, by ClientAddressFilter (first in web.xml)
        if (!policy.isTrusted(client)) {
            audit.recordRejection(AuditAction.UNTRUSTED_SOURCE_REJECTED, null, request.getMethod() + " " + request.getRequestURI(),
                    "client " + client + " (peer " + request.getRemoteAddr() + ") is not in quire.trusted-networks");
            response.setStatus(HttpServletResponse.SC_FORBIDDEN);
            response.setContentType("application/json");
            response.getWriter().write("{\"error\":\"untrusted_source\",\"message\":\"Requests from this address are not accepted here.\"}");
            return;
        }
        chain.doFilter(request, response);
    }
}

package org.quire.web.wopi.proof;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.quire.audit.AuditAction;
import org.quire.audit.AuditService;
import org.quire.web.security.PublicUrl;
import org.quire.web.wopi.Wopi;
import org.quire.web.wopi.discovery.Discovery;
import org.quire.web.wopi.discovery.DiscoveryClient;

import java.io.IOException;
import java.time.Clock;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Verifies the proof of every WOPI request (WOPI.md §2.6) against the keys the WOPI client publishes in its
 * discovery. {@code quire.wopi.proof-keys}: {@code required} (default) checks every request whenever the
 * discovery publishes keys, and refuses all WOPI requests while a configured discovery cannot be read;
 * {@code off} checks nothing. A refusal is HTTP 500 (what WOPI prescribes) and an audit row.
 * The URL that was signed is the one the client used: rebuilt from {@code quire.public-url}, not from what
 * a reverse proxy forwarded.
 */
public class WopiProofFilter extends HttpFilter {

    public static final String PROOF = "X-WOPI-Proof";
    public static final String PROOF_OLD = "X-WOPI-ProofOld";
    public static final String TIMESTAMP = "X-WOPI-TimeStamp";
    private static final Logger LOG = Logger.getLogger(WopiProofFilter.class.getName());

    @Inject
    DiscoveryClient discovery;

    @Inject
    org.quire.settings.QuireConfig config;

    @Inject
    org.quire.settings.SettingsService settings;

    @Inject
    AuditService audit;

    @Inject
    Clock clock;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain) throws IOException, ServletException {
        if (!required() || discovery.url().isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        Optional<Discovery> keys = discovery.get();
        if (keys.isEmpty()) {
            refuse(request, response, "the WOPI client's discovery (proof keys) cannot be read");
            return;
        }
        if (!keys.get().publishesProofKeys()) {
            chain.doFilter(request, response);
            return;
        }
        ProofVerifier.Outcome outcome = verify(request, keys.get());
        if (outcome == ProofVerifier.Outcome.INVALID) {
            // the client may have rotated its keys since we read them: read them again once
            Optional<Discovery> fresh = discovery.refresh();
            if (fresh.isPresent() && fresh.get().publishesProofKeys()) {
                outcome = verify(request, fresh.get());
            }
        } else if (outcome == ProofVerifier.Outcome.VALID_WITH_OLD_KEY) {
            discovery.refresh();
        }
        switch (outcome) {
            case VALID, VALID_WITH_OLD_KEY -> chain.doFilter(request, response);
            case STALE -> refuse(request, response, "proof timestamp older than 20 minutes");
            default -> refuse(request, response, "proof does not verify");
        }
    }

    private ProofVerifier.Outcome verify(HttpServletRequest request, Discovery keys) {
        String token = Wopi.accessTokenAsSent(request.getQueryString());
        if (token == null && request.getHeader("Authorization") != null && request.getHeader("Authorization").regionMatches(true, 0, "Bearer ", 0, 7)) {
            token = request.getHeader("Authorization").substring(7).strip();
        }
        String stamp = request.getHeader(TIMESTAMP);
        if (token == null || stamp == null) {
            return ProofVerifier.Outcome.INVALID;
        }
        long ticks;
        try {
            ticks = Long.parseLong(stamp.strip());
        } catch (NumberFormatException e) {
            return ProofVerifier.Outcome.INVALID;
        }
        return ProofVerifier.verify(keys.proofKey(), keys.oldProofKey(), token, signedUrl(request), ticks,
                request.getHeader(PROOF), request.getHeader(PROOF_OLD), clock.instant());
    }

    /**
     * The URL as the client saw it: {@code quire.public-url} (or, when that is unset, the scheme, host and port the
     * request was addressed to), then the path and the query string exactly as sent.
     */
    String signedUrl(HttpServletRequest request) {
        String base = PublicUrl.of(config.configuredPublicUrl(), request);
        String query = request.getQueryString();
        return base + request.getRequestURI().substring(request.getContextPath().length()) + (query == null ? "" : "?" + query);
    }

    private boolean required() {
        return !"off".equalsIgnoreCase(settings.text(org.quire.settings.SettingKey.WOPI_PROOF_KEYS).strip());
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, String reason) throws IOException {
        LOG.warning(() -> "WOPI request refused (" + reason + "): " + request.getMethod() + " " + request.getRequestURI());
        audit.recordRejection(AuditAction.WOPI_PROOF_REJECTED, null, request.getRequestURI(), reason);
        response.sendError(HttpServletResponse.SC_INTERNAL_SERVER_ERROR);
    }
}

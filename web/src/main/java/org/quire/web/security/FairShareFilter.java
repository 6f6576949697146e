package org.quire.web.security;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.quire.limits.FairShare;
import org.quire.platform.CallerContext;

import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One client's requests are at most {@code quire.limits.requests-per-client} in the node at once, and its requests
 * beyond its first two wait while the node is busy ({@link FairShare}); the next over its share is answered 429 with {@code Retry-After: 1} after a second's wait that holds no thread (an asynchronous response), so a
 * client that floods gets its refusals at the pace of its connections, not at the processors' speed.
 * <p>A client is the signed-in user; on the token routes (WOPI, the Document Server's downloads) the token's user,
 * whose turn {@link QuireAuthenticationMechanism} takes before the token's database look-ups — all editors' traffic
 * comes from the Document Server's address, so these are never keyed on it; an anonymous request is keyed on its
 * address. Not counted: the Document Server's callbacks (saves), health, metrics and the static files. The turn ends
 * when the request has passed this filter.
 */
public class FairShareFilter extends HttpFilter {

    static final long WAIT_MILLIS = 1000;
    private static final String TURN = FairShareFilter.class.getName() + ".turn";
    private static final String REFUSED = FairShareFilter.class.getName() + ".refused";
    private static final String BODY = "{\"error\":\"too_many_requests_at_once\",\"message\":\"You have as many requests running as one person may"
            + " (quire.limits.requests-per-client); try again in a second.\"}";

    /** Turns taken for a request, kept in its attributes. */
    @ApplicationScoped
    public static class Turns {

        @Inject
        FairShare share;

        /** Takes {@code client}'s turn for this request (none needed when empty); false when refused. */
        boolean takeTurn(HttpServletRequest request, Optional<String> client) {
            if (client.isEmpty() || request.getAttribute(TURN) != null) {
                return true;
            }
            Optional<FairShare.Turn> turn = share.enter(client.get());
            request.setAttribute(turn.isPresent() ? TURN : REFUSED, turn.isPresent() ? turn.get() : Boolean.TRUE);
            return turn.isPresent();
        }

        void endTurn(HttpServletRequest request) {
            if (request.getAttribute(TURN) instanceof FairShare.Turn turn) {
                request.removeAttribute(TURN);
                turn.close();
            }
        }
    }

    static String userClient(String login) {
        return "user:" + login;
    }

    @Inject
    Turns turns;

    @Inject
    CallerContext caller;

    @Resource
    ManagedThreadFactory threads;

    /**
     * Writes the refusals when their second is up. A plain timer on one managed thread: the managed executor captures
     * the caller's context for every task (a class-path scan each time), too dear for a refusal that must cost nothing.
     */
    private ScheduledExecutorService timer;

    @Override
    public void init() {
        timer = Executors.newSingleThreadScheduledExecutor(threads);
    }

    @Override
    public void destroy() {
        timer.shutdownNow();
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain) throws IOException, ServletException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        String user = request.getRemoteUser();
        Optional<String> client = exempt(path) ? Optional.empty() : Optional.of(user != null ? userClient(user) : "address:" + caller.address());
        if (request.getAttribute(REFUSED) != null || !turns.takeTurn(request, client)) {
            refuse(request, response);
            return;
        }
        try {
            chain.doFilter(request, response);
        } finally {
            turns.endTurn(request);
        }
    }

    static boolean exempt(String path) {
        return path.startsWith("/onlyoffice/callback/") || path.startsWith("/static/") || path.startsWith("/health")
                || path.startsWith("/metrics");
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!request.isAsyncSupported()) {
            answer(response);
            return;
        }
        AsyncContext async = request.startAsync();
        async.setTimeout(WAIT_MILLIS * 10);
        timer.schedule(() -> {
            try {
                answer((HttpServletResponse) async.getResponse());
            } catch (IOException | RuntimeException gone) {
                // the client went away while it waited: nothing to answer
            } finally {
                async.complete();
            }
        }, WAIT_MILLIS, TimeUnit.MILLISECONDS);
    }

    private static void answer(HttpServletResponse response) throws IOException {
        response.setStatus(429);
        response.setHeader("Retry-After", "1");
        response.setHeader("Connection", "close");
        response.setContentType("application/json");
        response.getWriter().write(BODY);
    }
}

package org.quire.web.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The signed-in browser session of the login form: who the caller is, their groups (as the identity stores
 * reported them at sign-in) and the session's CSRF token. Everything lives in the container's HTTP session
 * (cookie HttpOnly, SameSite=Strict: web.xml); nothing of it is readable by other origins.
 */
public final class BrowserSessions {

    /** Request attribute naming how the caller of this request was authenticated: one of the {@code BY_…} values. */
    public static final String AUTHENTICATED_BY = "org.quire.authenticated-by";
    public static final String BY_SESSION = "session";
    public static final String BY_BASIC = "basic";
    public static final String BY_TOKEN = "token";

    /** The header a session-authenticated write must carry, equal to the session's token. */
    public static final String CSRF_HEADER = "X-CSRF-Token";

    static final String CALLER = "org.quire.session.caller";
    static final String GROUPS = "org.quire.session.groups";
    static final String CSRF = "org.quire.session.csrf";

    private static final SecureRandom RANDOM = new SecureRandom();

    private BrowserSessions() {
    }

    /** Who a session stands for. */
    public record SessionCaller(String login, Set<String> groups, String csrfToken) {
    }

    /**
     * Starts a fresh session for {@code login} (an existing one is invalidated first: no session fixation) with
     * a new random CSRF token.
     */
    static SessionCaller start(HttpServletRequest request, HttpServletResponse response, String login, Set<String> groups) {
        HttpSession old = request.getSession(false);
        if (old != null) {
            try {
                old.invalidate();
            } catch (IllegalStateException alreadyInvalid) {
                // nothing to end
            }
        }
        HttpSession session = request.getSession(true);
        byte[] token = new byte[32];
        RANDOM.nextBytes(token);
        SessionCaller caller = new SessionCaller(login, Set.copyOf(groups), Base64.getUrlEncoder().withoutPadding().encodeToString(token));
        session.setAttribute(CALLER, caller.login());
        session.setAttribute(GROUPS, new HashSet<>(caller.groups()));
        session.setAttribute(CSRF, caller.csrfToken());
        sameSiteStrict(request, response);
        return caller;
    }

    /**
     * Repeats the container's session cookie with {@code SameSite=Strict} (and {@code Secure} over https): Payara
     * Micro writes the cookie-config of web.xml without its {@code SameSite} attribute. The browser keeps the last
     * of two cookies of the same name and path, so the repeated one is the one it stores.
     */
    static void sameSiteStrict(HttpServletRequest request, HttpServletResponse response) {
        String name = request.getServletContext().getSessionCookieConfig().getName();
        String prefix = (name == null ? "JSESSIONID" : name) + "=";
        String written = null;
        for (String header : response.getHeaders("Set-Cookie")) {
            if (header.startsWith(prefix)) {
                written = header;
            }
        }
        if (written == null) {
            HttpSession session = request.getSession(false);
            if (session == null) {
                return;
            }
            String path = request.getContextPath().isEmpty() ? "/" : request.getContextPath();
            written = prefix + session.getId() + "; Path=" + path + "; HttpOnly";
        }
        if (written.toLowerCase(Locale.ROOT).contains("samesite=")) {
            return;
        }
        String cookie = written + "; SameSite=Strict";
        if (request.isSecure() && !written.toLowerCase(Locale.ROOT).contains("secure")) {
            cookie += "; Secure";
        }
        response.addHeader("Set-Cookie", cookie);
    }

    /** The caller of the request's session, if it has a signed-in one. */
    @SuppressWarnings("unchecked")
    public static Optional<SessionCaller> of(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session == null) {
            return Optional.empty();
        }
        try {
            Object login = session.getAttribute(CALLER);
            Object groups = session.getAttribute(GROUPS);
            Object token = session.getAttribute(CSRF);
            if (login instanceof String l && groups instanceof Set<?> g && token instanceof String t) {
                return Optional.of(new SessionCaller(l, Set.copyOf((Set<String>) g), t));
            }
        } catch (IllegalStateException invalidated) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /** Ends the request's session, if any. */
    static void end(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            try {
                session.invalidate();
            } catch (IllegalStateException alreadyInvalid) {
                // nothing to end
            }
        }
    }

    /** Whether {@code presented} is the token (constant time, so the comparison leaks nothing by its duration). */
    static boolean tokenMatches(String expected, String presented) {
        return presented != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8));
    }

    /** GET, HEAD, OPTIONS and TRACE change nothing; every other method needs the CSRF token in a session. */
    static boolean isUnsafe(String method) {
        return switch (method.toUpperCase(Locale.ROOT)) {
            case "GET", "HEAD", "OPTIONS", "TRACE" -> false;
            default -> true;
        };
    }

    /**
     * Whether the request comes from a browser page rather than an API client: it accepts HTML, says it is a
     * script of Quire's pages ({@code X-Requested-With}), or presents a session cookie. Such requests never get a
     * Basic challenge — a browser would prompt for a password and then cache it as an ambient credential.
     */
    static boolean fromBrowser(HttpServletRequest request) {
        String accept = request.getHeader("Accept");
        return (accept != null && accept.toLowerCase(Locale.ROOT).contains("text/html"))
                || request.getHeader("X-Requested-With") != null
                || request.getRequestedSessionId() != null;
    }

    /** Whether the request asks for a page (HTML) rather than data. */
    static boolean wantsPage(HttpServletRequest request) {
        String accept = request.getHeader("Accept");
        return accept != null && accept.toLowerCase(Locale.ROOT).contains("text/html");
    }

    /**
     * A safe place to go after signing in: a path of this application only (no scheme, no host, no {@code //}
     * or backslash that a browser would read as another origin); otherwise the document browser.
     */
    static String safeNext(String next) {
        if (next == null || next.isEmpty() || next.length() > 2000 || !next.startsWith("/") || next.startsWith("//")
                || next.contains("\\") || next.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            return "/";
        }
        return next;
    }
}

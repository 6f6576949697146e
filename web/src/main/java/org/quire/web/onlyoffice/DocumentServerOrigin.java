package org.quire.web.onlyoffice;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The SSRF guard of the callback (docs/ARCHITECTURE.md, "ONLYOFFICE API route"): a URL the Document Server
 * hands over is fetched only when its origin (scheme, host, port) is one of the configured Document Server
 * addresses. Allow-listing origins rather than blocking private ranges, because on-premise Document Servers
 * normally sit on a private network.
 */
public final class DocumentServerOrigin {

    private DocumentServerOrigin() {
    }

    /** Whether {@code url} is an http(s) URL without user info on one of {@code allowed}'s origins. */
    public static boolean allows(List<URI> allowed, String url) {
        return parse(url).map(u -> allowed.stream().anyMatch(a -> sameOrigin(a, u))).orElse(false);
    }

    /**
     * The address to fetch: a URL on the public Document Server address is rewritten to the internal one
     * (the public name may not resolve from Quire's network).
     */
    public static URI toInternal(URI url, URI publicBase, URI internalBase) {
        if (publicBase.equals(internalBase) || !sameOrigin(publicBase, url)) {
            return url;
        }
        String publicPath = publicBase.getRawPath() == null || publicBase.getRawPath().isEmpty() ? "/" : publicBase.getRawPath();
        String path = url.getRawPath() == null ? "/" : url.getRawPath();
        String internalPath = internalBase.getRawPath() == null || internalBase.getRawPath().isEmpty() ? "/" : internalBase.getRawPath();
        String rest = path.startsWith(publicPath) ? path.substring(publicPath.length()) : path.replaceFirst("^/", "");
        String query = url.getRawQuery() == null ? "" : "?" + url.getRawQuery();
        return URI.create(internalBase.getScheme() + "://" + internalBase.getRawAuthority() + internalPath + rest + query);
    }

    static boolean sameOrigin(URI a, URI b) {
        return a.getScheme() != null && b.getScheme() != null && a.getHost() != null && b.getHost() != null
                && a.getScheme().equalsIgnoreCase(b.getScheme())
                && a.getHost().toLowerCase(Locale.ROOT).equals(b.getHost().toLowerCase(Locale.ROOT))
                && port(a) == port(b);
    }

    private static Optional<URI> parse(String url) {
        if (url == null || url.isBlank()) {
            return Optional.empty();
        }
        try {
            URI u = new URI(url.strip());
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            if (!u.isAbsolute() || !(scheme.equals("http") || scheme.equals("https")) || u.getHost() == null
                    || u.getRawUserInfo() != null) {
                return Optional.empty();
            }
            return Optional.of(u);
        } catch (java.net.URISyntaxException e) {
            return Optional.empty();
        }
    }

    private static int port(URI u) {
        if (u.getPort() != -1) {
            return u.getPort();
        }
        return "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
    }
}

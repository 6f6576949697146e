package org.quire.settings;

import inet.ipaddr.AddressStringException;
import inet.ipaddr.IPAddressString;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The settings an administrator may change at run time (issue 6), each under its MicroProfile Config key: its
 * type, whether it is a secret (write-only), a description and the default. {@link #normalise} validates a new
 * value and returns it in the form stored; a bad value is an {@link IllegalArgumentException} whose message says
 * what is wrong. Effective values: {@link SettingsService}.
 */
public enum SettingKey {

    ONLYOFFICE_URL("quire.onlyoffice.url", Type.OPTIONAL_URL, false, null,
            "The Document Server as browsers reach it (api.js); also an allowed origin of saved files. Empty: ONLYOFFICE is not configured."),
    ONLYOFFICE_INTERNAL_URL("quire.onlyoffice.internal-url", Type.OPTIONAL_URL, false, null,
            "The Document Server as Quire reaches it (health check, commands, conversions, saved files); empty: the public URL."),
    PUBLIC_URL("quire.public-url", Type.OPTIONAL_URL, false, null,
            "Quire's URL as browsers and the Document Server reach it (signed links, callbacks, WOPISrc); empty: http://localhost:8080 for links, the request's own address for pages."),
    ONLYOFFICE_SECRET("quire.onlyoffice.secret", Type.SECRET, true, null,
            "The Document Server's JWT secret (inbox = outbox), exactly as set there; shorter than " + SettingKey.STRONG_SECRET_BYTES
                    + " bytes works but is weak. Write-only; empty: no secret."),
    ONLYOFFICE_JWT("quire.onlyoffice.jwt", Type.choice("on", "off"), false, "on",
            "on: the Document Server's tokens are signed and required (a secret is needed); off: unsigned, only while the Document Server has JWT disabled."),
    ONLYOFFICE_JWT_HEADER("quire.onlyoffice.jwt-header", Type.HEADER_NAME, false, "Authorization",
            "The HTTP header of the Document Server's tokens (AuthorizationJwt when a proxy uses Authorization)."),
    TRUSTED_NETWORKS("quire.trusted-networks", Type.CIDR_LIST, false, "",
            "Comma-separated CIDR list from which /wopi/* and /onlyoffice/* are served; empty: every address."),
    TRUSTED_PROXIES("quire.trusted-proxies", Type.CIDR_LIST, false, "",
            "Comma-separated CIDR list of reverse proxies whose X-Forwarded-For is believed; empty: none."),
    COLLABORATION_MODE("quire.collaboration.mode", Type.choice("fast", "strict"), false, "fast",
            "Default co-editing mode of the ONLYOFFICE editor: fast or strict (a document's own mode wins)."),
    COLLABORATION_CHANGE("quire.collaboration.change", Type.BOOLEAN, false, "true",
            "Whether users may switch the co-editing mode in the editor."),
    FORCE_SAVE("quire.onlyoffice.forcesave", Type.BOOLEAN, false, "true",
            "Whether the editor offers force-save (a version stored while the session stays open)."),
    WOPI_DISCOVERY_URL("quire.wopi.discovery-url", Type.OPTIONAL_URL, false, null,
            "The WOPI client's discovery, e.g. http://documentserver/hosting/discovery; empty: no action URLs, no proof check."),
    WOPI_PROOF_KEYS("quire.wopi.proof-keys", Type.choice("required", "off"), false, "required",
            "required: every WOPI request must carry a valid proof whenever the discovery publishes keys; off: not checked."),
    UPLOAD_MAX_BYTES("quire.upload.max-bytes", Type.BYTES, false, String.valueOf(2L * 1024 * 1024 * 1024),
            "Largest upload, new version or saved file in bytes (1 to 1 TiB)."),
    EDITABLE_FORMATS("quire.editable-formats", Type.EXTENSION_LIST, false, "",
            "Comma-separated extensions that open for editing (e.g. docx, xlsx, pptx); narrows the format matrix. Empty: every editable format."),
    SIGN_IN_DELAY_AFTER("quire.sign-in.delay-after", Type.COUNT, false, "5",
            "Failed sign-ins of one login, or from one client address, after which each further try must wait (1 s, doubling, at most 30 s)."),
    SIGN_IN_LOCK_AFTER("quire.sign-in.lock-after", Type.COUNT, false, "20",
            "Failed sign-ins of one login, or from one client address, that lock it for quire.sign-in.lock-for; a locked login still signs in from addresses without failures."),
    SIGN_IN_LOCK_FOR("quire.sign-in.lock-for", Type.DURATION, false, "PT15M",
            "How long a sign-in lock lasts (ISO-8601 duration, e.g. PT15M)."),
    SIGN_IN_FORGET_AFTER("quire.sign-in.forget-after", Type.DURATION, false, "PT12H",
            "Failed sign-ins are forgotten after this long without another one (ISO-8601 duration)."),
    CONVERSIONS_PER_MINUTE("quire.limits.conversions-per-minute", Type.COUNT, false, "30",
            "Conversions (convert and edit, download as) one user may start per minute on one node; more are answered 429."),
    CONVERSIONS_CONCURRENT("quire.limits.conversions-concurrent", Type.COUNT, false, "4",
            "Conversions one node runs at once; as many again wait up to 30 s for a slot, more are answered 503."),
    SCRUBS_PER_HOUR("quire.limits.scrubs-per-hour", Type.COUNT, false, "4",
            "Content scrubs (each reads every stored file) one administrator may start per hour on one node; more are answered 429."),
    REQUESTS_PER_CLIENT("quire.limits.requests-per-client", Type.COUNT, false, "8",
            "Requests of one client (a user, or an address when anonymous) one node serves at once; the next is answered 429 after a second.");

    /** A Document Server secret shorter than this works but is weak (RFC 7518 §3.2 asks 256 bits for HS256). */
    public static final int STRONG_SECRET_BYTES = 32;
    static final long MAX_UPLOAD_BYTES = 1L << 40;
    static final long MAX_COUNT = 1_000_000;
    static final java.time.Duration MAX_DURATION = java.time.Duration.ofDays(366);
    private static final Pattern HEADER_TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}");
    private static final Pattern EXTENSION = Pattern.compile("[a-z0-9]{1,16}");

    private final String key;
    private final Type type;
    private final boolean secret;
    private final String defaultValue;
    private final String description;

    SettingKey(String key, Type type, boolean secret, String defaultValue, String description) {
        this.key = key;
        this.type = type;
        this.secret = secret;
        this.defaultValue = defaultValue;
        this.description = description;
    }

    /** The MicroProfile Config key, also the name in the admin API. */
    public String key() {
        return key;
    }

    public boolean secret() {
        return secret;
    }

    /** The value without configuration; null when the setting is unset by default. */
    public String defaultValue() {
        return defaultValue;
    }

    public String description() {
        return description;
    }

    /** The type's name for the admin API and the console: url, secret, header, cidr-list, choice, boolean, bytes, extension-list,
     * count, duration. */
    public String typeName() {
        return type.name;
    }

    public static Optional<SettingKey> of(String key) {
        for (SettingKey k : values()) {
            if (k.key.equals(key)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }

    /** Validates {@code value} (not null) and returns it as stored; {@link IllegalArgumentException} says what is wrong. */
    public String normalise(String value) {
        if (value == null) {
            throw new IllegalArgumentException("a value is required");
        }
        return type.normalise(value);
    }

    /** The kinds of value and their rules. */
    static final class Type {
        static final Type URL = new Type("url", null, false);
        static final Type OPTIONAL_URL = new Type("url", null, true);
        static final Type SECRET = new Type("secret", null, false);
        static final Type HEADER_NAME = new Type("header", null, false);
        static final Type CIDR_LIST = new Type("cidr-list", null, true);
        static final Type BOOLEAN = new Type("boolean", List.of("true", "false"), false);
        static final Type BYTES = new Type("bytes", null, false);
        static final Type EXTENSION_LIST = new Type("extension-list", null, true);
        static final Type COUNT = new Type("count", null, false);
        static final Type DURATION = new Type("duration", null, false);

        final String name;
        final List<String> choices;
        final boolean mayBeEmpty;

        private Type(String name, List<String> choices, boolean mayBeEmpty) {
            this.name = name;
            this.choices = choices;
            this.mayBeEmpty = mayBeEmpty;
        }

        static Type choice(String... choices) {
            return new Type("choice", List.of(choices), false);
        }

        String normalise(String raw) {
            if (this == SECRET) {
                return raw; // exactly as the Document Server has it, any length; empty: no secret
            }
            String v = raw.strip();
            if (v.isEmpty()) {
                if (mayBeEmpty) {
                    return "";
                }
                throw new IllegalArgumentException("a value is required");
            }
            if (choices != null) {
                String lower = v.toLowerCase(Locale.ROOT);
                if (!choices.contains(lower)) {
                    throw new IllegalArgumentException("'" + v + "' is not one of " + String.join(", ", choices));
                }
                return lower;
            }
            return switch (name) {
                case "url" -> url(v);
                case "header" -> {
                    if (!HEADER_TOKEN.matcher(v).matches()) {
                        throw new IllegalArgumentException("'" + v + "' is not an HTTP header name");
                    }
                    yield v;
                }
                case "cidr-list" -> cidrList(v);
                case "bytes" -> whole(v, MAX_UPLOAD_BYTES, "bytes");
                case "extension-list" -> extensions(v);
                case "count" -> whole(v, MAX_COUNT, "");
                case "duration" -> duration(v);
                default -> throw new IllegalStateException(name);
            };
        }

        private static String url(String v) {
            URI uri;
            try {
                uri = new URI(v);
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("'" + v + "' is not a URL");
            }
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!uri.isAbsolute() || !(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || uri.getHost().isEmpty()) {
                throw new IllegalArgumentException("'" + v + "' is not an absolute http(s) URL with a host, e.g. https://docs.example.org/");
            }
            if (uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
                throw new IllegalArgumentException("'" + v + "' must not carry user info, a query or a fragment");
            }
            return v;
        }

        private static String cidrList(String v) {
            List<String> entries = new ArrayList<>();
            for (String entry : v.split(",")) {
                String e = entry.strip();
                if (e.isEmpty()) {
                    continue;
                }
                inet.ipaddr.IPAddress address;
                try {
                    address = new IPAddressString(e).toAddress();
                } catch (AddressStringException | RuntimeException ex) {
                    address = null;
                }
                if (address == null) {
                    throw new IllegalArgumentException("'" + e + "' is not a network in CIDR notation (e.g. 10.0.0.0/8, 192.168.1.7, fd00::/8)");
                }
                entries.add(e);
            }
            return String.join(",", entries);
        }

        /** A whole number from 1 to {@code max}; {@code unit} names what it counts in the messages (may be empty). */
        private static String whole(String v, long max, String unit) {
            long n;
            try {
                n = Long.parseLong(v);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + v + "' is not a whole number" + (unit.isEmpty() ? "" : " of " + unit));
            }
            if (n < 1 || n > max) {
                throw new IllegalArgumentException(n + " is out of range: 1 to " + max + (unit.isEmpty() ? "" : " " + unit));
            }
            return Long.toString(n);
        }

        private static String duration(String v) {
            java.time.Duration d;
            try {
                d = java.time.Duration.parse(v.toUpperCase(Locale.ROOT));
            } catch (java.time.format.DateTimeParseException e) {
                throw new IllegalArgumentException("'" + v + "' is not an ISO-8601 duration (e.g. PT15M, PT12H, P1D)");
            }
            if (d.compareTo(java.time.Duration.ofSeconds(1)) < 0 || d.compareTo(MAX_DURATION) > 0) {
                throw new IllegalArgumentException(v + " is out of range: PT1S to P366D");
            }
            return d.toString();
        }

        private static String extensions(String v) {
            List<String> entries = new ArrayList<>();
            for (String entry : v.split(",")) {
                String e = entry.strip().toLowerCase(Locale.ROOT);
                if (e.startsWith(".")) {
                    e = e.substring(1);
                }
                if (e.isEmpty()) {
                    continue;
                }
                if (!EXTENSION.matcher(e).matches()) {
                    throw new IllegalArgumentException("'" + entry.strip() + "' is not a file extension (letters and digits, e.g. docx)");
                }
                if (!entries.contains(e)) {
                    entries.add(e);
                }
            }
            return String.join(",", entries);
        }
    }
}

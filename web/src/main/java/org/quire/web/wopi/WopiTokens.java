package org.quire.web.wopi;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.quire.acl.Permission;
import org.quire.platform.QuireConfig;
import org.quire.platform.SecretService;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Set;

/** Issues and reads WOPI access tokens with Quire's own key (created once, kept in the database). */
@ApplicationScoped
public class WopiTokens {

    static final String KEY_NAME = "wopi.access-token.hs256";

    @Inject
    SecretService secrets;

    @Inject
    QuireConfig config;

    @Inject
    Clock clock;

    private static final int REMEMBERED = 10_000;

    private volatile WopiTokenCodec codec;
    private final Map<String, WopiAccess> verified = new ConcurrentHashMap<>();

    public WopiAccess issue(String login, String documentId, Set<Permission> permissions) {
        return codec().access(login, documentId, permissions, config.wopiTokenTtl());
    }

    public String encode(WopiAccess access) {
        return codec().encode(access);
    }

    /**
     * The access a token grants. A client sends the same token with every request of a session, so verified tokens
     * are remembered until they expire (a token never changes meaning; at most {@value #REMEMBERED} are kept).
     */
    public Optional<WopiAccess> decode(String token) {
        WopiAccess known = verified.get(token);
        if (known != null) {
            if (known.expires().isAfter(clock.instant())) {
                return Optional.of(known);
            }
            verified.remove(token);
        }
        Optional<WopiAccess> access = codec().decode(token);
        access.ifPresent(a -> {
            if (verified.size() >= REMEMBERED) {
                verified.clear();
            }
            verified.put(token, a);
        });
        return access;
    }

    private WopiTokenCodec codec() {
        WopiTokenCodec c = codec;
        if (c == null) {
            synchronized (this) {
                c = codec;
                if (c == null) {
                    c = new WopiTokenCodec(secrets.getOrCreate(KEY_NAME, 32), clock);
                    codec = c;
                }
            }
        }
        return c;
    }
}

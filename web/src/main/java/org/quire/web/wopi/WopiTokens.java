package org.quire.web.wopi;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.quire.acl.Permission;
import org.quire.platform.SecretService;
import org.quire.settings.QuireConfig;

import java.time.Clock;
import java.util.Optional;
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

    private volatile WopiTokenCodec codec;

    public WopiAccess issue(String login, String documentId, Set<Permission> permissions) {
        return codec().access(login, documentId, permissions, config.wopiTokenTtl());
    }

    public String encode(WopiAccess access) {
        return codec().encode(access);
    }

    public Optional<WopiAccess> decode(String token) {
        return codec().decode(token);
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

package org.quire.identity;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.quire.identity.SignInRules.Failures;
import org.quire.platform.Times;
import org.quire.settings.SettingKey;
import org.quire.settings.SettingsService;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Password guessing, on every route that checks a password (HTTP Basic, the login form, and through them the
 * directory's binds): asked {@link #before} the identity stores see the password, told of the outcome after.
 * Failures count per login (whether or not it exists: the answer must not tell) and per client address, in the
 * database ({@link SignInFailures}), so every node applies the same {@link SignInRules}.
 * <p>An address is held back by its own failures. A login's failures hold back only addresses that have failed
 * themselves: the owner signing in from a machine that made no wrong guess is never locked out by someone
 * else's guessing, and their open sessions are not touched (docs/ARCHITECTURE.md, "Password guessing").
 * <p>Most tries have no failures at all; such a "clean" pair is remembered on this node for {@link #CLEAN_FOR}, so
 * HTTP Basic does not pay a statement per request. A failure on this node forgets all of them at once; a failure on
 * another node shows here after at most that long.
 */
@ApplicationScoped
public class SignInThrottle {

    static final Duration CLEAN_FOR = Duration.ofSeconds(2);
    private static final int MAX_CLEAN = 10_000;
    private static final long TIDY_EVERY_NANOS = Duration.ofMinutes(1).toNanos();
    private static final int MAX_LOGIN = 200;

    @Inject
    SignInFailures failures;

    @Inject
    SettingsService settings;

    @Inject
    Clock clock;

    private final ConcurrentHashMap<String, Long> clean = new ConcurrentHashMap<>();
    private final AtomicLong tidied = new AtomicLong(System.nanoTime() - TIDY_EVERY_NANOS);

    /** A password about to be checked: who, from where, and whether it may be. */
    public record Attempt(String login, String address, boolean loginHasFailures, Optional<Duration> retryAfter) {

        public boolean refused() {
            return retryAfter.isPresent();
        }

        /** Whole seconds to wait, at least one. */
        public long retryAfterSeconds() {
            return retryAfter.map(SignInThrottle::seconds).orElse(0L);
        }
    }

    public SignInRules rules() {
        int delayAfter = (int) settings.number(SettingKey.SIGN_IN_DELAY_AFTER);
        int lockAfter = Math.max(delayAfter, (int) settings.number(SettingKey.SIGN_IN_LOCK_AFTER));
        return new SignInRules(delayAfter, lockAfter, settings.duration(SettingKey.SIGN_IN_LOCK_FOR), settings.duration(SettingKey.SIGN_IN_FORGET_AFTER));
    }

    /** Whether {@code login} may try a password from {@code address} now; a refused attempt must not be checked. */
    public Attempt before(String login, String address) {
        String subject = subject(login);
        String pair = subject + '\n' + address;
        Long cleanUntil = clean.get(pair);
        if (cleanUntil != null && cleanUntil - System.nanoTime() > 0) {
            return new Attempt(subject, address, false, Optional.empty());
        }
        List<Failures> rows = failures.of(subject, address);
        SignInRules rules = rules();
        LocalDateTime now = Times.now(clock);
        Failures ofLogin = find(rows, SignInFailures.LOGIN, rules, now);
        Failures ofAddress = find(rows, SignInFailures.ADDRESS, rules, now);
        if (ofLogin == null && ofAddress == null) {
            if (clean.size() >= MAX_CLEAN) {
                clean.clear();
            }
            clean.put(pair, System.nanoTime() + CLEAN_FOR.toNanos());
            return new Attempt(subject, address, false, Optional.empty());
        }
        LocalDateTime open = rules.openAt(ofAddress, now);
        if (ofAddress != null && ofLogin != null) {
            LocalDateTime loginOpen = rules.openAt(ofLogin, now);
            open = loginOpen.isAfter(open) ? loginOpen : open;
        }
        Optional<Duration> wait = open.isAfter(now) ? Optional.of(Duration.between(now, open)) : Optional.empty();
        return new Attempt(subject, address, ofLogin != null, wait);
    }

    /** The password was wrong: one more failure of the login and of the address. */
    public void failed(Attempt attempt) {
        clean.clear();
        SignInRules rules = rules();
        failures.fail(SignInFailures.LOGIN, attempt.login(), rules);
        failures.fail(SignInFailures.ADDRESS, attempt.address(), rules);
        long last = tidied.get();
        if (System.nanoTime() - last > TIDY_EVERY_NANOS && tidied.compareAndSet(last, System.nanoTime())) {
            failures.tidy(rules);
        }
    }

    /** The password was right: the login's failures are forgotten (not a lock); the address's stay until they expire. */
    public void succeeded(Attempt attempt) {
        if (attempt.loginHasFailures()) {
            failures.forgetLogin(attempt.login());
        }
    }

    /** A login or address being held back now: its failures, whether it is locked, and the seconds until it may try again (0: now). */
    public record Held(Failures failures, boolean locked, long retryAfterSeconds) {
    }

    /** Administrators: the logins and addresses delayed or locked now, the latest failure first. */
    public List<Held> held() {
        SignInRules rules = rules();
        LocalDateTime now = Times.now(clock);
        return failures.throttled(rules).stream().map(f -> {
            LocalDateTime open = rules.openAt(f, now);
            return new Held(f, f.lockedAt(now), open.isAfter(now) ? seconds(Duration.between(now, open)) : 0);
        }).toList();
    }

    /** Administrators: forgets a login's or an address's failures and lifts its lock (audited; 404 when it has none). */
    public Failures clear(String kind, String subject) {
        return failures.clear(kind, subject);
    }

    /** Whole seconds, rounded up, at least one. */
    static long seconds(Duration d) {
        return Math.max(1, (d.toMillis() + 999) / 1000);
    }

    /** How a login is counted: as typed, stripped, in lower case, clipped. */
    static String subject(String login) {
        String s = login == null ? "" : login.strip().toLowerCase(Locale.ROOT);
        return s.length() > MAX_LOGIN ? s.substring(0, MAX_LOGIN) : s;
    }

    private static Failures find(List<Failures> rows, String kind, SignInRules rules, LocalDateTime now) {
        return rows.stream().filter(f -> f.kind().equals(kind) && !rules.forgotten(f, now)).findFirst().orElse(null);
    }
}

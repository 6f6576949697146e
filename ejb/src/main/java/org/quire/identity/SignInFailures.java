package org.quire.identity;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.quire.audit.AuditAction;
import org.quire.audit.AuditService;
import org.quire.identity.SignInRules.Failures;
import org.quire.platform.NotFoundException;
import org.quire.platform.Times;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;

/**
 * The failed sign-ins in the database ({@code sign_in_failure}), shared by every node: read before a password is
 * checked, counted after a wrong one (one statement per login and address, atomic under concurrent failures),
 * locks placed and audited ({@code SIGN_IN_LOCKED}), and the administrators' view and clearing
 * ({@code SIGN_IN_CLEARED}). The rules are {@link SignInRules}; the sign-in path goes through {@link SignInThrottle}.
 */
@Stateless
public class SignInFailures {

    public static final String LOGIN = "login";
    public static final String ADDRESS = "address";
    /** Rows kept at most beyond the locked ones: unknown logins must not grow the table without bound. */
    static final int MAX_TRACKED = 10_000;
    private static final String COLUMNS = "kind, subject, failures, first_failure, last_failure, locked_until";

    @PersistenceContext(unitName = "quire")
    EntityManager em;

    @Inject
    AuditService audit;

    @Inject
    Caller caller;

    @Inject
    Clock clock;

    /** The rows of {@code login} and {@code address} (either may be missing). */
    public List<Failures> of(String login, String address) {
        return rows(em.createNativeQuery("SELECT " + COLUMNS + " FROM sign_in_failure WHERE (kind = ?1 AND subject = ?2) OR (kind = ?3 AND subject = ?4)")
                .setParameter(1, LOGIN).setParameter(2, login).setParameter(3, ADDRESS).setParameter(4, address).getResultList());
    }

    /**
     * Counts one more failure of the subject (starting again from one when its earlier ones are forgotten) and locks
     * it when the count reaches the rules' threshold and no lock runs; a new lock is audited.
     */
    public Failures fail(String kind, String subject, SignInRules rules) {
        LocalDateTime now = Times.now(clock);
        LocalDateTime forgetBefore = now.minus(rules.forgetAfter());
        String restart = "(sign_in_failure.last_failure <= ?4 AND (sign_in_failure.locked_until IS NULL OR sign_in_failure.locked_until <= ?3))";
        Failures f = rows(em.createNativeQuery("INSERT INTO sign_in_failure (" + COLUMNS + ") VALUES (?1, ?2, 1, ?3, ?3, NULL) "
                        + "ON CONFLICT (kind, subject) DO UPDATE SET "
                        + "failures = CASE WHEN " + restart + " THEN 1 ELSE sign_in_failure.failures + 1 END, "
                        + "first_failure = CASE WHEN " + restart + " THEN ?3 ELSE sign_in_failure.first_failure END, "
                        + "last_failure = ?3 RETURNING " + COLUMNS)
                .setParameter(1, kind).setParameter(2, subject).setParameter(3, now).setParameter(4, forgetBefore).getResultList()).get(0);
        if (f.failures() < rules.lockAfter() || f.lockedAt(now)) {
            return f;
        }
        LocalDateTime until = now.plus(rules.lockFor());
        int locked = em.createNativeQuery("UPDATE sign_in_failure SET locked_until = ?3 WHERE kind = ?1 AND subject = ?2 "
                        + "AND (locked_until IS NULL OR locked_until <= ?4)")
                .setParameter(1, kind).setParameter(2, subject).setParameter(3, until).setParameter(4, now).executeUpdate();
        if (locked == 1) {
            audit.record(AuditAction.SIGN_IN_LOCKED, null, kind + ":" + subject,
                    f.failures() + " failed sign-ins since " + Times.utc(f.firstFailure()) + "; locked until " + Times.utc(until));
        }
        return new Failures(f.kind(), f.subject(), f.failures(), f.firstFailure(), f.lastFailure(), until);
    }

    /** A successful sign-in of {@code login}: its failures are forgotten, unless it is locked. */
    public void forgetLogin(String login) {
        em.createNativeQuery("DELETE FROM sign_in_failure WHERE kind = ?1 AND subject = ?2 AND (locked_until IS NULL OR locked_until <= ?3)")
                .setParameter(1, LOGIN).setParameter(2, login).setParameter(3, Times.now(clock)).executeUpdate();
    }

    /** Drops forgotten rows, then the oldest unlocked ones beyond {@link #MAX_TRACKED}. */
    public void tidy(SignInRules rules) {
        LocalDateTime now = Times.now(clock);
        em.createNativeQuery("DELETE FROM sign_in_failure WHERE last_failure <= ?1 AND (locked_until IS NULL OR locked_until <= ?2)")
                .setParameter(1, now.minus(rules.forgetAfter())).setParameter(2, now).executeUpdate();
        em.createNativeQuery("DELETE FROM sign_in_failure WHERE (kind, subject) IN (SELECT kind, subject FROM sign_in_failure "
                        + "WHERE locked_until IS NULL OR locked_until <= ?1 ORDER BY last_failure DESC OFFSET ?2)")
                .setParameter(1, now).setParameter(2, MAX_TRACKED).executeUpdate();
    }

    /** Administrators: the logins and addresses being delayed or locked now, the latest failure first (at most 500). */
    public List<Failures> throttled(SignInRules rules) {
        caller.requireAdmin();
        LocalDateTime now = Times.now(clock);
        return rows(em.createNativeQuery("SELECT " + COLUMNS + " FROM sign_in_failure WHERE (failures >= ?1 OR locked_until > ?2) "
                        + "AND (last_failure > ?3 OR locked_until > ?2) ORDER BY last_failure DESC, kind, subject LIMIT 500")
                .setParameter(1, rules.delayAfter()).setParameter(2, now).setParameter(3, now.minus(rules.forgetAfter())).getResultList());
    }

    /** Administrators: forgets a login's or an address's failures and lifts its lock (audited); 404 when it has none. */
    public Failures clear(String kind, String subject) {
        caller.requireAdmin();
        if (!LOGIN.equals(kind) && !ADDRESS.equals(kind)) {
            throw new NotFoundException("No sign-in failures of kind '" + kind + "': login or address.");
        }
        List<Failures> gone = rows(em.createNativeQuery("DELETE FROM sign_in_failure WHERE kind = ?1 AND subject = ?2 RETURNING " + COLUMNS)
                .setParameter(1, kind).setParameter(2, subject).getResultList());
        if (gone.isEmpty()) {
            throw new NotFoundException("No failed sign-ins are recorded for " + kind + " '" + subject + "'.");
        }
        Failures f = gone.get(0);
        LocalDateTime now = Times.now(clock);
        audit.record(AuditAction.SIGN_IN_CLEARED, null, kind + ":" + subject, f.failures() + " failed sign-ins cleared"
                + (f.lockedAt(now) ? "; the lock until " + Times.utc(f.lockedUntil()) + " lifted" : ""));
        return f;
    }

    private static List<Failures> rows(List<?> result) {
        return result.stream().map(r -> (Object[]) r).map(r -> new Failures((String) r[0], (String) r[1], ((Number) r[2]).intValue(),
                time(r[3]), time(r[4]), time(r[5]))).toList();
    }

    private static LocalDateTime time(Object value) {
        if (value == null) {
            return null;
        }
        return value instanceof Timestamp t ? t.toLocalDateTime() : (LocalDateTime) value;
    }
}

package org.quire.admin;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.quire.audit.AuditAction;
import org.quire.audit.AuditService;
import org.quire.identity.Caller;
import org.quire.platform.Times;
import org.quire.settings.Setting;
import org.quire.settings.SettingKey;
import org.quire.settings.SettingsService;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The administrators' side of the settings ({@code /api/v1/admin/settings}): list and change, role dms-admin
 * only. A change set is validated as a whole before anything is stored; the rows and the
 * {@link AuditAction#SETTINGS_CHANGED} row commit together. The audit names the keys changed, with old and new
 * values except for secrets, whose values never appear.
 */
@Stateless
public class SettingsAdmin {

    @PersistenceContext(unitName = "quire")
    EntityManager em;

    @Inject
    Caller caller;

    @Inject
    SettingsService settings;

    @Inject
    AuditService audit;

    @Inject
    Clock clock;

    @Resource
    TransactionSynchronizationRegistry transactions;

    public List<SettingsService.View> list() {
        caller.requireAdmin();
        return settings.views();
    }

    /**
     * Applies {@code changes} (key → new value; null removes the database value, so that the configuration or
     * the default applies again). Invalid or unknown keys: {@link org.quire.platform.InvalidInputException}, nothing changed.
     */
    public void update(Map<String, String> changes) {
        caller.requireAdmin();
        Map<SettingKey, Optional<String>> valid = SettingsService.validate(changes);
        String login = caller.login();
        // committed or not, the next read on this node reads the rows again
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                settings.changed();
            }
        });
        List<String> changed = new ArrayList<>();
        for (Map.Entry<SettingKey, Optional<String>> change : valid.entrySet()) {
            SettingKey key = change.getKey();
            Setting row = em.find(Setting.class, key.key());
            SettingsService.Effective before = settings.effective(key);
            if (change.getValue().isEmpty()) {
                if (row != null) {
                    em.remove(row);
                    changed.add(key.key() + " removed from the database" + (key.secret() ? "" : " (was " + row.value() + ")"));
                }
                continue;
            }
            String value = change.getValue().get();
            if (row == null) {
                em.persist(new Setting(key.key(), value, Times.now(clock), login));
            } else if (!row.value().equals(value)) {
                row.change(value, Times.now(clock), login);
            } else {
                continue;
            }
            changed.add(key.secret() ? key.key() + " changed (secret)"
                    : key.key() + ": " + describe(before.value()) + " -> " + describe(value));
        }
        if (changed.isEmpty()) {
            return;
        }
        audit.record(AuditAction.SETTINGS_CHANGED, null, "settings", String.join("; ", changed));
    }

    private static String describe(String value) {
        return value == null ? "(unset)" : value.isEmpty() ? "(empty)" : value;
    }
}

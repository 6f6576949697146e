package org.quire.settings;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.HashMap;
import java.util.Map;

/**
 * Reads the {@code setting} rows for {@link SettingsService}'s in-memory copy: outside any caller's transaction,
 * so that only committed values are read and the caller's pending changes are not flushed by the query.
 */
@Stateless
public class SettingsStore {

    @PersistenceContext(unitName = "quire")
    EntityManager em;

    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public Map<String, String> rows() {
        Map<String, String> rows = new HashMap<>();
        for (Setting s : em.createQuery("SELECT s FROM Setting s", Setting.class).getResultList()) {
            rows.put(s.key(), s.value());
        }
        return rows;
    }
}

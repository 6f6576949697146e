package org.quire.platform;

import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Random keys that Quire creates for itself on first use and keeps in the database, so that every node of a
 * cluster and every restart uses the same key. Two nodes creating the same key at once: the primary key
 * decides, the loser reads the winner's value.
 */
@Stateless
public class SecretService {

    private static final SecureRandom RANDOM = new SecureRandom();

    @PersistenceContext(unitName = "quire")
    EntityManager em;

    @Resource
    SessionContext session;

    /** The key called {@code name}; created with {@code length} random bytes if it does not exist yet. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public byte[] getOrCreate(String name, int length) {
        SecretService self = session.getBusinessObject(SecretService.class);
        byte[] existing = self.read(name);
        if (existing != null) {
            return existing;
        }
        try {
            byte[] fresh = new byte[length];
            RANDOM.nextBytes(fresh);
            self.create(name, fresh);
            return fresh;
        } catch (RuntimeException e) {
            byte[] winner = self.read(name);
            if (winner == null) {
                throw e;
            }
            return winner;
        }
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public byte[] read(String name) {
        QuireSecret secret = em.find(QuireSecret.class, name);
        return secret == null ? null : Base64.getDecoder().decode(secret.value());
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void create(String name, byte[] value) {
        em.persist(new QuireSecret(name, Base64.getEncoder().encodeToString(value)));
        try {
            em.flush();
        } catch (PersistenceException e) {
            throw new ConflictException("secret_exists", "The secret was created concurrently.");
        }
    }
}

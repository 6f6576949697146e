package org.quire.platform;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A key of Quire's own, stored base64-encoded; written once, never updated. */
@Entity
@Table(name = "quire_secret")
public class QuireSecret {

    @Id
    @Column(name = "name", length = 64)
    private String name;

    @Column(name = "secret_value", nullable = false, updatable = false, length = 512)
    private String value;

    protected QuireSecret() {
    }

    QuireSecret(String name, String value) {
        this.name = name;
        this.value = value;
    }

    String value() {
        return value;
    }
}

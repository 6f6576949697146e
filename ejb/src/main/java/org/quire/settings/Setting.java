package org.quire.settings;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.LocalDateTime;

/** A setting changed by an administrator (see V8__settings.sql). {@link #toString()} never shows the value. */
@Entity
@Table(name = "setting")
public class Setting {

    @Id
    @Column(name = "setting_key", length = 100)
    private String key;

    @Column(name = "setting_value", nullable = false, length = 4000)
    private String value;

    @Column(nullable = false)
    private LocalDateTime updated;

    @Column(name = "updated_by", nullable = false)
    private String updatedBy;

    protected Setting() {
    }

    public Setting(String key, String value, LocalDateTime updated, String updatedBy) {
        this.key = key;
        change(value, updated, updatedBy);
    }

    public void change(String value, LocalDateTime updated, String updatedBy) {
        this.value = value;
        this.updated = updated;
        this.updatedBy = updatedBy;
    }

    public String key() {
        return key;
    }

    public String value() {
        return value;
    }

    public LocalDateTime updated() {
        return updated;
    }

    public String updatedBy() {
        return updatedBy;
    }

    @Override
    public String toString() {
        return "Setting[" + key + "]";
    }
}

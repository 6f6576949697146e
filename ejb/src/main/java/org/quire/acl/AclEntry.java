package org.quire.acl;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.stream.Collectors;

/** The stored form of an {@link AclRule} on one folder ({@code F}) or document ({@code D}). */
@Entity
@Table(name = "acl_entry")
@NamedQuery(name = "AclEntry.ofItems", query = "SELECT e FROM AclEntry e WHERE e.itemType = :type AND e.itemId IN :ids ORDER BY e.itemId, e.entryOrder")
@NamedQuery(name = "AclEntry.ofDocumentAndFolders", query = "SELECT e FROM AclEntry e WHERE (e.itemType = 'D' AND e.itemId = :document)"
        + " OR (e.itemType = 'F' AND e.itemId IN :folders) ORDER BY e.itemType, e.itemId, e.entryOrder")
@NamedQuery(name = "AclEntry.deleteOfItem", query = "DELETE FROM AclEntry e WHERE e.itemType = :type AND e.itemId = :id")
@NamedQuery(name = "AclEntry.countOfItems", query = "SELECT COUNT(e) FROM AclEntry e WHERE e.itemType = :type AND e.itemId IN :ids")
public class AclEntry {

    public static final char FOLDER = 'F';
    public static final char DOCUMENT = 'D';

    @Id
    @SequenceGenerator(name = "quire_seq", sequenceName = "quire_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "quire_seq")
    private Long id;

    @Column(name = "item_type", nullable = false, updatable = false, length = 1)
    private String itemType;

    @Column(name = "item_id", nullable = false, updatable = false)
    private long itemId;

    @Column(name = "entry_order", nullable = false, updatable = false)
    private int entryOrder;

    @Column(nullable = false, updatable = false)
    private String principal;

    @Column(name = "role_name", updatable = false)
    private String roleName;

    @Column(nullable = false, updatable = false)
    private String permissions;

    @Column(nullable = false, updatable = false)
    private String effect;

    protected AclEntry() {
    }

    AclEntry(char itemType, long itemId, int order, AclRule rule) {
        this.itemType = String.valueOf(itemType);
        this.itemId = itemId;
        this.entryOrder = order;
        this.principal = rule.principal();
        this.roleName = rule.role() == null ? null : rule.role().name();
        this.permissions = rule.permissions().stream().sorted().map(Enum::name).collect(Collectors.joining(","));
        this.effect = rule.effect().name();
    }

    AclRule toRule() {
        if (roleName != null) {
            return AclRule.of(principal, Role.valueOf(roleName), Effect.valueOf(effect));
        }
        EnumSet<Permission> set = EnumSet.noneOf(Permission.class);
        Arrays.stream(permissions.split(",")).map(s -> Permission.valueOf(s.strip().toUpperCase(Locale.ROOT))).forEach(set::add);
        return AclRule.of(principal, set, Effect.valueOf(effect));
    }

    boolean isDocumentEntry() {
        return itemType.charAt(0) == DOCUMENT;
    }

    long itemId() {
        return itemId;
    }
}

package org.quire.document;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.quire.audit.AuditAction;
import org.quire.audit.AuditService;
import org.quire.database.Database;
import org.quire.tree.ItemName;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * Names are stored in NFC since issue 20 ({@link ItemName}); rows written before may not be. The migration V10
 * ({@code org.quire.database.NfcNamesMigration}) rewrote those it could; it leaves alone, and reports, the names
 * of one folder that are the same once normalised and case-folded (a composed and a decomposed "é": two entries
 * that look alike). At every start this check reads every live name and reports, without renaming anything, those
 * collisions and the names that hold invisible or text-direction characters (stored before they were refused) —
 * in the log (WARNING) and as one {@code NAME_COLLISIONS_FOUND} audit row (detail cut at the column's 2000
 * characters), which administrators find in the console's audit search. An administrator renames one of each
 * group; a renamed entry is NFC and checked by {@link ItemName}.
 */
@Singleton
@Startup
@DependsOn("Database")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN) // start-up work only
public class NameNormalisationCheck {

    private static final Logger LOG = Logger.getLogger(NameNormalisationCheck.class.getName());
    static final int REPORTED = 20;

    @PersistenceContext(unitName = "quire")
    EntityManager em;

    @Inject
    AuditService audit;

    @Inject
    Database database;

    @PostConstruct
    void check() {
        if (!database.status().open()) {
            return;  // Database has said why; Quire answers 503 until it is fixed
        }
        Map<String, List<String>> byKey = new HashMap<>();
        int[] notNfc = {0};
        List<String> lying = new ArrayList<>();
        Stream.concat(
                em.createQuery("SELECT f.parent.id, f.publicId, f.name FROM Folder f WHERE f.parent IS NOT NULL AND f.trashed = FALSE", Object[].class)
                        .getResultStream(),
                em.createQuery("SELECT d.folder.id, d.publicId, d.name FROM Document d WHERE d.trashed = FALSE", Object[].class)
                        .getResultStream())
                .forEach(row -> {
                    String name = (String) row[2];
                    String nfc = Normalizer.normalize(name, Normalizer.Form.NFC);
                    if (!nfc.equals(name)) {
                        notNfc[0]++;
                    }
                    if (name.codePoints().anyMatch(ItemName::isInvisibleFormat)) {
                        lying.add(row[1] + " '" + visible(name) + "'");
                    }
                    byKey.computeIfAbsent(row[0] + "/" + nfc.toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(row[1] + " '" + visible(name) + "'");
                });
        List<List<String>> collisions = byKey.values().stream().filter(entries -> entries.size() > 1).toList();
        if (collisions.isEmpty() && lying.isEmpty()) {
            if (notNfc[0] > 0) {
                LOG.info(() -> notNfc[0] + " stored names are not in Unicode NFC (none collides); they become NFC when renamed.");
            }
            return;
        }
        String detail = collisions.size() + " groups of names in one folder are the same once Unicode-normalised (NFC), "
                + notNfc[0] + " names not in NFC; rename one of each group: " + collisions.stream().limit(REPORTED).toList()
                + (lying.isEmpty() ? "" : "; " + lying.size() + " names hold invisible or text-direction characters, rename them: "
                + lying.stream().limit(REPORTED).toList());
        LOG.warning(detail);
        audit.record(AuditAction.NAME_COLLISIONS_FOUND, null, "names", detail.length() > 2000 ? detail.substring(0, 2000) : detail);
    }

    /** The name with its format characters shown as U+XXXX, so the report itself does not lie. */
    static String visible(String name) {
        StringBuilder b = new StringBuilder();
        name.codePoints().forEach(c -> {
            if (ItemName.isInvisibleFormat(c)) {
                b.append(String.format("<U+%04X>", c));
            } else {
                b.appendCodePoint(c);
            }
        });
        return b.toString();
    }
}

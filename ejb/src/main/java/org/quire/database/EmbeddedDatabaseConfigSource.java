package org.quire.database;

import org.eclipse.microprofile.config.spi.ConfigSource;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The JDBC settings of the embedded default, as configuration: {@code quire.db.url}, {@code quire.db.user},
 * {@code quire.db.password} and {@code quire.db.datasource-class} of the PostgreSQL that {@link Database} starts.
 * Below every other source (ordinal 50), and silent when {@code quire.db.url} is configured: then the operator's
 * database is used and these keys come from the operator's configuration. Reading {@code quire.db.url} starts the
 * embedded database ({@link EmbeddedDatabase#prepare()}): the data sources resolve it while the application deploys,
 * before anything opens a connection.
 */
public class EmbeddedDatabaseConfigSource implements ConfigSource {

    static final String DATASOURCE_CLASS = "org.postgresql.ds.PGSimpleDataSource";
    static final String PLACEHOLDER_URL = "jdbc:h2:mem:quire-database-unavailable;DB_CLOSE_DELAY=-1";
    static final String PLACEHOLDER_DATASOURCE_CLASS = "org.h2.jdbcx.JdbcDataSource";
    private static final Set<String> KEYS = Set.of("quire.db.url", "quire.db.user", "quire.db.password", "quire.db.datasource-class");

    @Override
    public Set<String> getPropertyNames() {
        return EmbeddedSettings.inForce() ? KEYS : Set.of("quire.db.datasource-class", "quire.db.user");
    }


    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>();
        for (String key : getPropertyNames()) {
            properties.put(key, getValue(key));
        }
        return properties;
    }

    @Override
    public String getValue(String key) {
        if (!EmbeddedSettings.inForce()) {
            return switch (key) {  // the defaults for a configured database: PostgreSQL, user quire
                case "quire.db.datasource-class" -> DATASOURCE_CLASS;
                case "quire.db.user" -> EmbeddedSettings.USER;
                default -> null;
            };
        }
        if (!KEYS.contains(key)) {
            return null;
        }
        EmbeddedDatabase embedded = EmbeddedDatabase.current();
        if (!embedded.ready()) {
            // Quire deploys on a placeholder and says what is wrong (see EmbeddedDatabase); nothing is ever written to it.
            return switch (key) {
                case "quire.db.url" -> PLACEHOLDER_URL;
                case "quire.db.datasource-class" -> PLACEHOLDER_DATASOURCE_CLASS;
                case "quire.db.user" -> "quire";
                default -> "";
            };
        }
        EmbeddedSettings settings = embedded.settings();
        return switch (key) {
            case "quire.db.url" -> settings.jdbcUrl(EmbeddedSettings.DATABASE);
            case "quire.db.user" -> EmbeddedSettings.USER;
            case "quire.db.password" -> settings.password();
            case "quire.db.datasource-class" -> DATASOURCE_CLASS;
            default -> null;
        };
    }

    @Override
    public int getOrdinal() {
        return 50;
    }

    @Override
    public String getName() {
        return "Quire embedded database";
    }
}

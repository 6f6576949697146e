-- Settings changed by administrators (PUT /api/v1/admin/settings), shared by every node of a cluster.
-- One row per changed setting; no row: the MicroProfile Config value of the same key applies, else the default
-- (docs/OPERATIONS.md, "Settings in the database"). A secret's value is stored here as given (protect the
-- database and its backups like the configuration files that held it before).
CREATE TABLE setting (
    setting_key   VARCHAR(100)  NOT NULL PRIMARY KEY,
    setting_value VARCHAR(4000) NOT NULL,
    updated       TIMESTAMP     NOT NULL,
    updated_by    VARCHAR(255)  NOT NULL
);

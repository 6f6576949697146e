-- Access control lists, inheritance switch, home folders, and the one-lock-per-document table.
ALTER TABLE folder ADD COLUMN inherit_acl BOOLEAN DEFAULT TRUE NOT NULL;
ALTER TABLE document ADD COLUMN inherit_acl BOOLEAN DEFAULT TRUE NOT NULL;
ALTER TABLE quire_user ADD COLUMN home_folder_id BIGINT REFERENCES folder (id);

-- An entry of a folder's or document's own ACL (inherited entries are read from the ancestors).
CREATE TABLE acl_entry (
    id          BIGINT       NOT NULL PRIMARY KEY,
    item_type   VARCHAR(1)   NOT NULL, -- F folder, D document
    item_id     BIGINT       NOT NULL,
    entry_order INTEGER      NOT NULL,
    principal   VARCHAR(300) NOT NULL, -- user:<login> | group:<name> | everyone | owner
    role_name   VARCHAR(16),           -- the role the entry was given as, if any
    permissions VARCHAR(200) NOT NULL, -- comma-separated Permission names
    effect      VARCHAR(5)   NOT NULL  -- ALLOW | DENY
);
CREATE INDEX ix_acl_item ON acl_entry (item_type, item_id);

-- At most one lock per document, across every node: the unique constraint is the arbiter.
CREATE TABLE document_lock (
    id          BIGINT        NOT NULL PRIMARY KEY,
    document_id BIGINT        NOT NULL REFERENCES document (id),
    lock_kind   VARCHAR(16)   NOT NULL, -- WOPI | EDITOR_SESSION | CHECKOUT
    lock_id     VARCHAR(1024) NOT NULL,
    holder      VARCHAR(255)  NOT NULL,
    acquired    TIMESTAMP     NOT NULL,
    expires     TIMESTAMP,
    opt_version BIGINT        NOT NULL,
    CONSTRAINT uq_lock_document UNIQUE (document_id)
);
CREATE INDEX ix_lock_expires ON document_lock (expires);

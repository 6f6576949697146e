-- ONLYOFFICE API route: the document key of each document's current editing state, and the receipts of
-- processed save callbacks (so that a callback delivered twice stores one version).

-- The key handed to the Document Server for a document. Valid while the document's current version is
-- base_version; a force-save moves base_version along (the key survives), a final save deletes the row and
-- any other write (REST, WOPI, restore) makes base_version stale: either way the next editor config gets a new key.
CREATE TABLE editor_key (
    document_id  BIGINT      NOT NULL PRIMARY KEY REFERENCES document (id),
    doc_key      VARCHAR(128) NOT NULL,
    base_version INTEGER     NOT NULL,
    issued       TIMESTAMP   NOT NULL,
    CONSTRAINT uq_editor_key UNIQUE (doc_key)
);

-- One row per processed save callback (status 2, 3, 6). The unique constraint is the arbiter between
-- duplicate deliveries: it is inserted in the transaction that records the version.
CREATE TABLE editor_save (
    id             BIGINT       NOT NULL PRIMARY KEY,
    document_id    BIGINT       NOT NULL REFERENCES document (id),
    doc_key        VARCHAR(128) NOT NULL,
    status         INTEGER      NOT NULL,
    fingerprint    VARCHAR(64)  NOT NULL, -- SHA-256 hex of lastsave (or of url when lastsave is absent)
    version_number INTEGER,               -- NULL when nothing was stored (notmodified)
    received       TIMESTAMP    NOT NULL,
    CONSTRAINT uq_editor_save UNIQUE (document_id, doc_key, status, fingerprint)
);

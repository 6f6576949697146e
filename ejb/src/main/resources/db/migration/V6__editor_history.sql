-- ONLYOFFICE version history: what the Document Server reported with a save, kept with the version it produced.
-- One row per version stored by an ONLYOFFICE save (status 2, 3, 6), inserted in the transaction that adds the
-- version, so it exists exactly when the version does (a repeated delivery adds neither). Versions from other
-- routes (REST, WOPI, restore) have no row: the history shows them without changes.
CREATE TABLE editor_history (
    version_id      BIGINT          NOT NULL PRIMARY KEY REFERENCES document_version (id),
    document_id     BIGINT          NOT NULL REFERENCES document (id),
    version_number  INTEGER         NOT NULL,
    doc_key         VARCHAR(128)    NOT NULL, -- the session's document key
    base_version    INTEGER         NOT NULL, -- the version the session started from: the changes apply to it
    changes_sha256  VARCHAR(64),              -- the changes archive (changesurl) in the content store; NULL when
    changes_size    BIGINT,                   --   the Document Server sent none or it could not be fetched (audited)
    server_version  VARCHAR(64),              -- history.serverVersion
    history_json    VARCHAR(1048576),         -- the callback's history object as received ({serverVersion, changes})
    CONSTRAINT uq_editor_history_version UNIQUE (document_id, version_number)
);

-- ONLYOFFICE history keys (docs/ARCHITECTURE.md, "ONLYOFFICE history"): every document key Quire issued, with the
-- version whose content the editing session under it was opened on. A version's history key is the latest key a
-- session started from it had, because that is what the Document Server cached that content under; a version no
-- session started from (a force-save intermediate, an upload never opened) gets a derived key instead. editor_key
-- keeps only the live key (and a force-save moves its base_version on), so it cannot answer this alone.
CREATE TABLE editor_session_start (
    doc_key        VARCHAR(128) NOT NULL PRIMARY KEY,
    document_id    BIGINT       NOT NULL REFERENCES document (id) ON DELETE CASCADE,
    version_number INTEGER      NOT NULL, -- the version the key was issued for
    started        TIMESTAMP    NOT NULL
);
CREATE INDEX ix_editor_session_start_document ON editor_session_start (document_id, version_number);

-- Keys issued before this table: sessions that saved something (editor_history records the version they started
-- from), and the live key when no save moved its base_version on. Keys of sessions that ended without a save and
-- were replaced since are gone: their versions keep a derived key.
INSERT INTO editor_session_start (doc_key, document_id, version_number, started)
    SELECT h.doc_key, MIN(h.document_id), MIN(h.base_version), CURRENT_TIMESTAMP FROM editor_history h GROUP BY h.doc_key;
INSERT INTO editor_session_start (doc_key, document_id, version_number, started)
    SELECT k.doc_key, k.document_id, k.base_version, k.issued FROM editor_key k
    WHERE NOT EXISTS (SELECT 1 FROM editor_session_start s WHERE s.doc_key = k.doc_key);

-- ONLYOFFICE co-editing mode chosen for one document (PUT /api/v1/documents/{id}/onlyoffice/co-editing).
-- No row: the administrators' default (quire.collaboration.mode) applies.
CREATE TABLE document_co_editing (
    document_id     BIGINT       NOT NULL PRIMARY KEY REFERENCES document (id),
    co_editing_mode VARCHAR(6)   NOT NULL,
    changed         TIMESTAMP    NOT NULL,
    changed_by      VARCHAR(255) NOT NULL,
    CONSTRAINT ck_co_editing_mode CHECK (co_editing_mode IN ('fast', 'strict'))
);

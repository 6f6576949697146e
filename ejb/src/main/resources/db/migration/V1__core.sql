-- Quire core schema: identity, folders, documents, versions, audit.
-- Portable SQL for H2 2.x and PostgreSQL 15. Times are UTC (TIMESTAMP without zone).
-- One sequence for all ids; EclipseLink preallocates 50 at a time.
CREATE SEQUENCE quire_seq START WITH 1000 INCREMENT BY 50;

CREATE TABLE quire_user (
    id            BIGINT       NOT NULL PRIMARY KEY,
    public_id     VARCHAR(32)  NOT NULL,
    login         VARCHAR(255) NOT NULL,
    display_name  VARCHAR(255) NOT NULL,
    email         VARCHAR(320),
    password_hash VARCHAR(512),
    origin        VARCHAR(16)  NOT NULL,
    created       TIMESTAMP    NOT NULL,
    disabled      BOOLEAN      NOT NULL,
    opt_version   BIGINT       NOT NULL,
    CONSTRAINT uq_user_public_id UNIQUE (public_id),
    CONSTRAINT uq_user_login UNIQUE (login)
);

CREATE TABLE quire_user_role (
    user_id   BIGINT      NOT NULL REFERENCES quire_user (id) ON DELETE CASCADE,
    role_name VARCHAR(64) NOT NULL,
    PRIMARY KEY (user_id, role_name)
);

CREATE TABLE quire_group (
    id          BIGINT       NOT NULL PRIMARY KEY,
    public_id   VARCHAR(32)  NOT NULL,
    name        VARCHAR(255) NOT NULL,
    origin      VARCHAR(16)  NOT NULL,
    created     TIMESTAMP    NOT NULL,
    opt_version BIGINT       NOT NULL,
    CONSTRAINT uq_group_public_id UNIQUE (public_id),
    CONSTRAINT uq_group_name UNIQUE (name)
);

CREATE TABLE quire_group_member (
    group_id BIGINT NOT NULL REFERENCES quire_group (id) ON DELETE CASCADE,
    user_id  BIGINT NOT NULL REFERENCES quire_user (id) ON DELETE CASCADE,
    PRIMARY KEY (group_id, user_id)
);

CREATE TABLE folder (
    id          BIGINT       NOT NULL PRIMARY KEY,
    public_id   VARCHAR(32)  NOT NULL,
    parent_id   BIGINT REFERENCES folder (id),
    name        VARCHAR(255) NOT NULL,
    -- lower-cased name while the folder is live; NULL in the trash, so that a trashed name is free again
    name_key    VARCHAR(255),
    owner_login VARCHAR(255) NOT NULL,
    created     TIMESTAMP    NOT NULL,
    modified    TIMESTAMP    NOT NULL,
    trashed     BOOLEAN      NOT NULL,
    trashed_at  TIMESTAMP,
    opt_version BIGINT       NOT NULL,
    CONSTRAINT uq_folder_public_id UNIQUE (public_id),
    CONSTRAINT uq_folder_name UNIQUE (parent_id, name_key)
);
CREATE INDEX ix_folder_parent ON folder (parent_id);

CREATE TABLE document (
    id              BIGINT       NOT NULL PRIMARY KEY,
    public_id       VARCHAR(32)  NOT NULL,
    folder_id       BIGINT       NOT NULL REFERENCES folder (id),
    name            VARCHAR(255) NOT NULL,
    name_key        VARCHAR(255),
    owner_login     VARCHAR(255) NOT NULL,
    created         TIMESTAMP    NOT NULL,
    modified        TIMESTAMP    NOT NULL,
    current_version INTEGER      NOT NULL,
    byte_size       BIGINT       NOT NULL,
    sha256          VARCHAR(64)  NOT NULL,
    mime_type       VARCHAR(255) NOT NULL,
    trashed         BOOLEAN      NOT NULL,
    trashed_at      TIMESTAMP,
    opt_version     BIGINT       NOT NULL,
    CONSTRAINT uq_document_public_id UNIQUE (public_id),
    CONSTRAINT uq_document_name UNIQUE (folder_id, name_key)
);
CREATE INDEX ix_document_folder ON document (folder_id);

CREATE TABLE document_version (
    id              BIGINT        NOT NULL PRIMARY KEY,
    document_id     BIGINT        NOT NULL REFERENCES document (id),
    version_number  INTEGER       NOT NULL,
    sha256          VARCHAR(64)   NOT NULL,
    byte_size       BIGINT        NOT NULL,
    author          VARCHAR(255)  NOT NULL,
    created         TIMESTAMP     NOT NULL,
    version_source  VARCHAR(16)   NOT NULL,
    version_comment VARCHAR(1000),
    CONSTRAINT uq_version_number UNIQUE (document_id, version_number)
);
CREATE INDEX ix_version_sha256 ON document_version (sha256);

CREATE TABLE audit_event (
    id          BIGINT        NOT NULL PRIMARY KEY,
    occurred_at TIMESTAMP     NOT NULL,
    actor       VARCHAR(255)  NOT NULL,
    address     VARCHAR(64)   NOT NULL,
    action      VARCHAR(64)   NOT NULL,
    document_id VARCHAR(32),
    target      VARCHAR(255),
    detail      VARCHAR(2000)
);
CREATE INDEX ix_audit_time ON audit_event (occurred_at);
CREATE INDEX ix_audit_document ON audit_event (document_id);
CREATE INDEX ix_audit_actor ON audit_event (actor);

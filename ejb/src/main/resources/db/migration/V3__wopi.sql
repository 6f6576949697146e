-- Keys of Quire's own (e.g. the HMAC key that signs WOPI access tokens), created once and shared by every node.
-- "value" is a reserved word in H2 2.x, hence secret_value.
CREATE TABLE quire_secret (
    name         VARCHAR(64)  NOT NULL PRIMARY KEY,
    secret_value VARCHAR(512) NOT NULL
);

-- Failed sign-ins (docs/ARCHITECTURE.md, "Password guessing"), counted per login and per client address so that
-- every node of a cluster applies the same delays and locks. One row per login or address with failures not yet
-- forgotten; a row is removed by a successful sign-in of its login (unless locked), by an administrator, or once
-- quire.sign-in.forget-after has passed without another failure. Logins are kept whether or not the account exists
-- (the answer must not tell), so the table is bounded: the oldest unlocked rows beyond a fixed number are dropped.
CREATE TABLE sign_in_failure (
    kind          VARCHAR(16)  NOT NULL, -- login or address
    subject       VARCHAR(255) NOT NULL, -- the login as typed, lower case and clipped; or the client address
    failures      INTEGER      NOT NULL, -- since first_failure
    first_failure TIMESTAMP    NOT NULL,
    last_failure  TIMESTAMP    NOT NULL,
    locked_until  TIMESTAMP,             -- set when failures reached quire.sign-in.lock-after
    PRIMARY KEY (kind, subject)
);
CREATE INDEX ix_sign_in_failure_last ON sign_in_failure (last_failure);

#!/usr/bin/env bash
# Makes a PostgreSQL 15 server available on localhost:5432 with the role and database the
# PostgreSQL test leg uses (quire/quire, database quire_it, re-created empty). Installs the Debian package when
# absent. Safe to run again on a machine where it already ran.
set -euo pipefail
if ! command -v pg_ctlcluster >/dev/null 2>&1 || [ ! -d /usr/lib/postgresql/15 ]; then
  echo "[postgres] installing PostgreSQL 15 (Debian package)" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq postgresql-15 >/dev/null
fi
if ! pg_lsclusters -h | grep '^15 \+main' >/dev/null; then
  pg_createcluster 15 main >/dev/null
fi
if ! pg_lsclusters -h | awk '$1==15 && $2=="main" {print $4}' | grep online >/dev/null; then
  pg_ctlcluster 15 main start
fi
for _ in $(seq 1 30); do
  if runuser -u postgres -- pg_isready -q -h localhost -p 5432; then break; fi
  sleep 1
done
runuser -u postgres -- psql -q -v ON_ERROR_STOP=1 -d postgres <<'SQL' >/dev/null
DO $$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'quire') THEN
    CREATE ROLE quire LOGIN PASSWORD 'quire';
  END IF;
END $$;
SQL
# A new, empty quire_it for every run: the PostgreSQL leg's blob directory is new in every build (target/it), so
# rows left by an earlier run would point at blobs this run does not have.
runuser -u postgres -- dropdb --if-exists quire_it
runuser -u postgres -- createdb -O quire quire_it
echo "[postgres] ready: jdbc:postgresql://localhost:5432/quire_it (user quire)" >&2

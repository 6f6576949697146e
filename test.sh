#!/usr/bin/env bash
# Runs every test of Quire: unit tests, the REST suite on Payara Micro with the embedded default and again with PostgreSQL,
# the restart test, and the EAR deployment on Payara Server.
# Needs Java 17 and Maven. PostgreSQL 15: when no server is configured, this script installs and starts
# the Debian package (needs root, as in CI); to use your own, set QUIRE_IT_PG_URL/USER/PASSWORD.
# The browser test (EditorPageIT) needs Debian's chromium and chromium-driver: installed here when root.
set -euo pipefail
cd "$(dirname "$0")"

pg_args=()
if [ -n "${QUIRE_IT_PG_URL:-}" ]; then
  pg_args=(-Dquire.it.pg.url="$QUIRE_IT_PG_URL" -Dquire.it.pg.user="${QUIRE_IT_PG_USER:-quire}" -Dquire.it.pg.password="${QUIRE_IT_PG_PASSWORD:-quire}")
elif [ "$(id -u)" = 0 ]; then
  bash .ci/postgres.sh
else
  echo "test.sh: the PostgreSQL leg needs a server: run as root (installs PostgreSQL 15 from Debian)" >&2
  echo "         or set QUIRE_IT_PG_URL (plus QUIRE_IT_PG_USER / QUIRE_IT_PG_PASSWORD)." >&2
  exit 2
fi

if [ "$(id -u)" = 0 ]; then
  bash .ci/chromium.sh
elif [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
  echo "test.sh: the browser test (EditorPageIT) needs /usr/bin/chromium and /usr/bin/chromedriver: run as root" >&2
  echo "         (installs Debian's chromium and chromium-driver) or install them; without them that test fails." >&2
fi

# The embedded default runs its PostgreSQL under an unprivileged account when started as root; that account must
# be able to reach the test data directories, so when this checkout is not traversable by others (e.g. under /root)
# the ITs keep their data under /tmp instead.
it_args=()
if [ "$(id -u)" = 0 ] && ! setpriv --reuid=65534 --regid=65534 --clear-groups test -x "$PWD" 2>/dev/null; then
  it_dir="$(mktemp -d /tmp/quire-it.XXXXXX)"
  chmod 755 "$it_dir"
  it_args=(-Dit.data.root="$it_dir")
  echo "test.sh: $PWD is not reachable by other accounts; the ITs keep their data in $it_dir"
fi

# Payara Micro's Arquillian adapter leaves its temporary folders behind.
trap 'rm -rf /tmp/arquillian-payara-micro* 2>/dev/null || true' EXIT
mvn -B clean verify -Ppostgres "${pg_args[@]}" "${it_args[@]}" "$@"

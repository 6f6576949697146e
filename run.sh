#!/usr/bin/env bash
# Builds Quire and starts it on Payara Micro with the embedded defaults:
# an embedded PostgreSQL database (started and stopped by Quire) and the blob store under ./data, HTTP on port 8080.
# Extra arguments go to Payara Micro (e.g. --port 9090). Configuration: QUIRE_* variables, see docs/OPERATIONS.md.
set -euo pipefail
cd "$(dirname "$0")"
mvn -B -q -DskipTests package
export QUIRE_DATA_DIR="${QUIRE_DATA_DIR:-$PWD/data}"
mkdir -p "$QUIRE_DATA_DIR"
echo "Quire: starting on http://localhost:${QUIRE_PORT:-8080}/ with data in $QUIRE_DATA_DIR"
if [ -z "${QUIRE_ADMIN_PASSWORD:-}" ]; then
  echo "Quire: the administrator is 'admin'; on the first start its generated password is printed once in the log below"
  echo "       (look for 'generated password'), or set QUIRE_ADMIN_PASSWORD before the first start."
elif [ "${#QUIRE_ADMIN_PASSWORD}" -lt 8 ]; then
  echo "Quire: QUIRE_ADMIN_PASSWORD is shorter than 8 characters, so it is not used: on the first start the administrator"
  echo "       'admin' gets a generated password, printed once in the log below (look for 'generated password')."
else
  echo "Quire: the administrator is 'admin' with the password from QUIRE_ADMIN_PASSWORD (first start only)."
fi
exec java ${QUIRE_JAVA_OPTS:--Xmx1g} -jar web/target/payara-micro.jar \
  --deploy web/target/quire.war --contextroot / \
  --port "${QUIRE_PORT:-8080}" --nocluster --prebootcommandfile server-config/http-listener.asadmin "$@"

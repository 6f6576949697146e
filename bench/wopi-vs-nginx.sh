#!/usr/bin/env bash
# WOPI host throughput against nginx on the same machine, in the same run (issue 4's benchmark):
#   - CheckFileInfo: requests/s and p50/p99 latency at 32 concurrent connections, vs nginx serving the same JSON;
#   - GetFile of a 10 MiB file: MiB/s at 8 concurrent connections, vs nginx serving the same bytes.
# Prints one Markdown table with the ratios (Quire / nginx). Installs nginx and wrk (Debian) when absent (root).
# Proof keys are not configured for this run (no discovery), so the numbers exclude the RSA proof check.
#
# Usage: bench/wopi-vs-nginx.sh [--no-build] [--seconds N]
set -euo pipefail
SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$SCRIPT_DIR/.." && pwd)"
BUILD=1
SECONDS_PER_RUN=15
QUIRE_PORT=18081
NGINX_PORT=18090
PASSWORD="bench-$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')"
while (($#)); do
  case "$1" in
    --no-build) BUILD=0 ;;
    --seconds) SECONDS_PER_RUN="$2"; shift ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
  shift
done
log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

if ! command -v wrk >/dev/null || ! command -v nginx >/dev/null; then
  [ "$(id -u)" = 0 ] || { echo "needs nginx and wrk (apt-get install nginx-light wrk)" >&2; exit 2; }
  log "installing nginx and wrk"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx wrk >/dev/null
fi

WORK="$(mktemp -d "${TMPDIR:-/tmp}/quire-wopi-bench.XXXXXX")"
QUIRE_PID=""
cleanup() {
  [ -n "$QUIRE_PID" ] && kill "$QUIRE_PID" 2>/dev/null && wait "$QUIRE_PID" 2>/dev/null || true
  [ -f "$WORK/nginx.pid" ] && kill "$(cat "$WORK/nginx.pid")" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

if ((BUILD)); then
  log "building"
  (cd "$REPO" && mvn -B -q -DskipTests package)
fi

log "starting Quire on 127.0.0.1:$QUIRE_PORT"
QUIRE_DATA_DIR="$WORK/data" QUIRE_ADMIN_PASSWORD="$PASSWORD" java -Xmx1g -jar "$REPO/web/target/payara-micro.jar" \
  --deploy "$REPO/web/target/quire.war" --contextroot / --port "$QUIRE_PORT" --nocluster > "$WORK/quire.log" 2>&1 &
QUIRE_PID=$!
for _ in $(seq 1 240); do
  curl -fs "http://127.0.0.1:$QUIRE_PORT/health/ready" 2>/dev/null | grep -q '"blob-store"' && break
  kill -0 "$QUIRE_PID" 2>/dev/null || { tail -50 "$WORK/quire.log" >&2; exit 1; }
  sleep 0.5
done

head -c $((10 * 1048576)) /dev/urandom > "$WORK/file.bin"
ROOT=$(curl -fs -u "admin:$PASSWORD" "http://127.0.0.1:$QUIRE_PORT/api/v1/folders/root" | sed 's/.*"id":"\([^"]*\)".*/\1/')
DOC=$(curl -fs -u "admin:$PASSWORD" -H 'Content-Type: application/octet-stream' --data-binary @"$WORK/file.bin" \
  "http://127.0.0.1:$QUIRE_PORT/api/v1/folders/$ROOT/documents?name=bench.docx" | sed 's/.*"id":"\([^"]*\)".*/\1/')
TOKEN=$(curl -fs -u "admin:$PASSWORD" "http://127.0.0.1:$QUIRE_PORT/api/v1/documents/$DOC/wopi?action=edit" | sed 's/.*"accessToken":"\([^"]*\)".*/\1/')
CFI="http://127.0.0.1:$QUIRE_PORT/wopi/files/$DOC?access_token=$TOKEN"
GETFILE="http://127.0.0.1:$QUIRE_PORT/wopi/files/$DOC/contents?access_token=$TOKEN"
mkdir -p "$WORK/www"
curl -fs "$CFI" > "$WORK/www/checkfileinfo.json"
cp "$WORK/file.bin" "$WORK/www/file.bin"
cmp <(curl -fs "$GETFILE") "$WORK/file.bin" || { echo "GetFile returned other bytes" >&2; exit 1; }

cat > "$WORK/nginx.conf" <<NGINX
worker_processes auto;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  types { application/json json; application/octet-stream bin; }
  client_body_temp_path $WORK/tmp; proxy_temp_path $WORK/tmp; fastcgi_temp_path $WORK/tmp; uwsgi_temp_path $WORK/tmp; scgi_temp_path $WORK/tmp;
  server { listen 127.0.0.1:$NGINX_PORT; root $WORK/www; }
}
NGINX
mkdir -p "$WORK/tmp"
chmod 755 "$WORK" "$WORK/www"; chmod 644 "$WORK/www/"*   # nginx workers do not run as root
nginx -c "$WORK/nginx.conf"
curl -fs -o /dev/null "http://127.0.0.1:$NGINX_PORT/checkfileinfo.json" || { cat "$WORK/nginx-error.log" >&2; echo "nginx does not serve the files" >&2; exit 1; }
sleep 0.5

run_wrk() { # url connections -> "rps p50ms p99ms MiBps"
  local out
  out=$(wrk -t2 -c"$2" -d"${SECONDS_PER_RUN}s" --latency "$1")
  awk '
    function ms(v) { if (v ~ /us$/) return v/1000; if (v ~ /ms$/) return v+0; if (v ~ /s$/) return v*1000; return v }
    function mib(v) { if (v ~ /GB$/) return v*1024; if (v ~ /MB$/) return v+0; if (v ~ /KB$/) return v/1024; return v/1048576 }
    /Requests\/sec/ { rps=$2 } / 50%/ { p50=ms($2) } / 99%/ { p99=ms($2) } /Transfer\/sec/ { t=mib($2) }
    /Non-2xx/ { bad=$NF }
    END { if (bad > 0) { exit 1 } printf "%.0f %.2f %.2f %.1f\n", rps, p50, p99, t }' <<<"$out" || { echo "non-2xx answers from $1" >&2; exit 1; }
}

log "warming up"
wrk -t2 -c8 -d5s "$CFI" >/dev/null; wrk -t2 -c4 -d5s "$GETFILE" >/dev/null
log "CheckFileInfo, 32 connections, ${SECONDS_PER_RUN}s each"
read -r q_rps q_p50 q_p99 _ < <(run_wrk "$CFI" 32)
read -r n_rps n_p50 n_p99 _ < <(run_wrk "http://127.0.0.1:$NGINX_PORT/checkfileinfo.json" 32)
log "GetFile 10 MiB, 8 connections, ${SECONDS_PER_RUN}s each"
read -r _ _ _ q_mib < <(run_wrk "$GETFILE" 8)
read -r _ _ _ n_mib < <(run_wrk "http://127.0.0.1:$NGINX_PORT/file.bin" 8)

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }
echo "| measure | Quire | nginx | Quire / nginx |"
echo "|---|---|---|---|"
echo "| CheckFileInfo requests/s (32 conn.) | $q_rps | $n_rps | $(ratio "$q_rps" "$n_rps") |"
echo "| CheckFileInfo p50 ms | $q_p50 | $n_p50 | $(ratio "$q_p50" "$n_p50") |"
echo "| CheckFileInfo p99 ms | $q_p99 | $n_p99 | $(ratio "$q_p99" "$n_p99") |"
echo "| GetFile 10 MiB, MiB/s (8 conn.) | $q_mib | $n_mib | $(ratio "$q_mib" "$n_mib") |"
echo
echo "Machine: $(nproc) cores; $(java -version 2>&1 | sed -n 1p); wrk -t2, ${SECONDS_PER_RUN}s per run after a 5 s warm-up; proofs off (no discovery)."
echo "Reproduce: bench/wopi-vs-nginx.sh"

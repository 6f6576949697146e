#!/usr/bin/env bash
# ONLYOFFICE save latency (issue 5's benchmark): a status-2 callback for a 10 MiB file, from the moment the
# "Document Server" posts it to the moment Quire answers {"error":0} — which it does only once the new version is
# durable (downloaded, SHA-256 computed, fsynced, committed) — against the raw loopback download of the same bytes.
# nginx plays the Document Server's file cache; the callbacks are signed HS256 like the real server's (body token).
# Prints one Markdown table.
#
# Usage: bench/callback-save.sh [--no-build] [--runs N] [--mib N]
set -euo pipefail
SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$SCRIPT_DIR/.." && pwd)"
BUILD=1
RUNS=7
MIB=10
QUIRE_PORT=18082
NGINX_PORT=18091
PASSWORD="bench-$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')"
SECRET="bench-secret-$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
while (($#)); do
  case "$1" in
    --no-build) BUILD=0 ;;
    --runs) RUNS="$2"; shift ;;
    --mib) MIB="$2"; shift ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
  shift
done
log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
command -v python3 >/dev/null || { echo "needs python3 (JSON and HS256 signing)" >&2; exit 2; }
if ! command -v nginx >/dev/null; then
  [ "$(id -u)" = 0 ] || { echo "needs nginx (apt-get install nginx-light)" >&2; exit 2; }
  log "installing nginx"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx >/dev/null
fi

WORK="$(mktemp -d "${TMPDIR:-/tmp}/quire-callback-bench.XXXXXX")"
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

mkdir -p "$WORK/www/cache/files" "$WORK/tmp"
FILE="$WORK/www/cache/files/output.docx"
head -c $((MIB * 1048576)) /dev/urandom > "$FILE"
cat > "$WORK/nginx.conf" <<NGINX
worker_processes 1;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log;
events { worker_connections 256; }
http {
  access_log off;
  sendfile on;
  types { application/octet-stream docx; }
  client_body_temp_path $WORK/tmp; proxy_temp_path $WORK/tmp; fastcgi_temp_path $WORK/tmp; uwsgi_temp_path $WORK/tmp; scgi_temp_path $WORK/tmp;
  server { listen 127.0.0.1:$NGINX_PORT; root $WORK/www; }
}
NGINX
chmod -R a+rX "$WORK"
nginx -c "$WORK/nginx.conf"
URL="http://127.0.0.1:$NGINX_PORT/cache/files/output.docx"
curl -fs -o /dev/null "$URL" || { cat "$WORK/nginx-error.log" >&2; echo "nginx does not serve the file" >&2; exit 1; }

log "starting Quire on 127.0.0.1:$QUIRE_PORT (Document Server = nginx on $NGINX_PORT)"
QUIRE_DATA_DIR="$WORK/data" QUIRE_ADMIN_PASSWORD="$PASSWORD" java -Xmx1g \
  -Dquire.onlyoffice.url="http://127.0.0.1:$NGINX_PORT/" -Dquire.onlyoffice.secret="$SECRET" \
  -Dquire.public-url="http://127.0.0.1:$QUIRE_PORT" \
  -jar "$REPO/web/target/payara-micro.jar" --deploy "$REPO/web/target/quire.war" --contextroot / \
  --port "$QUIRE_PORT" --nocluster > "$WORK/quire.log" 2>&1 &
QUIRE_PID=$!
for _ in $(seq 1 240); do
  curl -fs "http://127.0.0.1:$QUIRE_PORT/health/ready" 2>/dev/null | grep -q '"blob-store"' && break
  kill -0 "$QUIRE_PID" 2>/dev/null || { tail -50 "$WORK/quire.log" >&2; exit 1; }
  sleep 0.5
done
API="http://127.0.0.1:$QUIRE_PORT/api/v1"
json() { python3 -c "import json,sys; d=json.load(sys.stdin); print(eval(sys.argv[1], {'d': d}))" "$1"; }
ROOT=$(curl -fs -u "admin:$PASSWORD" "$API/folders/root" | json "d['id']")
DOC=$(curl -fs -u "admin:$PASSWORD" -H 'Content-Type: application/octet-stream' --data-binary "first" \
  "$API/folders/$ROOT/documents?name=bench.docx" | json "d['id']")

# A callback body as the Document Server sends it: the fields plus "token" = HS256 JWT of the same fields.
callback_body() { # status key url -> JSON
  SECRET="$SECRET" python3 - "$@" <<'PY'
import base64, hashlib, hmac, json, os, sys, time
status, key, url = int(sys.argv[1]), sys.argv[2], sys.argv[3]
fields = {"key": key, "status": status, "users": ["admin"]}
if status == 1:
    fields["actions"] = [{"type": 1, "userid": "admin"}]
else:
    fields.update({"url": url, "filetype": "docx", "notmodified": False,
                   "actions": [{"type": 0, "userid": "admin"}],
                   "lastsave": time.strftime("%Y-%m-%dT%H:%M:%S.000Z", time.gmtime()) + str(time.time_ns())})
b64 = lambda b: base64.urlsafe_b64encode(b).rstrip(b"=").decode()
now = int(time.time())
claims = dict(fields, iat=now, exp=now + 300)
signing = b64(json.dumps({"alg": "HS256", "typ": "JWT"}).encode()) + "." + b64(json.dumps(claims).encode())
signature = hmac.new(os.environ["SECRET"].encode(), signing.encode(), hashlib.sha256).digest()
print(json.dumps(dict(fields, token=signing + "." + b64(signature))))
PY
}

median() { sort -n | awk '{a[NR]=$1} END { if (NR % 2) print a[(NR+1)/2]; else printf "%.1f\n", (a[NR/2]+a[NR/2+1])/2 }'; }

run() { # i measured -> "callback_ms download_ms"
  local i=$1 config key callback body answer t_cb t_dl
  printf '%016d' "$i" | dd of="$FILE" bs=16 count=1 conv=notrunc status=none   # new bytes each run (no dedup)
  config=$(curl -fs -u "admin:$PASSWORD" "$API/documents/$DOC/onlyoffice?mode=edit")
  key=$(json "d['document']['key']" <<<"$config")
  callback=$(json "d['editorConfig']['callbackUrl']" <<<"$config")
  answer=$(curl -fs -H 'Content-Type: application/json' --data-binary "$(callback_body 1 "$key" "")" "$callback")
  [ "$answer" = '{"error":0}' ] || { echo "status 1 answered $answer" >&2; exit 1; }
  t_dl=$(curl -fs -o /dev/null -w '%{time_total}' "$URL?run=$i")
  body=$(callback_body 2 "$key" "$URL?run=$i")
  t_cb=$(curl -fs -o "$WORK/answer" -w '%{time_total}' -H 'Content-Type: application/json' --data-binary "$body" "$callback")
  [ "$(cat "$WORK/answer")" = '{"error":0}' ] || { echo "status 2 answered $(cat "$WORK/answer")" >&2; exit 1; }
  local stored expected
  stored=$(curl -fs -u "admin:$PASSWORD" "$API/documents/$DOC" | json "d['sha256']")
  expected=$(sha256sum "$FILE" | cut -d' ' -f1)
  [ "$stored" = "$expected" ] || { echo "run $i: stored $stored, expected $expected" >&2; exit 1; }
  awk -v c="$t_cb" -v d="$t_dl" 'BEGIN { printf "%.1f %.1f\n", c * 1000, d * 1000 }'
}

log "warm-up (2 saves)"
run 900001 >/dev/null; run 900002 >/dev/null
log "$RUNS saves of $MIB MiB"
: > "$WORK/results"
for i in $(seq 1 "$RUNS"); do
  r=$(run "$i"); echo "$r" >> "$WORK/results"; log "run $i: callback→version ${r% *} ms, raw download ${r#* } ms"
done
VERSIONS=$(curl -fs -u "admin:$PASSWORD" "$API/documents/$DOC/versions" | json "d['total']")
[ "$VERSIONS" = "$((RUNS + 3))" ] || { echo "expected $((RUNS + 3)) versions, found $VERSIONS" >&2; exit 1; }

cb=$(awk '{print $1}' "$WORK/results" | median)
dl=$(awk '{print $2}' "$WORK/results" | median)
over=$(awk '{print $1 - $2}' "$WORK/results" | median)
echo "| measure ($MIB MiB, $RUNS runs, median) | ms |"
echo "|---|---|"
echo "| status-2 callback → durable version (Quire's answer) | $cb |"
echo "| raw loopback download of the same bytes (curl from nginx) | $dl |"
echo "| Quire's own cost (callback − download, per run) | $over |"
echo "| callback / raw download | $(awk -v a="$cb" -v b="$dl" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }') |"
echo
echo "Each save: new bytes, a fresh editor config (new key), status 1 then status 2; checked: {\"error\":0}, the stored SHA-256, the version count."
echo "Machine: $(nproc) cores; $(java -version 2>&1 | sed -n 1p). Reproduce: bench/callback-save.sh"

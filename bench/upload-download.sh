#!/usr/bin/env bash
# Upload/download throughput and server memory of Quire over the REST API, on loopback.
#
# Builds Quire (unless --no-build), starts it on Payara Micro with a fresh temporary data directory
# (H2 + blob store) and a known admin password, uploads and downloads random 10 MiB and 100 MiB files
# with curl, samples the server JVM's RSS every 0.2 s, prints one Markdown table on stdout and
# progress on stderr, then stops the server and deletes everything it created (also on failure/Ctrl-C).
#
# Usage: bench/upload-download.sh [--no-build] [--port N] [--runs-10 N] [--runs-100 N] [--warmup N]
#                                 [--keep-log FILE] [--help]
#   --no-build      use the existing web/target/payara-micro.jar and web/target/quire.war
#   --port N        first port to try (default 18080); the next free one is used if it is taken
#   --runs-10 N     uploads and downloads of the 10 MiB file (default 5)
#   --runs-100 N    uploads and downloads of the 100 MiB file (default 3)
#   --warmup N      untimed 10 MiB upload+download pairs before measuring (default 1; 0 = measure cold)
#   --keep-log F    copy the server log to F before the temp directory is deleted
# Environment: QUIRE_JAVA_OPTS (JVM options, default -Xmx1g as in run.sh), TMPDIR (where the temp dir goes).
# See bench/README.md.
set -euo pipefail

readonly ORIGINAL_ARGS=("$@")
SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$SCRIPT_DIR/.." && pwd)"
readonly SCRIPT_DIR REPO

BUILD=1
PORT=18080
RUNS_10=5
RUNS_100=3
WARMUP=1
KEEP_LOG=""
readonly READY_TIMEOUT=120
readonly ADMIN_USER=admin
readonly ADMIN_PASSWORD="bench-$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')"   # >= 8 characters
readonly JAVA_OPTS="${QUIRE_JAVA_OPTS:--Xmx1g}"
readonly MIB=1048576

log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }
usage() { sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//' >&2; }
positive_int() { [[ "$2" =~ ^[1-9][0-9]*$ ]] || die "$1 needs a positive integer, got '$2'"; }

while (($#)); do
  case "$1" in
    --no-build) BUILD=0 ;;
    --port) positive_int "$1" "${2:-}"; PORT="$2"; shift ;;
    --runs-10) positive_int "$1" "${2:-}"; RUNS_10="$2"; shift ;;
    --runs-100) positive_int "$1" "${2:-}"; RUNS_100="$2"; shift ;;
    --warmup) [[ "${2:-}" =~ ^[0-9]+$ ]] || die "--warmup needs a number"; WARMUP="$2"; shift ;;
    --keep-log) [[ -n "${2:-}" ]] || die "--keep-log needs a file"; KEEP_LOG="$2"; shift ;;
    -h|--help) usage; exit 0 ;;
    *) usage; die "unknown argument: $1" ;;
  esac
  shift
done

for tool in curl java sha256sum od dd awk; do
  command -v "$tool" >/dev/null || die "$tool is required"
done

# ---------------------------------------------------------------------------------------------------
# Clean-up: always stop the sampler and the server and delete the temp directory.
WORK=""
SERVER_PID=""
SAMPLER_PID=""
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  set +e
  if [[ -n "$SAMPLER_PID" ]] && kill -0 "$SAMPLER_PID" 2>/dev/null; then
    kill "$SAMPLER_PID" 2>/dev/null
    wait "$SAMPLER_PID" 2>/dev/null
  fi
  if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
    log "stopping the server (pid $SERVER_PID)"
    kill -TERM "$SERVER_PID" 2>/dev/null
    for _ in $(seq 1 100); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.2; done
    if kill -0 "$SERVER_PID" 2>/dev/null; then
      log "server did not stop within 20 s, killing it"
      kill -KILL "$SERVER_PID" 2>/dev/null
    fi
    wait "$SERVER_PID" 2>/dev/null
  fi
  if [[ -n "$WORK" && -d "$WORK" ]]; then
    if [[ -n "$KEEP_LOG" && -f "$WORK/server.log" ]]; then
      cp "$WORK/server.log" "$KEEP_LOG" && log "server log kept in $KEEP_LOG"
    fi
    if ((rc != 0)) && [[ -f "$WORK/server.log" ]]; then
      log "failed (exit $rc); last lines of the server log:"
      tail -n 40 "$WORK/server.log" >&2
    fi
    rm -rf "$WORK"
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

WORK="$(mktemp -d "${TMPDIR:-/tmp}/quire-bench.XXXXXX")"
mkdir -p "$WORK/data" "$WORK/files" "$WORK/out"
log "temp dir $WORK"

# ---------------------------------------------------------------------------------------------------
# 1. Build
readonly MICRO_JAR="$REPO/web/target/payara-micro.jar"
readonly WAR="$REPO/web/target/quire.war"
if ((BUILD)); then
  log "building: mvn -B -q -DskipTests package (in $REPO)"
  t0=$SECONDS
  (cd "$REPO" && mvn -B -q -DskipTests package) >&2 || die "build failed"
  log "built in $((SECONDS - t0)) s"
fi
[[ -f "$MICRO_JAR" && -f "$WAR" ]] || die "missing $MICRO_JAR or $WAR (build first or drop --no-build)"

# ---------------------------------------------------------------------------------------------------
# 2. Start on a free loopback port
port_free() {  # nothing listens on the port (ss when present, else a connect attempt)
  if command -v ss >/dev/null; then
    [[ -z "$(ss -Hltn "sport = :$1" 2>/dev/null)" ]]
  else
    ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
  fi
}
for ((p = PORT; p < PORT + 100; p++)); do
  if port_free "$p"; then break; fi
done
((p < PORT + 100)) || die "no free port in $PORT..$((PORT + 99))"
((p == PORT)) || log "port $PORT is taken, using $p"
PORT=$p
readonly BASE="http://localhost:$PORT"

# Bind the HTTP listener to loopback only (run.sh listens on all interfaces).
cat >"$WORK/preboot.asadmin" <<'EOF'
set configs.config.server-config.network-config.network-listeners.network-listener.http-listener.address=127.0.0.1
EOF

log "starting Quire on $BASE (java $JAVA_OPTS, data in $WORK/data)"
# Same launch as run.sh (which always rebuilds), plus the loopback-only options.
# shellcheck disable=SC2086  # JAVA_OPTS is a list of options, as in run.sh
QUIRE_DATA_DIR="$WORK/data" QUIRE_ADMIN_PASSWORD="$ADMIN_PASSWORD" QUIRE_PORT="$PORT" \
  java $JAVA_OPTS -jar "$MICRO_JAR" \
  --deploy "$WAR" --contextroot / \
  --port "$PORT" --rootdir "$WORK/data/payara" --nocluster \
  --prebootcommandfile "$WORK/preboot.asadmin" \
  >"$WORK/server.log" 2>&1 </dev/null &
SERVER_PID=$!

# 5. RSS sampler: VmRSS (kB) of the server JVM every 0.2 s for the whole run.
sample_rss() {
  local pid=$1 out=$2 key value _
  while [[ -r /proc/$pid/status ]]; do
    while read -r key value _; do
      if [[ "$key" == "VmRSS:" ]]; then printf '%s\n' "$value" >>"$out"; break; fi
    done <"/proc/$pid/status" 2>/dev/null || true
    sleep 0.2
  done
}
sample_rss "$SERVER_PID" "$WORK/rss.samples" &
SAMPLER_PID=$!

t0=$SECONDS
while :; do
  kill -0 "$SERVER_PID" 2>/dev/null || die "the server exited during start-up"
  if grep -q 'Exception while loading the app' "$WORK/server.log" 2>/dev/null; then
    die "Quire failed to deploy (see the log below)"
  fi
  if curl -sS --max-time 5 "$BASE/health/ready" 2>/dev/null | grep -Eq '^\{ *"status" *: *"UP"'; then break; fi
  ((SECONDS - t0 < READY_TIMEOUT)) || die "not ready within $READY_TIMEOUT s"
  sleep 1
done
STARTUP_S=$((SECONDS - t0))
log "ready after ~${STARTUP_S} s"

# Make sure the port is served by our JVM, not by another process that raced us for it.
if command -v ss >/dev/null; then
  listeners="$(ss -Hltnp "sport = :$PORT" 2>/dev/null || true)"
  if [[ "$listeners" == *"pid="* && "$listeners" != *"pid=$SERVER_PID,"* ]]; then
    die "port $PORT is not served by our server (pid $SERVER_PID): $listeners"
  fi
  log "server listens on: $(ss -Hltnp 2>/dev/null | awk -v p="pid=$SERVER_PID," 'index($0, p) {printf "%s ", $4}')"
fi
LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"

api() { curl -sS --fail-with-body --max-time 60 -u "$ADMIN_USER:$ADMIN_PASSWORD" "$@"; }
# Top-level string or integer fields of Quire's flat JSON objects, space separated, from stdin
# (plain bash: no interpreter start-up between timed requests).
json_fields() {
  local json key re out=()
  json="$(cat)"
  for key in "$@"; do
    re="\"$key\"[[:space:]]*:[[:space:]]*(\"([^\"]*)\"|(-?[0-9]+))"
    [[ "$json" =~ $re ]] || { log "no '$key' in: ${json:0:300}"; return 1; }
    out+=("${BASH_REMATCH[2]}${BASH_REMATCH[3]}")
  done
  printf '%s\n' "${out[*]}"
}

ROOT_ID="$(api "$BASE/api/v1/folders/root" | json_fields id)" || die "cannot read the root folder"

# Idle RSS: settle briefly after start-up, then read it.
sleep 3
read_rss_kib() { awk '/^VmRSS:/ {print $2}' "/proc/$SERVER_PID/status"; }
IDLE_RSS_KIB="$(read_rss_kib)"
log "idle RSS $((IDLE_RSS_KIB / 1024)) MiB"

# ---------------------------------------------------------------------------------------------------
# 3. Test files (random, generated once)
declare -A FILE
for mib in 10 100; do
  FILE[$mib]="$WORK/files/random-${mib}MiB.bin"
  head -c "$((mib * MIB))" /dev/urandom >"${FILE[$mib]}"
done
log "generated random test files of 10 MiB and 100 MiB"

# Overwrites the first 16 bytes so that every upload has distinct content (the store deduplicates by
# SHA-256; distinct content means every upload really writes and fsyncs a new blob).
make_distinct() {
  printf '%016d' "$2" | dd of="$1" bs=16 count=1 conv=notrunc status=none
}

# ---------------------------------------------------------------------------------------------------
# 4. Runs
SEQ_NO=0
# upload FILE NAME: makes FILE's content distinct, POSTs it as a new document and sets
# UP_SECS, UP_DOC_ID, UP_SHA256. -T streams the file, -X POST makes it the create call, the empty
# 'Expect:' header avoids curl's wait for "100 Continue".
upload() {
  local file=$1 name=$2 size metrics code sent fields server_size
  size=$(stat -c %s "$file")
  SEQ_NO=$((SEQ_NO + 1))
  make_distinct "$file" "$SEQ_NO"
  metrics="$(curl -sS --max-time 120 -u "$ADMIN_USER:$ADMIN_PASSWORD" -X POST -T "$file" \
    -H 'Content-Type: application/octet-stream' -H 'Expect:' \
    -o "$WORK/out/upload.json" -w '%{http_code} %{time_total} %{size_upload}' \
    "$BASE/api/v1/folders/$ROOT_ID/documents?name=$name")" || die "upload $name failed"
  read -r code UP_SECS sent <<<"$metrics"
  [[ "$code" == 201 ]] || die "upload $name: HTTP $code $(head -c 500 "$WORK/out/upload.json")"
  ((sent == size)) || die "upload $name: sent $sent bytes, expected $size"
  fields="$(json_fields id size sha256 <"$WORK/out/upload.json")" || die "upload $name: unexpected answer"
  read -r UP_DOC_ID server_size UP_SHA256 <<<"$fields"
  ((server_size == size)) || die "upload $name: server stored $server_size bytes, expected $size"
}
# download DOC_ID SIZE: GET the content to /dev/null; sets DOWN_SECS and DOWN_CURL_BPS.
download() {
  local doc_id=$1 size=$2 metrics code got
  metrics="$(curl -sS --max-time 120 -u "$ADMIN_USER:$ADMIN_PASSWORD" -o /dev/null \
    -w '%{http_code} %{time_total} %{size_download} %{speed_download}' \
    "$BASE/api/v1/documents/$doc_id/content")" || die "download $doc_id failed"
  read -r code DOWN_SECS got DOWN_CURL_BPS <<<"$metrics"
  [[ "$code" == 200 ]] || die "download $doc_id: HTTP $code"
  ((got == size)) || die "download $doc_id: got $got bytes, expected $size"
}
mib_per_s() { awk -v b="$1" -v t="$2" 'BEGIN {printf "%.2f", b / t / 1048576}'; }
stats() {  # reads MiB/s values, one a line; prints "median best"
  sort -g | awk '{v[NR] = $1} END {
    if (NR == 0) { print "n/a n/a"; exit }
    m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
    printf "%.1f %.1f\n", m, v[NR] }'
}

for ((i = 1; i <= WARMUP; i++)); do
  upload "${FILE[10]}" "warmup-$i.bin"
  download "$UP_DOC_ID" $((10 * MIB))
  log "warm-up $i (not counted): upload $UP_SECS s, download $DOWN_SECS s"
done

RESULTS="$WORK/results.tsv"   # operation, size label, runs, median, best
: >"$RESULTS"
for mib in 10 100; do
  file="${FILE[$mib]}"
  size=$((mib * MIB))
  if ((mib == 10)); then runs=$RUNS_10; else runs=$RUNS_100; fi
  up_speeds="$WORK/out/up-$mib"
  down_speeds="$WORK/out/down-$mib"
  : >"$up_speeds"
  : >"$down_speeds"
  for ((i = 1; i <= runs; i++)); do
    upload "$file" "bench-${mib}MiB-$i.bin"
    speed="$(mib_per_s "$size" "$UP_SECS")"
    echo "$speed" >>"$up_speeds"
    log "upload   ${mib} MiB #$i: ${UP_SECS} s = ${speed} MiB/s (document $UP_DOC_ID)"
  done
  doc_id=$UP_DOC_ID

  # Integrity: the last uploaded file against the SHA-256 the server reported.
  local_sha="$(sha256sum "$file" | cut -d' ' -f1)"
  [[ "$UP_SHA256" == "$local_sha" ]] || die "server reports sha256 $UP_SHA256, the file has $local_sha"

  for ((i = 1; i <= runs; i++)); do
    download "$doc_id" "$size"
    speed="$(mib_per_s "$size" "$DOWN_SECS")"
    echo "$speed" >>"$down_speeds"
    log "download ${mib} MiB #$i: ${DOWN_SECS} s = ${speed} MiB/s (curl speed_download $(mib_per_s "$DOWN_CURL_BPS" 1) MiB/s)"
  done

  # One more (untimed) download through sha256sum, compared with the uploaded bytes and the ETag.
  down_sha="$(api -D "$WORK/out/headers" "$BASE/api/v1/documents/$doc_id/content" | sha256sum | cut -d' ' -f1)"
  [[ "$down_sha" == "$local_sha" ]] || die "${mib} MiB: downloaded sha256 $down_sha != uploaded $local_sha"
  etag="$(tr -d '\r' <"$WORK/out/headers" | awk -F': ' 'tolower($1) == "etag" {gsub(/"/, "", $2); print $2}')"
  [[ "$etag" == "$local_sha" ]] || die "${mib} MiB: ETag $etag != sha256 $local_sha"
  log "${mib} MiB: download SHA-256 matches the upload ($local_sha)"

  read -r med best < <(stats <"$up_speeds")
  printf 'upload (POST new document)\t%s MiB\t%s\t%s\t%s\n' "$mib" "$runs" "$med" "$best" >>"$RESULTS"
  read -r med best < <(stats <"$down_speeds")
  printf 'download (GET content)\t%s MiB\t%s\t%s\t%s\n' "$mib" "$runs" "$med" "$best" >>"$RESULTS"
done

# ---------------------------------------------------------------------------------------------------
# 5./6. Memory, machine, report
sleep 0.5   # one more sample after the last transfer
HWM_KIB="$(awk '/^VmHWM:/ {print $2}' "/proc/$SERVER_PID/status")"
PEAK_KIB="$(sort -n "$WORK/rss.samples" | tail -n 1)"
SAMPLES="$(wc -l <"$WORK/rss.samples")"
SEVERE="$(grep -c 'SEVERE' "$WORK/server.log" || true)"
log "server log: $SEVERE SEVERE lines; RSS samples: $SAMPLES"
if ((SEVERE > 0)); then
  grep -A3 'SEVERE' "$WORK/server.log" | head -n 20 >&2
fi

JAVA_VERSION="$(java -version 2>&1 | sed -n 1p)"
CPU_MODEL="$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo 2>/dev/null || true)"
FS_TYPE="$(df -PT "$WORK" | awk 'NR == 2 {print $2}')"
REPRO="bench/upload-download.sh"
if [[ -n "${QUIRE_JAVA_OPTS:-}" ]]; then REPRO="QUIRE_JAVA_OPTS=$(printf '%q' "$QUIRE_JAVA_OPTS") $REPRO"; fi
if ((${#ORIGINAL_ARGS[@]})); then REPRO+=" $(printf '%q ' "${ORIGINAL_ARGS[@]}")"; REPRO="${REPRO% }"; fi

{
  echo "| operation | size | runs | median MB/s | best MB/s |"
  echo "|---|---|---|---|---|"
  while IFS=$'\t' read -r op sz n med best; do
    echo "| $op | $sz | $n | $med | $best |"
  done <"$RESULTS"
  echo
  echo "MB/s = MiB/s (1 MiB = 1048576 bytes): file size / curl time_total, per request, over loopback; $WARMUP untimed 10 MiB warm-up upload+download before the runs."
  echo "Peak server RSS: $((PEAK_KIB / 1024)) MiB (VmRSS sampled every 0.2 s, $SAMPLES samples; kernel VmHWM $((HWM_KIB / 1024)) MiB)"
  echo "Idle server RSS after start-up: $((IDLE_RSS_KIB / 1024)) MiB (ready after ~${STARTUP_S} s)"
  echo "Machine: nproc=$(nproc)${CPU_MODEL:+ ($CPU_MODEL)}, $(awk '/^MemTotal:/ {printf "%.0f GiB RAM", $2 / 1048576}' /proc/meminfo), temp dir on $FS_TYPE; $JAVA_VERSION; server JVM options: $JAVA_OPTS; load average before/after the transfers: $LOAD_BEFORE / $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "Reproduce (from the repository root): $REPRO"
}

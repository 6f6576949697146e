#!/usr/bin/env python3
"""One command, one Markdown table: Quire against the physical limit on this machine (issue 7, "Benchmarks").

Every row is measured in the same run, side by side with its reference, and printed with both figures, the ratio
Quire / reference and the units. See bench/README.md ("report.py") for what each row measures and the caveats.

  1. WOPI GetFile 10 MiB, 8 connections (wrk), MiB/s            vs nginx serving the same bytes
  2. WOPI CheckFileInfo, 32 connections (wrk), req/s and p99     vs nginx serving the same JSON
  3. WOPI PutFile 10 MiB with a lock, sequential, MiB/s and ms   vs dd conv=fsync + sha256sum of the same bytes
  4. ONLYOFFICE status-2 callback → {"error":0}, 10 MiB, ms      vs the raw loopback download of the same bytes
  5. WOPI Lock+Unlock pairs/s, 8 connections, distinct documents vs pgbench, one single-row UPDATE per transaction
     (and on one connection vs pgbench with one client)
  6. CheckFileInfo req/s and folder listing req/s at --docs N    vs the same at 1 000 documents (rows made in bulk)
  7. REST upload of 2 GiB (100 MiB with --quick) under -Xmx512m: max used heap (jstat every 0.5 s) and MiB/s; then its
     download: MiB/s vs nginx serving the same file, and the max used heap
  8. --soak-minutes N: mixed load for N minutes, errors and heap per minute (extra rows)
  9. the request path against the platform's floor: Quire's own static /login page (vs nginx), then CheckFileInfo
     (rate and p99; without and with proof keys required), document metadata, a 50-item folder listing and
     /api/v1/me over Basic, each against that static page's rate in the same run
  10. fairness (issue 18): while one user hammers CheckFileInfo (wrk, 224 connections) and uploads (32 connections),
     another user's folder listing and editor config: errors, and p99 against the same requests on a quiet server

Quire runs on PostgreSQL (localhost:5432, role quire/quire, database quire_report, dropped and re-created; run as
root to let .ci/postgres.sh set it up). Needs nginx, wrk, pgbench (Debian; installed with apt-get when absent and
running as root), a JDK 17 with jstat, and web/target/{payara-micro.jar,quire.war,postgresql.jar} (built unless
--no-build). Ports 18200-18209. Progress goes to stderr, the table to stdout.

Usage: bench/report.py [--no-build] [--quick] [--docs N] [--seconds N] [--soak-minutes N] [--only 1,2,...] [--jfr FILE]
"""
import argparse
import base64
import concurrent.futures
import hashlib
import http.client
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

import quirebench as qb

REPO = qb.REPO
QUIRE_PORT, NGINX_PORT = 18201, 18202
HOST = "127.0.0.1"
DATABASE = "quire_report"
PASSWORD = "report-" + os.urandom(6).hex()
SECRET = "report-secret-" + os.urandom(12).hex()
MIB = 1048576
SOAK_UPLOAD = 64 * 1024
SOAK_MIN_FREE = 2048 * MIB
BASELINE_DOCS = 1000
DOCS_PER_FOLDER = 1000


log = qb.logger("report")


def run(command, **kw):
    return subprocess.run(command, check=True, **kw)


def ensure_tools():
    missing = [p for t, p in (("nginx", "nginx"), ("wrk", "wrk"), ("pgbench", "postgresql-client")) if shutil.which(t) is None]
    if missing:
        if os.geteuid() != 0:
            raise SystemExit(f"needs {' '.join(missing)} (apt-get install {' '.join(missing)})")
        log(f"installing {' '.join(missing)}")
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        run(["apt-get", "update", "-qq"], env=env)
        run(["apt-get", "install", "-y", "-qq", *missing], env=env, stdout=subprocess.DEVNULL)
    for tool in ("java", "jstat"):
        if shutil.which(tool) is None:
            raise SystemExit(f"needs {tool} (a JDK 17)")


def psql(sql, database=DATABASE, superuser=False, capture=False):
    """Runs SQL; as postgres (runuser) when root, else as quire over TCP."""
    if os.geteuid() == 0 and (superuser or database == "postgres"):
        command = ["runuser", "-u", "postgres", "--", "psql", "-q", "-X", "-v", "ON_ERROR_STOP=1", "-d", database, "-tA", "-f", "-"]
    else:
        command = ["psql", "-h", "localhost", "-U", "quire", "-q", "-X", "-v", "ON_ERROR_STOP=1", "-d", database, "-tA", "-f", "-"]
    out = subprocess.run(command, input=sql, env=dict(os.environ, PGPASSWORD="quire"), capture_output=True, text=True)
    if out.returncode:
        raise RuntimeError(f"psql failed: {out.stderr.strip()[:500]}\n{sql[:300]}")
    return out.stdout.strip() if capture else None


# ---------------------------------------------------------------- Quire and nginx processes

class Quire(qb.Quire):
    """Quire on PostgreSQL (database quire_report), nginx standing in for the Document Server's address; `jfr` a file
    to record the measured rows' profile into."""

    def __init__(self, work, jfr=None):
        super().__init__(work, QUIRE_PORT, PASSWORD, addlibs=[os.path.join(REPO, "web/target/postgresql.jar")])
        self.jfr, self.recording = jfr, False

    def start(self, heap):
        self.heap = heap
        self.options = [*(["-XX:FlightRecorderOptions:stackdepth=512"] if self.jfr else []), *qb.postgres(DATABASE),
                        f"-Dquire.public-url=http://{HOST}:{QUIRE_PORT}", f"-Dquire.onlyoffice.url=http://{HOST}:{NGINX_PORT}/",
                        f"-Dquire.onlyoffice.secret={SECRET}"]
        log(f"starting Quire (-Xmx{heap}) on {HOST}:{QUIRE_PORT}")
        return super().start(limit=300)

    def record(self, on):
        """JFR for the measured rows only (not the deployment): jcmd JFR.start after the start, JFR.stop to write."""
        if self.jfr and self.process and on != self.recording:
            self.recording = on
            args = ["JFR.start", "name=report", "settings=profile"] if on else ["JFR.stop", "name=report", f"filename={self.jfr}"]
            run(["jcmd", str(self.process.pid), *args], stdout=subprocess.DEVNULL)


def start_nginx(work):
    www = os.path.join(work, "www")
    with open(os.path.join(work, "nginx.conf"), "w") as f:
        f.write(f"""worker_processes auto; pid {work}/nginx.pid; error_log {work}/nginx-error.log;
events {{ worker_connections 1024; }}
http {{
  access_log off; sendfile on;
  types {{ application/json json; application/octet-stream bin docx; }}
  client_body_temp_path {work}/tmp; proxy_temp_path {work}/tmp; fastcgi_temp_path {work}/tmp; uwsgi_temp_path {work}/tmp; scgi_temp_path {work}/tmp;
  server {{ listen {HOST}:{NGINX_PORT}; root {www}; }}
}}
""")
    os.makedirs(os.path.join(work, "tmp"), exist_ok=True)
    run(["chmod", "-R", "a+rX", work])  # nginx workers do not run as root
    run(["nginx", "-c", os.path.join(work, "nginx.conf")])


# ---------------------------------------------------------------- HTTP helpers

CLIENT = qb.Client(f"http://{HOST}:{QUIRE_PORT}/", PASSWORD)
call, api, new_document, wopi_token = CLIENT.call, CLIENT.api, CLIENT.new_document, CLIENT.wopi_token


def connection():
    return http.client.HTTPConnection(HOST, QUIRE_PORT, timeout=300)


def request(conn, method, path, body=None, headers=None):
    conn.request(method, path, body=body, headers=headers or {})
    r = conn.getresponse()
    data = r.read()
    return r.status, r, data


def basic():
    return CLIENT.authorization


# ---------------------------------------------------------------- measuring tools

def wrk(url, connections, seconds, script=None):
    """-> dict(rps, p99_ms, mib_s); raises on non-2xx answers or socket errors."""
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--timeout", "30s", "--latency"] + (["-s", script] if script else []) + [url]
    out = subprocess.run(command, check=True, capture_output=True, text=True).stdout

    def ms(v):
        n = float(re.match(r"[\d.]+", v).group())
        return n / 1000 if v.endswith("us") else n if v.endswith("ms") else n * 1000 if v.endswith("s") else n

    def mib(v):
        n = float(re.match(r"[\d.]+", v).group())
        return n * 1024 if v.endswith("GB") else n if v.endswith("MB") else n / 1024 if v.endswith("KB") else n / MIB
    result = {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
              "p99_ms": ms(re.search(r"\s99%\s+(\S+)", out).group(1)),
              "mib_s": mib(re.search(r"Transfer/sec:\s+(\S+)", out).group(1))}
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    errors = re.search(r"Socket errors: .*", out)
    if bad or (errors and re.search(r"(connect|read|write|timeout) [1-9]", errors.group())):
        raise RuntimeError(f"wrk {url}: {bad.group() if bad else ''} {errors.group() if errors else ''}")
    return result


class HeapSampler:
    """jstat -gc <pid> every interval: used heap (S0U+S1U+EU+OU) in MiB."""

    def __init__(self, pid, interval_ms=500):
        self.samples, self.proc = [], subprocess.Popen(["jstat", "-gc", str(pid), str(interval_ms)], stdout=subprocess.PIPE,
                                                       stderr=subprocess.DEVNULL, text=True)
        self.thread = threading.Thread(target=self._read, daemon=True)
        self.thread.start()

    def _read(self):
        header = None
        for line in self.proc.stdout:
            fields = line.split()
            if not fields:
                continue
            if fields[0] == "S0C":
                header = fields
                continue
            if header and len(fields) == len(header):
                v = dict(zip(header, fields))
                try:
                    used = sum(float(v[k]) for k in ("S0U", "S1U", "EU", "OU")) / 1024
                except ValueError:
                    continue
                self.samples.append((time.time(), used))

    def stop(self):
        self.proc.terminate()
        self.proc.wait()
        self.thread.join(timeout=2)
        return self.samples


def heap_now(pid):
    out = subprocess.run(["jstat", "-gc", str(pid)], capture_output=True, text=True).stdout.split("\n")
    v = dict(zip(out[0].split(), out[1].split()))
    return sum(float(v[k]) for k in ("S0U", "S1U", "EU", "OU")) / 1024


def median(values):
    s = sorted(values)
    return s[len(s) // 2] if len(s) % 2 else (s[len(s) // 2 - 1] + s[len(s) // 2]) / 2


def callback_body(fields):
    return qb.callback_body(fields, SECRET)


def stamp(path, n):
    """New first 16 bytes: new content, so the content-addressed store does not deduplicate the write."""
    with open(path, "r+b") as f:
        f.write(b"%016d" % n)


# ---------------------------------------------------------------- the rows

ROWS = []


def row(measure, units, quire, reference_name, reference, higher_is_better=True, note=""):
    ratio = (quire / reference) if reference else float("nan")
    ROWS.append((measure, units, quire, reference_name, reference, ratio, note))
    log(f"{measure}: Quire {quire:.2f} {units}, {reference_name} {reference:.2f}, ratio {ratio:.2f}")


def fmt(v):
    if isinstance(v, str):
        return v
    if v != v:
        return "n/a"
    return f"{v:,.0f}" if abs(v) >= 100 else f"{v:.2g}" if abs(v) < 0.1 else f"{v:.2f}" if abs(v) < 10 else f"{v:.1f}"


def wopi_rows(args, work, root):
    www = os.path.join(work, "www")
    with open(os.path.join(www, "file.bin"), "wb") as f:
        f.write(os.urandom(10 * MIB))
    with open(os.path.join(www, "file.bin"), "rb") as f:
        data = f.read()
    doc = new_document(root, "getfile.docx", data)
    token = wopi_token(doc)
    base = f"http://{HOST}:{QUIRE_PORT}/wopi/files/{doc}"
    cfi, getfile = f"{base}?access_token={token}", f"{base}/contents?access_token={token}"
    with urllib.request.urlopen(cfi) as r, open(os.path.join(www, "checkfileinfo.json"), "wb") as f:
        f.write(r.read())
    with urllib.request.urlopen(getfile) as r:
        if r.read() != data:
            raise SystemExit("GetFile returned other bytes")
    os.chmod(os.path.join(www, "checkfileinfo.json"), 0o644)
    os.chmod(os.path.join(www, "file.bin"), 0o644)
    ng = f"http://{HOST}:{NGINX_PORT}"
    log("warming up (CheckFileInfo, GetFile)")
    wrk(cfi, 8, args.warmup)
    wrk(getfile, 4, args.warmup)
    log(f"1. GetFile 10 MiB, 8 connections, {args.seconds} s each")
    q, n = wrk(getfile, 8, args.seconds), wrk(f"{ng}/file.bin", 8, args.seconds)
    row("1. WOPI GetFile 10 MiB, 8 conn.", "MiB/s", q["mib_s"], "nginx, same bytes", n["mib_s"])
    log(f"2. CheckFileInfo, 32 connections, {args.seconds} s each")
    q, n = wrk(cfi, 32, args.seconds), wrk(f"{ng}/checkfileinfo.json", 32, args.seconds)
    row("2. WOPI CheckFileInfo, 32 conn.", "req/s", q["rps"], "nginx, same JSON", n["rps"])
    row("2. WOPI CheckFileInfo p99, 32 conn.", "ms (lower is better)", q["p99_ms"], "nginx, same JSON", n["p99_ms"], False)


def putfile_row(args, work, root):
    runs = args.putfile_runs
    path = os.path.join(work, "put.bin")
    with open(path, "wb") as f:
        f.write(os.urandom(10 * MIB))
    doc = new_document(root, "putfile.docx", b"first")
    token = wopi_token(doc)
    conn = connection()
    status, _, _ = request(conn, "POST", f"/wopi/files/{doc}?access_token={token}", b"",
                           {"X-WOPI-Override": "LOCK", "X-WOPI-Lock": "bench-lock"})
    if status != 200:
        raise SystemExit(f"WOPI Lock answered {status}")
    quire_ms, ref_ms = [], []
    target = os.path.join(work, "dd-target.bin")
    log(f"3. PutFile 10 MiB with a lock, {runs} sequential saves (+2 warm-up), and dd conv=fsync + sha256sum")
    for i in range(runs + 2):
        stamp(path, i + 1)
        with open(path, "rb") as f:
            body = f.read()
        t = time.perf_counter()
        status, r, _ = request(conn, "POST", f"/wopi/files/{doc}/contents?access_token={token}", body,
                               {"X-WOPI-Override": "PUT", "X-WOPI-Lock": "bench-lock", "Content-Length": str(len(body))})
        q = (time.perf_counter() - t) * 1000
        if status != 200:
            raise SystemExit(f"PutFile answered {status}")
        stamp(path, 1000 + i)  # the reference writes new bytes too
        t = time.perf_counter()
        run(["dd", f"if={path}", f"of={target}", "bs=1M", "conv=fsync", "status=none"])
        run(["sha256sum", target], stdout=subprocess.DEVNULL)
        d = (time.perf_counter() - t) * 1000
        os.unlink(target)
        if i >= 2:
            quire_ms.append(q)
            ref_ms.append(d)
    expected = hashlib.sha256(body).hexdigest()
    if api("GET", f"documents/{doc}")["sha256"] != expected:
        raise SystemExit("PutFile: the stored SHA-256 is not the last body's")
    request(conn, "POST", f"/wopi/files/{doc}?access_token={token}", b"", {"X-WOPI-Override": "UNLOCK", "X-WOPI-Lock": "bench-lock"})
    conn.close()
    qm, rm = median(quire_ms), median(ref_ms)
    row(f"3. WOPI PutFile 10 MiB, locked, sequential (median of {runs})", "MiB/s", 10 / (qm / 1000),
        "dd conv=fsync + sha256sum", 10 / (rm / 1000))
    row("3. WOPI PutFile 10 MiB, time per save", "ms (lower is better)", qm, "dd conv=fsync + sha256sum", rm, False)


def callback_row(args, work, root):
    runs = args.callback_runs
    os.makedirs(os.path.join(work, "www/cache/files"), exist_ok=True)
    path = os.path.join(work, "www/cache/files/output.docx")
    with open(path, "wb") as f:
        f.write(os.urandom(10 * MIB))
    os.chmod(path, 0o644)
    run(["chmod", "-R", "a+rX", os.path.join(work, "www")])
    url = f"http://{HOST}:{NGINX_PORT}/cache/files/output.docx"
    doc = new_document(root, "callback.docx", b"first")
    cb_ms, dl_ms = [], []
    log(f"4. status-2 callbacks of 10 MiB, {runs} runs (+2 warm-up), and the raw download")
    for i in range(runs + 2):
        stamp(path, 5000 + i)
        config = api("GET", f"documents/{doc}/onlyoffice?mode=edit")
        key, callback = config["document"]["key"], config["editorConfig"]["callbackUrl"]
        cbpath = urllib.parse.urlparse(callback)
        cbpath = cbpath.path + ("?" + cbpath.query if cbpath.query else "")
        start = {"key": key, "status": 1, "users": ["admin"], "actions": [{"type": 1, "userid": "admin"}]}
        status, _, raw = call("POST", cbpath.lstrip("/"), callback_body(start), {"Content-Type": "application/json"}, auth=False)
        if json.loads(raw) != {"error": 0}:
            raise SystemExit(f"status 1 answered {status} {raw!r}")
        t = time.perf_counter()
        with urllib.request.urlopen(f"{url}?run={i}") as r:
            while r.read(1 << 20):
                pass
        d = (time.perf_counter() - t) * 1000
        body = callback_body({"key": key, "status": 2, "users": ["admin"], "actions": [{"type": 0, "userid": "admin"}],
                              "url": f"{url}?run={i}", "filetype": "docx", "notmodified": False,
                              "lastsave": time.strftime("%Y-%m-%dT%H:%M:%S.000Z", time.gmtime()) + str(time.time_ns())})
        t = time.perf_counter()
        status, _, raw = call("POST", cbpath.lstrip("/"), body, {"Content-Type": "application/json"}, auth=False)
        c = (time.perf_counter() - t) * 1000
        if status != 200 or json.loads(raw) != {"error": 0}:
            raise SystemExit(f"status 2 answered {status} {raw!r}")
        if i >= 2:
            cb_ms.append(c)
            dl_ms.append(d)
    with open(path, "rb") as f:
        if api("GET", f"documents/{doc}")["sha256"] != hashlib.sha256(f.read()).hexdigest():
            raise SystemExit("callback: the stored SHA-256 is not the file's")
    row(f"4. callback status 2 → {{\"error\":0}}, 10 MiB (median of {runs})", "ms (lower is better)", median(cb_ms),
        "raw loopback download", median(dl_ms), False)


def lock_row(args, work, root):
    for clients in (8, 1):
        lock_pairs(args, work, root, clients)


def lock_pairs(args, work, root, clients):
    docs = [new_document(root, f"lock-{clients}-{i}.docx", f"lock {i}".encode()) for i in range(clients)]
    tokens = [wopi_token(d) for d in docs]
    stop_at = [0.0]
    counts, errors = [0] * clients, [0] * clients

    def worker(i):
        conn = connection()
        path = f"/wopi/files/{docs[i]}?access_token={tokens[i]}"
        n = 0
        while time.time() < stop_at[0]:
            lock_id = f"pair-{i}-{n}"
            s1, _, _ = request(conn, "POST", path, b"", {"X-WOPI-Override": "LOCK", "X-WOPI-Lock": lock_id})
            s2, _, _ = request(conn, "POST", path, b"", {"X-WOPI-Override": "UNLOCK", "X-WOPI-Lock": lock_id})
            if s1 == 200 and s2 == 200:
                counts[i] += 1
            else:
                errors[i] += 1
            n += 1
        conn.close()

    def measure(seconds):
        for i in range(clients):
            counts[i] = errors[i] = 0
        stop_at[0] = time.time() + seconds
        t = time.time()
        with concurrent.futures.ThreadPoolExecutor(clients) as pool:
            list(pool.map(worker, range(clients)))
        return sum(counts) / (time.time() - t)

    log(f"5. WOPI Lock+Unlock pairs, {clients} connections on {clients} documents, {args.seconds} s (+ warm-up)")
    measure(args.warmup)
    pairs = measure(args.seconds)
    if sum(errors):
        raise SystemExit(f"lock/unlock: {sum(errors)} pairs failed")
    log(f"5. pgbench: one UPDATE by primary key per transaction, {clients} clients, {args.seconds} s")
    psql("DROP TABLE IF EXISTS bench_update; CREATE TABLE bench_update (id INTEGER PRIMARY KEY, v BIGINT NOT NULL);"
         " INSERT INTO bench_update SELECT g, 0 FROM generate_series(1, 100000) g; VACUUM ANALYZE bench_update;")
    script = os.path.join(work, "update.sql")
    with open(script, "w") as f:
        f.write("\\set id random(1, 100000)\nUPDATE bench_update SET v = v + 1 WHERE id = :id;\n")
    os.chmod(script, 0o644)
    pg = ["pgbench", "-h", "localhost", "-U", "quire", "-n", "-c", str(clients), "-j", str(min(clients, 2)), "-f", script, DATABASE]
    env = dict(os.environ, PGPASSWORD="quire")
    subprocess.run(pg[:-1] + ["-T", str(args.warmup), DATABASE], check=True, env=env, capture_output=True)
    out = subprocess.run(pg[:-1] + ["-T", str(args.seconds), DATABASE], check=True, env=env, capture_output=True, text=True).stdout
    tps = float(re.search(r"tps = ([\d.]+)", out).group(1))
    psql("DROP TABLE bench_update")
    row(f"5. WOPI Lock+Unlock pairs, {clients} conn., distinct documents (PostgreSQL)", "pairs/s", pairs,
        f"pgbench single-row UPDATE, {clients} client{'s' if clients > 1 else ''} (tps)", tps,
        note="a pair is 2 HTTP requests and at least 2 transactions; a pgbench transaction is 1 UPDATE")


def basic_lua(work, name):
    lua = os.path.join(work, name)
    with open(lua, "w") as f:
        f.write(f'wrk.headers["Authorization"] = "{basic()}"\n')
    os.chmod(lua, 0o644)
    return lua


def proof_discovery(work, www, doc, token_quoted):
    """A discovery with an RSA proof key (openssl) and a wrk script that sends a valid proof of the CheckFileInfo
    URL: the timestamp is fixed, which Quire accepts for 20 minutes, far longer than one run."""
    key = os.path.join(work, "proof.pem")
    run(["openssl", "genrsa", "-out", key, "2048"], capture_output=True)
    modulus_hex = subprocess.run(["openssl", "rsa", "-in", key, "-noout", "-modulus"], check=True, capture_output=True,
                                 text=True).stdout.strip().split("=", 1)[1]
    modulus = base64.b64encode(bytes.fromhex(modulus_hex)).decode()
    os.makedirs(os.path.join(www, "hosting"), exist_ok=True)
    with open(os.path.join(www, "hosting", "discovery"), "w") as f:
        f.write('<?xml version="1.0" encoding="utf-8"?><wopi-discovery><net-zone name="external-http">'
                f'<app name="Word"><action name="edit" ext="docx" requires="locks,update" urlsrc="http://{HOST}:{NGINX_PORT}/edit?&amp;"/>'
                f'</app></net-zone><proof-key modulus="{modulus}" exponent="AQAB" oldmodulus="{modulus}" oldexponent="AQAB"/>'
                '</wopi-discovery>')
    run(["chmod", "-R", "a+rX", www])
    url = f"http://{HOST}:{QUIRE_PORT}/wopi/files/{doc}?access_token={token_quoted}"
    ticks = 621355968000000000 + int(time.time()) * 10_000_000
    token = urllib.parse.unquote(token_quoted).encode()
    upper = url.upper().encode()
    data = (len(token).to_bytes(4, "big") + token + len(upper).to_bytes(4, "big") + upper
            + (8).to_bytes(4, "big") + ticks.to_bytes(8, "big"))
    proof = base64.b64encode(subprocess.run(["openssl", "dgst", "-sha256", "-sign", key], input=data, check=True,
                                            capture_output=True).stdout).decode()
    lua = os.path.join(work, "proof.lua")
    with open(lua, "w") as f:
        f.write(f'wrk.headers["X-WOPI-TimeStamp"] = "{ticks}"\nwrk.headers["X-WOPI-Proof"] = "{proof}"\n'
                f'wrk.headers["X-WOPI-ProofOld"] = "{proof}"\n')
    os.chmod(lua, 0o644)
    return url, lua


def request_path_rows(args, work, root):
    """Row 9: each request against Quire's own static page, the platform's floor, measured in the same run."""
    www = os.path.join(work, "www")
    with open(os.path.join(www, "login.html"), "wb") as f:
        f.write(call("GET", "login", auth=False)[2])
    os.chmod(os.path.join(www, "login.html"), 0o644)
    folder = api("POST", "folders", json.dumps({"parentId": root, "name": "listing-50"}).encode())["id"]
    docs = [new_document(folder, f"item-{i:02d}.docx", f"item {i}".encode()) for i in range(50)]
    doc = docs[0]
    token = wopi_token(doc)
    base = f"http://{HOST}:{QUIRE_PORT}"
    cfi = f"{base}/wopi/files/{doc}?access_token={token}"
    lua = basic_lua(work, "basic.lua")
    log("9. warming up (static page, CheckFileInfo, REST)")
    for url, script in ((f"{base}/login", None), (cfi, None), (f"{base}/api/v1/documents/{doc}", lua),
                        (f"{base}/api/v1/folders/{folder}/children?size=50", lua), (f"{base}/api/v1/me", lua)):
        wrk(url, 8, args.warmup, script)
    log(f"9. static page (Quire /login and nginx), 32 connections, {args.seconds} s each")
    static, ng = wrk(f"{base}/login", 32, args.seconds), wrk(f"http://{HOST}:{NGINX_PORT}/login.html", 32, args.seconds)
    row("9. Quire's static /login page, 32 conn.", "req/s", static["rps"], "nginx, same page", ng["rps"])
    q = wrk(cfi, 32, args.seconds)
    row("9. WOPI CheckFileInfo, 32 conn.", "req/s", q["rps"], "Quire's static page", static["rps"],
        note="target 0.6x, resolved at 0.4x")
    row("9. WOPI CheckFileInfo p99, 32 conn.", "ms (lower is better)", q["p99_ms"], "Quire's static page p99",
        static["p99_ms"], False, note="target at most 2x")
    for name, url in (("document metadata", f"{base}/api/v1/documents/{doc}"),
                      ("folder listing, 50 items", f"{base}/api/v1/folders/{folder}/children?size=50"),
                      ("/api/v1/me", f"{base}/api/v1/me")):
        r = wrk(url, 32, args.seconds, lua)
        row(f"9. {name} (Basic), 32 conn.", "req/s", r["rps"], "Quire's static page", static["rps"], note="target 0.4x")
    log("9. CheckFileInfo with proof keys required (a discovery with a key, every request signed)")
    url, proof_lua = proof_discovery(work, www, doc, token)
    api("PUT", "admin/settings", json.dumps({"quire.wopi.discovery-url": f"http://{HOST}:{NGINX_PORT}/hosting/discovery"}).encode())
    try:
        status, _, _ = call("GET", url.split("/", 3)[3], auth=False)
        if status != 500:
            raise SystemExit(f"an unsigned CheckFileInfo answered {status} with proof keys required (expected 500)")
        wrk(url, 8, args.warmup, proof_lua)
        p = wrk(url, 32, args.seconds, proof_lua)
    finally:
        api("PUT", "admin/settings", json.dumps({"quire.wopi.discovery-url": None}).encode())
    row("9. WOPI CheckFileInfo with proof keys required, 32 conn.", "req/s", p["rps"], "CheckFileInfo without proofs",
        q["rps"], note="target 0.8x")


def fairness_rows(args, work, root):
    """Row 10: another user's listing and editor config while one user hammers CheckFileInfo and uploads (256 connections)."""
    hammer_password, victim_password = "hammer-" + os.urandom(4).hex(), "victim-" + os.urandom(4).hex()
    for login, password in (("hammer", hammer_password), ("victim", victim_password)):
        api("POST", "users", json.dumps({"login": login, "password": password}).encode())
    hammer, victim = qb.Client(CLIENT.base, hammer_password, "hammer"), qb.Client(CLIENT.base, victim_password, "victim")
    home = hammer.api("GET", "me")["homeFolderId"]
    target = hammer.new_document(home, "hammered.docx", b"hammered")
    cfi = f"http://{HOST}:{QUIRE_PORT}/wopi/files/{target}?access_token={hammer.wopi_token(target)}"
    mine = victim.api("GET", "me")["homeFolderId"]
    for i in range(50):
        victim.new_document(mine, f"mine-{i:02d}.docx", f"mine {i}".encode())
    doc = victim.new_document(mine, "report.docx", b"report")
    requests = (("folder listing, 50 items", f"api/v1/folders/{mine}/children?size=50"),
                ("editor config", f"api/v1/documents/{doc}/onlyoffice?mode=edit"))

    def sample(seconds):
        times, errors, end = {name: [] for name, _ in requests}, 0, time.time() + seconds
        while time.time() < end:
            for name, path in requests:
                started = time.perf_counter()
                status, _, _ = victim.call("GET", path, timeout=60)
                times[name].append((time.perf_counter() - started) * 1000)
                errors += status != 200
        return times, errors

    def p99(values):
        s = sorted(values)
        return s[min(len(s) - 1, int(len(s) * 0.99))]

    api("PUT", "admin/settings", json.dumps({"quire.limits.requests-per-client": 8}).encode())  # the default, which the bench lifts
    log(f"10. the victim alone for {args.seconds} s")
    sample(args.warmup)
    quiet, quiet_errors = sample(args.seconds)
    stop = threading.Event()
    uploads = {"ok": 0, "failed": 0}

    def upload_loop(n):
        body = os.urandom(SOAK_UPLOAD)
        while not stop.is_set():
            try:
                status, _, _ = hammer.call("POST", f"api/v1/folders/{home}/documents?name=up-{n}-{time.time_ns()}.bin", body,
                                           {"Content-Type": "application/octet-stream"}, timeout=120)
            except OSError:  # refused (429, connection closed) before the body was read
                status = 0
            uploads["ok" if status == 201 else "failed"] += 1

    log(f"10. the victim while hammer runs CheckFileInfo (224 conn.) and uploads (32 conn.) for {args.seconds} s")
    pool = [threading.Thread(target=upload_loop, args=(n,), daemon=True) for n in range(32)]
    for t in pool:
        t.start()
    flood = {}
    flooder = threading.Thread(target=lambda: flood.update(wrk_tolerant(cfi, 224, args.seconds + 2 * args.warmup)), daemon=True)
    flooder.start()
    time.sleep(args.warmup)
    loaded, loaded_errors = sample(args.seconds)
    flooder.join()
    stop.set()
    for t in pool:
        t.join(timeout=130)
    api("PUT", "admin/settings", json.dumps({"quire.limits.requests-per-client": None}).encode())
    for name, _ in requests:
        row(f"10. {name} p99 of another user under a 256-connection flood", "ms (lower is better)", p99(loaded[name]),
            "the same, quiet server", p99(quiet[name]), False,
            note=f"goal at most 3x, resolved at 5x; {len(loaded[name])} samples, errors {loaded_errors} (quiet {quiet_errors})")
    log(f"10. the flood: CheckFileInfo {flood.get('rps', 0):.0f} req/s ({flood.get('errors', '?')}), uploads {uploads['ok']} stored, "
        f"{uploads['failed']} refused")


def wrk_tolerant(url, connections, seconds):
    """wrk for a flood whose own errors are reported, not raised: -> dict(rps, errors)."""
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--timeout", "30s", url]
    out = subprocess.run(command, capture_output=True, text=True).stdout
    rate = re.search(r"Requests/sec:\s+([\d.]+)", out)
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    sockets = re.search(r"Socket errors: .*", out)
    return {"rps": float(rate.group(1)) if rate else 0.0,
            "errors": ", ".join(x.group() for x in (bad, sockets) if x) or "no errors"}


def scale_rows(args, work, root):
    """CheckFileInfo and a 50-entry listing at 1 000 documents, then at --docs documents."""
    seed_doc = new_document(root, "seed.docx", os.urandom(64 * 1024))
    seed = api("GET", f"documents/{seed_doc}")
    root_id = psql(f"SELECT id FROM folder WHERE public_id = '{root}'", capture=True)
    # ids far above the sequence (EclipseLink allocates from 1000 up); public ids: 16 bytes of md5 → 22 base64url chars
    pid = lambda prefix, expr: (f"rtrim(translate(encode(decode(md5('{prefix}' || {expr} || '{PASSWORD}'), 'hex'), 'base64'),"
                                f" '+/', '-_'), '=')")
    base_id = 10_000_000_000

    def make(first, last):
        """Documents first..last (1-based) in folders of DOCS_PER_FOLDER, each with one version of the seed blob."""
        f_first, f_last = (first - 1) // DOCS_PER_FOLDER + 1, (last - 1) // DOCS_PER_FOLDER + 1
        log(f"6. inserting documents {first}..{last} in folders {f_first}..{f_last} (bulk SQL)")
        t = time.time()
        psql(f"""
BEGIN;
INSERT INTO folder (id, public_id, parent_id, name, name_key, owner_login, created, modified, trashed, opt_version, inherit_acl)
SELECT {base_id} + g, {pid('f', 'g')}, {root_id}, 'bulk-' || g, 'bulk-' || g, 'admin', now(), now(), FALSE, 1, TRUE
FROM generate_series({f_first}, {f_last}) g
WHERE NOT EXISTS (SELECT 1 FROM folder WHERE id = {base_id} + g);
INSERT INTO document (id, public_id, folder_id, name, name_key, owner_login, created, modified, current_version, byte_size,
                      sha256, mime_type, trashed, opt_version, inherit_acl)
SELECT {base_id} + g, {pid('d', 'g')}, {base_id} + (g - 1) / {DOCS_PER_FOLDER} + 1, 'doc-' || g || '.docx', 'doc-' || g || '.docx',
       'admin', now(), now(), 1, {seed['size']}, '{seed['sha256']}',
       'application/vnd.openxmlformats-officedocument.wordprocessingml.document', FALSE, 1, TRUE
FROM generate_series({first}, {last}) g;
INSERT INTO document_version (id, document_id, version_number, sha256, byte_size, author, created, version_source)
SELECT {base_id} + g, {base_id} + g, 1, '{seed['sha256']}', {seed['size']}, 'admin', now(), 'UPLOAD'
FROM generate_series({first}, {last}) g;
COMMIT;
ANALYZE folder; ANALYZE document; ANALYZE document_version;""")
        log(f"6. inserted in {time.time() - t:.0f} s")

    def measure(label):
        folder = psql(f"SELECT public_id FROM folder WHERE id = {base_id + 1}", capture=True)
        doc = psql(f"SELECT public_id FROM document WHERE id = {base_id + 500}", capture=True)
        token = wopi_token(doc)
        cfi = f"http://{HOST}:{QUIRE_PORT}/wopi/files/{doc}?access_token={token}"
        listing = f"http://{HOST}:{QUIRE_PORT}/api/v1/folders/{folder}/children?size=50"
        lua = basic_lua(work, "auth.lua")
        page = api("GET", f"folders/{folder}/children?size=50")
        total = page.get("total")
        log(f"6. at {label}: CheckFileInfo and listing (folder of {total} children), 32 and 8 conn., {args.seconds} s each")
        wrk(cfi, 8, args.warmup)
        wrk(listing, 8, args.warmup, lua)
        return wrk(cfi, 32, args.seconds)["rps"], wrk(listing, 8, args.seconds, lua)["rps"]

    make(1, BASELINE_DOCS)
    small = measure(f"{BASELINE_DOCS} documents")
    if args.docs > BASELINE_DOCS:
        step = 250_000
        for first in range(BASELINE_DOCS + 1, args.docs + 1, step):
            make(first, min(first + step - 1, args.docs))
        psql("VACUUM ANALYZE document; VACUUM ANALYZE document_version; VACUUM ANALYZE folder")
    large = measure(f"{args.docs} documents")
    n = f"{args.docs:,}"
    row(f"6. WOPI CheckFileInfo at {n} docs, 32 conn.", "req/s", large[0], f"same at {BASELINE_DOCS:,} docs", small[0])
    row(f"6. folder listing (50 of 1,000 children) at {n} docs, 8 conn.", "req/s", large[1], f"same at {BASELINE_DOCS:,} docs", small[1])


def heap_row(args, work, quire, root):
    size_mib = args.upload_mib
    path = os.path.join(work, "www", "big.bin")  # nginx serves it too: the download's reference
    log(f"7. writing a {size_mib} MiB file")
    with open(path, "wb") as f:
        chunk = os.urandom(MIB)
        for i in range(size_mib):
            f.write(chunk[:16] + (b"%016d" % i) + chunk[32:])  # distinct, cheap
    idle = heap_now(quire.pid)
    sampler = HeapSampler(quire.pid, 500)
    time.sleep(1)
    log(f"7. uploading {size_mib} MiB through REST with -Xmx{quire.heap}, sampling the heap every 0.5 s")
    conn = connection()
    t = time.perf_counter()
    with open(path, "rb") as f:
        conn.request("POST", f"/api/v1/folders/{root}/documents?name=big.bin", body=f,
                     headers={"Authorization": basic(), "Content-Type": "application/octet-stream",
                              "Content-Length": str(size_mib * MIB)})
        r = conn.getresponse()
        answer = r.read()
    seconds = time.perf_counter() - t
    time.sleep(1)
    samples = sampler.stop()
    conn.close()
    if r.status != 201 or json.loads(answer)["size"] != size_mib * MIB:
        raise SystemExit(f"upload answered {r.status}: {answer[:200]!r}")
    doc = json.loads(answer)["id"]
    peak = max(s[1] for s in samples) if samples else float("nan")
    row(f"7. REST upload {size_mib:,} MiB, -Xmx{quire.heap}: max used heap during the upload ({len(samples)} jstat samples)",
        "MiB (lower is better)", peak, "used heap just before the upload", idle, False,
        note=f"growth {peak - idle:+.0f} MiB for a {size_mib:,} MiB body: streamed, not buffered" if peak - idle < size_mib / 2
        else f"growth {peak - idle:+.0f} MiB for a {size_mib:,} MiB body")
    ROWS.append((f"7. REST upload {size_mib:,} MiB: throughput", "MiB/s", size_mib / seconds, "", "", "",
                 f"{seconds:.1f} s, one request, Content-Length, answer 201 with the size checked"))
    log(f"7. {size_mib / seconds:.1f} MiB/s, peak used heap {peak:.0f} MiB")

    run(["chmod", "a+r", path])
    idle = heap_now(quire.pid)
    sampler = HeapSampler(quire.pid, 500)
    quire_s = timed_download(f"/api/v1/documents/{doc}/content", QUIRE_PORT, {"Authorization": basic()}, size_mib * MIB)
    samples = sampler.stop()
    nginx_s = timed_download("/big.bin", NGINX_PORT, {}, size_mib * MIB)
    os.unlink(path)
    peak = max(s[1] for s in samples) if samples else float("nan")
    row(f"7. REST download {size_mib:,} MiB, one request, MiB/s", "MiB/s", size_mib / quire_s, "nginx, the same file", size_mib / nginx_s)
    row(f"7. REST download {size_mib:,} MiB, -Xmx{quire.heap}: max used heap ({len(samples)} jstat samples)",
        "MiB (lower is better)", peak, "used heap just before the download", idle, False,
        note=f"growth {peak - idle:+.0f} MiB for a {size_mib:,} MiB body")
    log(f"7. download {size_mib / quire_s:.1f} MiB/s (nginx {size_mib / nginx_s:.1f}), peak used heap {peak:.0f} MiB")


def timed_download(path, port, headers, expected):
    """Seconds for one GET of `path`, the body read in 1 MiB pieces and counted (raises unless 200 and `expected` bytes)."""
    conn = http.client.HTTPConnection(HOST, port, timeout=300)
    t = time.perf_counter()
    conn.request("GET", path, headers=headers)
    r = conn.getresponse()
    got = 0
    for piece in iter(lambda: r.read(MIB), b""):
        got += len(piece)
    seconds = time.perf_counter() - t
    conn.close()
    if r.status != 200 or got != expected:
        raise SystemExit(f"GET {path} on port {port} answered {r.status} with {got} bytes (expected {expected})")
    return seconds


def soak_rows(args, work, quire, root):
    minutes = args.soak_minutes
    log(f"8. soak: mixed load for {minutes} min")
    docs = [new_document(root, f"soak-{i}.docx", os.urandom(256 * 1024)) for i in range(8)]
    tokens = [wopi_token(d) for d in docs]
    # unique 64 KiB bodies (no dedup): about 150 MiB of new blobs a minute on 2 cores, a few GiB over 30 min;
    # with 1 MiB bodies a 30-minute soak wrote some 60 GiB and filled the disk that PostgreSQL shares
    upload = os.urandom(SOAK_UPLOAD)
    free_before = shutil.disk_usage(work).free
    end = time.time() + minutes * 60
    stats = {"ok": 0, "errors": 0}
    lock = threading.Lock()
    kinds = {}

    def worker(i):
        conn = connection()
        rnd = random.Random(i)
        n = 0
        while time.time() < end:
            d = rnd.randrange(len(docs))
            op = rnd.choice(("cfi", "getfile", "upload", "lock", "list"))
            try:
                if op == "cfi":
                    st = request(conn, "GET", f"/wopi/files/{docs[d]}?access_token={tokens[d]}")[0]
                    ok = st == 200
                elif op == "getfile":
                    st = request(conn, "GET", f"/wopi/files/{docs[d]}/contents?access_token={tokens[d]}")[0]
                    ok = st == 200
                elif op == "upload":
                    body = b"%016d" % (i * 10_000_000 + n) + upload[16:]
                    st = request(conn, "POST", f"/api/v1/folders/{root}/documents?name=soak-{i}-{n}.bin", body,
                                 {"Authorization": basic(), "Content-Type": "application/octet-stream"})[0]
                    ok = st == 201
                elif op == "lock":
                    path, lid = f"/wopi/files/{docs[i % 8]}?access_token={tokens[i % 8]}", f"soak-{i}-{n}"
                    st = request(conn, "POST", path, b"", {"X-WOPI-Override": "LOCK", "X-WOPI-Lock": lid})[0]
                    if st == 200:
                        st = request(conn, "POST", path, b"", {"X-WOPI-Override": "UNLOCK", "X-WOPI-Lock": lid})[0]
                    ok = st == 200
                else:
                    st = request(conn, "GET", f"/api/v1/folders/{root}/children?size=50", None, {"Authorization": basic()})[0]
                    ok = st == 200
            except (OSError, http.client.HTTPException) as e:
                ok, st = False, type(e).__name__
                conn.close()
                conn = connection()
            with lock:
                stats["ok" if ok else "errors"] += 1
                if not ok:
                    kinds[f"{op} {st}"] = kinds.get(f"{op} {st}", 0) + 1
            n += 1

    threads = [threading.Thread(target=worker, args=(i,), daemon=True) for i in range(8)]
    for t in threads:
        t.start()
    minute, last, stopped_for_disk = 0, dict(stats), False
    while time.time() < end:
        time.sleep(min(60, max(0, end - time.time())))
        minute += 1
        heap = heap_now(quire.pid)
        if shutil.disk_usage(work).free < SOAK_MIN_FREE:
            log(f"8. free disk space below {SOAK_MIN_FREE // MIB} MiB: stopping the soak")
            end = time.time()
            stopped_for_disk = True
        with lock:
            ok, err = stats["ok"] - last["ok"], stats["errors"] - last["errors"]
            last = dict(stats)
        ROWS.append((f"8. soak minute {minute}: requests ok / errors", "count", f"{ok:,} / {err}", "", "", "",
                     f"used heap {heap:.0f} MiB (-Xmx{quire.heap})"))
        log(f"8. minute {minute}: {ok} ok, {err} errors, heap {heap:.0f} MiB")
    for t in threads:
        t.join()
    used = (free_before - shutil.disk_usage(work).free) / MIB
    ROWS.append(("8. soak total: requests ok / errors", "count", f"{stats['ok']:,} / {stats['errors']}", "", "", "",
                 f"{minute} min{' (STOPPED: disk nearly full)' if stopped_for_disk else ''}, 8 threads: CheckFileInfo, GetFile, "
                 f"{SOAK_UPLOAD // 1024} KiB uploads of new bytes, Lock+Unlock, listings; disk used by the run {used:,.0f} MiB; errors by kind: "
                 + (", ".join(f"{k}: {v}" for k, v in sorted(kinds.items())) or "none")))


# ---------------------------------------------------------------- main

def print_table(args, load_before, load_after):
    print("| measure | units | Quire | reference | reference value | Quire / reference | note |")
    print("|---|---|---|---|---|---|---|")
    for measure, units, quire, ref_name, ref, ratio, note in ROWS:
        print(f"| {measure} | {units} | {fmt(quire)} | {ref_name} | {fmt(ref)} | {fmt(ratio) if not isinstance(ratio, str) else ratio} | {note} |")
    java = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.splitlines()[0]
    cpu = ""
    try:
        with open("/proc/cpuinfo") as f:
            cpu = next((l.split(":", 1)[1].strip() for l in f if l.startswith("model name")), "")
    except OSError:
        pass
    print()
    print(f"Ratios are Quire / reference: above 1 is better for throughputs, below 1 is better for rows marked "
          f"\"lower is better\". Quire on PostgreSQL 15 (localhost), -Xmx1g (row 7 and the soak: -Xmx512m), "
          f"wrk -t2, {args.seconds} s per run after a {args.warmup} s warm-up, proofs off (no discovery) except in the row that says so.")
    print(f"Machine: {os.cpu_count()} cores ({cpu}); {java}; load average before/after: {load_before} / {load_after}.")
    print(f"Reproduce: bench/report.py{' --quick' if args.quick else ''}"
          f"{f' --docs {args.docs}' if args.docs_given else ''}"
          f"{f' --soak-minutes {args.soak_minutes}' if args.soak_minutes else ''}")


PG_LOG = "/var/log/postgresql/postgresql-15-main.log"


def statement_counts(args, work, root):
    """--statements: the SQL each request runs, read from PostgreSQL's own log (log_statement = all for this database
    only, so Quire's pool logs every statement it sends): statements and transactions per request, averaged over
    sequential requests, with the same idle time's background statements (timers) subtracted."""
    folder = api("POST", "folders", json.dumps({"parentId": root, "name": "statements"}).encode())["id"]
    docs = [new_document(folder, f"s-{i:02d}.docx", f"s {i}".encode()) for i in range(50)]
    doc, token = docs[0], wopi_token(docs[0])
    auth = {"Authorization": basic()}
    lock_doc = docs[1]
    lock_token = wopi_token(lock_doc)
    n = 40

    def pair(c, i):
        path = f"/wopi/files/{lock_doc}?access_token={lock_token}"
        status, _, _ = request(c, "POST", path, b"", {"X-WOPI-Override": "LOCK", "X-WOPI-Lock": f"s-{i}"})
        if status != 200:
            return status, None, None
        return request(c, "POST", path, b"", {"X-WOPI-Override": "UNLOCK", "X-WOPI-Lock": f"s-{i}"})

    kinds = [
        ("WOPI CheckFileInfo", lambda c, i: request(c, "GET", f"/wopi/files/{doc}?access_token={token}")),
        ("WOPI GetFile", lambda c, i: request(c, "GET", f"/wopi/files/{doc}/contents?access_token={token}")),
        ("WOPI Lock + Unlock (one pair)", lambda c, i: pair(c, i)),
        ("GET /api/v1/documents/{id} (Basic)", lambda c, i: request(c, "GET", f"/api/v1/documents/{doc}", None, auth)),
        ("GET /api/v1/folders/{id}/children, 50 items (Basic)",
         lambda c, i: request(c, "GET", f"/api/v1/folders/{folder}/children?size=50", None, auth)),
        ("GET /api/v1/me (Basic)", lambda c, i: request(c, "GET", "/api/v1/me", None, auth)),
    ]

    def logged(since):
        with open(PG_LOG, errors="replace") as f:
            f.seek(since)
            lines = [l for l in f.read().splitlines() if "quire@" + DATABASE + " LOG:" in l]
        statements = [l for l in lines if re.search(r"LOG:\s+(execute \S+:|statement:)", l)]
        transactions = [l for l in statements if re.search(r"(execute \S+:|statement:)\s*COMMIT", l, re.I)]
        return len(statements), len(transactions)

    conn = connection()
    results = []
    for name, send in kinds:
        for i in range(3):  # warm: caches and prepared statements as in steady state
            send(conn, 1000 + i)
        start, t = os.path.getsize(PG_LOG), time.time()
        for i in range(n):
            status, _, _ = send(conn, i)
            if status != 200:
                raise SystemExit(f"{name} answered {status}")
        elapsed = time.time() - t
        busy = logged(start)
        time.sleep(0.2)
        start = os.path.getsize(PG_LOG)
        time.sleep(elapsed)
        idle = logged(start)
        results.append((name, (busy[0] - idle[0]) / n, (busy[1] - idle[1]) / n))
    conn.close()
    print("| request | SQL statements per request | commits per request |")
    print("|---|---|---|")
    for name, st, tx in results:
        print(f"| {name} | {st:.1f} | {tx:.1f} |")
    print()
    print(f"PostgreSQL's statement log (log_statement = all on {DATABASE} only), {n} sequential requests of each kind on one "
          "keep-alive connection after 3 warm-up requests, minus the statements the same idle time logs.")


def print_profile(jfr, top=25):
    """Where the CPU went (JFR execution samples): the hottest methods by own time, and Quire's methods by the share of
    samples they are on the stack of (what the request path costs, service by service)."""
    out = subprocess.run(["jfr", "print", "--json", "--stack-depth", "512", "--events", "jdk.ExecutionSample", jfr], check=True,
                         capture_output=True, text=True).stdout
    events = json.loads(out)["recording"]["events"]
    own, inclusive = {}, {}
    for e in events:
        frames = e["values"]["stackTrace"]["frames"] if e["values"].get("stackTrace") else []
        names = [f["method"]["type"]["name"] + "." + f["method"]["name"] for f in frames]
        names = [n for n in names if "$$Lambda$" not in n]
        if names:
            own[names[0]] = own.get(names[0], 0) + 1
        for n in set(names):
            if n.startswith("org/quire/"):
                inclusive[n] = inclusive.get(n, 0) + 1
    total = max(len(events), 1)
    print()
    print(f"Profile ({jfr}, {len(events):,} execution samples over the whole run):")
    print()
    print("| own time | method |")
    print("|---|---|")
    for name, n in sorted(own.items(), key=lambda x: -x[1])[:top]:
        print(f"| {100 * n / total:.1f} % | `{name}` |")
    print()
    print("| on the stack | Quire method |")
    print("|---|---|")
    for name, n in sorted(inclusive.items(), key=lambda x: -x[1])[:top]:
        print(f"| {100 * n / total:.1f} % | `{name}` |")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--no-build", action="store_true", help="reuse web/target")
    parser.add_argument("--quick", action="store_true", help="small sizes for a validation run (a few minutes)")
    parser.add_argument("--docs", type=int, help="documents for row 6 (default 1000000; --quick: 20000)")
    parser.add_argument("--seconds", type=int, help="length of each timed run (default 15; --quick: 5)")
    parser.add_argument("--soak-minutes", type=int, default=0, help="row 8: mixed load for N minutes (0 = skipped)")
    parser.add_argument("--only", help="comma-separated row numbers to run (default: all), e.g. 5,6")
    parser.add_argument("--statements", action="store_true",
                        help="instead of the rows: count the SQL statements and commits each request runs (root: reads PostgreSQL's log)")
    parser.add_argument("--jfr", help="record a JFR profile of Quire to this file and print where the CPU went")
    args = parser.parse_args()
    only = set(int(x) for x in args.only.split(",")) if args.only else set(range(1, 11))
    args.docs_given = args.docs is not None
    args.docs = args.docs if args.docs is not None else (20_000 if args.quick else 1_000_000)
    args.docs = max(args.docs, BASELINE_DOCS)
    args.seconds = args.seconds or (5 if args.quick else 15)
    args.warmup = 3 if args.quick else 5
    args.upload_mib = 100 if args.quick else 2048
    args.putfile_runs = 5 if args.quick else 11
    args.callback_runs = 5 if args.quick else 11

    ensure_tools()
    if os.geteuid() == 0:
        run([os.path.join(REPO, ".ci/postgres.sh")])
    if not args.no_build:
        log("building")
        run(["mvn", "-B", "-q", "-DskipTests", "package"], cwd=REPO)
    for f in ("payara-micro.jar", "quire.war", "postgresql.jar"):
        if not os.path.exists(os.path.join(REPO, "web/target", f)):
            raise SystemExit(f"web/target/{f} is missing: build first (mvn -B -q -DskipTests package)")
    psql(f"DROP DATABASE IF EXISTS {DATABASE}", database="postgres")
    psql(f"CREATE DATABASE {DATABASE} OWNER quire", database="postgres")
    if args.statements:
        if os.geteuid() != 0 or not os.access(PG_LOG, os.R_OK):
            raise SystemExit(f"--statements needs root and PostgreSQL's log at {PG_LOG}")
        psql(f"ALTER DATABASE {DATABASE} SET log_statement = 'all'", database="postgres")

    work = tempfile.mkdtemp(prefix="quire-report-")
    os.makedirs(os.path.join(work, "www"))
    quire = Quire(work, os.path.abspath(args.jfr) if args.jfr else None)
    load_before = open("/proc/loadavg").read().split()[0]
    try:
        start_nginx(work)
        quire.start("1g" if only & {1, 2, 3, 4, 5, 6, 9, 10} else "512m")
        root = api("GET", "folders/root")["id"]
        if args.statements:
            statement_counts(args, work, root)
            return 0
        quire.record(True)
        if only & {1, 2}:
            wopi_rows(args, work, root)
        if 3 in only:
            putfile_row(args, work, root)
        if 4 in only:
            callback_row(args, work, root)
        if 5 in only:
            lock_row(args, work, root)
        if 9 in only:
            request_path_rows(args, work, root)
        if 10 in only:
            fairness_rows(args, work, root)
        if 6 in only:
            scale_rows(args, work, root)
        if only & {7, 8} and quire.heap != "512m":
            quire.record(False)  # the profile covers the rows before the restart
            quire.stop()
            quire.start("512m")
        if 7 in only:
            heap_row(args, work, quire, root)
        if args.soak_minutes and 8 in only:
            soak_rows(args, work, quire, root)
        load_after = open("/proc/loadavg").read().split()[0]
        print_table(args, load_before, load_after)
        if args.jfr:
            quire.record(False)
            print_profile(os.path.abspath(args.jfr))
        return 0
    finally:
        quire.stop()
        pidfile = os.path.join(work, "nginx.pid")
        if os.path.exists(pidfile):
            with open(pidfile) as f:
                os.kill(int(f.read().strip()), signal.SIGTERM)
        shutil.rmtree(work, ignore_errors=True)
        try:
            psql(f"DROP DATABASE IF EXISTS {DATABASE}", database="postgres")
        except RuntimeError:
            pass


if __name__ == "__main__":
    sys.exit(main())

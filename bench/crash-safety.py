#!/usr/bin/env python3
"""Crash safety (issue 7): mixed saves while the server is killed with SIGKILL at random moments.

Starts Quire (Payara Micro, H2, a fresh data directory) and a stand-in Document Server (an in-process HTTP server that
serves the "assembled" files callbacks point at). Runs N saves (default 200), spread over three routes:
  - REST:        PUT /api/v1/documents/{id}/content
  - WOPI:        Lock + PutFile (X-WOPI-Override: PUT) with a Quire access token (no proof keys: no discovery)
  - ONLYOFFICE:  status 1 + status 2 callbacks signed HS256 like the real server (body token)
with bodies of random size (1 KiB .. 8 MiB) and random bytes. At random moments (about one save in `--kill-every`) a
timer kills the server JVM with SIGKILL while a save is in flight; the script restarts it on the same data directory
and goes on. A save counts as acknowledged only when its answer arrived complete and successful.

Then, after a last clean restart, it checks:
  1. every acknowledged save is there: a version of its document with the SHA-256 of the bytes sent, whose content
     downloads with exactly those bytes;
  2. every blob file's SHA-256 equals its name;
  3. no version points at a missing blob;
  4. no temp files are left in the store's tmp/ directory.
Prints a Markdown table; exits non-zero when a check fails.

Usage: bench/crash-safety.py [--saves 200] [--kill-every 8] [--no-build] [--seed N]
"""
import argparse
import base64
import hashlib
import hmac
import http.server
import json
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
QUIRE_PORT = 18083
DS_PORT = 18093
SECRET = "crash-safety-secret-" + os.urandom(12).hex()
PASSWORD = "crash-" + os.urandom(6).hex()


def log(message):
    print(f"[crash {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# --- the stand-in Document Server: serves files under /cache/files/<name> ------------------------------------------

FILES = {}


class FileCache(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self):
        body = FILES.get(urllib.parse.urlparse(self.path).path)
        if body is None:
            self.send_response(404)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", "application/octet-stream")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        try:
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def log_message(self, *args):
        pass


# --- Quire -------------------------------------------------------------------------------------------------------

class Quire:
    def __init__(self, work):
        self.work = work
        self.data = os.path.join(work, "data")
        self.process = None
        self.starts = 0

    def start(self):
        env = dict(os.environ, QUIRE_DATA_DIR=self.data, QUIRE_ADMIN_PASSWORD=PASSWORD)
        command = ["java", "-Xmx768m", f"-Dquire.onlyoffice.url=http://127.0.0.1:{DS_PORT}/",
                   f"-Dquire.onlyoffice.secret={SECRET}", f"-Dquire.public-url=http://127.0.0.1:{QUIRE_PORT}",
                   "-jar", os.path.join(REPO, "web/target/payara-micro.jar"),
                   "--deploy", os.path.join(REPO, "web/target/quire.war"), "--contextroot", "/",
                   "--port", str(QUIRE_PORT), "--nocluster"]
        out = open(os.path.join(self.work, f"quire-{self.starts}.log"), "w")
        self.process = subprocess.Popen(command, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
        self.starts += 1
        deadline = time.time() + 240
        while time.time() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"Quire exited while starting; see {out.name}")
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{QUIRE_PORT}/health/ready", timeout=2) as r:
                    if b'"blob-store"' in r.read():
                        return
            except (urllib.error.URLError, ConnectionError, socket.timeout, OSError):
                pass
            time.sleep(0.5)
        raise SystemExit("Quire did not become ready in 240 s")

    def kill(self):
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.kill()


def request(method, path, body=None, headers=None, auth=True, timeout=120):
    url = path if path.startswith("http") else f"http://127.0.0.1:{QUIRE_PORT}/{path}"
    req = urllib.request.Request(url, data=body, method=method, headers=headers or {})
    if auth:
        req.add_header("Authorization", "Basic " + base64.b64encode(f"admin:{PASSWORD}".encode()).decode())
    with urllib.request.urlopen(req, timeout=timeout) as r:
        return r.status, dict(r.headers), r.read()


def api_json(method, path, body=None, content_type="application/json"):
    status, _, raw = request(method, path, body, {"Content-Type": content_type} if body is not None else {})
    return json.loads(raw) if raw else None


def jwt(claims):
    b64 = lambda b: base64.urlsafe_b64encode(b).rstrip(b"=").decode()
    signing = b64(json.dumps({"alg": "HS256", "typ": "JWT"}).encode()) + "." + b64(json.dumps(claims).encode())
    return signing + "." + b64(hmac.new(SECRET.encode(), signing.encode(), hashlib.sha256).digest())


# --- the three routes (each raises on anything but an acknowledged save; returns the SHA-256 acknowledged) --------

def save_rest(doc, body):
    status, _, raw = request("PUT", f"api/v1/documents/{doc}/content", body, {"Content-Type": "application/octet-stream"})
    answer = json.loads(raw)
    if status != 200 or answer.get("sha256") != hashlib.sha256(body).hexdigest():
        raise RuntimeError(f"REST answered {status} {raw[:200]!r}")


def save_wopi(doc, body):
    link = api_json("GET", f"api/v1/documents/{doc}/wopi?action=edit")
    token = urllib.parse.quote(link["accessToken"], safe="")
    lock = {"X-WOPI-Override": "LOCK", "X-WOPI-Lock": "crash-" + doc}
    request("POST", f"wopi/files/{doc}?access_token={token}", b"", lock, auth=False)
    status, headers, _ = request("POST", f"wopi/files/{doc}/contents?access_token={token}", body,
                                 {"X-WOPI-Override": "PUT", "X-WOPI-Lock": "crash-" + doc, "X-WOPI-Editors": "admin",
                                  "Content-Type": "application/octet-stream"}, auth=False)
    version = headers.get("X-WOPI-ItemVersion", "")
    if status != 200 or not version.endswith(hashlib.sha256(body).hexdigest()[:16]):
        raise RuntimeError(f"PutFile answered {status} {version}")


def save_callback(doc, body):
    config = api_json("GET", f"api/v1/documents/{doc}/onlyoffice?mode=edit")
    key, callback = config["document"]["key"], config["editorConfig"]["callbackUrl"]
    name = f"/cache/files/{os.urandom(8).hex()}/output.docx"
    FILES[name] = body
    now = int(time.time())
    for fields in ({"key": key, "status": 1, "users": ["admin"], "actions": [{"type": 1, "userid": "admin"}]},
                   {"key": key, "status": 2, "users": ["admin"], "actions": [{"type": 0, "userid": "admin"}],
                    "url": f"http://127.0.0.1:{DS_PORT}{name}", "filetype": "docx", "notmodified": False,
                    "lastsave": f"{time.strftime('%Y-%m-%dT%H:%M:%S')}.{os.urandom(4).hex()}Z"}):
        payload = dict(fields, token=jwt(dict(fields, iat=now, exp=now + 300)))
        status, _, raw = request("POST", callback, json.dumps(payload).encode(), {"Content-Type": "application/json"}, auth=False)
        if status != 200 or json.loads(raw) != {"error": 0}:
            raise RuntimeError(f"callback status {fields['status']} answered {status} {raw[:200]!r}")


ROUTES = {"rest": save_rest, "wopi": save_wopi, "onlyoffice": save_callback}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--saves", type=int, default=200)
    parser.add_argument("--kill-every", type=int, default=8, help="on average one kill per this many saves")
    parser.add_argument("--no-build", action="store_true")
    parser.add_argument("--seed", type=int, default=None)
    args = parser.parse_args()
    rng = random.Random(args.seed)

    if not args.no_build:
        log("building")
        subprocess.run(["mvn", "-B", "-q", "-DskipTests", "package"], cwd=REPO, check=True)
    work = tempfile.mkdtemp(prefix="quire-crash-")
    ds = http.server.ThreadingHTTPServer(("127.0.0.1", DS_PORT), FileCache)
    threading.Thread(target=ds.serve_forever, daemon=True).start()
    quire = Quire(work)
    failed = []
    try:
        log(f"starting Quire on 127.0.0.1:{QUIRE_PORT}, data in {quire.data}")
        quire.start()
        root = api_json("GET", "api/v1/folders/root")["id"]
        docs = {}
        for route in ROUTES:
            docs[route] = []
            for i in range(3):
                created = api_json("POST", f"api/v1/folders/{root}/documents?name={route}-{i}.docx", b"start",
                                   "application/octet-stream")
                docs[route].append(created["id"])

        acknowledged = []  # (route, doc, sha256)
        attempts = kills = 0
        while attempts < args.saves:
            attempts += 1
            route = rng.choice(list(ROUTES))
            doc = rng.choice(docs[route])
            size = rng.choice([1024, 64 * 1024, 1024 * 1024, rng.randint(1024, 8 * 1024 * 1024)])
            body = os.urandom(size)
            killer = None
            if rng.randrange(args.kill_every) == 0:
                killer = threading.Timer(rng.uniform(0.0, 0.4), quire.kill)
                killer.start()
            try:
                ROUTES[route](doc, body)
                acknowledged.append((route, doc, hashlib.sha256(body).hexdigest(), size))
            except (urllib.error.URLError, ConnectionError, socket.timeout, OSError, RuntimeError, json.JSONDecodeError) as e:
                if quire.process.poll() is None and killer is None:
                    failed.append(f"save {attempts} ({route}) failed without a kill: {e}")
            finally:
                if killer:
                    killer.join()
            if quire.process.poll() is not None:
                kills += 1
                log(f"save {attempts}: killed (kill {kills}); restarting; {len(acknowledged)} acknowledged so far")
                quire.start()
        log(f"{attempts} saves attempted, {len(acknowledged)} acknowledged, {kills} kills; a clean restart, then the checks")
        quire.stop()
        quire.start()

        # 1. every acknowledged save is there with the right bytes
        missing_saves = 0
        versions = {}
        for route in docs:
            for doc in docs[route]:
                page = api_json("GET", f"api/v1/documents/{doc}/versions?size=1000")
                versions[doc] = page["items"]
        for route, doc, sha, size in acknowledged:
            match = [v for v in versions[doc] if v["sha256"] == sha]
            if not match:
                missing_saves += 1
                failed.append(f"acknowledged {route} save of {size} bytes ({sha[:12]}) on {doc} is not there")
                continue
            _, _, content = request("GET", f"api/v1/documents/{doc}/versions/{match[0]['number']}/content")
            if hashlib.sha256(content).hexdigest() != sha:
                failed.append(f"version {match[0]['number']} of {doc} downloads other bytes")
        # 2. every blob verifies; 3. no version without its blob
        store = os.path.join(quire.data, "store")
        blobs = corrupt = 0
        for directory, _, files in os.walk(os.path.join(store, "blobs")):
            for name in files:
                blobs += 1
                digest = hashlib.sha256()
                with open(os.path.join(directory, name), "rb") as f:
                    for chunk in iter(lambda: f.read(1 << 20), b""):
                        digest.update(chunk)
                if digest.hexdigest() != name:
                    corrupt += 1
                    failed.append(f"blob {name} has SHA-256 {digest.hexdigest()}")
        dangling = 0
        total_versions = 0
        for doc, items in versions.items():
            for v in items:
                total_versions += 1
                sha = v["sha256"]
                if not os.path.exists(os.path.join(store, "blobs", sha[:2], sha[2:4], sha)):
                    dangling += 1
                    failed.append(f"version {v['number']} of {doc} points at missing blob {sha}")
        # 4. no temp files left
        temp_files = os.listdir(os.path.join(store, "tmp"))
        if temp_files:
            failed.append(f"temp files left: {temp_files[:5]}")

        by_route = {r: sum(1 for a in acknowledged if a[0] == r) for r in ROUTES}
        print("| crash-safety run | value |")
        print("|---|---|")
        print(f"| saves attempted | {attempts} |")
        print(f"| acknowledged (REST / WOPI / ONLYOFFICE) | {len(acknowledged)} ({by_route['rest']} / {by_route['wopi']} / {by_route['onlyoffice']}) |")
        print(f"| SIGKILLs during saves (restarts) | {kills} |")
        print(f"| acknowledged saves missing or with other bytes | {missing_saves} |")
        print(f"| blobs checked / with a wrong SHA-256 | {blobs} / {corrupt} |")
        print(f"| versions checked / pointing at a missing blob | {total_versions} / {dangling} |")
        print(f"| temp files left in store/tmp | {len(temp_files)} |")
        print(f"| result | {'PASS' if not failed else 'FAIL'} |")
        print()
        print(f"Bodies 1 KiB..8 MiB of random bytes; kills at a random 0-400 ms into about one save in {args.kill_every}. "
              f"Reproduce: bench/crash-safety.py --saves {args.saves} --kill-every {args.kill_every}")
        for f in failed[:20]:
            print(f"- {f}", file=sys.stderr)
        return 1 if failed else 0
    finally:
        quire.stop()
        ds.shutdown()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())

"""What the bench scripts share: Quire started as the README starts it (Payara Micro deploying quire.war), HTTP with
the admin's Basic credentials, HS256 tokens and callbacks as the Document Server signs them, a stand-in for the
Document Server's file cache, and the process helpers the kill scripts need.

Used by report.py, crash-safety.py and cluster.py (`import quirebench as qb`); not a script of its own.
"""
import base64
import hashlib
import hmac
import http.server
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
HOST = "127.0.0.1"


def logger(tag):
    def log(message):
        print(f"[{tag} {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)
    return log


# ---------------------------------------------------------------- Quire

def postgres(database, user="quire", password="quire"):
    """JVM options for a PostgreSQL on localhost:5432 (the test leg's server, `.ci/postgres.sh`)."""
    return ["-Dquire.db.datasource-class=org.postgresql.ds.PGSimpleDataSource",
            f"-Dquire.db.url=jdbc:postgresql://localhost:5432/{database}", f"-Dquire.db.user={user}",
            f"-Dquire.db.password={password}"]


class Quire:
    """One Quire JVM on `port` with its data in `data`.

    `options` are extra JVM options (-D…); `addlibs` jars for Payara Micro's --addlibs (the PostgreSQL driver when
    `options` point at PostgreSQL). Payara Micro unpacks ~150 MB into java.io.tmpdir at every start and a killed JVM
    leaves it behind, so each instance has a runtime folder of its own under `work`, emptied before each start.
    `logs` > 1 keeps that many starts' logs (quire-0.log …) instead of appending to one quire.log.
    """

    def __init__(self, work, port, password, data=None, options=(), addlibs=(), heap="768m", repo=REPO, logs=1, name="quire"):
        self.work, self.port, self.password, self.repo = work, port, password, repo
        self.data = data or os.path.join(work, "data")
        self.options, self.addlibs, self.heap, self.logs, self.name = list(options), list(addlibs), heap, logs, name
        self.process, self.starts, self.log = None, 0, None

    @property
    def base(self):
        return f"http://{HOST}:{self.port}/"

    @property
    def pid(self):
        return self.process.pid

    def launch(self):
        """Starts the JVM without waiting for it to be ready."""
        tmp = os.path.join(self.work, f"{self.name}-jvm-tmp")
        shutil.rmtree(tmp, ignore_errors=True)
        os.makedirs(tmp, exist_ok=True)
        env = dict(os.environ, QUIRE_ADMIN_PASSWORD=self.password)
        # the benchmarks' own clients run many requests at once as one user: out of reach of one client's share
        # (quire.limits.requests-per-client), except where a row sets it (report.py row 10)
        command = ["java", f"-Xmx{self.heap}", f"-Djava.io.tmpdir={tmp}", f"-Dquire.data-dir={self.data}",
                   "-Dquire.limits.requests-per-client=100000", *self.options,
                   "-jar", os.path.join(self.repo, "web/target/payara-micro.jar"), "--nocluster",
                   "--prebootcommandfile", os.path.join(self.repo, "server-config/http-listener.asadmin"),
                   *[a for lib in self.addlibs for a in ("--addlibs", lib)],
                   "--deploy", os.path.join(self.repo, "web/target/quire.war"), "--contextroot", "/", "--port", str(self.port)]
        if self.logs > 1:
            self.log = os.path.join(self.work, f"{self.name}-{self.starts % self.logs}.log")
            out = open(self.log, "w")
        else:
            self.log = os.path.join(self.work, f"{self.name}.log")
            out = open(self.log, "a")
        self.process = subprocess.Popen(command, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
        self.starts += 1
        return self

    def wait_ready(self, limit=240):
        """Until /health/ready names the blob store (the application is deployed and its checks ran)."""
        deadline = time.time() + limit
        while time.time() < deadline:
            if self.process.poll() is not None:
                with open(self.log, errors="replace") as f:
                    sys.stderr.write("".join(f.readlines()[-40:]))
                raise SystemExit(f"{self.name} exited while starting; see {self.log}")
            try:
                with urllib.request.urlopen(self.base + "health/ready", timeout=2) as r:
                    if b'"blob-store"' in r.read():
                        return self
            except (urllib.error.URLError, ConnectionError, socket.timeout, OSError):
                pass
            time.sleep(0.5)
        raise SystemExit(f"{self.name} did not become ready in {limit} s")

    def start(self, limit=240):
        return self.launch().wait_ready(limit)

    def kill(self):
        """SIGKILL of the JVM's process group (processes that left it, like the embedded postmaster, live on)."""
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
        self.process = None


# ---------------------------------------------------------------- HTTP

class Client:
    """HTTP to one Quire (or a proxy in front of nodes) with the admin's Basic credentials."""

    def __init__(self, base, password, user="admin"):
        self.base = base if base.endswith("/") else base + "/"
        self.authorization = "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()

    def call(self, method, path, body=None, headers=None, auth=True, timeout=120):
        """-> (status, headers, body); never raises on an HTTP status."""
        url = path if path.startswith("http") else self.base + path
        req = urllib.request.Request(url, data=body, method=method, headers=headers or {})
        if auth:
            req.add_header("Authorization", self.authorization)
        try:
            with urllib.request.urlopen(req, timeout=timeout) as r:
                return r.status, dict(r.headers), r.read()
        except urllib.error.HTTPError as e:
            return e.code, dict(e.headers), e.read()

    def api(self, method, path, body=None, content_type="application/json"):
        """/api/v1/<path> as JSON; raises on anything but 2xx."""
        status, _, raw = self.call(method, "api/v1/" + path, body, {"Content-Type": content_type} if body is not None else {})
        if status >= 300:
            raise RuntimeError(f"{method} {path} on {self.base} answered {status}: {raw[:300]!r}")
        return json.loads(raw) if raw else None

    def new_document(self, folder, name, content):
        return self.api("POST", f"folders/{folder}/documents?name={urllib.parse.quote(name)}", content, "application/octet-stream")["id"]

    def wopi_token(self, doc):
        """A WOPI access token for the admin on `doc`, URL-quoted for access_token=."""
        return urllib.parse.quote(self.api("GET", f"documents/{doc}/wopi?action=edit")["accessToken"], safe="")


# ---------------------------------------------------------------- the ONLYOFFICE route

def jwt(claims, secret):
    """An HS256 JWT as the Document Server signs it."""
    b64 = lambda b: base64.urlsafe_b64encode(b).rstrip(b"=").decode()
    signing = b64(json.dumps({"alg": "HS256", "typ": "JWT"}).encode()) + "." + b64(json.dumps(claims).encode())
    return signing + "." + b64(hmac.new(secret.encode(), signing.encode(), hashlib.sha256).digest())


def callback_body(fields, secret):
    """A callback body with its token (the fields signed again, valid for five minutes)."""
    now = int(time.time())
    return json.dumps(dict(fields, token=jwt(dict(fields, iat=now, exp=now + 300), secret))).encode()


class FileCache:
    """The Document Server's file cache, as far as callbacks need it: `files[path] = bytes` is served at
    http://127.0.0.1:<port><path>, anything else is a 404."""

    def __init__(self, port):
        self.port, self.files = port, {}
        files = self.files

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self):
                body = files.get(urllib.parse.urlparse(self.path).path)
                self.send_response(200 if body is not None else 404)
                self.send_header("Content-Type", "application/octet-stream")
                self.send_header("Content-Length", str(len(body or b"")))
                self.end_headers()
                try:
                    self.wfile.write(body or b"")
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer((HOST, port), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def url(self, path):
        return f"http://{HOST}:{self.port}{path}"


# ---------------------------------------------------------------- processes

def descendants(pid):
    """Every process whose parent chain leads to pid (read from /proc)."""
    parents = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    fields = f.read().rsplit(")", 1)[1].split()
                parents[int(entry)] = int(fields[1])
            except (OSError, IndexError, ValueError):
                pass
    found, frontier = set(), {pid}
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier} - found
        found |= frontier
    return found


def alive(pid):
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False

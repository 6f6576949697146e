#!/usr/bin/env python3
"""Crash safety (issue 7): mixed saves while the server is killed with SIGKILL at random moments.

Starts Quire (Payara Micro, the embedded default, a fresh data directory) and a stand-in Document Server (an in-process HTTP server that
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

Campaign mode (issue 12), resumable: `bench/crash-safety.py --campaign 300 [--db embedded|postgres] [--work DIR]`
keeps its data directory and a state file (`DIR/state.json`, default DIR `~/.quire-crash-campaign/<db>`), so the
kills add up over several runs and sessions; run it again with the same --work to go on, `--report` to print the
table without running. A round is a burst of mixed work in parallel — uploads of every size (0 B .. 32 MiB), new
versions over REST, WOPI PutFile and ONLYOFFICE callbacks, bursts of concurrent WOPI Locks on one document — ended at
a random moment by SIGKILL of every process Quire runs at once (the JVM and the database processes it started,
all stopped with SIGSTOP first and then killed, as a power cut would), followed by a restart; about one round in
six kills during start-up instead. After every restart the database must open (Quire ready within 240 s) and every
acknowledged save so far must be listed with its SHA-256; the last round's saves are downloaded and compared byte
for byte. At the end of each run: every acknowledged save downloaded, every blob verified, nothing dangling, no temp
file. `--db postgres` runs on an external PostgreSQL (`--pg-url`, default the test leg's server; database
`quire_campaign` re-created on the campaign's first run); there only the JVM is Quire's to kill.
"""
import argparse
import hashlib
import http.client
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

import quirebench as qb

REPO = qb.REPO
QUIRE_PORT = 18083
DS_PORT = 18093
SECRET = "crash-safety-secret-" + os.urandom(12).hex()
PASSWORD = "crash-" + os.urandom(6).hex()
log = qb.logger("crash")
CACHE = None  # the stand-in Document Server's file cache (qb.FileCache), started by main


class Quire(qb.Quire):
    """Quire on this script's port and the stand-in Document Server; the last four starts' logs are kept."""

    def __init__(self, work, repo=REPO, extra=()):
        super().__init__(work, QUIRE_PORT, PASSWORD, repo=repo, logs=4, options=[
            *extra, f"-Dquire.onlyoffice.url=http://127.0.0.1:{DS_PORT}/", f"-Dquire.onlyoffice.secret={SECRET}",
            f"-Dquire.public-url=http://127.0.0.1:{QUIRE_PORT}"])

    def kill_everything(self):
        """A power cut: every process of Quire's (the JVM, its children, the embedded database's postmaster and its
        children) frozen with SIGSTOP, then all killed with SIGKILL. Returns how many processes were killed."""
        victims = set()
        if self.process and self.process.poll() is None:
            victims |= qb.descendants(self.process.pid) | {self.process.pid}
        postmaster = postmaster_pid(self.data)
        if postmaster:
            victims |= qb.descendants(postmaster) | {postmaster}
        for sig in (signal.SIGSTOP, signal.SIGKILL):
            for pid in victims:
                try:
                    os.kill(pid, sig)
                except ProcessLookupError:
                    pass
        if self.process:
            self.process.wait()
        deadline = time.time() + 10
        while time.time() < deadline and any(qb.alive(p) for p in victims):
            time.sleep(0.05)
        return len(victims)


def postmaster_pid(data):
    """The embedded database's postmaster, from its lock file, if it is running."""
    try:
        with open(os.path.join(data, "db", "postgres", "postmaster.pid")) as f:
            pid = int(f.readline().strip())
        return pid if qb.alive(pid) else None
    except (OSError, ValueError):
        return None


def request(method, path, body=None, headers=None, auth=True, timeout=120):
    """As qb.Client.call, but an error status raises: a save counts only when it was acknowledged."""
    status, answer_headers, raw = qb.Client(f"http://127.0.0.1:{QUIRE_PORT}/", PASSWORD).call(method, path, body, headers, auth, timeout)
    if status >= 400:
        raise urllib.error.HTTPError(path, status, raw[:200].decode(errors="replace"), answer_headers, None)
    return status, answer_headers, raw


def api_json(method, path, body=None, content_type="application/json"):
    status, _, raw = request(method, path, body, {"Content-Type": content_type} if body is not None else {})
    return json.loads(raw) if raw else None


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
    CACHE.files[name] = body
    for fields in ({"key": key, "status": 1, "users": ["admin"], "actions": [{"type": 1, "userid": "admin"}]},
                   {"key": key, "status": 2, "users": ["admin"], "actions": [{"type": 0, "userid": "admin"}],
                    "url": f"http://127.0.0.1:{DS_PORT}{name}", "filetype": "docx", "notmodified": False,
                    "lastsave": f"{time.strftime('%Y-%m-%dT%H:%M:%S')}.{os.urandom(4).hex()}Z"}):
        status, _, raw = request("POST", callback, qb.callback_body(fields, SECRET), {"Content-Type": "application/json"}, auth=False)
        if status != 200 or json.loads(raw) != {"error": 0}:
            raise RuntimeError(f"callback status {fields['status']} answered {status} {raw[:200]!r}")


ROUTES = {"rest": save_rest, "wopi": save_wopi, "onlyoffice": save_callback}


# --- campaign mode (issue 12) -------------------------------------------------------------------------------------

SIZES = [0, 1, 1024, 64 * 1024, 1024 * 1024, 4 * 1024 * 1024, 8 * 1024 * 1024, 32 * 1024 * 1024]


class Campaign:
    """The state of a resumable campaign, kept in DIR/state.json after every round."""

    def __init__(self, work, db):
        self.path = os.path.join(work, "state.json")
        if os.path.exists(self.path):
            with open(self.path) as f:
                self.state = json.load(f)
        else:
            self.state = {"db": db, "password": PASSWORD, "secret": SECRET, "kills": 0, "startup_kills": 0,
                          "rounds": 0, "starts": 0, "processes_killed": 0, "docs": [], "root": None,
                          "acknowledged": [], "failures": [], "runs": [], "broken_at_kill": None}

    def save(self):
        tmp = self.path + ".tmp"
        with open(tmp, "w") as f:
            json.dump(self.state, f)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, self.path)


def campaign_round(quire, state, rng, acknowledged_now, problems):
    """One round of mixed work, ended by a power cut at a random moment."""
    docs = state["docs"]
    stop = threading.Event()
    lock = threading.Lock()

    def ack(route, doc, body):
        with lock:
            acknowledged_now.append([route, doc, hashlib.sha256(body).hexdigest(), len(body)])

    def worker(seed):
        wrng = random.Random(seed)
        while not stop.is_set():
            kind = wrng.choice(["upload", "rest", "wopi", "onlyoffice", "locks"])
            try:
                if kind == "upload" and len(docs) >= 60:
                    kind = "rest"  # enough documents: big bodies go on as new versions
                if kind == "upload":
                    body = os.urandom(wrng.choice(SIZES))
                    created = api_json("POST", f"api/v1/folders/{state['root']}/documents?name=c-{os.urandom(6).hex()}.docx",
                                       body, "application/octet-stream")
                    with lock:
                        docs.append(created["id"])
                    ack("upload", created["id"], body)
                elif kind == "locks":
                    lock_burst(wrng.choice(docs))
                else:
                    doc = wrng.choice(docs)
                    body = os.urandom(wrng.choice(SIZES))
                    ROUTES[kind](doc, body)
                    ack(kind, doc, body)
            except (urllib.error.URLError, ConnectionError, socket.timeout, OSError, RuntimeError,
                    json.JSONDecodeError, http.client.HTTPException) as e:
                if quire.process.poll() is None and not stop.is_set():
                    code = getattr(e, "code", None)
                    # 409: a WOPI document another worker holds locked right now; expected under contention
                    if code != 409 and "409" not in str(e):
                        problems.append(f"{kind} failed without a kill: {e}")

    workers = [threading.Thread(target=worker, args=(rng.random(),)) for _ in range(3)]
    for w in workers:
        w.start()
    time.sleep(rng.uniform(0.5, 8.0))
    stop.set()  # from here on, an answer cut off is the power cut's doing
    killed = quire.kill_everything()
    for w in workers:
        w.join()
    return killed


def lock_burst(doc):
    """Eight concurrent WOPI Locks with different ids on one document, then the winner unlocks."""
    link = api_json("GET", f"api/v1/documents/{doc}/wopi?action=edit")
    token = urllib.parse.quote(link["accessToken"], safe="")
    results = {}

    def one(i):
        try:
            status, _, _ = request("POST", f"wopi/files/{doc}?access_token={token}", b"",
                                   {"X-WOPI-Override": "LOCK", "X-WOPI-Lock": f"burst-{i}"}, auth=False)
            results[i] = status
        except urllib.error.HTTPError as e:
            results[i] = e.code
        except (urllib.error.URLError, OSError):
            results[i] = None

    threads = [threading.Thread(target=one, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for i, status in results.items():
        if status == 200:
            request("POST", f"wopi/files/{doc}?access_token={token}", b"",
                    {"X-WOPI-Override": "UNLOCK", "X-WOPI-Lock": f"burst-{i}"}, auth=False)
    if any(s not in (200, 409, None) for s in results.values()):
        raise RuntimeError(f"lock burst answered {sorted(results.values(), key=str)}")


def listed_versions(doc):
    return api_json("GET", f"api/v1/documents/{doc}/versions?size=1000")["items"]


def check_acknowledged(acknowledged, download):
    """Every acknowledged save is listed with its SHA-256; those in `download` are also compared byte for byte."""
    failures, versions = [], {}
    for route, doc, sha, size in acknowledged:
        if doc not in versions:
            versions[doc] = listed_versions(doc)
        match = [v for v in versions[doc] if v["sha256"] == sha]
        if not match:
            failures.append(f"acknowledged {route} save of {size} bytes ({sha[:12]}) on {doc} is not there")
    for route, doc, sha, size in download:
        match = [v for v in versions.get(doc, []) if v["sha256"] == sha]
        if match:
            _, _, content = request("GET", f"api/v1/documents/{doc}/versions/{match[0]['number']}/content")
            if hashlib.sha256(content).hexdigest() != sha:
                failures.append(f"version {match[0]['number']} of {doc} downloads other bytes")
    return failures, versions


def check_store(data, versions):
    """Every blob verifies, no version points at a missing blob, no temp file is left."""
    failures = []
    store = os.path.join(data, "store")
    blobs = 0
    for directory, _, files in os.walk(os.path.join(store, "blobs")):
        for name in files:
            blobs += 1
            digest = hashlib.sha256()
            with open(os.path.join(directory, name), "rb") as f:
                for chunk in iter(lambda: f.read(1 << 20), b""):
                    digest.update(chunk)
            if digest.hexdigest() != name:
                failures.append(f"blob {name} has SHA-256 {digest.hexdigest()}")
    total = 0
    for doc, items in versions.items():
        for v in items:
            total += 1
            sha = v["sha256"]
            if not os.path.exists(os.path.join(store, "blobs", sha[:2], sha[2:4], sha)):
                failures.append(f"version {v['number']} of {doc} points at missing blob {sha}")
    temp = os.listdir(os.path.join(store, "tmp"))
    if temp:
        failures.append(f"temp files left: {temp[:5]}")
    return failures, blobs, total


def campaign_report(state, run_seconds=None):
    runs = state["runs"]
    print(f"| crash campaign ({state['db']}) | value |")
    print("|---|---|")
    print(f"| invocations / runs finished with the end check | {state.get('invocations', len(runs))} / {len(runs)} |")
    print(f"| rounds | {state['rounds']} |")
    print(f"| power cuts (SIGKILL of every Quire process) | {state['kills']} (of them during start-up: {state['startup_kills']}) |")
    print(f"| processes killed in all | {state['processes_killed']} |")
    print(f"| starts | {state['starts']} |")
    print(f"| acknowledged saves (all present after every restart) | {len(state['acknowledged'])} |")
    print(f"| documents | {len(state['docs'])} |")
    print(f"| database did not open after kill | {state['broken_at_kill'] if state['broken_at_kill'] else 'never'} |")
    print(f"| failures | {len(state['failures'])} |")
    if runs:
        last = runs[-1]
        print(f"| last run | {last['kills']} kills in {last['seconds']:.0f} s; end check: {last['blobs']} blobs, {last['versions']} versions, {last['end_failures']} failures |")
    print(f"| result | {'PASS' if not state['failures'] and not state['broken_at_kill'] else 'FAIL'} |")
    for f in state["failures"][:20]:
        print(f"- {f}", file=sys.stderr)


def run_campaign(args):
    global PASSWORD, SECRET
    work = os.path.abspath(os.path.expanduser(args.work or f"~/.quire-crash-campaign/{args.db}"))
    os.makedirs(work, exist_ok=True)
    campaign = Campaign(work, args.db)
    state = campaign.state
    if args.report:
        campaign_report(state)
        return 0
    if state["broken_at_kill"]:
        log(f"this campaign's database did not open after kill {state['broken_at_kill']}; report only")
        campaign_report(state)
        return 1
    PASSWORD, SECRET = state["password"], state["secret"]
    rng = random.Random(args.seed if args.seed is not None else os.urandom(8))
    repo = os.path.abspath(args.repo)
    if not args.no_build:
        log("building")
        subprocess.run(["mvn", "-B", "-q", "-DskipTests", "package"], cwd=repo, check=True)
    extra = []
    if args.db == "postgres":
        extra = ["-Dquire.db.datasource-class=org.postgresql.ds.PGSimpleDataSource", f"-Dquire.db.url={args.pg_url}",
                 f"-Dquire.db.user={args.pg_user}", f"-Dquire.db.password={args.pg_password}"]
        if state["starts"] == 0:
            database = args.pg_url.rsplit("/", 1)[1]
            subprocess.run(["runuser", "-u", "postgres", "--", "dropdb", "--if-exists", database], check=True)
            subprocess.run(["runuser", "-u", "postgres", "--", "createdb", "-O", args.pg_user, database], check=True)
    global CACHE
    CACHE = qb.FileCache(DS_PORT)
    quire = Quire(work, repo, extra)
    quire.starts = state["starts"]
    began, kills_this_run = time.time(), 0

    def start_checked():
        try:
            quire.start()
        except SystemExit as e:
            state["broken_at_kill"] = state["kills"]
            state["failures"].append(f"after kill {state['kills']}: {e}; log {quire.log}")
            return False
        finally:
            state["starts"] = quire.starts
        return True

    state["invocations"] = state.get("invocations", 0) + 1
    try:
        if not start_checked():
            return 1
        if state["root"] is None:
            state["root"] = api_json("GET", "api/v1/folders/root")["id"]
            for route in ("rest", "wopi", "onlyoffice"):
                for i in range(3):
                    created = api_json("POST", f"api/v1/folders/{state['root']}/documents?name={route}-{i}.docx",
                                       b"start", "application/octet-stream")
                    state["docs"].append(created["id"])
            campaign.save()
        while state["kills"] < args.campaign and (args.max_minutes is None or time.time() - began < args.max_minutes * 60):
            state["rounds"] += 1
            if rng.randrange(6) == 0:
                # a power cut while Quire starts (migrations, stale-process clean-up, the start-up beans)
                quire.kill_everything()
                quire.launch()
                time.sleep(rng.uniform(0.5, 15.0))
                state["processes_killed"] += quire.kill_everything()
                state["startup_kills"] += 1
                acknowledged_now = []
            else:
                acknowledged_now, problems = [], []
                state["processes_killed"] += campaign_round(quire, state, rng, acknowledged_now, problems)
                state["failures"] += [f"round {state['rounds']}: {p}" for p in problems]
            state["kills"] += 1
            kills_this_run += 1
            state["acknowledged"] += acknowledged_now
            campaign.save()
            if not start_checked():
                break
            failures, _ = check_acknowledged(state["acknowledged"], acknowledged_now)
            state["failures"] += [f"after kill {state['kills']}: {f}" for f in failures]
            campaign.save()
            log(f"kill {state['kills']}: {len(acknowledged_now)} saves acknowledged in the round, "
                f"{len(state['acknowledged'])} in all, {len(state['failures'])} failures")
        end_failures, blobs, total = [], 0, 0
        if not state["broken_at_kill"]:
            log("end of this run: a clean restart, every acknowledged save downloaded, every blob verified")
            quire.stop()
            if start_checked():
                end_failures, versions = check_acknowledged(state["acknowledged"], state["acknowledged"])
                more, blobs, total = check_store(quire.data, versions)
                end_failures += more
                state["failures"] += [f"end of run {len(state['runs']) + 1}: {f}" for f in end_failures]
        state["runs"].append({"kills": kills_this_run, "seconds": time.time() - began, "blobs": blobs,
                              "versions": total, "end_failures": len(end_failures)})
        campaign.save()
        campaign_report(state)
        return 1 if state["failures"] or state["broken_at_kill"] else 0
    finally:
        quire.kill_everything() if args.db == "embedded" else quire.stop()
        CACHE.server.shutdown()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--saves", type=int, default=200)
    parser.add_argument("--kill-every", type=int, default=8, help="on average one kill per this many saves")
    parser.add_argument("--no-build", action="store_true")
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--campaign", type=int, metavar="N", help="campaign mode: go on until N power cuts in all")
    parser.add_argument("--db", choices=["embedded", "postgres"], default="embedded",
                        help="campaign: the embedded default of the build, or an external PostgreSQL")
    parser.add_argument("--work", help="campaign: its folder (data directory, state.json, logs)")
    parser.add_argument("--repo", default=REPO, help="campaign: the checkout whose build to run")
    parser.add_argument("--max-minutes", type=float, help="campaign: stop this run after so many minutes")
    parser.add_argument("--report", action="store_true", help="campaign: print the table of the state and exit")
    parser.add_argument("--pg-url", default="jdbc:postgresql://localhost:5432/quire_campaign")
    parser.add_argument("--pg-user", default="quire")
    parser.add_argument("--pg-password", default="quire")
    parser.add_argument("--port", type=int, default=QUIRE_PORT, help="Quire's HTTP port")
    parser.add_argument("--ds-port", type=int, default=DS_PORT, help="the stand-in Document Server's port")
    args = parser.parse_args()
    globals().update(QUIRE_PORT=args.port, DS_PORT=args.ds_port)
    if args.campaign is not None or args.report:
        return run_campaign(args)
    rng = random.Random(args.seed)

    if not args.no_build:
        log("building")
        subprocess.run(["mvn", "-B", "-q", "-DskipTests", "package"], cwd=REPO, check=True)
    work = tempfile.mkdtemp(prefix="quire-crash-")
    os.chmod(work, 0o755)  # run as root, the embedded database runs as quire-db, which must pass through it
    global CACHE
    CACHE = qb.FileCache(DS_PORT)
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

        # 1. every acknowledged save is there with the right bytes; 2. every blob verifies; 3. no version without its
        # blob; 4. no temp files left
        failures, versions = check_acknowledged(acknowledged, acknowledged)
        for route in docs:
            for doc in docs[route]:
                versions.setdefault(doc, listed_versions(doc))
        missing_saves = len(failures)
        store_failures, blobs, total_versions = check_store(quire.data, versions)
        failed += failures + store_failures
        corrupt = sum(1 for f in store_failures if f.startswith("blob "))
        dangling = sum(1 for f in store_failures if "points at missing blob" in f)
        temp_files = [f for f in store_failures if f.startswith("temp files left")]
        by_route = {r: sum(1 for a in acknowledged if a[0] == r) for r in ROUTES}
        print("| crash-safety run | value |")
        print("|---|---|")
        print(f"| saves attempted | {attempts} |")
        print(f"| acknowledged (REST / WOPI / ONLYOFFICE) | {len(acknowledged)} ({by_route['rest']} / {by_route['wopi']} / {by_route['onlyoffice']}) |")
        print(f"| SIGKILLs during saves (restarts) | {kills} |")
        print(f"| acknowledged saves missing or with other bytes | {missing_saves} |")
        print(f"| blobs checked / with a wrong SHA-256 | {blobs} / {corrupt} |")
        print(f"| versions checked / pointing at a missing blob | {total_versions} / {dangling} |")
        print(f"| temp files left in store/tmp | {'yes' if temp_files else 'none'} |")
        print(f"| result | {'PASS' if not failed else 'FAIL'} |")
        print()
        print(f"Bodies 1 KiB..8 MiB of random bytes; kills at a random 0-400 ms into about one save in {args.kill_every}. "
              f"Reproduce: bench/crash-safety.py --saves {args.saves} --kill-every {args.kill_every}")
        for f in failed[:20]:
            print(f"- {f}", file=sys.stderr)
        return 1 if failed else 0
    finally:
        quire.stop()
        CACHE.server.shutdown()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Two Quire nodes on one PostgreSQL and one shared blob directory, behind nginx on loopback (issue 7, "Cluster").

The nodes do not cluster through Payara's Hazelcast (both run with --nocluster): every piece of shared state is in
PostgreSQL (locks with one row per document and row locks, save receipts with unique keys, editor keys, settings)
or in the shared blob directory (content-addressed, written by atomic rename). See docs/ARCHITECTURE.md, "Cluster".

What it shows, each as a row of the printed table (the script exits 1 when one fails):
  1. 64 concurrent WOPI Locks with 64 different lock ids on one file, half sent to each node: exactly one winner,
     63 answers 409 carrying the winner's id, and both nodes then report that lock.
  2. The same status-2 callback delivered to both nodes at once: both answer {"error":0}, one version is stored.
  3. A settings change made on one node is in force on the other: the time until the other node's editor config
     shows it (the limit stated in the docs is checked).
  4. Password guessing spread over both nodes is counted once (issue 18): with the thresholds lowered, wrong
     passwords from one made-up client address alternate between the nodes until the lock; then the right password
     from that address is refused (429) by both nodes, and accepted from an address that made no wrong guess.
  5. A node killed with SIGKILL during an editing session: nginx sends the traffic to the survivor, which keeps
     serving; the session lock and a WOPI lock taken through the dead node are intact, the session's final save
     through nginx is stored, and a REST upload works.

Needs PostgreSQL on localhost:5432 with the role quire/quire (as `.ci/postgres.sh` sets up; run as root to let the
script create it), nginx (Debian) and a built web/target (payara-micro.jar, postgresql.jar, quire.war).
Usage: bench/cluster.py [--no-build] [--settings-limit SECONDS]
"""
import argparse
import base64
import concurrent.futures
import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request

import quirebench as qb

REPO = qb.REPO
LB_PORT, NODE_PORTS, DS_PORT = 18100, (18101, 18102), 18193
DATABASE = "quire_cluster"
SECRET = "cluster-secret-" + os.urandom(12).hex()
PASSWORD = "cluster-" + os.urandom(6).hex()
CACHE = None  # the stand-in Document Server's file cache (qb.FileCache), started by main


log = qb.logger("cluster")


def call(method, url, body=None, headers=None, auth=True, timeout=60):
    return qb.Client(LB, PASSWORD).call(method, url, body, headers, auth, timeout)


def node(i):
    return f"http://127.0.0.1:{NODE_PORTS[i]}/"


LB = f"http://127.0.0.1:{LB_PORT}/"


def api(method, base, path, body=None, content_type="application/json"):
    return qb.Client(base, PASSWORD).api(method, path.removeprefix("api/v1/"), body, content_type)


def callback_body(fields):
    return qb.callback_body(fields, SECRET)


def onto(base, link):
    """A link Quire made (public URL = nginx) sent to one node instead."""
    u = urllib.parse.urlparse(link)
    return base + u.path.lstrip("/") + ("?" + u.query if u.query else "")


class Node(qb.Quire):
    def __init__(self, index, work, shared):
        super().__init__(work, NODE_PORTS[index], PASSWORD, data=shared, name=f"node-{index}",
                         addlibs=[os.path.join(REPO, "web/target/postgresql.jar")],
                         options=[*qb.postgres(DATABASE), f"-Dquire.public-url=http://127.0.0.1:{LB_PORT}",
                                  f"-Dquire.onlyoffice.url=http://127.0.0.1:{DS_PORT}/", f"-Dquire.onlyoffice.secret={SECRET}",
                                  "-Dquire.trusted-proxies=127.0.0.1/32"])


def psql(sql, database="postgres"):
    subprocess.run(["runuser", "-u", "postgres", "--", "psql", "-q", "-v", "ON_ERROR_STOP=1", "-d", database, "-c", sql],
                   check=True, stdout=subprocess.DEVNULL)


def new_document(base, folder, name, content):
    return qb.Client(base, PASSWORD).new_document(folder, name, content)


def wopi_token(base, doc):
    return qb.Client(base, PASSWORD).wopi_token(doc)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--no-build", action="store_true")
    parser.add_argument("--settings-limit", type=float, default=6.0,
                        help="seconds within which a settings change must be in force on the other node")
    args = parser.parse_args()
    if os.geteuid() == 0:
        subprocess.run([os.path.join(REPO, ".ci/postgres.sh")], check=True)
    if shutil.which("nginx") is None:
        raise SystemExit("needs nginx (apt-get install nginx-light)")
    if not args.no_build:
        log("building")
        subprocess.run(["mvn", "-B", "-q", "-DskipTests", "package"], cwd=REPO, check=True)
    psql(f"DROP DATABASE IF EXISTS {DATABASE}")
    psql(f"CREATE DATABASE {DATABASE} OWNER quire")

    work = tempfile.mkdtemp(prefix="quire-cluster-")
    shared = os.path.join(work, "shared")
    os.makedirs(os.path.join(work, "tmp"))
    with open(os.path.join(work, "nginx.conf"), "w") as f:
        f.write(f"""worker_processes 1; pid {work}/nginx.pid; error_log {work}/nginx-error.log;
events {{ worker_connections 1024; }}
http {{
  access_log off; client_max_body_size 0;
  client_body_temp_path {work}/tmp; proxy_temp_path {work}/tmp; fastcgi_temp_path {work}/tmp; uwsgi_temp_path {work}/tmp; scgi_temp_path {work}/tmp;
  upstream quire {{ server 127.0.0.1:{NODE_PORTS[0]} max_fails=1 fail_timeout=30s; server 127.0.0.1:{NODE_PORTS[1]} max_fails=1 fail_timeout=30s; }}
  server {{ listen 127.0.0.1:{LB_PORT};
    location / {{ proxy_pass http://quire; proxy_http_version 1.1; proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for; proxy_request_buffering off;
      proxy_next_upstream error timeout non_idempotent; proxy_connect_timeout 2s; }} }}
}}
""")
    global CACHE
    CACHE = qb.FileCache(DS_PORT)
    nodes = [Node(0, work, shared), Node(1, work, shared)]
    rows, failures = [], []

    def check(name, ok, detail):
        rows.append((name, "pass" if ok else "FAIL", detail))
        if not ok:
            failures.append(name)

    try:
        log("starting node 0 (creates the schema and the administrator), then node 1")
        nodes[0].start()
        nodes[1].start()
        subprocess.run(["nginx", "-c", os.path.join(work, "nginx.conf")], check=True)
        root = api("GET", LB, "api/v1/folders/root")["id"]

        # 1. 64 concurrent WOPI Locks, half on each node
        doc = new_document(node(0), root, "contended.docx", b"contended")
        tokens = [wopi_token(node(i % 2), doc) for i in range(2)]

        def lock(i):
            return call("POST", node(i % 2) + f"wopi/files/{doc}?access_token={tokens[i % 2]}", b"",
                        {"X-WOPI-Override": "LOCK", "X-WOPI-Lock": f"lock-{i:02d}"}, auth=False)
        barrier_start = time.time()
        with concurrent.futures.ThreadPoolExecutor(64) as pool:
            answers = list(pool.map(lock, range(64)))
        took = time.time() - barrier_start
        winners = [i for i, a in enumerate(answers) if a[0] == 200]
        winner_id = f"lock-{winners[0]:02d}" if len(winners) == 1 else None
        conflicts = [a for a in answers if a[0] == 409 and a[1].get("X-WOPI-Lock") == winner_id]
        reported = [call("POST", node(i) + f"wopi/files/{doc}?access_token={tokens[i]}", b"",
                         {"X-WOPI-Override": "GET_LOCK"}, auth=False)[1].get("X-WOPI-Lock") for i in (0, 1)]
        check("64 concurrent WOPI Locks over both nodes", len(winners) == 1 and len(conflicts) == 63 and reported == [winner_id] * 2,
              f"{len(winners)} winner ({winner_id}), {len(conflicts)} × 409 with its id, GetLock on both nodes: {reported}; {took:.2f} s")

        # 2. the same status-2 callback delivered to both nodes at once
        doc2 = new_document(node(0), root, "callback.docx", b"v1")
        config = api("GET", node(0), f"api/v1/documents/{doc2}/onlyoffice?mode=edit")
        key, callback = config["document"]["key"], config["editorConfig"]["callbackUrl"]
        start = {"key": key, "status": 1, "users": ["admin"], "actions": [{"type": 1, "userid": "admin"}]}
        call("POST", onto(node(0), callback), callback_body(start), {"Content-Type": "application/json"}, auth=False)
        CACHE.files["/cache/files/twice/output.docx"] = b"v2 delivered twice"
        save = callback_body({"key": key, "status": 2, "users": ["admin"], "actions": [{"type": 0, "userid": "admin"}],
                              "url": f"http://127.0.0.1:{DS_PORT}/cache/files/twice/output.docx", "filetype": "docx",
                              "lastsave": "2026-11-27T10:00:00.000Z"})
        with concurrent.futures.ThreadPoolExecutor(2) as pool:
            delivered = list(pool.map(lambda i: call("POST", onto(node(i), callback), save, {"Content-Type": "application/json"},
                                                     auth=False), (0, 1)))
        versions = api("GET", node(1), f"api/v1/documents/{doc2}/versions")["total"]
        sha = api("GET", node(1), f"api/v1/documents/{doc2}")["sha256"]
        check("one status-2 callback delivered to both nodes", all(d[0] == 200 and json.loads(d[2]) == {"error": 0} for d in delivered)
              and versions == 2 and sha == hashlib.sha256(b"v2 delivered twice").hexdigest(),
              f"answers {[d[0] for d in delivered]} {[d[2].decode() for d in delivered]}, versions now {versions} (1 + one save)")

        # 3. a settings change on node 0, in force on node 1
        doc3 = new_document(node(0), root, "settings.docx", b"settings")
        before = api("GET", node(1), f"api/v1/documents/{doc3}/onlyoffice?mode=edit")["editorConfig"]["coEditing"]["mode"]
        wanted = "strict" if before == "fast" else "fast"
        status, _, raw = call("PUT", node(0) + "api/v1/admin/settings", json.dumps({"quire.collaboration.mode": wanted}).encode(),
                              {"Content-Type": "application/json"})
        changed_at = time.time()
        seen = None
        if status == 200:
            while time.time() - changed_at < args.settings_limit + 20:
                mode = api("GET", node(1), f"api/v1/documents/{doc3}/onlyoffice?mode=edit")["editorConfig"]["coEditing"]["mode"]
                if mode == wanted:
                    seen = time.time() - changed_at
                    break
                time.sleep(0.1)
            call("PUT", node(0) + "api/v1/admin/settings", json.dumps({"quire.collaboration.mode": None}).encode(),
                 {"Content-Type": "application/json"})
        check("a settings change on one node, in force on the other", seen is not None and seen <= args.settings_limit,
              f"PUT admin/settings on node 0 answered {status}; co-editing mode {before} → {wanted} seen on node 1 after "
              + (f"{seen:.1f} s (limit {args.settings_limit:.0f} s)" if seen is not None else f"— not within {args.settings_limit + 20:.0f} s: {raw[:200]!r}"))

        # 4. password guessing over both nodes: the counters are in the database
        lowered = {"quire.sign-in.delay-after": 2, "quire.sign-in.lock-after": 4, "quire.sign-in.lock-for": "PT10M"}
        call("PUT", node(0) + "api/v1/admin/settings", json.dumps(lowered).encode(), {"Content-Type": "application/json"})
        time.sleep(args.settings_limit)  # the other node reads the settings again within this
        attacker, login = "2001:db8::c1:" + os.urandom(2).hex(), "admin"

        def basic(i, password, address):
            auth = "Basic " + base64.b64encode(f"{login}:{password}".encode()).decode()
            return call("GET", node(i) + "api/v1/me", headers={"Authorization": auth, "X-Forwarded-For": address}, auth=False)

        answers = []
        for attempt in range(12):
            status, headers, _ = basic(attempt % 2, f"guess-{attempt}", attacker)
            answers.append(status)
            wait = int(headers.get("Retry-After", "0"))
            if status == 429 and wait > 30:
                break
            if status == 429:
                time.sleep(wait + 0.1)
        refused = [basic(i, PASSWORD, attacker)[0] for i in (0, 1)]
        clean = [basic(i, PASSWORD, "2001:db8::c2:" + os.urandom(2).hex())[0] for i in (0, 1)]
        call("DELETE", node(1) + "api/v1/admin/sign-in-failures/login/admin")
        call("DELETE", node(1) + "api/v1/admin/sign-in-failures/address/" + attacker)
        restored = {k: None for k in lowered}
        call("PUT", node(0) + "api/v1/admin/settings", json.dumps(restored).encode(), {"Content-Type": "application/json"})
        check("password guessing over both nodes, counted once", answers.count(401) == 4 and refused == [429, 429] and clean == [200, 200],
              f"guesses alternating between the nodes answered {answers} (lock at 4 failures); the right password from the "
              f"guessing address then {refused}, from a fresh address {clean}")

        # 5. a node killed during an editing session
        doc4 = new_document(LB, root, "session.docx", b"v1")
        doc5 = new_document(LB, root, "wopi-locked.docx", b"w1")
        config = api("GET", node(0), f"api/v1/documents/{doc4}/onlyoffice?mode=edit")
        key, callback = config["document"]["key"], config["editorConfig"]["callbackUrl"]
        call("POST", onto(node(0), callback), callback_body(dict(start, key=key)), {"Content-Type": "application/json"}, auth=False)
        token5 = wopi_token(node(0), doc5)
        call("POST", node(0) + f"wopi/files/{doc5}?access_token={token5}", b"", {"X-WOPI-Override": "LOCK", "X-WOPI-Lock": "held"}, auth=False)
        nodes[0].kill()
        log("node 0 killed")
        served = sum(1 for _ in range(20) if call("GET", LB + "api/v1/folders/root", timeout=10)[0] == 200)
        session_lock = api("GET", LB, f"api/v1/documents/{doc4}/lock")
        wopi_lock = api("GET", LB, f"api/v1/documents/{doc5}/lock")
        CACHE.files["/cache/files/after-kill/output.docx"] = b"v2 saved through the survivor"
        final = callback_body({"key": key, "status": 2, "users": ["admin"], "actions": [{"type": 0, "userid": "admin"}],
                               "url": f"http://127.0.0.1:{DS_PORT}/cache/files/after-kill/output.docx", "filetype": "docx",
                               "lastsave": "2026-11-27T11:00:00.000Z"})
        saved = call("POST", onto(LB, callback), final, {"Content-Type": "application/json"}, auth=False)
        doc6 = new_document(LB, root, "after-kill.bin", b"uploaded after the kill")
        after = api("GET", LB, f"api/v1/documents/{doc4}")
        check("a node killed mid-session", served == 20 and session_lock.get("kind") == "EDITOR_SESSION"
              and session_lock.get("lockId") == key and wopi_lock.get("kind") == "WOPI" and wopi_lock.get("lockId") == "held"
              and saved[0] == 200 and after["sha256"] == hashlib.sha256(b"v2 saved through the survivor").hexdigest()
              and doc6 is not None,
              f"{served}/20 requests served through nginx after the kill; session lock {session_lock.get('kind')} intact; "
              f"WOPI lock {wopi_lock.get('lockId')!r} intact; final save through nginx answered {saved[0]}; REST upload ok")

        print("| cluster check | result | detail |")
        print("|---|---|---|")
        for name, result, detail in rows:
            print(f"| {name} | {result} | {detail} |")
        print()
        print(f"Two Payara Micro nodes (--nocluster) on PostgreSQL database {DATABASE} and one blob directory, nginx round robin on "
              f"127.0.0.1:{LB_PORT}. Reproduce: bench/cluster.py")
        return 1 if failures else 0
    finally:
        for n in nodes:
            n.stop()
        if os.path.exists(os.path.join(work, "nginx.pid")):
            with open(os.path.join(work, "nginx.pid")) as f:
                os.kill(int(f.read().strip()), signal.SIGTERM)
        CACHE.server.shutdown()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())

"""Issue 10, figure 1: kill -9 at random moments during concurrent submissions with attachments. Officers of a
ward receive dossiers and attach a scanned file to each (a unique PDF) from several threads while the server —
and, on PostgreSQL, the database server itself — is killed with SIGKILL and started again. Afterwards every
dossier and file whose request was acknowledged (303) must be there, each file with its SHA-256, the database
must pass its integrity check (SQLite's integrity_check and foreign_key_check; PostgreSQL's pg_amcheck) and the
audit chain must verify. MOTCUA_CRASH_SUBMISSIONS sets the number of acknowledged submissions (300 in the test
command; 2,000 for the figure written in docs/RELIABILITY.md)."""
import collections
import glob
import hashlib
import http.client
import os
import random
import re
import sqlite3
import subprocess
import threading
import time

import pytest

from http_client import INTAKE, Client
from reliability import PostgresCluster, Server, motcua_bin

SUBMISSIONS = int(os.environ.get("MOTCUA_CRASH_SUBMISSIONS", "300"))
WORKERS = int(os.environ.get("MOTCUA_CRASH_WORKERS", "8"))
MINIMUM_KILLS = 5       # submissions go on until this many kills happened too


class Run:
    def __init__(self, server, cluster):
        self.server, self.cluster = server, cluster
        self.lock, self.done = threading.Lock(), threading.Event()
        self.dossiers, self.files = set(), []
        self.answers, self.kills = collections.Counter(), collections.Counter()

    def note(self, what):
        with self.lock:
            self.answers[what] += 1

    def submit(self, index, unit):
        client = None
        serial = 0
        while not self.done.is_set():
            try:
                client = client or Client(self.server.url, "motcua.hoankiem")
                status, _ = client.post("/dossiers", dict(INTAKE, receivingUnit=unit))
                found = re.match(r"/dossiers/(\d+)\?received=1", client.location or "") if status == 303 else None
                self.note(status)
                if not found:
                    continue
                dossier = int(found.group(1))
                with self.lock:
                    self.dossiers.add(dossier)
                serial += 1
                content = b"%PDF-1.4\n% scan " + f"{index}-{serial}-{os.urandom(16).hex()}".encode() + os.urandom(2048).hex().encode() + b"\n%%EOF\n"
                status, _ = client.upload(f"/dossiers/{dossier}/attachments", {"description": "bản scan", "purpose": "application"},
                                          "ban-scan.pdf", content)
                self.note(status)
                if status == 303:
                    with self.lock:
                        self.files.append((dossier, hashlib.sha256(content).hexdigest()))
                        if len(self.files) >= SUBMISSIONS and sum(self.kills.values()) >= MINIMUM_KILLS:
                            self.done.set()
            except (OSError, http.client.HTTPException, AttributeError, AssertionError):
                self.note("connection failed")
                time.sleep(0.05)

    def kill_at_random(self, rng):
        while not self.done.wait(rng.uniform(0.2, 1.2)):
            if self.cluster and rng.random() < 0.35:
                self.cluster.kill()
                self.kills["postgresql"] += 1
                time.sleep(rng.uniform(0.1, 1.0))
                self.cluster.resume()
            else:
                self.server.kill()
                self.kills["server"] += 1
                self.server.start()


@pytest.mark.parametrize("engine", ["sqlite", "postgresql"])
def test_acknowledged_submissions_survive_kill_9(engine, tmp_path):
    cluster = PostgresCluster().start() if engine == "postgresql" else None
    server = Server(tmp_path / "data", database_url=cluster.url if cluster else None)
    try:
        server.start()
        unit = Client(server.url, "motcua.hoankiem").receiving_unit()
        run = Run(server, cluster)
        seed = random.randrange(1 << 30)
        threads = [threading.Thread(target=run.submit, args=(index, unit)) for index in range(WORKERS)]
        started = time.time()
        for thread in threads:
            thread.start()
        try:
            run.kill_at_random(random.Random(seed))
        finally:
            run.done.set()
            for thread in threads:
                thread.join()
        elapsed = time.time() - started

        # Everything acknowledged is there, after a clean start.
        server.stop()
        server.start()
        checker = Client(server.url, "motcua.hoankiem")
        lost, stored = [], collections.defaultdict(set)
        for dossier in sorted(run.dossiers):
            status, page = checker.get(f"/dossiers/{dossier}")
            if status != 200:
                lost.append(dossier)
                continue
            for link in re.findall(r'href="(/dossiers/\d+/attachments/\d+)"', page):
                status, content = checker.download(link)
                assert status == 200, link
                stored[dossier].add(hashlib.sha256(content).hexdigest())
        missing_files = [(dossier, digest) for dossier, digest in run.files if digest not in stored[dossier]]
        server.stop()
        verified = subprocess.run([motcua_bin(), "audit", "verify"], env=server.env, capture_output=True, text=True)
        if cluster:
            amcheck = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_amcheck"))[-1]
            integrity = subprocess.run([amcheck, "--install-missing", "-h", "127.0.0.1", "-p", str(cluster.port), "-U", "motcua", "postgres"],
                                       capture_output=True, text=True)
            integrity_ok, integrity_text = integrity.returncode == 0, integrity.stdout + integrity.stderr
        else:
            with sqlite3.connect(tmp_path / "data" / "motcua.sqlite") as database:
                check = database.execute("PRAGMA integrity_check").fetchall()
                foreign = database.execute("PRAGMA foreign_key_check").fetchall()
            integrity_ok, integrity_text = check == [("ok",)] and not foreign, f"{check} {foreign[:5]}"
        print(f"\ncrash test on {engine} (seed {seed}): {len(run.files)} submissions with a file acknowledged "
              f"({len(run.dossiers)} dossiers) by {WORKERS} threads in {elapsed:.0f} s; kills {dict(run.kills)}; "
              f"answers {dict(run.answers)}; lost dossiers {len(lost)}, missing or changed files {len(missing_files)}, "
              f"integrity {'ok' if integrity_ok else 'FAILED'}, audit chain {'ok' if verified.returncode == 0 else 'BROKEN'}")
        assert not lost and not missing_files
        assert integrity_ok, integrity_text
        assert verified.returncode == 0, verified.stdout + verified.stderr
        assert sum(run.kills.values()) >= MINIMUM_KILLS
        # While the database is down a request is refused with 503 and Retry-After — never a 500, and never "sign in
        # again" (a session that cannot be read is not a signed-out one).
        assert set(run.answers) <= {303, 503, "connection failed"}, run.answers
    finally:
        server.stop()
        if cluster:
            cluster.stop()

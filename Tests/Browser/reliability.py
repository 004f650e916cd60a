"""What the reliability tests of issue 10 share: MotCua servers they start, kill and start again on a database
of their own (a SQLite file, or a throwaway PostgreSQL cluster they can kill too), and free loopback ports."""
import contextlib
import os
import pathlib
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.request

ROOT = pathlib.Path(__file__).resolve().parents[2]
PG_CLUSTER = ROOT / "scripts" / "pg-test-cluster"


def motcua_bin():
    path = os.environ.get("MOTCUA_BIN")
    if not path:
        raise RuntimeError("MOTCUA_BIN is not set: run the tests through scripts/test")
    return path


_handed_out = set()


def free_port():
    """A loopback port free now and not handed out before in this run: the kernel may give a just-closed port
    again, and two servers of one test would then meet on it."""
    while True:
        with contextlib.closing(socket.socket()) as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        if port not in _handed_out:
            _handed_out.add(port)
            return port


class Server:
    """`motcua serve --demo --demo-scale wards` on a port, a data folder and a database; killed with SIGKILL, started again."""

    def __init__(self, data_dir, database_url=None, port=None, env=None, log_dir=None):
        self.data_dir, self.port = str(data_dir), port or free_port()
        self.log_dir = pathlib.Path(log_dir or data_dir)
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = dict(os.environ, MOTCUA_DATA_DIR=self.data_dir, MOTCUA_BCRYPT_COST="10", **(env or {}))
        self.env.pop("DATABASE_URL", None)
        if database_url:
            self.env["DATABASE_URL"] = database_url
        self.process, self.starts = None, 0

    def start(self, timeout=180):
        self.wait_for_port(timeout)
        pathlib.Path(self.data_dir).mkdir(parents=True, exist_ok=True)
        self.log_dir.mkdir(parents=True, exist_ok=True)
        log = open(self.log_dir / f"server-{self.port}.log", "ab")
        # The demo's two wards only: these tests bring their own data, and a year of a city would not fit a small disk.
        self.process = subprocess.Popen([motcua_bin(), "serve", "--demo", "--demo-scale", "wards", "--port", str(self.port)], env=self.env,
                                        stdout=log, stderr=subprocess.STDOUT)
        self.starts += 1
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the server stopped at start: see {log.name}")
            with contextlib.suppress(OSError):
                with urllib.request.urlopen(self.url + "/healthz", timeout=2):
                    return self
            time.sleep(0.1)
        raise RuntimeError("the server did not answer in time")

    def wait_for_port(self, timeout):
        """A server that died on its own leaves its port held while the Swift backtracer it started (which inherits
        the listening socket) writes the report: wait until the port is free again, as a supervisor's restarts would.
        PostgresNIO 1.33.2 stops the process with a precondition when PostgreSQL is killed while rows stream to it
        (seen in the crash test; docs/RELIABILITY.md)."""
        deadline = time.time() + timeout
        while True:
            with socket.socket() as probe:
                probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
                try:
                    probe.bind(("127.0.0.1", self.port))
                    return
                except OSError:
                    if time.time() > deadline:
                        raise RuntimeError(f"port {self.port} still held after {timeout} s")
            time.sleep(0.2)

    def kill(self):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait()

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.kill()


class PostgresCluster:
    """A PostgreSQL cluster that keeps every commit (fsync on), killed with SIGKILL and started again."""

    def __init__(self):
        # Its own folder under /tmp: the cluster runs as the postgres user, who must reach it (pytest's folders
        # are private to root).
        self.folder, self.port = pathlib.Path(tempfile.mkdtemp(prefix="motcua-pg-")) / "cluster", free_port()

    def replica(self):
        """A hot standby of this running cluster (pg_basebackup), streaming its changes; stop it like a cluster."""
        standby = PostgresCluster()
        standby.url = subprocess.run([str(PG_CLUSTER), "replica", str(standby.folder), str(standby.port), str(self.port)],
                                     check=True, capture_output=True, text=True).stdout.strip()
        return standby

    def query(self, sql):
        """One value, read with psql."""
        return subprocess.run(["psql", "-h", "127.0.0.1", "-p", str(self.port), "-U", "motcua", "-d", "postgres", "-Atc", sql],
                              check=True, capture_output=True, text=True).stdout.strip()

    def start(self):
        self.url = subprocess.run([str(PG_CLUSTER), "start", str(self.folder), str(self.port), "durable"],
                                  check=True, capture_output=True, text=True).stdout.strip()
        return self

    def kill(self):
        """SIGKILL to the postmaster and every process it started, as a crash of the database server. The
        postmaster is stopped first, so that it starts no backend while its children are being listed."""
        postmaster = int((self.folder / "data" / "postmaster.pid").read_text().split()[0])
        os.kill(postmaster, signal.SIGSTOP)
        children = [int(entry.name) for entry in pathlib.Path("/proc").iterdir() if entry.name.isdigit() and _parent(entry) == postmaster]
        for pid in children + [postmaster]:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        for _ in range(200):
            if not any(pathlib.Path(f"/proc/{pid}").exists() for pid in children + [postmaster]):
                break
            time.sleep(0.05)

    def resume(self):
        """Starts the cluster again (crash recovery); tried a few times while the old processes' sockets close."""
        for attempt in range(20):
            started = subprocess.run([str(PG_CLUSTER), "resume", str(self.folder)], capture_output=True, text=True)
            if started.returncode == 0:
                return
            time.sleep(0.5)
        raise RuntimeError("PostgreSQL did not start again: " + started.stderr)

    def stop(self):
        subprocess.run([str(PG_CLUSTER), "stop", str(self.folder)], capture_output=True)
        shutil.rmtree(self.folder.parent, ignore_errors=True)


def _parent(proc_entry):
    with contextlib.suppress(OSError, ValueError, IndexError):
        return int((proc_entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
    return None

"""Issue 10, beyond one machine: a PostgreSQL primary with a streaming replica (`DATABASE_REPLICA_URL`). The
statistics and index reports are read from the replica — its own counters of table scans grow while they are
served — and what is written on the primary reaches them; when the replica stops, the reports are read from the
primary and keep answering."""
import time

from http_client import INTAKE, Client
from reliability import PostgresCluster, Server

REPORTS = ["/public/statistics", "/public/statistics?nam=2026"]
SCANS = "SELECT coalesce(sum(seq_scan + coalesce(idx_scan, 0)), 0) FROM pg_stat_user_tables WHERE relname LIKE 'statistics_%'"


def wait_for(condition, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.5)
    return False


def test_reports_are_read_from_the_replica(tmp_path):
    primary = PostgresCluster().start()
    replica = primary.replica()
    server = Server(tmp_path / "data", database_url=primary.url, env={"DATABASE_REPLICA_URL": replica.url}).start()
    try:
        assert replica.query("SELECT pg_is_in_recovery()") == "t"
        citizen = Client(server.url)
        before = int(replica.query(SCANS))
        for _ in range(5):
            for path in REPORTS:
                status, page = citizen.get(path)
                assert status == 200, (path, page[-500:])
        assert wait_for(lambda: int(replica.query(SCANS)) > before), "the reports did not read the replica's statistics tables"

        # What the primary commits reaches the replica: a dossier received there is counted in the replica's table.
        desk = Client(server.url, "motcua.hoankiem")
        count = "SELECT count(*) FROM dossiers"
        received = int(primary.query(count))
        assert desk.post("/dossiers", dict(INTAKE, receivingUnit=desk.receiving_unit()))[0] == 303
        assert wait_for(lambda: int(replica.query(count)) == received + 1)

        # Without the replica the reports are read from the primary.
        replica.stop()
        started = time.monotonic()
        for path in REPORTS:
            status, _ = citizen.get(path)
            assert status == 200, path
        print(f"\nreplica stopped: {len(REPORTS)} reports answered from the primary in {time.monotonic() - started:.1f} s")
    finally:
        server.stop()
        replica.stop()
        primary.stop()

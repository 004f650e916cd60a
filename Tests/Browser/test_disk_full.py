"""Issue 10, figure 2, and issue 20: the data folder (SQLite database and stored files) on a small tmpfs that fills
up. The server keeps a reserve of free room (MOTCUA_STORAGE_RESERVE_MB, here 4 MB): a scan that would eat into it is
refused, and once the disk is below it every change and every audited reading (the dossier list, a dossier's page)
is refused — 507 with Retry-After and a Vietnamese page, never a 500, the same whatever room SQLite's write-ahead log
still has — while unaudited pages keep being read. Nothing is half-written: every acknowledged dossier is whole,
every stored file matches its name (its SHA-256), no temporary file is left. Once space is freed the same server
takes submissions again, without a restart. Needs to mount a tmpfs (root, or sudo without a password)."""
import hashlib
import os
import pathlib
import re
import subprocess
import tempfile

import pytest

from http_client import INTAKE, Client
from reliability import Server

SIZE_MB = 24
RESERVE_MB = 4


def run_privileged(*command):
    prefix = [] if os.geteuid() == 0 else ["sudo", "-n"]
    return subprocess.run(prefix + list(command), capture_output=True, text=True)


@pytest.fixture()
def small_disk():
    folder = pathlib.Path(tempfile.mkdtemp(prefix="motcua-full-"))
    mounted = run_privileged("mount", "-t", "tmpfs", "-o", f"size={SIZE_MB}m", "tmpfs", str(folder))
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.strip()}")
    yield folder
    run_privileged("umount", "-l", str(folder))
    folder.rmdir()


def scan(serial, size):
    head = b"%PDF-1.4\n% " + f"{serial}-{os.urandom(8).hex()}".encode() + b"\n"
    return head + b"%" + os.urandom(size // 2).hex().encode()[: size - len(head) - 8] + b"\n%%EOF\n"


def fill(path):
    """Writes zeros to `path` until the disk refuses: the last free bytes. Unbuffered: a buffered file keeps the
    bytes the full disk refused and raises ENOSPC again when it is closed — whether any are left over depended on
    how the free room divided into the chunks, so the test failed on one database size and passed on another."""
    chunk = b"\0" * 65536
    with open(path, "ab", buffering=0) as ballast:
        try:
            while ballast.write(chunk):
                os.fsync(ballast.fileno())
        except OSError:
            pass


def test_a_full_disk_refuses_cleanly_and_recovers(small_disk, tmp_path):
    server = Server(small_disk / "data", log_dir=tmp_path, env={"MOTCUA_STORAGE_RESERVE_MB": str(RESERVE_MB)}).start()
    try:
        desk = Client(server.url, "motcua.hoankiem")
        intake = dict(INTAKE, receivingUnit=desk.receiving_unit())
        acknowledged, files, answers = [], [], []
        # Room the test itself gives back at the end, so that the freed disk is above the reserve however close
        # to it the last scan left the server.
        (small_disk / "slack").write_bytes(b"\0" * (2 * RESERVE_MB << 20))
        # Fill the disk with scans until one would eat into the reserve, then fill the last bytes with ballast.
        serial = 0
        while True:
            status, page = desk.post("/dossiers", intake)
            answers.append(status)
            if status != 303:
                assert status == 507, (status, page[:300])
                break
            dossier = int(re.match(r"/dossiers/(\d+)", desk.location).group(1))
            acknowledged.append(dossier)
            serial += 1
            content = scan(serial, 2 * 1024 * 1024)
            status, page = desk.upload(f"/dossiers/{dossier}/attachments", {"description": "", "purpose": "application"}, "scan.pdf", content)
            answers.append(status)
            if status == 303:
                files.append((dossier, hashlib.sha256(content).hexdigest()))
            else:
                assert status == 507, (status, page[:300])
                assert desk.headers.get("Retry-After") and "hết chỗ lưu trữ" in page
                break
        assert files, "no scan was kept before the reserve was reached"
        fill(small_disk / "ballast")
        # Below the reserve: the first change is refused, whatever room SQLite's write-ahead log still has.
        status, page = desk.post("/dossiers", intake)
        answers.append(status)
        assert status == 507, (status, re.findall(r"notice[^>]*>([^<]*)<", page))
        assert "hết chỗ lưu trữ" in page and desk.headers.get("Retry-After") == "300"
        status, page = desk.upload(f"/dossiers/{acknowledged[0]}/attachments", {"description": "", "purpose": "application"}, "nho.pdf", scan(0, 2000))
        answers.append(status)
        assert status == 507, status
        # Unaudited pages are read; the dossier list and a dossier's page, whose readings are audited, are refused
        # like a change: no audit row, no reading.
        assert desk.get("/procedures")[0] == 200
        for audited in ["/dossiers", f"/dossiers/{acknowledged[-1]}"]:
            status, page = desk.get(audited)
            assert status == 507 and "hết chỗ lưu trữ" in page, (audited, status)

        # Nothing half-written: the store holds only complete files, among them every acknowledged one.
        store = small_disk / "data" / "files"
        for path in store.rglob("*"):
            if path.is_file():
                assert not path.name.startswith(".incoming-"), path
                assert hashlib.sha256(path.read_bytes()).hexdigest() == path.name, path
        stored = {path.name for path in store.rglob("*") if path.is_file()}
        assert all(digest in stored for _, digest in files)

        # Space freed: the same server takes dossiers and files again.
        (small_disk / "ballast").unlink()
        (small_disk / "slack").unlink()
        for dossier in acknowledged:
            assert desk.get(f"/dossiers/{dossier}")[0] == 200, dossier
        status, _ = desk.post("/dossiers", intake)
        assert status == 303, status
        dossier = int(re.match(r"/dossiers/(\d+)", desk.location).group(1))
        status, _ = desk.upload(f"/dossiers/{dossier}/attachments", {"description": "", "purpose": "application"}, "sau.pdf", scan(-1, 2000))
        assert status == 303, status
        server.stop()
        integrity = subprocess.run(["python3", "-c", "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); "
                                    "print(c.execute('PRAGMA integrity_check').fetchone()[0])", str(small_disk / "data" / "motcua.sqlite")],
                                   capture_output=True, text=True)
        assert integrity.stdout.strip() == "ok", integrity.stdout + integrity.stderr
        print(f"\ndisk full ({SIZE_MB} MB tmpfs): {len(acknowledged)} dossiers and {len(files)} scans kept before it filled; "
              f"answers {sorted(set(answers))}; nothing half-written; submissions accepted again once space was freed")
    finally:
        server.stop()

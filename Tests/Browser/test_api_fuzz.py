"""Issue 10, figure 4: schemathesis generates requests from openapi.yaml — valid and invalid parameters, other
methods, stateful sequences — and checks every answer: never a server error, always a status and a body the
document declares, invalid data refused, valid data accepted. It runs signed in as a citizen, a ward's desk
officer, the city's leader and the working group's secretariat. MOTCUA_FUZZ_EXAMPLES sets the examples per
operation and phase (40 in the test command; 600 gives the full-size figure of docs/RELIABILITY.md).

One worker: with two, schemathesis parses hypothesis's lambdas in two threads at once, and CPython 3.11's ast module
keeps its recursion depth per interpreter, not per thread — a CI run failed on "SystemError: AST constructor
recursion depth mismatch" (python/cpython#106905) with no request at fault."""
import collections
import json
import os
import pathlib
import subprocess
import sys

import pytest

from http_client import Client

HERE = pathlib.Path(__file__).resolve().parent
EXAMPLES = int(os.environ.get("MOTCUA_FUZZ_EXAMPLES", "40"))
totals = collections.Counter()


@pytest.mark.parametrize("username", ["congdan.mau", "motcua.hoankiem", "lanhdao.thanhpho", "thuky.totcongtac"])
def test_generated_requests_get_declared_answers(base_url, username, tmp_path):
    cookie = Client(base_url, username).cookie_header()
    command = [str(pathlib.Path(sys.executable).parent / "schemathesis"), "--config-file", str(HERE / "schemathesis.toml"),
               "run", str(HERE.parents[1] / "openapi.yaml"), "--url", base_url, "--header", f"Cookie: {cookie}",
               "--checks", "all", "--max-examples", str(EXAMPLES), "--workers", "1",
               "--report", "har", "--report-dir", str(tmp_path), "--no-color"]
    run = subprocess.run(command, capture_output=True, text=True, timeout=1800)
    summary = run.stdout[run.stdout.find("SUMMARY"):]
    assert run.returncode == 0, run.stdout[-6000:] + run.stderr[-2000:]
    entries = [entry for har in tmp_path.glob("*.json") for entry in json.loads(har.read_text())["log"]["entries"]]
    statuses = collections.Counter(entry["response"]["status"] for entry in entries)
    assert not [status for status in statuses if status >= 500], statuses
    assert len(entries) >= 10 * EXAMPLES, summary
    totals.update(statuses)
    print(f"\nschemathesis as {username}: {len(entries)} requests, statuses {dict(sorted(statuses.items()))}; "
          f"{sum(totals.values())} so far, 0 server errors")

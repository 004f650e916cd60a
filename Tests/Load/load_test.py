#!/usr/bin/env python3
"""Issue 10, figure 3: the sustainable rate of a mixed citizen/officer workload, as a ratio to nginx serving a
static file on the same machine in the same run, and what happens at twice that rate.

    .venv/bin/python Tests/Load/load_test.py [--seconds 10] [--bin .build/release/motcua]

Starts nginx (apt: nginx-light) on a free loopback port serving the site's stylesheet and measures its rate
with `hey` (apt) at 50 connections. Starts `motcua serve --demo` (release build) on a fresh SQLite data folder
and offers the mix below at a fixed rate — each part by one-connection `hey -q` processes of at most
10 requests/s each, started at even offsets within a tenth of a second so that arrivals are spread (the workers
of one hey process tick in step: 75 of them sent 75 requests at once every half second, and the bursts, not the
rate, filled the server's 64 request slots). A rate is sustainable when ≥ 99 % of requests are
answered 2xx/3xx and their p99 stays under 500 ms; the search doubles, then bisects. Then the mix is offered at
twice the sustainable rate: accepted requests must keep a bounded p99 and the excess must be shed with 503/429
and Retry-After, with no other failure. Loopback only; bounded in time (about 3 minutes)."""
import argparse
import csv
import io
import math
import os
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "Browser"))
from http_client import INTAKE, Client  # noqa: E402
from reliability import ROOT, Server, free_port  # noqa: E402

PER_WORKER = 10          # requests per second of one hey process (one connection)
P99_BOUND = 0.5          # seconds


def hey(url, seconds, workers, rate=None, headers=(), method="GET", body=None, content_type=None):
    command = ["hey", "-z", f"{seconds}s", "-c", str(workers), "-o", "csv", "-t", "10"]
    if rate:
        command += ["-q", str(rate)]
    for header in headers:
        command += ["-H", header]
    if method != "GET":
        command += ["-m", method, "-d", body, "-T", content_type]
    return subprocess.Popen(command + [url], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)


def rows(process):
    output, _ = process.communicate()
    return [(float(row["response-time"]), int(row["status-code"])) for row in csv.DictReader(io.StringIO(output))]


def percentile(values, fraction):
    if not values:
        return math.nan
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def nginx_rate(seconds):
    folder = pathlib.Path(tempfile.mkdtemp(prefix="motcua-nginx-"))
    shutil.copy(ROOT / "Sources" / "Web" / "Assets" / "site.css", folder / "site.css")
    port = free_port()
    (folder / "nginx.conf").write_text(f"""
worker_processes auto; pid {folder}/nginx.pid; error_log {folder}/error.log; daemon off;
events {{ worker_connections 1024; }}
http {{ access_log off; sendfile on; keepalive_requests 100000;
  client_body_temp_path {folder}; proxy_temp_path {folder}; fastcgi_temp_path {folder}; uwsgi_temp_path {folder}; scgi_temp_path {folder};
  server {{ listen 127.0.0.1:{port}; root {folder}; }} }}
""")
    nginx = subprocess.Popen(["nginx", "-c", str(folder / "nginx.conf")])
    try:
        time.sleep(1)
        answers = rows(hey(f"http://127.0.0.1:{port}/site.css", seconds, 50))
        return len([1 for _, status in answers if status == 200]) / seconds
    finally:
        nginx.terminate()
        nginx.wait()
        shutil.rmtree(folder, ignore_errors=True)


class Mix:
    """The parts of the workload, each a share of the rate."""

    def __init__(self, url):
        citizen, officer = Client(url), Client(url, "motcua.hoankiem")
        unit = officer.receiving_unit()
        _, page = officer.get("/dossiers")
        dossier = re.search(r'href="(/dossiers/\d+)"', page).group(1)
        cookie = f"Cookie: {officer.cookie_header()}"
        self.parts = [  # share, path, headers, method, body
            (0.30, "/procedures?q=khai+sinh", [f"Cookie: {citizen.cookie_header()}"], "GET", None),
            (0.25, "/procedures/DEMO-HT-06", [], "GET", None),
            (0.15, "/public/statistics", [], "GET", None),
            (0.15, "/dossiers", [cookie], "GET", None),
            (0.10, dossier, [cookie], "GET", None),
            (0.05, "/dossiers", [cookie], "POST", urllib.parse.urlencode(dict(INTAKE, receivingUnit=unit, _csrf=officer.token))),
        ]
        self.url = url

    def offer(self, rate, seconds):
        """Offers `rate` requests a second for `seconds`, spread evenly in time; returns the answers."""
        starts = []
        for share, path, headers, method, body in self.parts:
            count = max(1, math.ceil(share * rate / PER_WORKER))
            starts += [(path, headers, method, body, share * rate / count)] * count
        began, processes = time.monotonic(), []
        for index, (path, headers, method, body, each) in enumerate(starts):
            time.sleep(max(0.0, began + index / len(starts) / PER_WORKER - time.monotonic()))
            processes.append(hey(self.url + path, seconds, 1, rate=each, headers=headers, method=method,
                                 body=body, content_type="application/x-www-form-urlencoded"))
        return [answer for process in processes for answer in rows(process)]

    def judge(self, rate, seconds):
        answers = self.offer(rate, seconds)
        accepted = [latency for latency, status in answers if status < 400]
        shed = [status for _, status in answers if status in (429, 503)]
        failed = [status for _, status in answers if status >= 400 and status not in (429, 503)]
        return {"offered": rate, "answered": len(answers) / seconds, "accepted_rate": len(accepted) / seconds,
                "accepted_share": len(accepted) / max(1, len(answers)), "p50": percentile(accepted, 0.50),
                "p99": percentile(accepted, 0.99), "shed": len(shed), "failed": len(failed)}


def sustainable(result):
    return result["accepted_share"] >= 0.99 and result["p99"] <= P99_BOUND and result["answered"] >= 0.95 * result["offered"]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--bin", default=str(ROOT / ".build" / "release" / "motcua"))
    arguments = parser.parse_args()
    os.environ["MOTCUA_BIN"] = arguments.bin
    for tool in ["hey", "nginx"]:
        if not shutil.which(tool):
            sys.exit(f"{tool} is missing: apt-get install hey nginx-light")
    static = nginx_rate(arguments.seconds)
    print(f"nginx, static file, 50 connections: {static:.0f} requests/s")
    data = pathlib.Path(tempfile.mkdtemp(prefix="motcua-load-"))
    server = Server(data / "data", env={"MOTCUA_LOG_LEVEL": "warning"}).start()
    try:
        mix = Mix(server.url)
        good, bad, rate = None, None, 50
        while bad is None and rate <= 20000:
            result = mix.judge(rate, arguments.seconds)
            print(f"  offered {rate:6.0f}/s: accepted {result['accepted_rate']:6.0f}/s ({result['accepted_share']:.1%}), "
                  f"p50 {result['p50'] * 1000:.0f} ms, p99 {result['p99'] * 1000:.0f} ms, shed {result['shed']}, failed {result['failed']}")
            if sustainable(result):
                good, rate = result, rate * 2
            else:
                bad = rate
        for _ in range(3):
            if good is None or bad is None:
                break
            rate = (good["offered"] + bad) / 2
            result = mix.judge(rate, arguments.seconds)
            print(f"  offered {rate:6.0f}/s: accepted {result['accepted_rate']:6.0f}/s ({result['accepted_share']:.1%}), "
                  f"p50 {result['p50'] * 1000:.0f} ms, p99 {result['p99'] * 1000:.0f} ms, shed {result['shed']}, failed {result['failed']}")
            if sustainable(result):
                good = result
            else:
                bad = rate
        assert good, "not even 50 requests/s were sustained"
        # Every shed answer carries Retry-After: checked on a sample of requests made while the overload runs.
        samples, stop = [], threading.Event()

        def sample():
            while not stop.wait(0.2):
                try:
                    with urllib.request.urlopen(server.url + "/procedures", timeout=10) as response:
                        samples.append((response.status, response.headers.get("Retry-After")))
                except urllib.error.HTTPError as error:
                    samples.append((error.code, error.headers.get("Retry-After")))
                except OSError:
                    samples.append(("connection failed", None))

        sampler = threading.Thread(target=sample)
        sampler.start()
        overload = mix.judge(2 * good["offered"], 2 * arguments.seconds)
        stop.set()
        sampler.join()
        shed_samples = [retry for status, retry in samples if status in (429, 503)]
        print(f"sustainable mixed rate: {good['offered']:.0f} requests/s (p99 {good['p99'] * 1000:.0f} ms) = "
              f"{good['offered'] / static:.3f} × nginx's static rate")
        print(f"at 2× ({2 * good['offered']:.0f}/s offered): accepted {overload['accepted_rate']:.0f}/s, "
              f"p50 {overload['p50'] * 1000:.0f} ms, p99 {overload['p99'] * 1000:.0f} ms; shed with 503/429: {overload['shed']}; "
              f"other failures: {overload['failed']}")
        print(f"sampled during the overload: {len(samples)} requests, {len(shed_samples)} shed, "
              f"{sum(1 for retry in shed_samples if retry)} of them with Retry-After")
        if overload["failed"] or not all(shed_samples) or any(status == "connection failed" for status, _ in samples):
            sys.exit("requests failed otherwise than by being shed, or were shed without Retry-After")
    finally:
        server.stop()
        shutil.rmtree(data, ignore_errors=True)


if __name__ == "__main__":
    main()

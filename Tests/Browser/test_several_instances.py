"""Issue 10, several instances: two `motcua serve` processes on one PostgreSQL and one data folder (the shared
files), as behind a load balancer. A session opened on one is valid on the other; dossiers received through
both have their applicants told exactly once, by e-mail and SMS, though both instances' delivery loops race over
the one outbox; a file uploaded through one is downloaded whole through the other; failed sign-ins spread over
both lock the account at the same count as on one."""
import email
import email.policy
import hashlib
import json
import re
import subprocess
import sys
import time

import pytest

from http_client import INTAKE, Client
from reliability import PostgresCluster, ROOT, Server, free_port
from test_pages import DEMO_PASSWORD

DOSSIERS = 40
INTAKE_WITH_PHONE = dict(INTAKE, procedure="DEMO-HT-05", phone="0912 345 678")


@pytest.fixture(scope="module")
def instances(tmp_path_factory):
    folder = tmp_path_factory.mktemp("instances")
    smtp, sms = free_port(), free_port()
    sinks = subprocess.Popen([sys.executable, str(ROOT / "Tests" / "Browser" / "notification_sinks.py"), str(folder / "sink"), str(smtp), str(sms)])
    cluster = PostgresCluster().start()
    env = {"MOTCUA_SMTP_URL": f"smtp://127.0.0.1:{smtp}", "MOTCUA_MAIL_FROM": "no-reply@motcua.test",
           "MOTCUA_SMS_URL": f"http://127.0.0.1:{sms}/send", "MOTCUA_SMS_TOKEN": "test-token"}
    first = Server(folder / "data", database_url=cluster.url, env=env).start()
    second = Server(folder / "data", database_url=cluster.url, env=env).start()
    try:
        yield first, second, folder / "sink"
    finally:
        first.stop()
        second.stop()
        sinks.kill()
        cluster.stop()


def test_sessions_and_files_cross_instances(instances):
    first, second, _ = instances
    desk = Client(first.url, "motcua.hoankiem")
    unit = desk.receiving_unit()
    desk.base = second.url                      # the same cookies and form token, the other instance
    status, _ = desk.post("/dossiers", dict(INTAKE_WITH_PHONE, receivingUnit=unit))
    assert status == 303
    dossier = re.match(r"/dossiers/(\d+)", desk.location).group(1)
    content = b"%PDF-1.4\n% shared store\n%%EOF\n"
    status, _ = desk.upload(f"/dossiers/{dossier}/attachments", {"description": "", "purpose": "application"}, "chung.pdf", content)
    assert status == 303
    desk.base = first.url
    _, page = desk.get(f"/dossiers/{dossier}")
    link = re.search(r'href="(/dossiers/\d+/attachments/\d+)"', page).group(1)
    status, downloaded = desk.download(link)
    assert status == 200 and hashlib.sha256(downloaded).digest() == hashlib.sha256(content).digest()


def test_each_applicant_is_told_exactly_once(instances):
    first, second, sink = instances
    clients = [Client(server.url, "motcua.hoankiem") for server in (first, second)]
    unit = clients[0].receiving_unit()
    codes = []
    for index in range(DOSSIERS):
        client = clients[index % 2]
        status, _ = client.post("/dossiers", dict(INTAKE_WITH_PHONE, receivingUnit=unit, email=f"nguoi.nop.{index}@example.vn"))
        assert status == 303
        _, page = client.get(client.location.split("?")[0])
        codes.append(re.search(r"<h1>Hồ sơ ([0-9-]+)</h1>", page).group(1))

    def received():
        mails = [email.message_from_bytes(path.read_bytes(), policy=email.policy.default) for path in sorted((sink / "mail").glob("*.eml"))]
        path = sink / "sms.jsonl"
        sms = [json.loads(line)["message"] for line in path.read_text(encoding="utf-8").splitlines()] if path.exists() else []
        return mails, sms

    deadline = time.time() + 90
    while time.time() < deadline:
        mails, sms = received()
        if all(any(code in mail["Subject"] for mail in mails) and any(code in text["text"] for text in sms) for code in codes):
            break
        time.sleep(1)
    time.sleep(12)                              # two more delivery rounds of both instances: any duplicate would arrive
    mails, sms = received()
    mail_counts = {code: sum(code in mail["Subject"] for mail in mails) for code in codes}
    sms_counts = {code: sum(code in text["text"] for text in sms) for code in codes}
    print(f"\ntwo instances on one PostgreSQL: {DOSSIERS} dossiers through both, {len(mails)} e-mails and {len(sms)} SMS received; "
          f"each applicant told once by each: {set(mail_counts.values()) == {1} and set(sms_counts.values()) == {1}}")
    assert set(mail_counts.values()) == {1}, mail_counts
    assert set(sms_counts.values()) == {1}, sms_counts


def test_failed_sign_ins_count_across_instances(instances):
    first, second, _ = instances
    statuses = []
    for attempt in range(7):
        server = (first, second)[attempt % 2]
        statuses.append(Client(server.url).post("/sign-in", {"username": "thuly.hoankiem", "password": "sai mat khau"})[0])
    locked = Client(second.url).post("/sign-in", {"username": "thuly.hoankiem", "password": DEMO_PASSWORD})[0]
    assert 429 in statuses and locked == 429, (statuses, locked)
    assert statuses.index(429) <= 6, statuses

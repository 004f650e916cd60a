"""Issue 10, figure 5 at reduced size: a generated matrix of object endpoints × signed-in roles and units ×
methods, with ids of objects that exist but belong to someone else and ids that do not exist. No attempt may
succeed, and a foreign object must answer exactly as a missing one (same status), so that nobody learns what
exists. The ids are discovered as their owners see them; the number of attempts is printed."""
import re

from http_client import Client

MISSING = 987654321


def ids(client, path, pattern):
    status, page = client.get(path)
    assert status == 200, (path, status)
    return sorted({int(found) for found in re.findall(pattern, page)})


def test_foreign_objects_answer_like_missing_ones(base_url):
    # What exists, as the owners see it.
    desk = Client(base_url, "motcua.hoankiem")
    dossiers = ids(desk, "/dossiers", r'href="/dossiers/(\d+)"')[:8]
    secretariat = Client(base_url, "thuky.totcongtac")
    _, home = secretariat.get("/reform")
    plans = sorted({int(found) for found in re.findall(r'href="/reform/plans/(\d+)', home)})
    tasks = []
    for plan in plans:
        tasks += ids(secretariat, f"/reform/plans/{plan}?ngay=2023-04-10", r'href="/reform/tasks/(\d+)"')
    def units_of(task):   # the lead and supporting units, as the task's page names them
        page = secretariat.get(f"/reform/tasks/{task}")[1]
        return page.split("Đơn vị chủ trì")[1].split("Thời hạn")[0]
    # Tasks none of the people below leads or supports (Sở Tư pháp's head is one of them).
    other_tasks = [task for task in tasks if "Sở Tư pháp" not in units_of(task)][:8]
    users = ids(Client(base_url, "quantri"), "/users", r'href="/users/(\d+)"')[:6]
    assert dossiers and other_tasks and users

    endpoints = []
    for dossier in dossiers:
        endpoints += [("GET", f"/dossiers/{dossier}", None), ("GET", f"/dossiers/{dossier}/forms/06", None),
                      ("POST", f"/dossiers/{dossier}/actions", {"action": "startProcessing"}), ("GET", f"/dossiers/{dossier}/service-facts", None)]
    missing_dossier = [("GET", f"/dossiers/{MISSING}", None), ("GET", f"/dossiers/{MISSING}/forms/06", None),
                       ("POST", f"/dossiers/{MISSING}/actions", {"action": "startProcessing"}), ("GET", f"/dossiers/{MISSING}/service-facts", None)]
    reform = []
    for task in other_tasks:
        reform += [("GET", f"/reform/tasks/{task}", None), ("POST", f"/reform/tasks/{task}/decision", {"decision": "accept"}),
                   ("POST", f"/reform/tasks/{task}/items", {"kind": "session", "title": "x"})]
    for plan in plans:
        reform += [("GET", f"/reform/plans/{plan}/overdue", None), ("POST", f"/reform/plans/{plan}/urge", {"window": "10", "escalateAfter": "10"}),
                   ("POST", f"/reform/plans/{plan}/carry-over", {})]
    missing_reform = [("GET", f"/reform/tasks/{MISSING}", None), ("POST", f"/reform/tasks/{MISSING}/decision", {"decision": "accept"}),
                      ("POST", f"/reform/tasks/{MISSING}/items", {"kind": "session", "title": "x"}),
                      ("GET", f"/reform/plans/{MISSING}/overdue", None), ("POST", f"/reform/plans/{MISSING}/urge", {"window": "10", "escalateAfter": "10"}),
                      ("POST", f"/reform/plans/{MISSING}/carry-over", {})]
    account = [("GET", f"/users/{user}", None) for user in users] + [("POST", f"/users/{user}/status", {"active": "false", "reason": "x"}) for user in users]
    missing_account = [("GET", f"/users/{MISSING}", None), ("POST", f"/users/{MISSING}/status", {"active": "false", "reason": "x"})]

    # Who tries: another ward's head, a department's head, a surveyor, a citizen (none of them owns those objects).
    matrix = {"lanhdao.cuanam": [(endpoints, missing_dossier), (reform, missing_reform), (account, missing_account)],
              "lanhdao.sotuphap": [(endpoints, missing_dossier), (reform, missing_reform), (account, missing_account)],
              "dieutra.1": [(endpoints, missing_dossier), (reform, missing_reform), (account, missing_account)],
              "congdan.mau": [(endpoints, missing_dossier), (reform, missing_reform), (account, missing_account)]}
    attempts, leaks = 0, []
    for username, groups in matrix.items():
        client = Client(base_url, username)
        for foreign, missing in groups:
            expected = {}
            for method, path, form in missing:
                status, _ = client.request(method, path, form)
                shape = re.sub(r"\d+", "N", path)
                expected[(method, shape)] = status
                attempts += 1
            for method, path, form in foreign:
                status, _ = client.request(method, path, form)
                attempts += 1
                shape = re.sub(r"\d+", "N", path)
                if status < 400 or status != expected.get((method, shape), status):
                    leaks.append((username, method, path, status, expected.get((method, shape))))
    print("access matrix:", attempts, "attempts,", len(leaks), "successes or differences")
    assert not leaks, leaks[:20]

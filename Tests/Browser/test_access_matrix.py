"""Issue 10, figure 5: a generated matrix of object endpoints × signed-in roles and units ×
methods, with ids of objects that exist but belong to someone else and ids that do not exist. No attempt may
succeed, and a foreign object must answer exactly as a missing one (same status), so that nobody learns what
exists. The ids are discovered as their owners see them; the number of attempts is printed. MOTCUA_MATRIX_COPIES
scales the objects tried (1 in the test command; 7 gives the full-size figure in docs/RELIABILITY.md)."""
import os
import re

from http_client import INTAKE, Client

MISSING = 987654321
# How many objects of each kind are tried: 1 in the test command, 7 for the full-size figure (≥ 2,000 attempts).
COPIES = int(os.environ.get("MOTCUA_MATRIX_COPIES", "1"))


def ids(client, path, pattern):
    status, page = client.get(path)
    assert status == 200, (path, status)
    return sorted({int(found) for found in re.findall(pattern, page)})


def test_foreign_objects_answer_like_missing_ones(base_url):
    # What exists, as the owners see it.
    desk = Client(base_url, "motcua.hoankiem")
    # The ward's own: a dossier received here for a department (Sở Tư pháp's head is one of the people below) is
    # theirs too, as the demo city's inter-level intake shows.
    def own_dossiers():
        listed = ids(desk, "/dossiers", r'href="/dossiers/(\d+)"')
        return [dossier for dossier in listed if "Sở Tư pháp" not in desk.get(f"/dossiers/{dossier}")[1]][:8 * COPIES]
    dossiers = own_dossiers()
    if len(dossiers) < 8 * COPIES:      # the full size: the desk receives more dossiers of its own first
        ward = desk.receiving_unit()
        for _ in range(8 * COPIES - len(dossiers)):
            assert desk.post("/dossiers", dict(INTAKE, receivingUnit=ward))[0] == 303
        dossiers = own_dossiers()
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
    other_tasks = [task for task in tasks if "Sở Tư pháp" not in units_of(task)][:8 * COPIES]
    # Accounts of Phường Hoàn Kiếm, as its head sees them (none is in the units of the people below).
    users = ids(Client(base_url, "lanhdao.hoankiem"), "/users", r'href="/users/(\d+)"')[:6 * COPIES]
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
    attempts, leaks = attempts_by(base_url, matrix)
    print("access matrix:", attempts, "attempts,", len(leaks), "successes or differences")
    assert not leaks, leaks[:20]


def attempts_by(base_url, matrix):
    """Runs each person's foreign attempts after the same attempts on missing ids; returns (attempts, leaks):
    a leak is a success, or an answer that differs from the missing object's."""
    attempts, leaks = 0, []
    for username, groups in matrix.items():
        client = Client(base_url, username)
        for foreign, missing in groups:
            expected = {}
            for method, path, form in missing:
                status, _ = client.request(method, path, form)
                expected[(method, re.sub(r"\d+", "N", path))] = status
                attempts += 1
            for method, path, form in foreign:
                status, _ = client.request(method, path, form)
                attempts += 1
                wanted = expected.get((method, re.sub(r"\d+", "N", path)), status)
                if status < 400 or status != wanted:
                    leaks.append((username, method, path, status, wanted))
    return attempts, leaks


def test_every_kind_of_object_against_people_who_do_not_own_it(own_server):
    """The other object endpoints — attachments, a citizen's online drafts, PAR rounds and unit assessments,
    SIPAS campaigns, feedback items — on a server of this test's own (the objects are created by their owners
    first: the shared demo server's PAR and SIPAS tests need theirs to be the only ones)."""
    copies = COPIES
    base = own_server.url
    desk = Client(base, "motcua.hoankiem")
    ward = desk.receiving_unit()
    attachments = []
    for dossier in ids(desk, "/dossiers", r'href="/dossiers/(\d+)"')[:3 * copies]:
        status, _ = desk.upload(f"/dossiers/{dossier}/attachments", {"description": "", "purpose": "application"}, "ho-so.pdf",
                                b"%PDF-1.4\n% " + str(dossier).encode() + b"\n%%EOF\n")
        assert status == 303
        _, page = desk.get(f"/dossiers/{dossier}")
        attachments += re.findall(r'href="(/dossiers/\d+/attachments/\d+)"', page)
    citizen = Client(base, "congdan.mau")
    drafts = []
    for code in ["DEMO-HT-06", "DEMO-TP-01"] * copies:
        assert citizen.post(f"/procedures/{code}/file", {})[0] == 303
        drafts.append(citizen.location)
    secretariat = Client(base, "thuky.totcongtac")
    assert secretariat.post("/par/rounds", {"framework": "1", "selfDays": "10", "responseDays": "5"})[0] == 303
    par_round = secretariat.location
    _, page = secretariat.get(par_round)
    # The assessments of departments other than Sở Tư pháp (whose head is one of the people below).
    assessments = [link for link, name in re.findall(r'href="(/par/rounds/\d+/units/\d+)"[^>]*>([^<]*)<', page) if "Tư pháp" not in name]
    _, page = secretariat.get("/sipas/new")
    surveyed = re.findall(r'name="(unit-\d+)"', page)[:2]
    campaigns = []
    for index in range(copies):
        assert secretariat.post("/sipas", {"name": f"Đợt {index}", "questionnaire": "sipas-2022", "serviceFrom": "2026-01-01",
                                           "serviceTo": "2026-06-30", "size": "50", "minimum": "5", "seed": str(index),
                                           "allocation": "proportional", **{unit: "on" for unit in surveyed}})[0] == 303
        campaigns.append(secretariat.location)
    visitor = Client(base)
    feedback = []
    for index in range(min(2 * copies, 8)):      # within the per-address limit of submissions
        status, page = visitor.post("/feedback", {"subject": "unit", "unit": ward, "contactName": "Nguyễn Văn Bình", "phone": "0912345678",
                                                  "content": f"Phản ánh số {index}: tiếp nhận chậm, đề nghị xem xét."})
        feedback.append(re.search(r"/feedback/items/(PA-\d+)", page).group(1))
    assert attachments and len(drafts) == 2 * copies and assessments and campaigns and feedback

    def for_each(objects, actions):
        return [(method, template.format(object), form) for object in objects for method, template, form in actions]

    attachment_actions = [("GET", "{}", None)]
    draft_actions = [("GET", "{}", None), ("POST", "{}/submit", {}), ("POST", "{}/delete", {}), ("POST", "{}/files/1/delete", {}),
                     ("POST", "{}/review", {"unit": ward, "delivery": "atDesk"}), ("GET", "{}/review", None),
                     ("POST", "{}/declaration", {"f-ho-ten": "Nguyễn Văn Bình"})]
    assessment_actions = [("GET", "{}", None), ("POST", "{}/submit", {}), ("POST", "{}/accept-rest", {})]
    round_actions = [("POST", "{}/advance", {}), ("POST", "{}/publish", {})]
    campaign_actions = [("GET", "{}", None), ("POST", "{}/draw", {}), ("GET", "{}/results", None), ("GET", "{}/results.csv", None),
                        ("GET", "{}/results.xlsx", None), ("GET", "{}/responses.csv", None), ("POST", "{}/invite", {}), ("POST", "{}/close", {})]
    paper_actions = [("GET", "{}/paper", None), ("GET", "{}/paper/forms", None)]
    feedback_actions = [("GET", "/feedback/items/{}", None), ("POST", "/feedback/items/{}/answer", {"answer": "Đã xử lý.", "publishable": "on"}),
                        ("POST", "/feedback/items/{}/rating", {"satisfied": "true"})]
    groups = {
        "attachments": (for_each(attachments, attachment_actions), for_each([f"/dossiers/{MISSING}/attachments/{MISSING}"], attachment_actions)),
        "drafts": (for_each(drafts, draft_actions), for_each([f"/my/drafts/{MISSING}"], draft_actions)),
        "assessments": (for_each(assessments, assessment_actions), for_each([f"{par_round}/units/{MISSING}"], assessment_actions)),
        "rounds": (for_each([par_round], round_actions), for_each([f"/par/rounds/{MISSING}"], round_actions)),
        "campaigns": (for_each(campaigns, campaign_actions), for_each([f"/sipas/{MISSING}"], campaign_actions)),
        "paper": (for_each(campaigns, paper_actions), for_each([f"/sipas/{MISSING}"], paper_actions)),
        "feedback": (for_each(feedback, feedback_actions), for_each(["PA-987654"], feedback_actions)),
    }
    # Who tries what none of them owns or may act on.
    matrix = {
        "lanhdao.cuanam": [groups[name] for name in ["attachments", "drafts", "assessments", "rounds", "campaigns", "paper", "feedback"]],
        "lanhdao.sotuphap": [groups[name] for name in ["attachments", "drafts", "assessments", "rounds", "campaigns", "paper", "feedback"]],
        "motcua.hoankiem": [groups[name] for name in ["drafts", "assessments", "rounds", "campaigns", "paper"]],
        "dieutra.1": [groups[name] for name in ["attachments", "drafts", "assessments", "rounds", "campaigns", "feedback"]],
        "congdan.mau": [groups[name] for name in ["attachments", "assessments", "rounds", "campaigns", "paper", "feedback"]],
    }
    attempts, leaks = attempts_by(base, matrix)
    print(f"\naccess matrix, other objects: {attempts} attempts by {len(matrix)} people, {len(leaks)} successes or differences")
    assert not leaks, leaks[:20]

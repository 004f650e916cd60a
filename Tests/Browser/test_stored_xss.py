"""Issue 10, figure 8: markup typed into the free-text fields of the reform pages (plan title,
task content from an imported sheet, progress note, session name, directive title and summary) comes back as
text on every page that shows it — the plan, task, board, overdue list, SVG time line, report (and its workbook,
escaped in the XML), directive and the public news pages — and never runs in headless Chromium; the second test
covers the one-stop, feedback and SIPAS fields, the third words echoed into a field's value. CSV exports neutralise
formulas (CSVTests)."""
import html
import io
import os
import re
import urllib.parse
import zipfile

from selenium.webdriver.common.by import By

from http_client import Client
from test_pages import and_wait_for_next_page, sign_in

PAYLOADS = ['<img src=x onerror="window.__xss=1">', '"><script>window.__xss=1</script>', "</title><svg onload=window.__xss=1>"]


def fill(browser, element_id, text):
    field = browser.find_element(By.ID, element_id)
    field.clear()
    field.send_keys(text)


def click(browser, text):
    and_wait_for_next_page(browser, browser.find_element(By.XPATH, f"//button[normalize-space()='{text}']").click)


def assert_inert(browser, url, expected):
    browser.get(url)
    assert browser.execute_script("return window.__xss") is None, url
    html = browser.page_source
    for payload in PAYLOADS:
        assert payload not in html, (url, payload)
    text = browser.find_element(By.TAG_NAME, "main").text
    assert expected in text, (url, expected)


def test_markup_in_free_text_is_shown_as_text(browser, base_url, tmp_path):
    # A year of its own: not the demo plans' (2022, 2023) nor test_reform's (2041–2100) — 2040 − pid % 30 hit the demo
    # years in one run of fifteen.
    run = os.getpid() % 1000
    year = 2030 + run % 11
    marker = PAYLOADS[0]
    sign_in(browser, base_url, "thuky.totcongtac")
    browser.get(base_url + "/reform")
    fill(browser, "plan-year", str(year))
    fill(browser, "plan-title", f"Kế hoạch {year} {PAYLOADS[1]}")
    click(browser, "Lập kế hoạch")
    plan_url = browser.current_url.split("?")[0]
    sheet = tmp_path / "xss.csv"
    rows = "".join(f'"Tập huấn {p.replace(chr(34), chr(34) * 2)}",KH,Sở Nội vụ,,31/1/{year},tập huấn\n' for p in PAYLOADS)
    sheet.write_text("Nội dung,Văn bản giao,Đơn vị chủ trì,Đơn vị phối hợp,Thời hạn,Loại\n" + rows, encoding="utf-8")
    browser.find_element(By.ID, "tasks-file").send_keys(str(sheet))
    click(browser, "Nhập nhiệm vụ")
    and_wait_for_next_page(browser, browser.find_element(By.PARTIAL_LINK_TEXT, "Tập huấn <img").click)
    task_url = browser.current_url.split("?")[0]
    # The secretariat may add a session (the lead unit too).
    fill(browser, "item-title", f"Lớp {PAYLOADS[2]}")
    click(browser, "Thêm")

    browser.get(base_url + "/reform/directives")
    fill(browser, "directive-title", f"Thông báo {PAYLOADS[0]}")
    fill(browser, "directive-issuer", f"Tổ công tác {PAYLOADS[1]}")
    browser.execute_script(f"document.getElementById('directive-date').value = '{year}-01-05'")
    browser.find_element(By.ID, "directive-summary").send_keys(f"Kết luận {PAYLOADS[2]}")
    browser.find_element(By.CSS_SELECTOR, "label[for='directive-publish']").click()
    click(browser, "Lưu văn bản")
    directive_url = browser.current_url.split("?")[0]
    news_url = base_url + "/public/news/" + directive_url.rstrip("/").split("/")[-1]

    for url, expected in [(plan_url, "Tập huấn " + marker), (task_url, "Lớp " + PAYLOADS[2]),
                          (plan_url + f"/overdue?ngay={year}-02-15", "Tập huấn " + PAYLOADS[1]),
                          (plan_url + f"/timeline?ngay={year}-02-15", "Tiến độ theo thời gian"), (plan_url + "/report?quy=1", "Tập huấn " + marker),
                          (directive_url, "Kết luận " + PAYLOADS[2]), (base_url + "/public/news?q=thong+bao", "Thông báo " + marker),
                          (news_url, "Tổ công tác " + PAYLOADS[1])]:
        assert_inert(browser, url, expected)
    # The quarterly report's workbook holds the tasks' content as escaped text.
    status, workbook = Client(base_url, "thuky.totcongtac").download(plan_url.removeprefix(base_url) + "/report.xlsx?quy=1")
    assert status == 200
    with zipfile.ZipFile(io.BytesIO(workbook)) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    assert any(b"&lt;img src=x" in part for part in parts.values()), "the tasks' content is in the workbook, escaped"
    assert not [name for name, part in parts.items() if b"<img src=x" in part]
    # The time line's SVG carries the names as text too (its <title> elements).
    browser.get(plan_url + f"/timeline?ngay={year}-02-15")
    titles = browser.execute_script("return Array.from(document.querySelectorAll('#reform-timeline svg title')).map(t => t.textContent).join('\\n')")
    assert "Tập huấn " + PAYLOADS[2] in titles and browser.execute_script("return window.__xss") is None


def test_markup_in_the_other_free_text_fields_is_shown_as_text(browser, own_server):
    """The other free-text fields — a dossier's applicant name and address, an attachment's name and description,
    an action's reason, a feedback item's content, contact name and officer, a SIPAS campaign's name — on every
    page that shows them (the dossier, the list, the printed receipt and control sheet, the public tracking page,
    the feedback inbox and item, the campaign and its results), and the CSV exports (served as downloads), on a
    server of this test's own."""
    base = own_server.url
    desk = Client(base, "motcua.hoankiem")
    ward = desk.receiving_unit()
    assert desk.post("/dossiers", {"procedure": "DEMO-HT-06", "receivingUnit": ward, "channel": "inPerson", "applicantKind": "person",
                                   "applicantName": "Lê " + PAYLOADS[0], "identifier": "001301012345", "birthYear": "2001",
                                   "gender": "female", "address": "Số 1 " + PAYLOADS[1]})[0] == 303
    dossier = base + desk.location.split("?")[0]
    status, _ = desk.upload(desk.location.split("?")[0] + "/attachments", {"description": "Bản sao " + PAYLOADS[2], "purpose": "application"},
                            'anh><img src=x onerror=window.__xss=1>.pdf', b"%PDF-1.4\n%%EOF\n")
    assert status == 303
    _, page = desk.get(desk.location.split("?")[0])
    code = re.search(r"<h1>Hồ sơ ([0-9-]+)</h1>", page).group(1)
    lock = re.search(r'name="action" value="requestSupplement"/><input type="hidden" name="lockVersion" value="(\d+)"', page).group(1)
    assert desk.post(f"/dossiers/{dossier.rsplit('/', 1)[1]}/actions",
                     {"action": "requestSupplement", "lockVersion": lock, "reason": "Thiếu giấy tờ " + PAYLOADS[0]})[0] == 303
    status, page = Client(base).post("/feedback", {"subject": "unit", "unit": ward, "officer": "Cán bộ " + PAYLOADS[1],
                                                   "contactName": "Bình " + PAYLOADS[2], "phone": "0912345678",
                                                   "content": "Phản ánh " + PAYLOADS[0]})
    assert status == 200, re.findall(r'error[^>]*>([^<]*)<', page)
    item = base + html.unescape(re.search(r'(/feedback/items/PA-\d+\?t=[^"<\s]+)', page).group(1))
    secretariat = Client(base, "thuky.totcongtac")
    _, page = secretariat.get("/sipas/new")
    unit = re.findall(r'name="(unit-\d+)"', page)[0]
    assert secretariat.post("/sipas", {"name": "Đợt " + PAYLOADS[0], "questionnaire": "sipas-2022", "serviceFrom": "2026-01-01",
                                       "serviceTo": "2026-06-30", "size": "50", "minimum": "5", "seed": "3", "allocation": "proportional",
                                       unit: "on"})[0] == 303
    campaign_path = secretariat.location
    campaign = base + campaign_path

    sign_in(browser, base, "motcua.hoankiem")
    for url, expected in [(dossier, "Lê " + PAYLOADS[0]), (dossier, "Số 1 " + PAYLOADS[1]), (dossier, "Bản sao " + PAYLOADS[2]),
                          (dossier, "anh><img src=x onerror=window.__xss=1>.pdf"), (dossier, "Thiếu giấy tờ " + PAYLOADS[0]),
                          (base + "/dossiers", "Lê " + PAYLOADS[0]), (dossier + "/forms/receipt", "Lê " + PAYLOADS[0]),
                          (dossier + "/forms/controlSheet", code), (base + f"/track/{code}", code)]:
        assert_inert(browser, url, expected)
    sign_in(browser, base, "lanhdao.hoankiem")
    for url, expected in [(base + "/feedback/inbox", "PA-"), (item, "Phản ánh " + PAYLOADS[0])]:
        assert_inert(browser, url, expected)
    sign_in(browser, base, "thuky.totcongtac")
    for url, expected in [(base + "/sipas", "Đợt " + PAYLOADS[0]), (campaign, "Đợt " + PAYLOADS[0]), (campaign + "/results", "Đợt " + PAYLOADS[0])]:
        assert_inert(browser, url, expected)
    for export in ["/results.csv", "/responses.csv"]:
        status, _ = secretariat.download(campaign_path + export)
        assert status == 200 and secretariat.headers["Content-Type"].startswith("text/csv"), export
        assert secretariat.headers["Content-Disposition"].startswith("attachment"), export


ATTRIBUTE_PAYLOAD = "\" autofocus onfocus=\"window.__xss=1\" data-injected='<b>&lt;"


def test_typed_words_stay_inside_the_field_that_echoes_them(browser, base_url):
    """Search boxes and forms echo what a visitor typed in a field's value: a quote there closed the attribute
    (Plot wrote attribute values unescaped) and let the words add attributes of their own. In Chromium the field
    now holds exactly what was typed, entity-looking text included, and no element carries an injected attribute."""
    words = urllib.parse.quote(ATTRIBUTE_PAYLOAD)
    pages = [(f"/procedures?q={words}", "q"), (f"/public/news?q={words}", "news-q"),
             (f"/calendar/due?received=2026-11-02T08%3A00&unit=days&amount={words}", "amount")]
    sign_in(browser, base_url, "motcua.hoankiem")
    pages.append((f"/dossiers?q={words}", "q"))
    for path, field in pages:
        browser.get(base_url + path)
        assert browser.find_element(By.ID, field).get_attribute("value") == ATTRIBUTE_PAYLOAD, path
        assert browser.execute_script("return document.querySelectorAll('[data-injected], [onfocus]').length") == 0, path
        assert browser.execute_script("return window.__xss") is None, path

"""Issue 10, figure 8 at reduced size: markup typed into the free-text fields of the reform pages (plan title,
task content from an imported sheet, progress note, session name, directive title and summary) comes back as
text on every page that shows it — the plan, task, board, overdue list, SVG time line, report, directive and the
public news pages — and never runs in headless Chromium."""
import os

from selenium.webdriver.common.by import By

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
    run = os.getpid() % 1000
    year = 2040 - (run % 30)
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
    # The time line's SVG carries the names as text too (its <title> elements).
    browser.get(plan_url + f"/timeline?ngay={year}-02-15")
    titles = browser.execute_script("return Array.from(document.querySelectorAll('#reform-timeline svg title')).map(t => t.textContent).join('\\n')")
    assert "Tập huấn " + PAYLOADS[2] in titles and browser.execute_script("return window.__xss") is None

"""Issue 9 in headless Chromium: the administrator gives Sở Tư pháp an officer with an e-mail address; the
secretariat creates a plan and imports its tasks from a CSV file; the unit's officer reports progress with an
evidence file on its own task; with a fixed day (the urging run's "as of" date) the task is overdue, the
digest reaches the test SMTP server, and the city's overdue list shows it; the report, time line and the
public news page (diacritics-free search, one star rating) work; the demo of Notice 90/TB-VP shows the
carried-over tasks, the training, the pilots and the units urged — with axe-core on each page."""
import os
import urllib.request

from selenium.webdriver.common.by import By
from selenium.webdriver.support.select import Select

from test_dossiers import no_serious_violations
from test_notifications import sink, wait_for, mails_about  # noqa: F401 (fixture)
from test_pages import DEMO_PASSWORD, and_wait_for_next_page, sign_in

PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


def click(browser, text):
    and_wait_for_next_page(browser, browser.find_element(By.XPATH, f"//button[normalize-space()='{text}']").click)


def fill(browser, element_id, text):
    field = browser.find_element(By.ID, element_id)
    field.clear()
    field.send_keys(text)


def test_a_plan_from_import_to_urging(browser, base_url, axe_source, sink, tmp_path):
    run = os.getpid() % 1000
    year = 2100 - (run % 60)
    officer, address = f"chuyenvien.stp.{run}", f"stp-{run}@motcua.test"

    sign_in(browser, base_url, "quantri")
    browser.get(base_url + "/users/new")
    fill(browser, "username", officer)
    fill(browser, "displayName", "Chuyên viên Sở Tư pháp (thử nghiệm)")
    fill(browser, "email", address)
    fill(browser, "password", DEMO_PASSWORD)
    Select(browser.find_element(By.ID, "new-role")).select_by_value("caseOfficer")
    unit = browser.find_element(By.XPATH, "//select[@id='new-unit']/option[starts-with(normalize-space(), 'Sở Tư pháp')]")
    Select(browser.find_element(By.ID, "new-unit")).select_by_value(unit.get_attribute("value"))
    and_wait_for_next_page(browser, browser.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click)
    assert "Đã lưu thay đổi." in browser.find_element(By.TAG_NAME, "main").text

    # The secretariat creates the plan and imports its tasks.
    sign_in(browser, base_url, "thuky.totcongtac")
    browser.get(base_url + "/reform")
    no_serious_violations(browser, axe_source)
    fill(browser, "plan-year", str(year))
    fill(browser, "plan-title", f"Kế hoạch cải cách hành chính năm {year} (thử nghiệm)")
    click(browser, "Lập kế hoạch")
    plan_url = browser.current_url.split("?")[0]
    sheet = tmp_path / "nhiem-vu.csv"
    sheet.write_text("Nội dung,Văn bản giao,Đơn vị chủ trì,Đơn vị phối hợp,Thời hạn,Loại,Tiêu chí PAR\n"
                     f"Rà soát thủ tục hành chính nội bộ,Kế hoạch {year},so tu phap,Sở Nội vụ,31/1/{year},,2.1\n"
                     f"Tập huấn một cửa liên thông,Kế hoạch {year},Sở Nội vụ,,quý II/{year},tập huấn,\n", encoding="utf-8")
    browser.find_element(By.ID, "tasks-file").send_keys(str(sheet))
    click(browser, "Nhập nhiệm vụ")
    assert "Đã thêm 2 nhiệm vụ." in browser.find_element(By.ID, "form-notice").text
    tasks = browser.find_element(By.ID, "reform-tasks").text
    assert "Rà soát thủ tục hành chính nội bộ" in tasks and "Tập huấn, bồi dưỡng" in tasks
    no_serious_violations(browser, axe_source)

    # The unit's officer reports on its own task, with evidence.
    evidence = tmp_path / "bao-cao-tien-do.pdf"
    evidence.write_bytes(PDF)
    sign_in(browser, base_url, officer)
    browser.get(base_url + "/reform")
    and_wait_for_next_page(browser, browser.find_element(By.PARTIAL_LINK_TEXT, "Nhiệm vụ của Sở Tư pháp").click)
    assert "Tập huấn một cửa liên thông" not in browser.find_element(By.ID, "board-lead").text
    and_wait_for_next_page(browser, browser.find_element(By.LINK_TEXT, "Rà soát thủ tục hành chính nội bộ").click)
    fill(browser, "percent", "40")
    browser.find_element(By.ID, "note").send_keys("Chờ ý kiến của Sở Tài chính")
    browser.find_element(By.ID, "evidence").send_keys(str(evidence))
    click(browser, "Gửi báo cáo")
    assert "bao-cao-tien-do.pdf" in browser.find_element(By.ID, "task-files").text
    assert "Báo cáo tiến độ 40%" in browser.find_element(By.ID, "task-history").text
    no_serious_violations(browser, axe_source)

    # On a fixed day after the deadline the secretariat urges: Sở Tư pháp about its overdue task (to its officer),
    # Sở Nội vụ to report on its training (no report for over 30 days).
    sign_in(browser, base_url, "thuky.totcongtac")
    browser.get(plan_url)
    browser.execute_script(f"document.getElementById('urge-as-of').value = '{year}-02-15'")
    fill(browser, "urge-escalate", "30")
    click(browser, "Gửi thư đôn đốc")
    assert "Đã gửi thư đôn đốc đến 2 đơn vị." in browser.find_element(By.ID, "form-notice").text
    mail = wait_for(lambda: [m for m in mails_about(sink, f"15/02/{year}") if m["To"] == address])[0]
    body = mail.get_body(preferencelist=("plain",)).get_content()
    assert "Sở Tư pháp" in mail["Subject"] and "Rà soát thủ tục hành chính nội bộ" in body and "Tập huấn" not in body
    assert "/reform/plans/" in body and "Chờ ý kiến" not in body
    print("Digest received by the SMTP server:", mail["Subject"])

    browser.get(plan_url + f"/overdue?ngay={year}-02-15")
    overdue = browser.find_element(By.ID, "overdue-tasks").text
    assert "Rà soát thủ tục hành chính nội bộ" in overdue and "Chờ ý kiến của Sở Tài chính" in overdue and "Tập huấn" not in overdue
    no_serious_violations(browser, axe_source)
    browser.get(plan_url + f"/timeline?ngay={year}-02-15")
    assert browser.find_element(By.CSS_SELECTOR, "#reform-timeline svg")
    no_serious_violations(browser, axe_source)
    browser.get(plan_url + "/report?quy=1")
    assert "Chờ ý kiến của Sở Tài chính" in browser.find_element(By.ID, "report-late").text
    no_serious_violations(browser, axe_source)
    xlsx = browser.find_element(By.PARTIAL_LINK_TEXT, "Tải Excel").get_attribute("href")
    cookies = "; ".join(f"{c['name']}={c['value']}" for c in browser.get_cookies())
    with urllib.request.urlopen(urllib.request.Request(xlsx, headers={"Cookie": cookies})) as response:
        assert response.status == 200 and response.read(2) == b"PK"


def test_the_demo_of_notice_90_and_the_public_news_page(browser, base_url, axe_source):
    sign_in(browser, base_url, "thuky.totcongtac")
    browser.get(base_url + "/reform")
    and_wait_for_next_page(browser, browser.find_element(By.PARTIAL_LINK_TEXT, "xem tại ngày 10/04/2023").click)
    assert browser.find_element(By.ID, "demo-warning")
    tasks = browser.find_element(By.ID, "reform-tasks").text
    for part in ["chuyển tiếp", "Tập huấn về dịch vụ công trực tuyến", "Thí điểm mô hình Bộ phận Một cửa cấp quận tại quận Hoàn Kiếm",
                 "Trung tâm phục vụ hành chính công cấp phường", "Hội nghị công bố Chỉ số CCHC năm 2022"]:
        assert part in tasks, part
    no_serious_violations(browser, axe_source)
    and_wait_for_next_page(browser, browser.find_element(By.LINK_TEXT, "Tập huấn về kiểm soát thủ tục hành chính và cơ chế một cửa liên thông").click)
    assert "Đã tổ chức 1/3 lớp; 138/150 người tham dự (92,0%)." in browser.find_element(By.ID, "task-items-summary").text
    no_serious_violations(browser, axe_source)
    browser.back()
    and_wait_for_next_page(browser, browser.find_element(By.LINK_TEXT, "Nhiệm vụ quá hạn").click)
    overdue = browser.find_element(By.ID, "overdue-tasks").text
    assert "Số hóa hồ sơ" in overdue and "Sở Tư pháp: nhiệm vụ quý I/2023" in overdue
    and_wait_for_next_page(browser, browser.find_element(By.LINK_TEXT, "Quận Hoàn Kiếm").click)
    assert "Nhiệm vụ quá hạn" in browser.find_element(By.ID, "board-urges").text
    no_serious_violations(browser, axe_source)

    # The public page: found without diacritics, rated once.
    browser.delete_all_cookies()
    browser.get(base_url + "/public/news?q=thong+bao+ket+luan+pho+chu+tich")
    no_serious_violations(browser, axe_source)
    and_wait_for_next_page(browser, browser.find_element(By.CSS_SELECTOR, "#news-list h2 a").click)
    assert "90/TB-VP" in browser.find_element(By.TAG_NAME, "main").text
    browser.find_element(By.CSS_SELECTOR, "label[for='star-5']").click()
    click(browser, "Gửi đánh giá")
    assert browser.find_element(By.ID, "rating-thanks")
    assert "/5 (" in browser.find_element(By.ID, "news-rating").text
    assert not browser.find_elements(By.ID, "rating-form")
    no_serious_violations(browser, axe_source)

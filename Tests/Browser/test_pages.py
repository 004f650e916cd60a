"""Browser tests in headless Chromium: sign-in, the text-size control, and accessibility (axe-core) of every
page that exists, with no serious or critical violations."""
import json
import os
import pathlib

import pytest
from selenium.common.exceptions import StaleElementReferenceException, WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.select import Select
from selenium.webdriver.support.wait import WebDriverWait

DEMO_PASSWORD = "thu nghiem mot cua ha noi"
SCREENSHOTS = pathlib.Path(os.environ.get("MOTCUA_SCREENSHOTS", "/tmp/motcua-screenshots"))


def run_axe(browser, axe_source):
    browser.execute_script(axe_source)
    result = browser.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {resultTypes: ['violations']}).then(r => done({version: axe.version, violations: r.violations}))"
        ".catch(e => done({error: String(e)}));"
    )
    assert "error" not in result, result
    return result


def and_wait_for_next_page(browser, action):
    """Runs an action that loads a new page (a click, a submit) and waits until the old document is gone, so
    that no later lookup finds an element of the page being left."""
    old_document = browser.find_element(By.TAG_NAME, "html")
    action()

    def left(_):
        try:
            old_document.tag_name
            return False
        except (StaleElementReferenceException, WebDriverException):
            # Chromium sometimes reports a node of the old document as "not belonging to the document"
            # instead of stale; both mean the page was left.
            return True

    WebDriverWait(browser, 10).until(left)
    WebDriverWait(browser, 10).until(lambda b: b.execute_script("return document.readyState") == "complete")


def sign_in(browser, base_url, username):
    browser.get(base_url + "/sign-in")
    browser.find_element(By.ID, "username").send_keys(username)
    browser.find_element(By.ID, "password").send_keys(DEMO_PASSWORD)
    and_wait_for_next_page(browser, browser.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click)


def from_the_menu(browser, text):
    """Follows a link of the main menu, unfolding it first on a phone."""
    toggle = browser.find_element(By.CSS_SELECTOR, "header .nav-toggle")
    if toggle.is_displayed():
        toggle.click()
    and_wait_for_next_page(browser, browser.find_element(By.ID, "site-menu").find_element(By.LINK_TEXT, text).click)


def test_sign_in_and_text_size(browser, base_url):
    sign_in(browser, base_url, "lanhdao.hoankiem")
    assert "Xin chào" in browser.find_element(By.TAG_NAME, "main").text
    assert "Lãnh đạo đơn vị" in browser.page_source

    control = browser.find_element(By.ID, "text-size")
    assert control.is_displayed(), "the text-size control is shown once its script runs"
    root_size = lambda: browser.execute_script("return parseFloat(getComputedStyle(document.documentElement).fontSize)")
    base = root_size()
    browser.find_element(By.CSS_SELECTOR, "[data-text-size=larger]").click()
    browser.find_element(By.CSS_SELECTOR, "[data-text-size=larger]").click()
    larger = root_size()
    assert larger > base
    browser.get(base_url + "/units")
    assert root_size() == larger, "the chosen size is remembered across pages"
    browser.find_element(By.CSS_SELECTOR, "[data-text-size=reset]").click()
    assert root_size() == base
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    browser.save_screenshot(str(SCREENSHOTS / "units.png"))

    and_wait_for_next_page(browser, browser.find_element(By.CSS_SELECTOR, "header form button[type=submit]").click)
    assert "Đăng nhập" in browser.find_element(By.CSS_SELECTOR, "header").text


def test_the_menu_folds_on_a_phone(browser, base_url):
    """On a phone the main menu folds behind "Danh mục" (issue 22): the header leaves room for the page, the button
    says whether it is open, and the menu opens and leads on; on a desk screen the menu is always shown."""
    sign_in(browser, base_url, "thuky.totcongtac")
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": 390, "height": 844, "deviceScaleFactor": 1, "mobile": True})
    try:
        browser.get(base_url + "/procedures")
        toggle = browser.find_element(By.CSS_SELECTOR, "header .nav-toggle")
        menu = browser.find_element(By.ID, "site-menu")
        assert toggle.is_displayed() and toggle.text == "Danh mục" and toggle.get_attribute("aria-expanded") == "false"
        assert not menu.is_displayed()
        header = browser.execute_script("return document.querySelector('header').getBoundingClientRect().height")
        assert header < 260, f"the folded header takes {header} px"
        toggle.click()
        assert menu.is_displayed() and toggle.get_attribute("aria-expanded") == "true"
        and_wait_for_next_page(browser, menu.find_element(By.LINK_TEXT, "Lịch làm việc").click)
        assert browser.current_url.startswith(base_url + "/calendar")
        assert not browser.find_element(By.ID, "site-menu").is_displayed(), "a new page starts with the menu folded"
    finally:
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    browser.get(base_url + "/procedures")
    assert browser.find_element(By.ID, "site-menu").is_displayed()
    assert not browser.find_element(By.CSS_SELECTOR, "header .nav-toggle").is_displayed()


def test_wrong_password_shows_a_vietnamese_message(browser, base_url):
    browser.get(base_url + "/sign-in")
    browser.find_element(By.ID, "username").send_keys("quantri")
    browser.find_element(By.ID, "password").send_keys("mật khẩu sai hoàn toàn")
    and_wait_for_next_page(browser, browser.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click)
    assert "Tên đăng nhập hoặc mật khẩu không đúng." in browser.find_element(By.ID, "sign-in-error").text
    assert browser.find_element(By.ID, "username").get_attribute("value") == "quantri"


def test_search_ignores_diacritics(browser, base_url):
    browser.get(base_url + "/units")
    field = browser.find_element(By.ID, "q")
    field.send_keys("hoan kiem")
    and_wait_for_next_page(browser, field.submit)
    assert "Phường Hoàn Kiếm" in browser.find_element(By.TAG_NAME, "table").text


PUBLIC_PAGES = ["/", "/units", "/units?q=hoan+kiem&period=all", "/glossary", "/sign-in", "/no-such-page",
                "/calendar?year=2026", "/calendar?year=2027", "/calendar/due",
                "/calendar/due?received=2026-02-12T09%3A30&amount=5&unit=days",
                "/procedures", "/procedures?q=khai+sinh", "/procedures/DEMO-DD-02", "/procedures/DEMO-HT-01",
                "/register", "/track", "/feedback", "/feedback/new", "/public/statistics", "/public/statistics?from=2026-01-01&to=2026-12-31"]
STAFF_PAGES = ["/", "/users", "/dossiers", "/statistics", "/statistics/dossiers?figure=received", "/dossier-log", "/feedback/inbox", "/index"]


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_pages_have_no_serious_accessibility_violations(browser, base_url, axe_source, path):
    browser.get(base_url + path)
    result = run_axe(browser, axe_source)
    serious = [v for v in result["violations"] if v["impact"] in ("serious", "critical")]
    assert not serious, json.dumps([(v["id"], v["help"], [n["target"] for n in v["nodes"]]) for v in serious], ensure_ascii=False)


def test_unit_and_staff_pages_have_no_serious_accessibility_violations(browser, base_url, axe_source):
    browser.get(base_url + "/units?q=phuong+hoan+kiem")
    and_wait_for_next_page(browser, browser.find_element(By.LINK_TEXT, "Phường Hoàn Kiếm").click)
    pages = [browser.current_url]
    sign_in(browser, base_url, "lanhdao.hoankiem")
    for path in STAFF_PAGES:
        pages.append(base_url + path)
    browser.get(base_url + "/users")
    pages.append(browser.find_element(By.CSS_SELECTOR, "table tbody a").get_attribute("href"))
    for url in pages:
        browser.get(url)
        result = run_axe(browser, axe_source)
        serious = [v for v in result["violations"] if v["impact"] in ("serious", "critical")]
        assert not serious, (url, [(v["id"], v["help"]) for v in serious])
    print("axe-core", result["version"], "checked", len(pages), "signed-in and unit pages")


def test_administrator_creates_an_account_and_pages_pass_axe(browser, base_url, axe_source):
    sign_in(browser, base_url, "quantri")
    browser.get(base_url + "/users/new")
    problems = run_axe(browser, axe_source)["violations"]
    assert not [v for v in problems if v["impact"] in ("serious", "critical")], [v["id"] for v in problems]
    username = "canbo.thu.%d" % (os.getpid() % 100000)
    browser.find_element(By.ID, "username").send_keys(username)
    browser.find_element(By.ID, "displayName").send_keys("Cán bộ thử nghiệm trình duyệt")
    browser.find_element(By.ID, "password").send_keys(DEMO_PASSWORD + " mới")
    Select(browser.find_element(By.ID, "new-role")).select_by_value("deskOfficer")
    Select(browser.find_element(By.ID, "new-unit")).select_by_visible_text("Phường Hoàn Kiếm (Phường)")
    and_wait_for_next_page(browser, browser.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click)
    main = browser.find_element(By.TAG_NAME, "main").text
    assert "Đã lưu thay đổi." in main and "Cán bộ Bộ phận Một cửa" in main and "Phường Hoàn Kiếm" in main
    for url in [browser.current_url, base_url + "/delegations", base_url + "/portal-sync", base_url + "/operations", base_url + "/catalogue",
                base_url + "/audit?verify=1"]:
        browser.get(url)
        result = run_axe(browser, axe_source)
        serious = [v for v in result["violations"] if v["impact"] in ("serious", "critical")]
        assert not serious, (url, [(v["id"], v["help"]) for v in serious])
    assert "Nhật ký toàn vẹn" in browser.find_element(By.TAG_NAME, "main").text


def test_due_date_calculator_in_the_browser(browser, base_url):
    browser.get(base_url + "/calendar/due")
    # The native date-time field takes the value as the page would submit it.
    browser.execute_script("document.getElementById('received').value = '2026-02-12T09:30'")
    browser.find_element(By.ID, "amount").send_keys("5")
    and_wait_for_next_page(browser, browser.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click)
    assert browser.find_element(By.ID, "due").text == "Hẹn trả kết quả: 26/02/2026 12:00"
    assert "Không tính 16/02/2026–20/02/2026: Tết Âm lịch." in browser.find_element(By.TAG_NAME, "main").text


def test_secretariat_sees_the_calendar_forms_and_they_pass_axe(browser, base_url, axe_source):
    sign_in(browser, base_url, "thuky.totcongtac")
    browser.get(base_url + "/calendar?year=2027")
    assert "Xác nhận các ngày dự kiến" in browser.find_element(By.TAG_NAME, "main").text
    result = run_axe(browser, axe_source)
    serious = [v for v in result["violations"] if v["impact"] in ("serious", "critical")]
    assert not serious, [(v["id"], v["help"], [n["target"] for n in v["nodes"]][:3]) for v in serious]

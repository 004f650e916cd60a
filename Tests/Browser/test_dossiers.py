"""A demo dossier taken from receipt to returned result by the demo officers of Phường Hoàn Kiếm, in
headless Chromium, with axe on every dossier page on the way."""
import contextlib
import re

import qrcode
from qrcode.constants import ERROR_CORRECT_M
from selenium.webdriver.common.by import By
from selenium.webdriver.support.select import Select

from test_pages import and_wait_for_next_page, run_axe, sign_in


def no_serious_violations(browser, axe_source):
    result = run_axe(browser, axe_source)
    serious = [v for v in result["violations"] if v["impact"] in ("serious", "critical")]
    assert not serious, (browser.current_url, [(v["id"], v["help"], [n["target"] for n in v["nodes"]][:3]) for v in serious])


def looks_right(browser, axe_source):
    """axe finds nothing serious on the page, and it does not scroll sideways."""
    no_serious_violations(browser, axe_source)
    overflow = browser.execute_script("return document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, (browser.current_url, overflow)


@contextlib.contextmanager
def at_width(browser, width):
    """The pages as a phone (below 640 px) or a desk's screen shows them, for the length of a journey."""
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": width < 640})
    try:
        yield
    finally:
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def act(browser, action, **fields):
    form = browser.find_element(By.CSS_SELECTOR, f"form.action-form:has(input[name=action][value={action}])")
    for name, value in fields.items():
        element = form.find_element(By.NAME, name)
        if element.tag_name == "select":
            Select(element).select_by_visible_text(value)
        else:
            element.send_keys(value)
    and_wait_for_next_page(browser, form.find_element(By.CSS_SELECTOR, "button[type=submit]").click)
    assert "Đã lưu thay đổi." in browser.find_element(By.TAG_NAME, "main").text, browser.find_element(By.TAG_NAME, "main").text


def status(browser):
    return browser.find_element(By.ID, "status").text


def receive_at_the_desk(browser, base_url, name, identifier, birth_year, gender, axe_source=None):
    """The demo desk officer of Phường Hoàn Kiếm receives a DEMO-HT-06 dossier; returns its page's address and its code."""
    sign_in(browser, base_url, "motcua.hoankiem")
    browser.get(base_url + "/dossiers/new")
    if axe_source:
        no_serious_violations(browser, axe_source)
    Select(browser.find_element(By.ID, "procedure")).select_by_value("DEMO-HT-06")
    browser.find_element(By.ID, "applicantName").send_keys(name)
    browser.find_element(By.ID, "identifier").send_keys(identifier)
    browser.find_element(By.ID, "birthYear").send_keys(birth_year)
    Select(browser.find_element(By.ID, "gender")).select_by_value(gender)
    and_wait_for_next_page(browser, browser.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click)
    return browser.current_url.split("?")[0], browser.find_element(By.TAG_NAME, "h1").text.removeprefix("Hồ sơ ")


def transfer_and_assign(browser, base_url, dossier_url):
    """At Phường Hoàn Kiếm: the desk (on the dossier's page) transfers it, the head assigns it to the demo case officer,
    who is left with it open."""
    act(browser, "transfer")
    sign_in(browser, base_url, "lanhdao.hoankiem")
    browser.get(dossier_url)
    act(browser, "assign", assignee="Chuyên viên phường Hoàn Kiếm (mẫu)")
    sign_in(browser, base_url, "thuly.hoankiem")
    browser.get(dossier_url)


def test_a_demo_dossier_from_receipt_to_returned_result(browser, base_url, axe_source):
    dossier_url, code = receive_at_the_desk(browser, base_url, "Lê Thị Hoa", "001301012345", "2001", "female", axe_source)
    assert code.startswith("00070-")
    assert status(browser) == "Đã tiếp nhận"
    no_serious_violations(browser, axe_source)
    check_printed_receipt(browser, base_url, dossier_url, code, axe_source)
    browser.get(dossier_url)
    act(browser, "transfer")
    assert status(browser) == "Đang giải quyết"

    sign_in(browser, base_url, "lanhdao.hoankiem")
    browser.get(dossier_url)
    act(browser, "assign", assignee="Chuyên viên phường Hoàn Kiếm (mẫu)")

    sign_in(browser, base_url, "thuly.hoankiem")
    browser.get(base_url + "/dossiers?mine=1")
    no_serious_violations(browser, axe_source)
    and_wait_for_next_page(browser, browser.find_element(By.LINK_TEXT, code).click)
    act(browser, "completeStep")

    sign_in(browser, base_url, "lanhdao.hoankiem")
    browser.get(dossier_url)
    act(browser, "completeStep")
    assert status(browser) == "Đã có kết quả"

    sign_in(browser, base_url, "motcua.hoankiem")
    browser.get(dossier_url)
    act(browser, "returnResult")
    assert status(browser) == "Đã trả kết quả"
    main = browser.find_element(By.TAG_NAME, "main").text
    assert "Phiếu kiểm soát quá trình giải quyết" in main and "Trả kết quả" in main
    no_serious_violations(browser, axe_source)


def check_printed_receipt(browser, base_url, dossier_url, code, axe_source):
    """Form 01 prints without the site's frame, and its QR code is exactly the one an independent encoder
    makes for the tracking link with the same mask."""
    browser.get(dossier_url + "/forms/receipt")
    no_serious_violations(browser, axe_source)
    svg = browser.find_element(By.CSS_SELECTOR, "svg.qr")
    link = browser.find_element(By.CLASS_NAME, "qr-caption").text.removeprefix("Tra cứu hồ sơ: ")
    assert link.endswith("/track/" + code)
    attribute = lambda name: browser.execute_script("return arguments[0].getAttribute(arguments[1])", svg, name)
    size = int(attribute("viewBox").split()[2]) - 8
    ours = [[False] * size for _ in range(size)]
    for column, row in re.findall(r"M(\d+) (\d+)h1v1h-1z", browser.execute_script("return arguments[0].innerHTML", svg)):
        ours[int(row) - 4][int(column) - 4] = True
    reference = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=0, mask_pattern=int(attribute("data-mask")))
    reference.add_data(qrcode.util.QRData(link.encode("utf-8"), mode=qrcode.util.MODE_8BIT_BYTE))
    reference.make(fit=True)
    assert reference.get_matrix() == ours
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    assert not browser.find_element(By.CSS_SELECTOR, "header.site-header").is_displayed()
    assert browser.find_element(By.CSS_SELECTOR, "article.official-form").is_displayed()
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    # The same form as PDF (the server prints it with headless Chromium): one A4 portrait page with the code.
    pdf = fetch_pdf(browser, browser.find_element(By.CLASS_NAME, "pdf-link").get_attribute("href"))
    assert len(pdf.pages) == 1 and pdf.pages[0].mediabox.width < pdf.pages[0].mediabox.height
    text = pdf.pages[0].extract_text()
    assert "GIẤY TIẾP NHẬN HỒ SƠ" in text and code in text and "In phiếu" not in text
    browser.get(link)
    assert browser.find_element(By.ID, "status").text == "Đã tiếp nhận"


def fetch_pdf(browser, url):
    """Downloads a PDF with the browser's session and reads it with pypdf."""
    import io
    import urllib.request

    from pypdf import PdfReader

    cookies = "; ".join(f"{c['name']}={c['value']}" for c in browser.get_cookies())
    with urllib.request.urlopen(urllib.request.Request(url, headers={"Cookie": cookies})) as response:
        assert response.headers["Content-Type"] == "application/pdf"
        return PdfReader(io.BytesIO(response.read()))


def test_the_dossier_log_prints_to_a_landscape_pdf(browser, base_url):
    """Form 07 is wide: its PDF pages are A4 landscape and carry the log's title."""
    sign_in(browser, base_url, "motcua.hoankiem")
    import datetime

    browser.get(base_url + "/dossier-log?from=" + (datetime.date.today() - datetime.timedelta(days=300)).isoformat())
    pdf = fetch_pdf(browser, browser.find_element(By.CLASS_NAME, "pdf-link").get_attribute("href"))
    assert pdf.pages[0].mediabox.width > pdf.pages[0].mediabox.height
    assert "SỔ THEO DÕI HỒ SƠ" in pdf.pages[0].extract_text()


def test_statistics_workbook_opens_as_a_valid_xlsx(browser, base_url):
    """The .xlsx file reads back with Python's zipfile (which checks every CRC) and holds the table."""
    import io
    import urllib.request
    import zipfile

    sign_in(browser, base_url, "lanhdao.hoankiem")
    cookies = "; ".join(f"{c['name']}={c['value']}" for c in browser.get_cookies())
    request = urllib.request.Request(base_url + "/statistics.xlsx", headers={"Cookie": cookies})
    with urllib.request.urlopen(request) as response:
        assert response.headers["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        archive = zipfile.ZipFile(io.BytesIO(response.read()))
    assert archive.testzip() is None
    sheet = archive.read("xl/worksheets/sheet1.xml").decode("utf-8")
    assert "Giải quyết trễ hạn" in sheet and "Tổng số hồ sơ tiếp nhận" in sheet
    assert "spreadsheetml.sheet.main+xml" in archive.read("[Content_Types].xml").decode("utf-8")

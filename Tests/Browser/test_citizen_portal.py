"""The citizen's path in headless Chromium: find a procedure (search without diacritics), register with a
one-time code received by SMS, file online with attachments, the officers process it and ask for a
supplement, the citizen tracks it with the last four digits, the result is returned and the citizen rates
it — with axe-core on every citizen page."""
import json
import time

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.select import Select

from test_dossiers import act, at_width, looks_right, no_serious_violations, status, transfer_and_assign
from test_notifications import sink, wait_for  # noqa: F401  (the fixture is used by name)
from test_pages import and_wait_for_next_page, sign_in

PERSONAL_ID = "001302034567"  # born 2002, female
PASSWORD = "mật khẩu của công dân đủ dài để an toàn"


def submit(browser, form_selector="main form.form"):
    and_wait_for_next_page(browser, browser.find_element(By.CSS_SELECTOR, f"{form_selector} button[type=submit]").click)


def code_sent_to(sink_folder, phone):
    def latest():
        path = sink_folder / "sms.jsonl"
        if not path.exists():
            return None
        messages = [json.loads(line)["message"] for line in path.read_text(encoding="utf-8").splitlines()]
        codes = [m["text"].split(":")[1].split(".")[0].strip() for m in messages if m["to"] == phone and m["text"].startswith("Ma xac thuc")]
        return codes[-1] if codes else None
    return wait_for(latest)


def test_a_citizen_files_online_tracks_and_rates(browser, base_url, axe_source, sink, tmp_path):
    with at_width(browser, 390):  # most citizens are on phones (issue 22); the keyboard test below files at a desk
        pdf = tmp_path / "to-khai.pdf"
        pdf.write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")

        # Find the procedure by typing without diacritics.
        browser.get(base_url + "/procedures")
        browser.find_element(By.ID, "q").send_keys("thay doi cai chinh ho tich")
        submit(browser, "main form.filters")
        and_wait_for_next_page(browser, browser.find_element(By.PARTIAL_LINK_TEXT, "Đăng ký thay đổi, cải chính").click)
        procedure_url = browser.current_url
        looks_right(browser, axe_source)

        # Register; the code arrives by SMS.
        and_wait_for_next_page(browser, browser.find_element(By.LINK_TEXT, "Đăng nhập để nộp hồ sơ trực tuyến").click)
        and_wait_for_next_page(browser, browser.find_element(By.LINK_TEXT, "Đăng ký").click)
        looks_right(browser, axe_source)
        browser.find_element(By.ID, "displayName").send_keys("Đinh Thị Mai")
        browser.find_element(By.ID, "personalID").send_keys(PERSONAL_ID)
        browser.find_element(By.ID, "birthYear").send_keys("2002")
        browser.find_element(By.CSS_SELECTOR, "label[for=gender-female]").click()
        browser.find_element(By.ID, "phone").send_keys("0987 111 222")
        browser.find_element(By.ID, "password").send_keys(PASSWORD)
        submit(browser)
        # The consent to the handling of data was not given: explained next to it, the rest kept.
        assert "Cần đồng ý cho xử lý dữ liệu cá nhân" in browser.find_element(By.ID, "consentHandling-error").text
        assert browser.find_element(By.ID, "displayName").get_attribute("value") == "Đinh Thị Mai"
        browser.find_element(By.ID, "password").send_keys(PASSWORD)
        browser.find_element(By.CSS_SELECTOR, "label[for=consentHandling]").click()
        browser.find_element(By.CSS_SELECTOR, "label[for=consentNotifications]").click()
        submit(browser)
        assert "******1222" in browser.find_element(By.TAG_NAME, "main").text
        looks_right(browser, axe_source)
        browser.find_element(By.ID, "code").send_keys(code_sent_to(sink, "0987111222"))
        submit(browser)
        assert "Đã đồng ý từ" in browser.find_element(By.TAG_NAME, "main").text
        looks_right(browser, axe_source)

        # File online with a file for each document.
        browser.get(procedure_url)
        and_wait_for_next_page(browser, browser.find_element(By.XPATH, "//button[normalize-space()='Nộp hồ sơ trực tuyến']").click)
        looks_right(browser, axe_source)
        for index in range(len(browser.find_elements(By.CSS_SELECTOR, "form.upload"))):
            form = browser.find_elements(By.CSS_SELECTOR, "form.upload")[index]
            form.find_element(By.CSS_SELECTOR, "input[type=file]").send_keys(str(pdf))
            and_wait_for_next_page(browser, form.find_element(By.CSS_SELECTOR, "button[type=submit]").click)
        assert "Chưa có tệp." not in browser.find_element(By.TAG_NAME, "main").text
        Select(browser.find_element(By.ID, "unit")).select_by_visible_text("Phường Hoàn Kiếm")
        browser.find_element(By.CSS_SELECTOR, "label[for=delivery-atDesk]").click()
        and_wait_for_next_page(browser, browser.find_element(By.XPATH, "//button[normalize-space()='Tiếp tục: kiểm tra trước khi gửi']").click)
        # Every answer on one page before sending.
        main = browser.find_element(By.TAG_NAME, "main").text
        assert "Kiểm tra lại trước khi gửi" in main and "Phường Hoàn Kiếm" in main and "to-khai.pdf" in main
        looks_right(browser, axe_source)
        and_wait_for_next_page(browser, browser.find_element(By.XPATH, "//button[normalize-space()='Gửi hồ sơ']").click)
        code = browser.find_element(By.ID, "code").text
        assert code.startswith("00070-") and "Hồ sơ đã được tiếp nhận" in browser.find_element(By.TAG_NAME, "main").text
        looks_right(browser, axe_source)

        # The officers take it and ask for a supplement.
        sign_in(browser, base_url, "motcua.hoankiem")
        browser.get(base_url + "/dossiers?q=" + code)
        and_wait_for_next_page(browser, browser.find_element(By.LINK_TEXT, code).click)
        dossier_url = browser.current_url.split("?")[0]
        assert "to-khai.pdf" in browser.find_element(By.TAG_NAME, "main").text
        transfer_and_assign(browser, base_url, dossier_url)
        act(browser, "requestSupplement", reason="Bổ sung bản sao giấy khai sinh có chứng thực")

        # The citizen tracks it (no account needed) with the last four digits of the phone.
        browser.delete_all_cookies()
        browser.get(base_url + "/track")
        browser.find_element(By.ID, "code").send_keys(code)
        submit(browser, "main form.filters")
        browser.find_element(By.ID, "digits").send_keys("1222")
        submit(browser, "main form.track-details")
        assert "Bổ sung bản sao giấy khai sinh có chứng thực" in browser.find_element(By.ID, "supplement-reason").text
        looks_right(browser, axe_source)

        # The supplement is handed in, the result made and returned.
        sign_in(browser, base_url, "thuly.hoankiem")
        browser.get(dossier_url)
        act(browser, "supplementReceived")
        # The case officer attaches the result as a file (kết quả điện tử) before passing it on.
        result = tmp_path / "ket-qua.pdf"
        result.write_bytes(b"%PDF-1.4\n% giay chung nhan\n%%EOF\n")
        upload = browser.find_element(By.CSS_SELECTOR, "form[action$='/attachments']")
        upload.find_element(By.ID, "file").send_keys(str(result))
        Select(upload.find_element(By.ID, "file-purpose")).select_by_value("result")
        and_wait_for_next_page(browser, upload.find_element(By.CSS_SELECTOR, "button[type=submit]").click)
        assert "Kết quả giải quyết (bản điện tử)" in browser.find_element(By.TAG_NAME, "main").text
        act(browser, "completeStep")
        sign_in(browser, base_url, "lanhdao.hoankiem")
        browser.get(dossier_url)
        act(browser, "completeStep")
        sign_in(browser, base_url, "motcua.hoankiem")
        browser.get(dossier_url)
        act(browser, "returnResult")
        assert status(browser) == "Đã trả kết quả"

        # The citizen rates the handling from the tracking details.
        browser.delete_all_cookies()
        browser.get(base_url + "/track/" + code)
        browser.find_element(By.ID, "digits").send_keys("1222")
        submit(browser, "main form.track-details")
        browser.find_element(By.CSS_SELECTOR, "label[for=overall-5]").click()
        browser.find_element(By.CSS_SELECTOR, "label[for=c-TC4-2]").click()
        looks_right(browser, axe_source)
        submit(browser, "main form.rating")
        assert "Cảm ơn ông/bà đã đánh giá." in browser.find_element(By.TAG_NAME, "main").text
        assert browser.find_element(By.ID, "overall-5").is_selected()
        assert browser.find_elements(By.XPATH, "//button[normalize-space()='Tải về ket-qua.pdf']")

        # Signed in, the citizen downloads the electronic result from "my dossiers".
        browser.get(base_url + "/sign-in")
        browser.find_element(By.ID, "username").send_keys(PERSONAL_ID)
        browser.find_element(By.ID, "password").send_keys(PASSWORD)
        submit(browser, "main form")
        browser.get(base_url + "/my/dossiers")
        and_wait_for_next_page(browser, browser.find_element(By.PARTIAL_LINK_TEXT, code).click)
        looks_right(browser, axe_source)
        link = browser.find_element(By.LINK_TEXT, "Tải về ket-qua.pdf").get_attribute("href")
        assert downloaded(browser, link) == result.read_bytes()


def downloaded(browser, url):
    """The bytes at a URL fetched with the browser's cookies (Chromium would save it to a folder instead)."""
    import urllib.request
    cookies = "; ".join(f"{c['name']}={c['value']}" for c in browser.get_cookies())
    with urllib.request.urlopen(urllib.request.Request(url, headers={"Cookie": cookies})) as response:
        return response.read()


def focus_sequence_until(browser, label, limit=80):
    """Presses Tab from the top of the page until the element with this text has focus; returns what got focus."""
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    browser.execute_script("document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0);")
    seen = []
    for _ in range(limit):
        ActionChains(browser).send_keys(Keys.TAB).perform()
        element = browser.switch_to.active_element
        seen.append((element.tag_name, element.get_attribute("type") or "", element.get_attribute("id") or "", element.text.strip()))
        if element.text.strip() == label:
            return seen
    raise AssertionError(f"{label} never got focus: {seen}")


def test_filing_by_keyboard_alone_and_at_200_percent_text(browser, base_url, axe_source, tmp_path):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    pdf = tmp_path / "giay-to.pdf"
    pdf.write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    sign_in(browser, base_url, "congdan.mau")
    browser.get(base_url + "/procedures/DEMO-HT-05")
    for _ in range(5):
        browser.find_element(By.CSS_SELECTOR, "[data-text-size=larger]").click()
    assert browser.execute_script("return document.documentElement.getAttribute('data-text-size')") == "200"

    # Start the draft with the keyboard: Tab to the button, Enter.
    focus_sequence_until(browser, "Nộp hồ sơ trực tuyến")
    and_wait_for_next_page(browser, lambda: ActionChains(browser).send_keys(Keys.ENTER).perform())
    assert "/my/drafts/" in browser.current_url
    # At 200 % nothing needs horizontal scrolling.
    assert browser.execute_script("return document.documentElement.scrollWidth <= window.innerWidth + 1")
    no_serious_violations(browser, axe_source)

    # Every control of the form is reached by Tab, in reading order.
    last = "Tiếp tục: kiểm tra trước khi gửi"
    sequence = focus_sequence_until(browser, last)
    ids = [item[2] for item in sequence]
    files = [item for item in sequence if item[1] == "file"]
    assert len(files) == 2 and ids.index("unit") < ids.index("delivery-atDesk") < ids.index("address") < ids.index("phone") < ids.index("email")
    assert ids.index(files[-1][2]) < ids.index("unit")

    # Choose the files (a keyboard user does it in the file dialog), each sent with Enter on its button.
    for index in range(2):
        form = browser.find_elements(By.CSS_SELECTOR, "form.upload")[index]
        form.find_element(By.CSS_SELECTOR, "input[type=file]").send_keys(str(pdf))
        button = form.find_element(By.CSS_SELECTOR, "button[type=submit]")
        browser.execute_script("arguments[0].focus()", button)
        and_wait_for_next_page(browser, lambda: ActionChains(browser).send_keys(Keys.ENTER).perform())
    # The unit and the way to receive the result by keys, then Enter on "Tiếp tục", then on "Gửi hồ sơ".
    focus_sequence_until(browser, last)
    unit = browser.find_element(By.ID, "unit")
    browser.execute_script("arguments[0].focus()", unit)
    ActionChains(browser).send_keys(Keys.END).perform()
    chosen = Select(unit).first_selected_option.text
    delivery = browser.find_element(By.ID, "delivery-atDesk")
    browser.execute_script("arguments[0].focus()", delivery)
    ActionChains(browser).send_keys(Keys.SPACE).perform()
    assert delivery.is_selected()
    browser.execute_script("arguments[0].focus()", browser.find_element(By.XPATH, f"//button[normalize-space()='{last}']"))
    and_wait_for_next_page(browser, lambda: ActionChains(browser).send_keys(Keys.ENTER).perform())
    assert "Kiểm tra lại trước khi gửi" in browser.find_element(By.TAG_NAME, "main").text
    assert browser.execute_script("return document.documentElement.scrollWidth <= window.innerWidth + 1")
    focus_sequence_until(browser, "Gửi hồ sơ")
    and_wait_for_next_page(browser, lambda: ActionChains(browser).send_keys(Keys.ENTER).perform())
    main = browser.find_element(By.TAG_NAME, "main").text
    assert "Hồ sơ đã được tiếp nhận" in main and chosen in main
    assert browser.execute_script("return document.documentElement.scrollWidth <= window.innerWidth + 1")
    browser.find_element(By.CSS_SELECTOR, "[data-text-size=reset]").click()


@pytest.mark.parametrize("width", [390, 1366])
def test_feedback_from_the_form_to_the_published_answer(browser, base_url, axe_source, width):
    """A person sends feedback (a problem explained next to its field first), the ward's head finds it from the
    home page's work and answers it for publication, the person rates the answer, and the public page shows it
    without the person's name — on a phone and on a desk's screen, axe-clean and without sideways scrolling."""
    place = "trên điện thoại" if width < 640 else "trên máy tính"
    with at_width(browser, width):
        browser.delete_all_cookies()
        browser.get(base_url + "/feedback/new")
        Select(browser.find_element(By.ID, "unit")).select_by_visible_text("Phường Hoàn Kiếm")
        browser.find_element(By.ID, "content").send_keys("Ngắn")
        browser.find_element(By.ID, "contactName").send_keys("Vương Văn Bảo")
        browser.find_element(By.ID, "phone").send_keys("0933444555")
        submit(browser)
        assert "ít nhất 20 ký tự" in browser.find_element(By.ID, "content-error").text
        assert browser.find_element(By.ID, "contactName").get_attribute("value") == "Vương Văn Bảo"
        looks_right(browser, axe_source)
        browser.find_element(By.ID, "content").send_keys(f" — quầy tiếp nhận đóng cửa sớm hơn giờ niêm yết ({place}).")
        submit(browser)
        link = browser.find_element(By.ID, "private-link").get_attribute("href")
        looks_right(browser, axe_source)

        # The ward's head is greeted with the feedback waiting and answers it from the inbox.
        sign_in(browser, base_url, "lanhdao.hoankiem")
        waiting = browser.find_element(By.ID, "my-work").find_element(By.PARTIAL_LINK_TEXT, "phản ánh chờ trả lời")
        and_wait_for_next_page(browser, waiting.click)
        looks_right(browser, axe_source)
        item = browser.find_element(By.XPATH, f"//li[contains(., '{place}')]")
        item.find_element(By.TAG_NAME, "textarea").send_keys("Phường đã chấn chỉnh giờ làm việc của Bộ phận Một cửa.")
        item.find_element(By.CSS_SELECTOR, "input[type=checkbox]").click()
        and_wait_for_next_page(browser, item.find_element(By.CSS_SELECTOR, "button[type=submit]").click)
        looks_right(browser, axe_source)
        assert not browser.find_elements(By.XPATH, f"//li[contains(., '{place}')]//textarea"), "an answered item is not offered again"

        browser.delete_all_cookies()
        browser.get(link)
        assert "Phường đã chấn chỉnh giờ làm việc" in browser.find_element(By.ID, "answer").text
        looks_right(browser, axe_source)
        browser.find_element(By.CSS_SELECTOR, "label[for=satisfied-yes]").click()
        submit(browser)
        assert "Cảm ơn ông/bà đã đánh giá." in browser.find_element(By.TAG_NAME, "main").text
        browser.get(base_url + "/feedback")
        main = browser.find_element(By.TAG_NAME, "main").text
        assert place in main and "Phường đã chấn chỉnh giờ làm việc" in main and "Vương Văn Bảo" not in main
        looks_right(browser, axe_source)


def test_a_birth_is_declared_online_on_a_phone(browser, base_url, axe_source, tmp_path):
    """The birth registration's declaration on a phone (issue 22): a refused answer is listed first and shown at its
    field with what was typed kept; the result by post needs an address; every answer is checked on one page; the
    receipt shows the declaration and the delivery. axe-clean and no sideways scrolling at each step."""
    pdf = tmp_path / "chung-sinh.pdf"
    pdf.write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    sign_in(browser, base_url, "congdan.mau")
    with at_width(browser, 390):
        browser.get(base_url + "/procedures/DEMO-HT-01")
        and_wait_for_next_page(browser, browser.find_element(By.XPATH, "//button[normalize-space()='Nộp hồ sơ trực tuyến']").click)
        looks_right(browser, axe_source)
        answers = {"nguoi-yeu-cau-ho-ten": "Nguyễn Văn An", "nguoi-yeu-cau-dinh-danh": "00109501234", "nguoi-yeu-cau-noi-cu-tru": "12 Lý Thái Tổ",
                   "ho-ten": "Nguyễn Minh Khang", "ngay-sinh": "01/12/2026", "dan-toc": "Kinh", "quoc-tich": "Việt Nam",
                   "noi-sinh": "Bệnh viện Phụ sản Hà Nội", "me-ho-ten": "Trần Thị Hoa", "me-nam-sinh": "1997", "me-dan-toc": "Kinh",
                   "me-quoc-tich": "Việt Nam", "me-noi-cu-tru": "12 Lý Thái Tổ"}
        for key, value in answers.items():
            browser.find_element(By.ID, "decl-" + key).send_keys(value)
        for radio in ["decl-quan-he-0", "decl-gioi-tinh-0"]:
            browser.find_element(By.CSS_SELECTOR, f"label[for={radio}]").click()
        and_wait_for_next_page(browser, browser.find_element(By.CSS_SELECTOR, "form.declaration button[type=submit]").click)
        summary = browser.find_element(By.CSS_SELECTOR, ".error-summary").text
        assert "Người yêu cầu — Số định danh cá nhân phải gồm đúng 12 chữ số." in summary
        assert browser.find_element(By.ID, "decl-nguoi-yeu-cau-dinh-danh-error").is_displayed()
        assert browser.find_element(By.ID, "decl-ho-ten").get_attribute("value") == "Nguyễn Minh Khang"
        looks_right(browser, axe_source)
        field = browser.find_element(By.ID, "decl-nguoi-yeu-cau-dinh-danh")
        field.clear()
        field.send_keys("001095012345")
        and_wait_for_next_page(browser, browser.find_element(By.CSS_SELECTOR, "form.declaration button[type=submit]").click)
        assert "Đã lưu tờ khai." in browser.find_element(By.TAG_NAME, "main").text
        upload = browser.find_element(By.CSS_SELECTOR, "form.upload")
        upload.find_element(By.CSS_SELECTOR, "input[type=file]").send_keys(str(pdf))
        and_wait_for_next_page(browser, upload.find_element(By.CSS_SELECTOR, "button[type=submit]").click)
        Select(browser.find_element(By.ID, "unit")).select_by_visible_text("Phường Hoàn Kiếm")
        browser.find_element(By.CSS_SELECTOR, "label[for=delivery-post]").click()
        next_button = "//button[normalize-space()='Tiếp tục: kiểm tra trước khi gửi']"
        and_wait_for_next_page(browser, browser.find_element(By.XPATH, next_button).click)
        assert "Vui lòng nhập địa chỉ nhận kết quả qua bưu chính." in browser.find_element(By.ID, "address-error").text
        looks_right(browser, axe_source)
        browser.find_element(By.ID, "address").send_keys("12 Lý Thái Tổ, phường Hoàn Kiếm")
        and_wait_for_next_page(browser, browser.find_element(By.XPATH, next_button).click)
        main = browser.find_element(By.TAG_NAME, "main").text
        assert "Kiểm tra lại trước khi gửi" in main and "Nguyễn Minh Khang" in main and "chung-sinh.pdf" in main
        assert "Nhận qua dịch vụ bưu chính công ích: 12 Lý Thái Tổ, phường Hoàn Kiếm" in main
        looks_right(browser, axe_source)
        and_wait_for_next_page(browser, browser.find_element(By.XPATH, "//button[normalize-space()='Gửi hồ sơ']").click)
        main = browser.find_element(By.TAG_NAME, "main").text
        assert "Hồ sơ đã được tiếp nhận" in main and "Tờ khai đã khai trực tuyến" in main and "Nguyễn Minh Khang" in main
        looks_right(browser, axe_source)


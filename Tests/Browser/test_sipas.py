"""The secretariat prepares a SIPAS campaign in headless Chromium: the form (by keyboard-friendly checkboxes),
the frame of the demo dossiers, the sample drawn once with its strata — with axe-core on each page."""
import datetime

from selenium.webdriver.common.by import By

from test_dossiers import no_serious_violations
from test_pages import and_wait_for_next_page, sign_in


def test_the_secretariat_draws_a_sample(browser, base_url, axe_source):
    sign_in(browser, base_url, "thuky.totcongtac")
    browser.get(base_url + "/sipas")
    no_serious_violations(browser, axe_source)
    and_wait_for_next_page(browser, browser.find_element(By.LINK_TEXT, "Tạo đợt khảo sát").click)
    no_serious_violations(browser, axe_source)
    today = datetime.date.today()
    browser.find_element(By.ID, "name").send_keys("Khảo sát thử nghiệm")
    for field, day in (("serviceFrom", today - datetime.timedelta(days=90)), ("serviceTo", today)):
        browser.execute_script("arguments[0].value = arguments[1];", browser.find_element(By.ID, field), day.isoformat())
    for name in ("Phường Hoàn Kiếm", "Phường Cửa Nam"):
        browser.find_element(By.XPATH, f"//fieldset[contains(@class,'units-choice')]//label[normalize-space()='{name}']").click()
    size = browser.find_element(By.ID, "size")
    size.clear()
    size.send_keys("40")
    and_wait_for_next_page(browser, browser.find_element(By.XPATH, "//button[normalize-space()='Tạo đợt khảo sát']").click)
    assert browser.find_element(By.ID, "campaign-status").text == "Đang chuẩn bị"
    assert int(browser.find_element(By.ID, "frame-size").text.split()[0]) > 0
    no_serious_violations(browser, axe_source)
    and_wait_for_next_page(browser, browser.find_element(By.XPATH, "//button[normalize-space()='Chọn mẫu']").click)
    assert browser.find_element(By.ID, "campaign-status").text == "Đã chọn mẫu"
    rows = browser.find_elements(By.CSS_SELECTOR, "#strata tbody tr")
    assert rows and sum(int(row.find_elements(By.TAG_NAME, "td")[1].text) for row in rows) >= 1
    no_serious_violations(browser, axe_source)
    and_wait_for_next_page(browser, browser.find_element(By.LINK_TEXT, "Xem kết quả").click)
    assert "Chưa có phiếu trả lời." in browser.find_element(By.TAG_NAME, "main").text
    no_serious_violations(browser, axe_source)

"""Issue 22, journeys per role at a phone's and a desk's width: a case officer asks another unit's opinion on a
dossier and the consulted unit answers it from its own queue; the city's leader reads the satisfaction survey's
results. At each step axe finds nothing serious and the page does not scroll sideways; a dossier page leads with
"Việc tiếp theo" and at most one primary button. (The citizen's feedback answered by the ward's head is walked in
test_citizen_portal, the department heads' PAR self-assessment in test_par.)"""
import pytest
from selenium.webdriver.common.by import By

from test_dossiers import act, at_width, looks_right, receive_at_the_desk, status, transfer_and_assign
from test_pages import and_wait_for_next_page, from_the_menu, sign_in


def next_step(browser):
    """What the "Việc tiếp theo" panel says, and how many primary buttons the page has."""
    panel = browser.find_element(By.CSS_SELECTOR, "main section.next-step")
    primaries = [b for b in browser.find_elements(By.CSS_SELECTOR, "main form.action-form button[type=submit]")
                 if "button--secondary" not in b.get_attribute("class")]
    return panel.find_element(By.ID, "waiting-for").text, len(primaries)


@pytest.mark.parametrize("width", [390, 1366])
def test_an_opinion_is_asked_of_another_unit_and_answered(browser, base_url, axe_source, width):
    with at_width(browser, width):
        dossier_url, code = receive_at_the_desk(browser, base_url, "Trần Văn Bình", "001090054321", "1990", "male")
        # The case officer's turn: the panel names him, his forward action is the one primary button.
        transfer_and_assign(browser, base_url, dossier_url)
        waiting, primaries = next_step(browser)
        assert "Chuyên viên phường Hoàn Kiếm (mẫu)" in waiting and primaries == 1
        looks_right(browser, axe_source)
        act(browser, "consult", consultedUnit="Sở Tư pháp", reason="Đề nghị Sở cho ý kiến về giấy tờ hộ tịch cấp ở nước ngoài.")
        assert status(browser) == "Đang lấy ý kiến"
        assert "Sở Tư pháp" in browser.find_element(By.TAG_NAME, "main").text
        looks_right(browser, axe_source)

        # The consulted unit finds it in its own queue and answers on it.
        sign_in(browser, base_url, "lanhdao.sotuphap")
        browser.get(base_url + "/dossiers")
        looks_right(browser, axe_source)
        and_wait_for_next_page(browser, browser.find_element(By.LINK_TEXT, code).click)
        waiting, primaries = next_step(browser)
        assert primaries <= 1
        looks_right(browser, axe_source)
        form = browser.find_element(By.CSS_SELECTOR, "form.action-form:has(input[name=action][value=consultationAnswered])")
        form.find_element(By.NAME, "reason").send_keys("Giấy tờ đã được hợp pháp hóa lãnh sự, đủ điều kiện sử dụng.")
        and_wait_for_next_page(browser, form.find_element(By.CSS_SELECTOR, "button[type=submit]").click)
        # The dossier went back with the answer: the unit is on its queue, told so.
        assert f"Đã gửi ý kiến về hồ sơ {code}." in browser.find_element(By.TAG_NAME, "main").text
        looks_right(browser, axe_source)

        # Back with the officer: the question and the answer are on the dossier, and the work goes on.
        sign_in(browser, base_url, "thuly.hoankiem")
        browser.get(dossier_url)
        main = browser.find_element(By.TAG_NAME, "main").text
        assert "Đề nghị Sở cho ý kiến" in main and "hợp pháp hóa lãnh sự" in main
        waiting, primaries = next_step(browser)
        assert primaries == 1
        looks_right(browser, axe_source)


@pytest.mark.parametrize("width", [390, 1366])
def test_the_leader_reads_the_satisfaction_survey(browser, base_url, axe_source, width):
    """From the menu to last quarter's campaign (the demo's), its results by unit and one ward's questions."""
    with at_width(browser, width):
        sign_in(browser, base_url, "lanhdao.thanhpho")
        from_the_menu(browser, "Khảo sát SIPAS")
        looks_right(browser, axe_source)
        and_wait_for_next_page(browser, browser.find_element(By.PARTIAL_LINK_TEXT, "(dữ liệu mẫu)").click)
        assert browser.find_element(By.ID, "campaign-status").text == "Đã kết thúc"
        looks_right(browser, axe_source)
        # The campaign is over: its results are the page's one button, above the strata.
        results = browser.find_element(By.CSS_SELECTOR, "#results-link a.button")
        assert "button--secondary" not in results.get_attribute("class")
        and_wait_for_next_page(browser, results.click)
        looks_right(browser, axe_source)
        # Units by name, in the table and the chart; a ward's link leads to its questions.
        table = browser.find_element(By.ID, "sipas-units").text
        assert "Phường Hoàn Kiếm" in table and "Tất cả đơn vị" in table and "00070" not in table
        assert "Phường Hoàn Kiếm" in browser.find_element(By.ID, "chart-units").text
        and_wait_for_next_page(browser, browser.find_element(By.ID, "sipas-units").find_element(By.LINK_TEXT, "Phường Hoàn Kiếm").click)
        assert browser.find_element(By.ID, "items-title").text == "Từng câu hỏi — Phường Hoàn Kiếm"
        assert browser.find_elements(By.CSS_SELECTOR, "#sipas-items tbody tr")
        looks_right(browser, axe_source)

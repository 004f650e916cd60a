"""A demo SIPAS campaign end to end in headless Chromium: the secretariat creates it (keyboard-friendly
checkboxes), sees the frame of the demo dossiers and draws the sample once; the invitations go out by SMS (the
stub started by scripts/test); a drawn person opens their link without an account, saves, comes back and sends;
two surveyors enter a paper form; the results show both answers, and `motcua sipas compute` on the published
micro-data reproduces the published figures — with axe-core on each page, the questionnaire also at phone width."""
import csv
import datetime
import io
import json
import re
import urllib.request

from selenium.webdriver.common.by import By

from test_dossiers import no_serious_violations
from test_cli import cli  # noqa: F401 (fixture)
from test_notifications import sink, wait_for  # noqa: F401 (fixture)
from test_pages import and_wait_for_next_page, sign_in


def download(browser, url):
    cookies = "; ".join(f"{c['name']}={c['value']}" for c in browser.get_cookies())
    with urllib.request.urlopen(urllib.request.Request(url, headers={"Cookie": cookies})) as response:
        return response.read().decode("utf-8-sig")


def survey_links(sink):
    path = sink / "sms.jsonl"
    lines = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
    return [match.group(0) for line in lines for match in [re.search(r"/s/[A-Za-z0-9_-]{20,}", json.loads(line)["message"]["text"])] if match]


def test_a_demo_campaign_end_to_end(browser, base_url, axe_source, sink, cli):
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
    campaign_url = browser.current_url.split("?")[0]
    and_wait_for_next_page(browser, browser.find_element(By.LINK_TEXT, "Xem kết quả").click)
    assert "Chưa có phiếu trả lời." in browser.find_element(By.TAG_NAME, "main").text
    no_serious_violations(browser, axe_source)

    # Invitations: one SMS per drawn person with a phone, each with its own link.
    already = set(survey_links(sink))
    browser.get(campaign_url)
    and_wait_for_next_page(browser, browser.find_element(By.XPATH, "//button[normalize-space()='Bắt đầu thu phiếu và gửi lời mời']").click)
    assert browser.find_element(By.ID, "campaign-status").text == "Đang thu phiếu"
    invited = int(re.search(r"cho (\d+) người", browser.find_element(By.ID, "invitation-run").text).group(1))
    assert invited >= 1
    links = wait_for(lambda: [link for link in survey_links(sink) if link not in already] if len(set(survey_links(sink)) - already) >= invited else None)
    no_serious_violations(browser, axe_source)

    # The person, without an account, on a phone: answers two items, saves, comes back, answers one more, sends.
    browser.delete_all_cookies()
    browser.set_window_size(390, 844)
    browser.get(base_url + links[0])
    no_serious_violations(browser, axe_source)
    browser.find_element(By.CSS_SELECTOR, "label[for='S1.1-5']").click()
    browser.find_element(By.CSS_SELECTOR, "label[for='S1.2-0']").click()
    and_wait_for_next_page(browser, browser.find_element(By.XPATH, "//button[normalize-space()='Lưu để làm tiếp']").click)
    assert "Đã lưu các câu trả lời" in browser.find_element(By.ID, "survey-status").text
    browser.get(base_url + links[0])
    assert browser.find_element(By.ID, "S1.1-5").is_selected() and browser.find_element(By.ID, "S1.2-0").is_selected()
    browser.find_element(By.CSS_SELECTOR, "label[for='S2.1-2']").click()
    and_wait_for_next_page(browser, browser.find_element(By.XPATH, "//button[normalize-space()='Gửi phiếu']").click)
    assert "Cảm ơn ông/bà đã trả lời" in browser.find_element(By.ID, "survey-status").text
    no_serious_violations(browser, axe_source)
    browser.get(base_url + links[0])
    assert "đã được trả lời" in browser.find_element(By.ID, "survey-status").text
    assert not browser.find_elements(By.NAME, "S1.1")
    browser.set_window_size(1280, 900)

    # A paper form for someone no link reached, printed by the secretariat, entered by two surveyors; it counts
    # once the entries agree.
    sign_in(browser, base_url, "thuky.totcongtac")
    browser.get(campaign_url + "/paper/forms")
    no_serious_violations(browser, axe_source)
    numbers = [element.text for element in browser.find_elements(By.CLASS_NAME, "paper-form-number")]
    assert numbers, "the demo applicants without a phone get paper forms"
    for surveyor in ("dieutra.1", "dieutra.2"):
        sign_in(browser, base_url, surveyor)
        browser.get(campaign_url + "/paper")
        no_serious_violations(browser, axe_source)
        browser.find_element(By.ID, "number").send_keys(numbers[0])
        for code, value in (("S1.1", "4"), ("S1.3", "5"), ("PA.1", "0")):
            browser.find_element(By.ID, f"paper-{code}").send_keys(value)
        and_wait_for_next_page(browser, browser.find_element(By.XPATH, "//button[normalize-space()='Lưu lần nhập']").click)
    assert "khớp nhau" in browser.find_element(By.ID, "entry-status").text

    # The results: two answers; the published micro-data recomputed from the command line gives the same figures.
    sign_in(browser, base_url, "thuky.totcongtac")
    browser.get(campaign_url + "/results")
    counts = browser.find_elements(By.CSS_SELECTOR, "#sipas-units tbody tr td:nth-of-type(1)")
    assert int(counts[-1].text) == 2
    assert browser.find_element(By.ID, "chart-units")
    no_serious_violations(browser, axe_source)
    microdata = download(browser, campaign_url + "/responses.csv")
    published = {(row["unit"], row["level"], row["code"]): row["percent"]
                 for row in csv.DictReader(io.StringIO(download(browser, campaign_url + "/results.csv")))}
    path = sink / "sipas-microdata.csv"
    path.write_text(microdata, encoding="utf-8")
    computed = cli("sipas", "compute", "--responses", str(path), "--json")
    assert computed.returncode == 0, computed.stderr
    units = json.loads(computed.stdout)["units"]
    # The published file keeps four decimals.
    assert abs(units["ALL"]["overall"] - float(published[("ALL", "overall", "")])) < 5e-5
    assert abs(units["ALL"]["items"]["S1.1"]["percent"] - float(published[("ALL", "item", "S1.1")])) < 5e-5

"""The leaders' view of the service index in headless Chromium: the city page, a ranked ward, and a count
followed to the dossiers behind it — with axe-core on each page."""
from selenium.webdriver.common.by import By

from test_dossiers import no_serious_violations
from test_pages import and_wait_for_next_page, sign_in


def test_a_leader_follows_a_score_to_its_dossiers(browser, base_url, axe_source):
    sign_in(browser, base_url, "lanhdao.thanhpho")
    browser.get(base_url + "/index")
    assert "Toàn thành phố" in browser.find_element(By.ID, "city-title").text
    no_serious_violations(browser, axe_source)
    # The demo dossiers are spread over the last 90 days: this quarter or last month has some.
    and_wait_for_next_page(browser, browser.find_element(By.LINK_TEXT, "Năm nay").click)
    ranking = browser.find_elements(By.CSS_SELECTOR, "#ranking-local ~ table.ranking a")
    assert ranking, "the demo wards are ranked"
    and_wait_for_next_page(browser, ranking[0].click)
    assert "Chỉ số phục vụ —" in browser.find_element(By.TAG_NAME, "h1").text
    no_serious_violations(browser, axe_source)
    link = browser.find_element(By.CSS_SELECTOR, "a[aria-label^='2.1 mẫu số']")
    shown = int(link.text)
    and_wait_for_next_page(browser, link.click)
    assert int(browser.find_element(By.ID, "record-count").text) == shown
    assert len(browser.find_elements(By.CSS_SELECTOR, "main table tbody tr")) == min(shown, 1000)
    no_serious_violations(browser, axe_source)

"""Every page speaks Vietnamese only and fits a phone (issue 22): on a 360 px screen, the pages the public and each
staff role reach from the menu and the links on them neither scroll sideways nor show an English sentence; the
audit trail names every action in Vietnamese. Runs last (its name sorts last), so the pages and the trail hold what the
other browser tests did."""
import re
import urllib.parse

import pytest
from selenium.webdriver.common.by import By

from test_pages import sign_in

# Words that do not occur in Vietnamese text; three of them in a row make an English phrase. Codes, user names
# and file names are single tokens and never match three in a row.
ENGLISH = set("""the of and to is in for with from not by on are be this that it as at or an was which until before after
has have its their no yes units unit tasks task self assessment sign user users file files column columns weight seed
random sample responses response drawn invited contact without version department departments communes links due soon
overdue private publishable satisfied verified grants outside reader demo framework official entered shows page
items closed time period indicator feedback dossiers received online share rate""".split())


def english_phrases(text):
    found = []
    for line in text.splitlines():
        run = []
        for token in re.findall(r"[^\s\-/]+", line):
            word = token.strip(".,:;()[]\"'“”…").lower()
            if word.isdigit():
                continue  # "15 units", "until 2025-12-31": numbers neither make nor break a phrase
            run = run + [word] if word in ENGLISH else []
            if len(run) >= 3:
                found.append(line.strip()[:200])
                break
    return found


def crawl(browser, base_url, limit):
    """(path, visible text, how many pixels the page is wider than the screen) of each page reached."""
    seen, queue, pages = set(), ["/"], []
    while queue and len(seen) < limit:
        path = queue.pop(0)
        if path in seen:
            continue
        seen.add(path)
        browser.get(base_url + path)
        overflow = browser.execute_script("return document.documentElement.scrollWidth - document.documentElement.clientWidth")
        pages.append((path, browser.find_element(By.TAG_NAME, "body").text, overflow))
        for link in browser.find_elements(By.CSS_SELECTOR, "nav a[href^='/'], main a[href^='/']"):
            parsed = urllib.parse.urlparse(link.get_attribute("href") or "")
            target = parsed.path
            if parsed.netloc != urllib.parse.urlparse(base_url).netloc or target in seen:
                continue
            if re.search(r"\.(csv|xlsx|json|pdf|zip)$", target) or "/attachments/" in target or target.startswith(("/track/", "/s/")):
                continue
            queue.append(target)
    return pages


@pytest.mark.parametrize("username", [None, "congdan.mau", "thuky.totcongtac", "lanhdao.thanhpho", "motcua.hoankiem", "thuly.hoankiem",
                                      "lanhdao.hoankiem", "hoidong.thamdinh", "quantri"])
def test_pages_fit_a_phone_and_speak_vietnamese(browser, base_url, username):
    if username:
        sign_in(browser, base_url, username)
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": 360, "height": 800, "deviceScaleFactor": 1, "mobile": True})
    pages = crawl(browser, base_url, limit=25)
    assert len(pages) >= 10, [path for path, _, _ in pages]
    wide = [(path, overflow) for path, _, overflow in pages if overflow > 0]
    assert wide == [], f"pages wider than a 360 px screen (path, extra px): {wide}"
    english = [(path, phrase) for path, text, _ in pages for phrase in english_phrases(text)]
    assert english == [], english


def test_the_audit_trail_names_every_action_in_vietnamese(browser, base_url):
    sign_in(browser, base_url, "quantri")
    browser.get(base_url + "/audit")
    codes = set()
    for _ in range(10):
        for cell in browser.find_elements(By.CSS_SELECTOR, "main table td span[title]"):
            code = cell.get_attribute("title")
            codes.add(code)
            assert cell.text != code and not re.fullmatch(r"[a-zA-Z]+\.[a-zA-Z]+", cell.text), f"{code} has no Vietnamese name"
        older = browser.find_elements(By.LINK_TEXT, "Các dòng cũ hơn")
        if not older:
            break
        browser.get(older[0].get_attribute("href"))
    assert len(codes) >= 5, codes

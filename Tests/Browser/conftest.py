"""Fixtures for the browser tests: a running MotCua (started by scripts/test, URL in MOTCUA_BASE_URL) and
headless Chromium driven by Selenium."""
import os
import pathlib

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service


@pytest.fixture(scope="session")
def base_url():
    url = os.environ.get("MOTCUA_BASE_URL")
    if not url:
        pytest.fail("MOTCUA_BASE_URL is not set: run the browser tests through scripts/test")
    return url.rstrip("/")


@pytest.fixture()
def browser():
    options = Options()
    options.binary_location = "/usr/bin/chromium"
    for argument in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,900", "--lang=vi"]:
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    driver.implicitly_wait(5)
    yield driver
    driver.quit()


@pytest.fixture()
def own_server(tmp_path):
    """A MotCua server of the test's own (`motcua serve --demo --demo-scale wards` on a fresh SQLite folder), for tests whose objects
    must not meet the shared server's; stopped afterwards."""
    from reliability import Server

    server = Server(tmp_path / "data")
    try:
        yield server.start()
    finally:
        server.stop()


@pytest.fixture(scope="session")
def axe_source():
    """axe-core 4.x as bundled by axe-playwright-python (a recent release; see stack notes)."""
    import axe_playwright_python

    return (pathlib.Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")

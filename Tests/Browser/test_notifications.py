"""Notifications reach a real SMTP server and an SMS gateway stub (both started by scripts/test, their
folder in MOTCUA_NOTIFICATION_SINK): the desk receives a dossier with an e-mail address and a phone number,
the applicant gets the receipt by e-mail and SMS, then the supplement request, the apology slip with its new
appointment (late notice) and the result; the dossier page shows them sent. What the SMTP server received is
printed for the notes."""
import datetime
import email
import email.policy
import json
import os
import pathlib
import time

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.select import Select

from test_dossiers import act, status, transfer_and_assign
from test_pages import and_wait_for_next_page, sign_in


@pytest.fixture()
def sink():
    folder = os.environ.get("MOTCUA_NOTIFICATION_SINK")
    if not folder:
        pytest.fail("MOTCUA_NOTIFICATION_SINK is not set: run these tests through scripts/test")
    return pathlib.Path(folder)


def wait_for(condition, seconds=40):
    deadline = time.time() + seconds
    while time.time() < deadline:
        found = condition()
        if found:
            return found
        time.sleep(0.5)
    raise AssertionError("waited in vain")


def mails_about(sink, code):
    messages = [email.message_from_bytes(path.read_bytes(), policy=email.policy.default) for path in sorted((sink / "mail").glob("*.eml"))]
    return [message for message in messages if code in message["Subject"]]


def sms_about(sink, code):
    path = sink / "sms.jsonl"
    lines = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
    return [json.loads(line)["message"] for line in lines if code in line]


def test_the_applicant_is_told_by_email_and_sms(browser, base_url, sink):
    sign_in(browser, base_url, "motcua.hoankiem")
    browser.get(base_url + "/dossiers/new")
    Select(browser.find_element(By.ID, "procedure")).select_by_value("DEMO-HT-05")
    browser.find_element(By.ID, "applicantName").send_keys("Phạm Văn Đức")
    browser.find_element(By.ID, "identifier").send_keys("001095012345")
    browser.find_element(By.ID, "birthYear").send_keys("1995")
    Select(browser.find_element(By.ID, "gender")).select_by_value("male")
    browser.find_element(By.ID, "phone").send_keys("0912 345 678")
    browser.find_element(By.ID, "email").send_keys("duc@example.vn")
    and_wait_for_next_page(browser, browser.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click)
    dossier_url = browser.current_url.split("?")[0]
    code = browser.find_element(By.TAG_NAME, "h1").text.removeprefix("Hồ sơ ")

    receipt = wait_for(lambda: mails_about(sink, code))[0]
    assert receipt["To"] == "duc@example.vn"
    assert receipt["Subject"] == f"Đã tiếp nhận hồ sơ {code}"
    text = receipt.get_content()
    assert "Phường Hoàn Kiếm đã tiếp nhận hồ sơ" in text and f"/track/{code}" in text
    sms = wait_for(lambda: sms_about(sink, code))[0]
    assert sms["to"] == "0912345678" and sms["text"].startswith(f"Ho so {code} da duoc tiep nhan")

    transfer_and_assign(browser, base_url, dossier_url)
    act(browser, "requestSupplement", reason="Thiếu bản sao giấy khai sinh")
    assert status(browser) == "Chờ bổ sung hồ sơ"
    supplement = wait_for(lambda: [m for m in mails_about(sink, code) if "cần bổ sung" in m["Subject"]])[0]
    assert "Thiếu bản sao giấy khai sinh" in supplement.get_content()
    wait_for(lambda: len(sms_about(sink, code)) == 2)

    # The supplement arrives; the unit sees it will be late and apologises with a new appointment.
    act(browser, "supplementReceived")
    new_appointment = datetime.date.today() + datetime.timedelta(days=60)
    apology = browser.find_element(By.CSS_SELECTOR, "form.action-form:has(input[name=action][value=issueApology])")
    # Typed day first, as on every page, whatever the browser's language.
    apology.find_element(By.NAME, "appointment").send_keys(new_appointment.strftime("%d/%m/%Y") + " 16:00")
    apology.find_element(By.NAME, "reason").send_keys("Cần xác minh thêm tại nơi đăng ký khai sinh")
    and_wait_for_next_page(browser, apology.find_element(By.CSS_SELECTOR, "button[type=submit]").click)
    assert "Đã lưu thay đổi." in browser.find_element(By.TAG_NAME, "main").text
    late = wait_for(lambda: [m for m in mails_about(sink, code) if "hẹn lại" in m["Subject"]])[0]
    assert late["Subject"] == f"Hồ sơ {code} được hẹn lại ngày trả kết quả"
    assert new_appointment.strftime("%d/%m/%Y") in late.get_content() and "Cần xác minh thêm" in late.get_content()

    # The result is made: the applicant is told, with the link to rate once it is handed over.
    act(browser, "completeStep")
    sign_in(browser, base_url, "lanhdao.hoankiem")
    browser.get(dossier_url)
    act(browser, "completeStep")
    assert status(browser) == "Đã có kết quả"
    ready = wait_for(lambda: [m for m in mails_about(sink, code) if m["Subject"] == f"Đã có kết quả hồ sơ {code}"])[0]
    assert "/rate/" + code + "?t=" in ready.get_content()
    wait_for(lambda: len(sms_about(sink, code)) == 4)

    def all_sent():
        browser.get(dossier_url)
        return browser.find_element(By.CSS_SELECTOR, "table.notifications").text.count("Đã gửi") == 8
    wait_for(all_sent, seconds=20)
    assert len(mails_about(sink, code)) == 4, "one e-mail per event, never twice"
    for message in mails_about(sink, code):
        print(f"\nSMTP received: To={message['To']} Subject={message['Subject']}\n{message.get_content().strip()}")
    for message in sms_about(sink, code):
        print(f"SMS gateway received: to={message['to']} text={message['text']}")

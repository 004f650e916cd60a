"""A PAR INDEX round of the demo departments in headless Chromium: the secretariat opens it on the sample
framework; two department heads, greeted on their home page with it, self-assess on a phone and at a desk (one
with an evidence file) and submit; the council adjusts one criterion and accepts the rest; the chair approves and
publishes; the public page shows the ranking, and `motcua par compute` on the published framework and leaf scores
reproduces it — with axe-core on each page."""
import csv
import io
import json
import urllib.request

from selenium.webdriver.common.by import By
from selenium.webdriver.support.select import Select

from test_cli import cli  # noqa: F401 (fixture)
from test_dossiers import at_width, looks_right, no_serious_violations
from test_pages import and_wait_for_next_page, sign_in

PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


def click(browser, text):
    and_wait_for_next_page(browser, browser.find_element(By.XPATH, f"//button[normalize-space()='{text}']").click)


def self_assess(browser, base_url, axe_source, username, unit_name, scores, evidence=None):
    """The unit's head, greeted on the home page with the self-assessment, scores and explains each criterion."""
    sign_in(browser, base_url, username)
    looks_right(browser, axe_source)
    task = browser.find_element(By.ID, "my-work").find_element(By.LINK_TEXT, f"Tự đánh giá Chỉ số CCHC (PAR INDEX) của {unit_name}")
    and_wait_for_next_page(browser, task.click)
    looks_right(browser, axe_source)
    for code, (score, explanation) in scores.items():
        field = browser.find_element(By.XPATH, f"//label[normalize-space()='Điểm tự chấm {code} (0–{MAXIMA[code]})']")
        score_input = browser.find_element(By.ID, field.get_attribute("for"))
        score_input.clear()
        score_input.send_keys(score)
        browser.find_element(By.XPATH, f"//label[normalize-space()='Giải trình {code}']/following-sibling::textarea").send_keys(explanation)
        click(browser, f"Lưu {code}")
        looks_right(browser, axe_source)
    if evidence:
        code, path = evidence
        upload = browser.find_element(By.XPATH, f"//label[normalize-space()='Thêm tài liệu kiểm chứng cho {code}']")
        browser.find_element(By.ID, upload.get_attribute("for")).send_keys(str(path))
        form = browser.find_element(By.ID, f"c-{code}").find_element(By.CSS_SELECTOR, "form.upload button")
        and_wait_for_next_page(browser, form.click)
        assert path.name in browser.find_element(By.ID, f"c-{code}").text
    return browser.current_url.split("?")[0].split("#")[0]


MAXIMA = {"1.1": "3", "2.1": "4"}


def test_a_par_round_end_to_end(browser, base_url, axe_source, cli, tmp_path):
    sign_in(browser, base_url, "thuky.totcongtac")
    browser.get(base_url + "/par")
    no_serious_violations(browser, axe_source)
    and_wait_for_next_page(browser, browser.find_element(By.CSS_SELECTOR, "#par-frameworks a").click)
    assert browser.find_element(By.ID, "sample-warning") and browser.find_element(By.ID, "framework-editor")
    no_serious_violations(browser, axe_source)
    browser.get(base_url + "/par")
    Select(browser.find_element(By.ID, "framework")).select_by_index(0)
    click(browser, "Mở đợt đánh giá")
    round_url = browser.current_url.split("?")[0]
    assert browser.find_element(By.ID, "round-status").text == "Đơn vị đang tự đánh giá"
    assert browser.find_element(By.ID, "sample-warning")
    no_serious_violations(browser, axe_source)

    # Two department heads, one on a phone and one at a desk (issue 22).
    evidence = tmp_path / "ke-hoach-cchc.pdf"
    evidence.write_bytes(PDF)
    with at_width(browser, 390):
        snv_url = self_assess(browser, base_url, axe_source, "lanhdao.sonoivu", "Sở Nội vụ",
                              {"1.1": ("3", "Kế hoạch CCHC năm (mẫu)"), "2.1": ("4", "Đủ văn bản")}, evidence=("1.1", evidence))
        looks_right(browser, axe_source)
        click(browser, "Gửi bản tự đánh giá")
        assert browser.find_element(By.ID, "assessment-state").text == "Đã gửi bản tự đánh giá."
        looks_right(browser, axe_source)
    with at_width(browser, 1366):
        self_assess(browser, base_url, axe_source, "lanhdao.sotuphap", "Sở Tư pháp", {"1.1": ("2", "Kế hoạch (mẫu)")})
        click(browser, "Gửi bản tự đánh giá")
        looks_right(browser, axe_source)
        browser.get(base_url + "/")
        assert "Tự đánh giá Chỉ số CCHC" not in browser.find_element(By.TAG_NAME, "main").text, "nothing left to do after sending"

    sign_in(browser, base_url, "thuky.totcongtac")
    browser.get(round_url)
    click(browser, "Kết thúc tự đánh giá, chuyển Hội đồng thẩm định")
    assert browser.find_element(By.ID, "round-status").text == "Hội đồng đang thẩm định"

    # The council lowers one criterion with its reason and accepts the rest, for both departments (on a phone).
    with at_width(browser, 390):
        sign_in(browser, base_url, "hoidong.thamdinh")
        browser.get(snv_url)
        looks_right(browser, axe_source)
        criterion = browser.find_element(By.ID, "c-1.1")
        criterion.find_element(By.XPATH, ".//label[normalize-space()='Điều chỉnh điểm']").click()
        criterion.find_element(By.XPATH, ".//label[normalize-space()='Điểm điều chỉnh 1.1']/following-sibling::input").send_keys("2")
        criterion.find_element(By.XPATH, ".//label[normalize-space()='Lý do 1.1']/following-sibling::input").send_keys("Kế hoạch ban hành muộn")
        and_wait_for_next_page(browser, criterion.find_element(By.XPATH, ".//button[normalize-space()='Lưu kết luận 1.1']").click)
        assert "Điều chỉnh điểm: 2 điểm — Kế hoạch ban hành muộn" in browser.find_element(By.ID, "c-1.1").text
        looks_right(browser, axe_source)
        click(browser, "Chấp nhận các tiêu chí còn lại")
        browser.get(round_url)
        looks_right(browser, axe_source)
        and_wait_for_next_page(browser, browser.find_element(By.LINK_TEXT, "Sở Tư pháp").click)
        click(browser, "Chấp nhận các tiêu chí còn lại")

    # The chair approves and publishes (at a desk); the public page ranks both, without the council's comments (on a phone).
    with at_width(browser, 1366):
        sign_in(browser, base_url, "lanhdao.thanhpho")
        browser.get(round_url)
        looks_right(browser, axe_source)
        click(browser, "Phê duyệt kết quả thẩm định")
        click(browser, "Công bố kết quả")
        looks_right(browser, axe_source)
        public_url = browser.current_url.split("?")[0]
    with at_width(browser, 390):
        browser.delete_all_cookies()
        browser.get(public_url)
        ranking = browser.find_element(By.ID, "par-ranking").text
        assert "Sở Nội vụ" in ranking and "Sở Tư pháp" in ranking and "Kế hoạch ban hành muộn" not in browser.page_source
        looks_right(browser, axe_source)

    # Anyone recomputes the ranking from the published framework and leaf scores.
    def fetch(path):
        with urllib.request.urlopen(public_url + path) as response:
            return response.read().decode("utf-8-sig")

    (tmp_path / "framework.json").write_text(fetch("/framework.json"), encoding="utf-8")
    (tmp_path / "scores.csv").write_text(fetch("/scores.csv"), encoding="utf-8")
    computed = cli("par", "compute", "--framework", str(tmp_path / "framework.json"), "--scores", str(tmp_path / "scores.csv"), "--json")
    assert computed.returncode == 0, computed.stderr
    published = list(csv.DictReader(io.StringIO(fetch("/csv"))))
    units = json.loads(computed.stdout)["units"]
    assert [u["unit"] for u in units] == [row["unit"] for row in published]
    assert [u["rank"] for u in units] == [int(float(row["rank"])) for row in published]
    assert all(abs(u["index"] - float(row["index"])) < 5e-5 for u, row in zip(units, published))
    # The published leaf scores are the council's: SNV 2 (1.1 adjusted) and 4 (2.1), STP 2 (1.1 accepted); the
    # platform computed the rest from each department's dossiers.
    leaves = {(row["unit"], row["criterion"]): float(row["score"]) for row in csv.DictReader(io.StringIO(fetch("/scores.csv")))}
    assert leaves[("DEMO-SNV", "1.1")] == 2 and leaves[("DEMO-SNV", "2.1")] == 4 and leaves[("DEMO-STP", "1.1")] == 2
    assert {u["unit"] for u in units} == {"DEMO-SNV", "DEMO-STP"}

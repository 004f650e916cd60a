"""The `motcua calendar` and `motcua catalogue` commands as scripts use them: JSON answers, Vietnamese errors,
exit status 2 on bad input. The binary comes from scripts/test (MOTCUA_BIN); the data folder is a fresh
temporary one."""
import json
import os
import pathlib
import subprocess

import pytest


@pytest.fixture(scope="module")
def cli(tmp_path_factory):
    binary = os.environ.get("MOTCUA_BIN")
    if not binary:
        pytest.fail("MOTCUA_BIN is not set: run these tests through scripts/test")
    data = tmp_path_factory.mktemp("cli-data")

    def run(*arguments):
        environment = dict(os.environ, MOTCUA_DATA_DIR=str(data), MOTCUA_LOG_LEVEL="error")
        environment.pop("DATABASE_URL", None)
        return subprocess.run([binary, *arguments], capture_output=True, text=True, env=environment, timeout=300)

    run.data = data
    return run


@pytest.fixture(scope="module")
def motcua(cli):
    return lambda *arguments: cli("calendar", *arguments)


@pytest.mark.parametrize("arguments, expected", [
    (["lunar", "2026-02-17", "--json"], {"day": 1, "month": 1, "year": 2026, "leap": False}),
    (["lunar", "2025-07-25", "--json"], {"day": 1, "month": 6, "year": 2025, "leap": True}),
    (["solar", "--lunar", "1/1/2027", "--json"], {"date": "2027-02-06"}),
    (["solar", "--lunar", "1/2/2023", "--leap", "--json"], {"date": "2023-03-22"}),
])
def test_lunar_and_solar(motcua, arguments, expected):
    result = motcua(*arguments)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == expected


def test_due_across_the_2026_tet_break(motcua):
    result = motcua("due", "--received", "2026-02-12T09:30:00+07:00", "--days", "5", "--json")
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout)
    assert answer["due"] == "2026-02-26T12:00:00+07:00"
    assert [step["rule"] for step in answer["steps"]] == ["receipt", "limit", "nonWorkingDay", "due"]


def test_due_with_a_pause(motcua):
    result = motcua("due", "--received", "2026-03-02T09:00", "--days", "5",
                    "--pause", "2026-03-04T10:00", "--resume", "2026-03-16T14:00", "--json")
    assert json.loads(result.stdout)["due"] == "2026-03-19T17:00:00+07:00"


def test_holidays_of_2026_are_official_and_2027_provisional(motcua):
    official = json.loads(motcua("holidays", "2026", "--json").stdout)
    dates = {row["date"]: row for row in official}
    assert dates["2026-08-22"]["kind"] == "swappedWorkday"
    assert dates["2026-08-31"]["kind"] == "swappedOff"
    assert dates["2026-04-27"]["kind"] == "compensatory"
    assert dates["2026-01-02"]["kind"] == "swappedOff" and dates["2026-01-10"]["kind"] == "swappedWorkday"
    assert "12729/VPCP-KGVX" in dates["2026-01-02"]["reference"]
    assert all(not row["provisional"] and row["reference"] for row in official)
    provisional = json.loads(motcua("holidays", "2027", "--json").stdout)
    assert provisional and all(row["provisional"] for row in provisional)


@pytest.mark.parametrize("arguments, message", [
    (["solar", "--lunar", "30/2/2026"], "Không có ngày âm lịch 30/2/2026."),
    (["solar", "--lunar", "1/2/2026", "--leap"], "không có tháng 2 nhuận"),
    (["lunar", "2026-02-30"], "Ngày dương lịch không hợp lệ"),
    (["due", "--received", "12/02/2026 9h30", "--days", "5"], "Thời điểm không hợp lệ"),
    (["due", "--received", "2026-02-12T09:30", "--days=-1"], "không được là số âm"),
    (["due", "--received", "2026-02-12T09:30", "--days", "1.25"], "bội số của nửa ngày"),
    (["due", "--received", "2026-02-12T09:30"], "--days hoặc --hours"),
])
def test_bad_input_exits_with_status_2(motcua, arguments, message):
    result = motcua(*arguments)
    assert result.returncode == 2
    assert message in result.stderr
    assert result.stdout == ""


def test_a_year_is_loaded_from_a_calendar_file(motcua, tmp_path):
    """A year's calendar file replaces that year (2031: no other test reads it); a bad one is refused with its line."""
    rows = [
        {"date": "2031-01-01", "kind": "holiday", "name": "Tết Dương lịch", "reference": "Bộ luật Lao động 2019"},
        {"date": "2031-05-02", "kind": "swappedOff", "name": "Nghỉ hoán đổi", "reference": "Thông báo thử nghiệm"},
        {"date": "2031-05-10", "kind": "swappedWorkday", "name": "Làm bù", "reference": "Thông báo thử nghiệm"},
    ]
    path = tmp_path / "2031.json"
    bad = dict(rows[2], date="2031-05-09")  # a Friday cannot be a Saturday worked
    path.write_text(json.dumps({"source": "Thông báo thử nghiệm", "days": rows[:2] + [bad]}, ensure_ascii=False, indent=1), encoding="utf-8")
    refused = motcua("load", str(path))
    assert refused.returncode == 2 and "Dòng 17: Ngày 09/05/2031: Ngày làm bù phải là thứ Bảy hoặc Chủ nhật." in refused.stderr, refused.stderr
    assert json.loads(motcua("holidays", "2031", "--json").stdout)[0]["provisional"] is True
    missing = motcua("load", str(tmp_path / "none.json"))
    assert missing.returncode == 2 and "Không đọc được tệp" in missing.stderr, missing.stderr
    path.write_text(json.dumps({"source": "Thông báo thử nghiệm", "days": rows}, ensure_ascii=False, indent=1), encoding="utf-8")
    loaded = motcua("load", str(path))
    assert loaded.returncode == 0, loaded.stderr
    assert "Đã nạp 3 ngày của năm 2031" in loaded.stdout
    days = json.loads(motcua("holidays", "2031", "--json").stdout)
    assert [day["date"] for day in days] == ["2031-01-01", "2031-05-02", "2031-05-10"] and not any(day["provisional"] for day in days)


def test_catalogue_round_trip_and_refusal(cli, tmp_path):
    assert cli("seed", "demo", "--scale", "wards").returncode == 0
    exported = tmp_path / "catalogue.csv"
    result = cli("catalogue", "export", "--format", "csv", "--output", str(exported))
    assert result.returncode == 0, result.stderr
    lines = exported.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("code,name,field,level,limit_days")
    assert len(lines) >= 31
    again = cli("catalogue", "import", str(exported))
    assert again.returncode == 0, again.stderr
    assert "0 mới, 0 phiên bản mới" in again.stdout
    # One bad row (a limit that is not a multiple of half a day) refuses the whole file.
    bad_line = next(i for i, line in enumerate(lines) if line.startswith("DEMO-HT-05,"))
    lines[bad_line] = lines[bad_line].replace(",commune,3,,", ",commune,3.3,,")
    broken = tmp_path / "broken.csv"
    broken.write_text("\n".join(lines) + "\n", encoding="utf-8")
    refused = cli("catalogue", "import", str(broken))
    assert refused.returncode == 2
    assert f"Dòng {bad_line + 1} (DEMO-HT-05)" in refused.stderr
    exported_json = json.loads(cli("catalogue", "export").stdout)
    assert {p["code"] for p in exported_json["procedures"]} >= {"DEMO-HT-01", "DEMO-HT-05"}


def test_bulk_synthetic_dossiers_and_a_statistics_recount(cli):
    """`seed synthetic --bulk` writes dossiers with their counters; a recount from the dossiers finds the same
    number of them, and a malformed count is refused with status 2."""
    assert cli("seed", "demo", "--scale", "wards").returncode == 0
    made = cli("seed", "synthetic", "--bulk", "--dossiers", "2000", "--seed", "9", "--units", "00070,00073")
    assert made.returncode == 0, made.stderr
    count = int(made.stdout.split()[1])
    assert 1900 <= count <= 2000
    recount = cli("statistics", "rebuild")
    assert recount.returncode == 0, recount.stderr
    assert "Recounted the statistics counters from" in recount.stdout
    assert cli("seed", "synthetic", "--bulk", "--dossiers", "0").returncode == 2

    # Every figure reconciles with its recount; a counter that drifted is named, with exit status 1 (issue 21).
    import datetime
    import sqlite3
    since = (datetime.date.today() - datetime.timedelta(days=40)).isoformat()
    verified = cli("statistics", "verify", "--from", since)
    assert verified.returncode == 0, verified.stdout + verified.stderr
    assert "agrees with its recount" in verified.stdout
    database = pathlib.Path(cli.data) / "motcua.sqlite"
    with sqlite3.connect(database) as connection:
        connection.execute("UPDATE statistics_counters SET value = value + 1 WHERE rowid = (SELECT rowid FROM statistics_counters "
                           "WHERE counter = 'newInPerson' AND day >= ? ORDER BY day LIMIT 1)", (since,))
    drifted = cli("statistics", "verify", "--from", since)
    assert drifted.returncode == 1 and "newInPerson: shown" in drifted.stdout, drifted.stdout
    assert cli("statistics", "rebuild").returncode == 0
    assert cli("statistics", "verify", "--from", since).returncode == 0
    assert cli("statistics", "verify", "--from", "01/12/2026").returncode == 2


def test_service_index_from_files_of_its_own(cli):
    """`motcua index service|rank --json` on synthetic dossiers: the shape the issue gives, and figures that
    follow the formula — each indicator max × min(1, n/d) to two decimals, not applicable (no points, out of the
    measurable maximum) when d = 0, groups and total their sums, the index the total over the measurable maximum;
    a period without dossiers has no index (issue 21, point 2)."""
    for arguments in (["seed", "demo", "--scale", "wards"], ["seed", "synthetic", "--dossiers", "600", "--days", "60"]):
        result = cli(*arguments)
        assert result.returncode == 0, result.stderr
    import datetime
    today = datetime.date.today()
    start, end = (today - datetime.timedelta(days=60)).isoformat(), today.isoformat()
    result = cli("index", "service", "--from", start, "--to", end, "--json")
    assert result.returncode == 0, result.stderr
    city = json.loads(result.stdout)
    assert city["unit"] == "ALL" and city["from"] == start and city["to"] == end
    assert [g["code"] for g in city["groups"]] == ["1", "2", "3", "4", "5", "6"] and sum(g["max"] for g in city["groups"]) == 100
    measurable = 0
    for group in city["groups"]:
        for indicator in group["indicators"]:
            if not indicator["hasData"]:
                assert indicator["points"] is None and indicator["numerator"] is None
                continue
            n, d = indicator["numerator"], indicator["denominator"]
            assert indicator["applicable"] == (d > 0)
            if d == 0:
                assert indicator["points"] is None
                continue
            measurable += indicator["max"]
            assert abs(indicator["points"] - indicator["max"] * min(1, n / d)) <= 0.005 + 1e-9
        assert abs(group["points"] - sum(i["points"] or 0 for i in group["indicators"])) <= 0.005 * len(group["indicators"]) + 1e-9
    assert city["measurableMax"] == measurable
    assert abs(city["total"] - sum(g["points"] for g in city["groups"])) <= 0.03
    # The index is the exact total over the measurable maximum, published to two decimals; from the published
    # total it can differ by the total's rounding (0.005 points) scaled to 100, plus its own rounding.
    assert abs(city["index"] - city["total"] / measurable * 100) <= 0.005 + 0.005 * 100 / measurable + 1e-9
    completed = next(i for g in city["groups"] for i in g["indicators"] if i["code"] == "2.1")
    assert completed["denominator"] > 0, "synthetic dossiers were completed in the period"

    ward = cli("index", "service", "--unit", "00070", "--from", start, "--to", end, "--json")
    assert ward.returncode == 0, ward.stderr
    assert json.loads(ward.stdout)["unit"] == "00070"
    ranking = cli("index", "rank", "--kind", "commune", "--from", start, "--to", end, "--json")
    assert ranking.returncode == 0, ranking.stderr
    units = json.loads(ranking.stdout)["units"]
    assert {u["unit"] for u in units} >= {"00070", "00073"}
    indexes = [u["index"] for u in units]
    assert indexes == sorted(indexes, reverse=True)
    assert [u["rank"] for u in units] == [1 + sum(i > index for i in indexes) for index in indexes]
    assert cli("index", "rank", "--kind", "planet", "--from", start, "--to", end).returncode != 0

    # No dossier, no score: a month without any.
    empty = json.loads(cli("index", "service", "--from", "2031-01-01", "--to", "2031-01-31", "--json").stdout)
    assert empty["index"] is None and empty["total"] is None
    assert all(i["points"] is None for g in empty["groups"] for i in g["indicators"])
    assert "Chưa có dữ liệu" in cli("index", "service", "--from", "2031-01-01", "--to", "2031-01-31").stdout
    assert json.loads(cli("index", "rank", "--kind", "commune", "--from", "2031-01-01", "--to", "2031-01-31", "--json").stdout)["units"] == []


def test_a_new_framework_version_is_loaded_without_code(cli, tmp_path):
    """A framework file with other maxima, in force from a later day, scores the periods that start after it."""
    shipped = json.loads((pathlib.Path(__file__).resolve().parents[2] / "Sources/Persistence/Seed/Data/service-index-766.json").read_text(encoding="utf-8"))
    newer = dict(shipped, id="766-test-2027", validFrom="2027-01-01")
    newer["groups"] = [dict(g) for g in shipped["groups"]]
    progress = next(g for g in newer["groups"] if g["code"] == "2")
    progress["max"] = 30
    progress["indicators"] = [dict(progress["indicators"][0], max=30)]
    path = tmp_path / "framework.json"
    path.write_text(json.dumps(newer, ensure_ascii=False), encoding="utf-8")
    assert cli("seed", "demo", "--scale", "wards").returncode == 0
    loaded = cli("index", "load-framework", str(path))
    assert loaded.returncode == 0, loaded.stderr
    before = json.loads(cli("index", "service", "--from", "2026-12-01", "--to", "2026-12-31", "--json").stdout)
    after = json.loads(cli("index", "service", "--from", "2027-01-01", "--to", "2027-01-31", "--json").stdout)
    assert before["framework"] == shipped["id"] and before["max"] == 100
    assert after["framework"] == "766-test-2027" and after["max"] == 110
    assert next(g for g in after["groups"] if g["code"] == "2")["max"] == 30
    broken = dict(newer, id="broken")
    broken["groups"] = [dict(g, max=g["max"] + 1) if g["code"] == "1" else g for g in newer["groups"]]
    path.write_text(json.dumps(broken, ensure_ascii=False), encoding="utf-8")
    refused = cli("index", "load-framework", str(path))
    # Refused with the line and the reason in Vietnamese, exit status 2.
    assert refused.returncode == 2 and "Dòng 1: Điểm tối đa của các chỉ số trong nhóm 1 không cộng lại bằng điểm tối đa của nhóm." in refused.stderr, refused.stderr


SIPAS_QUESTIONNAIRE = {
    "id": "t", "title": "Thử", "note": "", "satisfiedValues": [4, 5],
    "scale": [{"value": v, "label": str(v)} for v in range(1, 6)], "dontKnow": {"value": 0, "label": "Không biết"},
    "profile": [{"code": "gender", "label": "Giới tính", "options": ["Nam", "Nữ"]}],
    "sections": [
        {"code": "service", "label": "Dịch vụ", "aspects": [
            {"code": "A1", "label": "A1", "items": [{"code": "a", "text": "a"}, {"code": "b", "text": "b"}]},
            {"code": "A2", "label": "A2", "items": [{"code": "c", "text": "c"}]}]},
        {"code": "policy", "label": "Chính sách", "aspects": [{"code": "P1", "label": "P1", "items": [{"code": "p", "text": "p"}]}]}],
}


def test_sipas_compute_from_files_alone(cli, tmp_path):
    """The figures computed by hand in SIPASResultsTests, from the command line: weights, blanks, don't-knows."""
    questionnaire = tmp_path / "q.json"
    questionnaire.write_text(json.dumps(SIPAS_QUESTIONNAIRE, ensure_ascii=False), encoding="utf-8")
    responses = tmp_path / "r.csv"
    responses.write_text("unit,weight,a,b,c,p\nU1,1,5,3,0,4\nU1,1,4,,2,5\nU1,2,2,4,5,\nU2,1,5,5,0,0\n", encoding="utf-8")
    result = cli("sipas", "compute", "--questionnaire", str(questionnaire), "--responses", str(responses), "--json")
    assert result.returncode == 0, result.stderr
    units = json.loads(result.stdout)["units"]
    u1 = units["U1"]
    assert u1["items"]["a"]["percent"] == 50 and u1["items"]["a"]["valid"] == 3
    assert abs(u1["items"]["a"]["moe"] - 196 * (0.25 / (16 / 6)) ** 0.5) < 1e-9
    assert abs(u1["aspects"]["A1"] - (50 + 200 / 3) / 2) < 1e-9
    assert u1["sections"] == pytest.approx({"service": 62.5, "policy": 100}) and u1["overall"] == pytest.approx(81.25)
    assert units["U2"]["missing"] == ["c", "p"] and units["U2"]["overall"] == 100
    assert abs(units["ALL"]["items"]["b"]["percent"] - 75) < 1e-9

    bad = tmp_path / "bad.csv"
    bad.write_text("unit,a,b,c,p\nU1,5,7,1,1\n", encoding="utf-8")
    refused = cli("sipas", "compute", "--questionnaire", str(questionnaire), "--responses", str(bad), "--json")
    assert refused.returncode == 2 and "Dòng 2, cột b" in refused.stderr

    # Without --questionnaire: the shipped 2022 questionnaire and its item codes S1.1 … PD.2.
    shipped = json.loads((pathlib.Path(__file__).resolve().parents[2] / "Sources/Persistence/Seed/Data/sipas-2022-questionnaire.json").read_text(encoding="utf-8"))
    codes = [i["code"] for s in shipped["sections"] for a in s["aspects"] for i in a["items"]]
    assert codes[0] == "S1.1" and codes[-1] == "PD.2" and len(codes) == 33
    full = tmp_path / "full.csv"
    full.write_text("unit," + ",".join(codes) + "\n" + "00070," + ",".join("4" for _ in codes) + "\n", encoding="utf-8")
    result = cli("sipas", "compute", "--responses", str(full), "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["units"]["00070"]["overall"] == 100


def test_sipas_questionnaire_versions_are_loaded_from_files(cli, tmp_path):
    """A new questionnaire version goes in without a code change; a malformed file is refused with its reason."""
    shipped = json.loads((pathlib.Path(__file__).resolve().parents[2] / "Sources/Persistence/Seed/Data/sipas-2022-questionnaire.json").read_text(encoding="utf-8"))
    shipped["id"] = "sipas-2026"
    version = tmp_path / "sipas-2026.json"
    version.write_text(json.dumps(shipped, ensure_ascii=False), encoding="utf-8")
    loaded = cli("sipas", "load-questionnaire", str(version))
    assert loaded.returncode == 0, loaded.stderr
    assert "Loaded sipas-2026 (33 items)." in loaded.stdout
    shipped["scale"] = shipped["scale"][:3]
    version.write_text(json.dumps(shipped, ensure_ascii=False), encoding="utf-8")
    refused = cli("sipas", "load-questionnaire", str(version))
    assert refused.returncode == 2 and refused.stderr.strip()


def test_par_compute_from_files_alone(cli, tmp_path):
    """Totals, indices and ranks from the framework and the leaf scores alone; a bad row refused with its line."""
    framework = tmp_path / "framework.json"
    framework.write_text(json.dumps({"year": 2025, "unitKind": "department", "areas": [
        {"code": "1", "name": "Chỉ đạo", "max": 10, "criteria": [
            {"code": "1.1", "name": "a", "max": 4, "method": "manual"},
            {"code": "1.2", "name": "b", "max": 6, "subCriteria": [
                {"code": "1.2.1", "name": "c", "max": 4, "method": "manual"},
                {"code": "1.2.2", "name": "d", "max": 4, "method": "deduction", "source": "tasks.late", "perOccurrence": 1}]}]},
        {"code": "2", "name": "Tác động", "max": 10, "criteria": [
            {"code": "2.1", "name": "e", "max": 10, "method": "survey", "source": "sipas.overall"}]}]}, ensure_ascii=False), encoding="utf-8")
    scores = tmp_path / "scores.csv"
    scores.write_text("unit,criterion,score\nSNV,1.1,4\nSNV,1.2.1,4\nSNV,1.2.2,4\nSNV,2.1,8.5\n"
                      "STC,1.1,5\nSTC,1.2.1,3\nSTC,1.2.2,3\nSTC,2.1,8.5\nSXD,1.1,2\n", encoding="utf-8")
    result = cli("par", "compute", "--framework", str(framework), "--scores", str(scores), "--json")
    assert result.returncode == 0, result.stderr
    units = {unit["unit"]: unit for unit in json.loads(result.stdout)["units"]}
    # SNV: 4 + min(6, 8) + 8.5 = 18.5; STC: min(4, 5) + 6 + 8.5 = 18.5 (tied); SXD: 2 with three leaves missing.
    assert units["SNV"]["total"] == 18.5 and units["STC"]["total"] == 18.5 and units["SNV"]["index"] == 92.5
    assert units["SNV"]["rank"] == 1 and units["STC"]["rank"] == 1 and units["SXD"]["rank"] == 3
    assert units["SXD"]["missing"] == ["1.2.1", "1.2.2", "2.1"] and units["SNV"]["areas"] == {"1": 10, "2": 8.5}
    bad = tmp_path / "bad.csv"
    bad.write_text("unit,criterion,score\nSNV,1.1,4\nSNV,1.2,4\n", encoding="utf-8")
    refused = cli("par", "compute", "--framework", str(framework), "--scores", str(bad), "--json")
    assert refused.returncode == 2 and "Dòng 3, cột criterion" in refused.stderr
    # Without --framework: the shipped sample framework.
    sample_scores = tmp_path / "sample.csv"
    sample_scores.write_text("unit,criterion,score\nSNV,3.2,6\nSNV,8.1,12\n", encoding="utf-8")
    sample = cli("par", "compute", "--scores", str(sample_scores), "--json")
    assert sample.returncode == 0, sample.stderr
    assert json.loads(sample.stdout)["units"][0]["total"] == 18


def test_par_frameworks_are_loaded_from_files(cli, tmp_path):
    """The sample framework loads from its file; a file that is not a framework is refused with its reason."""
    sample = pathlib.Path(__file__).resolve().parents[2] / "Sources/Persistence/Seed/Data/par-sample-2025-department.json"
    loaded = cli("par", "load-framework", str(sample))
    assert loaded.returncode == 0, loaded.stderr
    assert "Loaded the 2025 framework for department" in loaded.stdout
    refused = cli("par", "load-framework", str(sample.parent / "sipas-2022-questionnaire.json"))
    assert refused.returncode == 2 and "Dòng 1: Tệp bộ tiêu chí không đúng cấu trúc: thiếu trường" in refused.stderr, refused.stderr
    # A rule broken in an edited copy is named with the line of the field at fault.
    lines = sample.read_text(encoding="utf-8").splitlines()
    code_line = next(i for i, line in enumerate(lines) if '"code": "1.1"' in line)
    max_line = next(i for i in range(code_line, len(lines)) if '"max":' in lines[i])
    lines[max_line] = lines[max_line].split('"max":')[0] + '"max": 0,'
    broken = tmp_path / "framework-broken.json"
    broken.write_text("\n".join(lines), encoding="utf-8")
    refused = cli("par", "load-framework", str(broken))
    assert refused.returncode == 2 and f"Dòng {max_line + 1}: Điểm tối đa của 1.1 phải lớn hơn 0." in refused.stderr, refused.stderr


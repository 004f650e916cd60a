"""The running API answers as openapi.yaml says: the document is valid OpenAPI 3, and live responses
(success and error) validate against their schemas."""
import json
import pathlib
import urllib.error
import urllib.request

import jsonschema
import yaml
from openapi_spec_validator import validate

SPEC = yaml.safe_load((pathlib.Path(__file__).resolve().parents[2] / "openapi.yaml").read_text(encoding="utf-8"))


def schema(name):
    """A component schema with its references resolvable (OpenAPI 3.0 nullable → JSON Schema)."""
    def convert(node):
        if isinstance(node, dict):
            node = {k: convert(v) for k, v in node.items()}
            if node.pop("nullable", False) and "type" in node:
                node["type"] = [node["type"], "null"]
            return node
        if isinstance(node, list):
            return [convert(v) for v in node]
        return node
    components = convert(SPEC["components"])
    return {"$ref": f"#/components/schemas/{name}", "components": components}


def fetch(url):
    try:
        with urllib.request.urlopen(url) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def test_document_is_valid_openapi():
    validate(SPEC)


def test_unit_list_matches_schema(base_url):
    status, body = fetch(base_url + "/api/v1/units")
    assert status == 200
    jsonschema.validate(body, schema("UnitList"))
    assert len(body["units"]) >= 683


def test_unit_detail_matches_schema(base_url):
    _, listing = fetch(base_url + "/api/v1/units?q=phuong+hoan+kiem&validOn=2026-01-01")
    unit_id = listing["units"][0]["id"]
    status, body = fetch(f"{base_url}/api/v1/units/{unit_id}")
    assert status == 200
    jsonschema.validate(body, schema("UnitDetail"))
    assert body["predecessors"], "Phường Hoàn Kiếm was formed from older wards"


def test_errors_match_schema(base_url):
    for path, expected in [("/api/v1/units/999999", 404), ("/api/v1/units?kind=planet", 400), ("/api/v1/me", 401), ("/api/v1/users", 401),
                           ("/api/v1/procedures/NO-SUCH", 404), ("/api/v1/procedures?onlineLevel=carrier-pigeon", 400)]:
        status, body = fetch(base_url + path)
        assert status == expected, path
        jsonschema.validate(body, schema("Error"))


def test_procedure_list_and_detail_match_schema(base_url):
    status, body = fetch(base_url + "/api/v1/procedures?q=KHAI+SINH")
    assert status == 200
    jsonschema.validate(body, schema("ProcedureList"))
    assert [p["code"] for p in body["procedures"]] == ["DEMO-HT-01"]
    _, everything = fetch(base_url + "/api/v1/procedures")
    assert len(everything["procedures"]) >= 30
    for code in ["DEMO-HT-01", "DEMO-DD-02", "DEMO-TP-01"]:
        status, detail = fetch(f"{base_url}/api/v1/procedures/{code}")
        assert status == 200, code
        jsonschema.validate(detail, schema("ProcedureDetail"))


def test_service_index_matches_schema(browser, base_url):
    """Signed in as the demo city leader, the index of the city and a ranking validate against their schemas."""
    from test_citizen_portal import downloaded
    from test_pages import sign_in
    sign_in(browser, base_url, "lanhdao.thanhpho")
    city = json.loads(downloaded(browser, base_url + "/api/v1/index/service"))
    jsonschema.validate(city, schema("ServiceIndex"))
    assert city["unit"] == "ALL" and len(city["groups"]) == 6
    # The measurable maximum: the maxima of the applicable indicators (data held, a denominator above 0).
    applicable = [i for g in city["groups"] for i in g["indicators"] if i["applicable"]]
    assert city["measurableMax"] == sum(i["max"] for i in applicable) <= 80
    # The exact total over the measurable maximum, to two decimals: from the published total it may differ by that
    # total's rounding scaled to 100, plus its own.
    assert city["index"] is None or abs(city["index"] - city["total"] / city["measurableMax"] * 100) <= 0.005 + 0.5 / city["measurableMax"] + 1e-9
    ranking = json.loads(downloaded(browser, base_url + "/api/v1/index/ranking?kind=commune"))
    jsonschema.validate(ranking, schema("ServiceIndexRanking"))
    assert [u["rank"] for u in ranking["units"]] == sorted(u["rank"] for u in ranking["units"])

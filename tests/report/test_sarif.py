"""SARIF output: valid SARIF 2.1.0 (official schema shipped in schemas/), one result per gap/pitfall/hint."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from genderscan.checklist import load_checklist
from genderscan.paths import default_rules_dir
from genderscan.report import render
from tests.report.conftest import EXAMPLE, _analyse

SCHEMA = json.loads((Path(__file__).parent / "schemas" / "sarif-2.1.0-rtm.5.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def sarif(example_report_abs):
    return json.loads(render(example_report_abs, "sarif", "nl"))


def test_sarif_validates_against_the_official_schema(sarif):
    jsonschema.Draft4Validator.check_schema(SCHEMA)
    jsonschema.validate(sarif, SCHEMA, cls=jsonschema.Draft4Validator)
    assert sarif["version"] == "2.1.0"


def test_schema_catches_a_broken_log(sarif):
    broken = json.loads(json.dumps(sarif))
    broken["runs"][0]["results"][0]["level"] = "fatal"
    assert list(jsonschema.Draft4Validator(SCHEMA).iter_errors(broken))


def test_one_result_per_gap_pitfall_and_hint(sarif, example_report_abs):
    results = sarif["runs"][0]["results"]
    expected = example_report_abs.gaps + [p.id for p in example_report_abs.pitfalls] + [h.id for h in example_report_abs.hints]
    assert sorted(r["ruleId"] for r in results) == sorted(expected)
    levels = {i.id: i.level for i in example_report_abs.items}
    for r in results:
        if r["ruleId"] in levels:
            assert r["level"] == ("warning" if levels[r["ruleId"]] == 0 else "note")


def test_rule_ids_match_the_rules_folder(sarif):
    rules = sarif["runs"][0]["tool"]["driver"]["rules"]
    ids = [r["id"] for r in rules]
    checklist = load_checklist()
    assert set(ids) == checklist.targets()
    folders = {p.parent.name for p in default_rules_dir().rglob("*.yaml")}
    for result in sarif["runs"][0]["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        # the rules that fired live in rules/<...>/<ruleId>/<name>.yaml
        for rule in result["properties"]["rules"]:
            assert rule.split("/")[0] == result["ruleId"] and rule.split("/")[0] in folders


def test_regions_point_at_the_sentence_in_the_text_file(sarif, example_report_abs):
    lines = Path(example_report_abs.document.path).read_text(encoding="utf-8").split("\n")  # SARIF lines end at LF/CR, not at form feeds
    located = 0
    for result in sarif["runs"][0]["results"]:
        for loc in result["locations"] + result.get("relatedLocations", []):
            region = loc["physicalLocation"].get("region")
            if not region:
                continue
            located += 1
            snippet = region["snippet"]["text"]
            line = lines[region["startLine"] - 1]
            assert line[region["startColumn"] - 1 :].startswith(snippet.split()[0])
            assert snippet.split()[-1] in lines[region["endLine"] - 1]
            assert region["properties"]["page"]
    assert located, "the example's gaps have sentences to point at"


def test_gap_messages_carry_the_recommendation(sarif):
    from genderscan.i18n import checklist_texts

    texts = checklist_texts("nl")["items"]
    for result in sarif["runs"][0]["results"]:
        if result["ruleId"] in texts:
            assert texts[result["ruleId"]]["recommendation"] in result["message"]["text"]


def test_pdf_source_gets_char_offsets_and_page(tmp_path):
    from genderscan.config import Config
    from genderscan.pipeline import analyse

    pdf = Path(__file__).resolve().parents[2] / "examples" / "regiovisie-voorbeeld.pdf"
    data = json.loads(render(analyse(pdf, Config()), "sarif", "en"))
    jsonschema.validate(data, SCHEMA, cls=jsonschema.Draft4Validator)
    regions = [
        loc["physicalLocation"]["region"]
        for r in data["runs"][0]["results"]
        for loc in r["locations"]
        if "region" in loc["physicalLocation"]
    ]
    assert regions and all("charOffset" in r and "startLine" not in r for r in regions)


def _regions(log: dict) -> list[dict]:
    return [
        loc["physicalLocation"]["region"]
        for result in log["runs"][0]["results"]
        for loc in result["locations"] + result.get("relatedLocations", [])
        if "region" in loc["physicalLocation"]
    ]


def test_regions_in_utf8_with_a_bad_byte_have_line_numbers(tmp_path):
    """SARIF decodes the file as the text reader does (genderscan.textcodec): UTF-8 with one invalid byte
    stays UTF-8, so a sentence with a non-ASCII word ("geïsoleerd") is still found in the file."""
    path = tmp_path / "kapot.txt"
    path.write_bytes(EXAMPLE.read_bytes() + b"\nEen kapot teken: \xff.\n")
    report = _analyse(path)
    assert [w.code for w in report.warnings] == ["invalid_utf8"]
    lines = path.read_bytes().decode("utf-8", errors="replace").split("\n")
    non_ascii = [r for r in _regions(json.loads(render(report, "sarif", "nl"))) if not r["snippet"]["text"].isascii()]
    assert non_ascii, "the example has evidence with a non-ASCII word"
    for region in non_ascii:
        assert "startLine" in region and "charOffset" not in region
        assert lines[region["startLine"] - 1][region["startColumn"] - 1 :].startswith(region["snippet"]["text"].split()[0])


def test_regions_in_utf16_with_a_byte_order_mark_have_line_numbers(tmp_path):
    path = tmp_path / "utf16.txt"
    path.write_bytes(EXAMPLE.read_text(encoding="utf-8").encode("utf-16"))
    regions = _regions(json.loads(render(_analyse(path), "sarif", "nl")))
    assert regions and all("startLine" in r for r in regions)

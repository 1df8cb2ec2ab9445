"""JSON output: valid against genderscan's own schema, and the fields reports rely on."""

from __future__ import annotations

import json

import jsonschema

from genderscan.report import json_schema, render
from genderscan.report.build import analysed_at


def test_json_output_validates_against_own_schema(example_report):
    data = json.loads(render(example_report, "json"))
    jsonschema.Draft202012Validator.check_schema(json_schema())
    jsonschema.validate(data, json_schema(), cls=jsonschema.Draft202012Validator)


def test_schema_rejects_a_broken_report(example_report):
    data = json.loads(render(example_report, "json"))
    data["items"][0]["level"] = 3
    errors = list(jsonschema.Draft202012Validator(json_schema()).iter_errors(data))
    assert errors, "a level of 3 must not validate"


def test_analysed_at_honours_source_date_epoch(monkeypatch, example_report):
    assert example_report.analysed_at == "2025-03-14T10:50:00Z"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    assert analysed_at() == "1970-01-01T00:00:00Z"
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    assert analysed_at().endswith("Z") and analysed_at()[:2] == "20"


def test_gaps_are_checked_items_below_level_2_most_to_gain_first(example_report):
    items = {i.id: i for i in example_report.items}
    assert example_report.gaps, "the example has gaps"
    assert all(items[g].checked and items[g].level < 2 for g in example_report.gaps)
    missing = [i.id for i in example_report.items if i.checked and i.level < 2 and i.id not in example_report.gaps]
    assert missing == []
    gains = [(2 - items[g].level) * items[g].weight for g in example_report.gaps]
    assert gains == sorted(gains, reverse=True)


def test_items_carry_code_and_weight(example_report):
    codes = {i.id: (i.code, i.weight) for i in example_report.items}
    assert codes["gender-als-oorzaak"] == ("A1", 2)
    assert codes["sekseverschillen"] == ("A2", 1)
    assert codes["gender-evaluatie"][0] == "D2"

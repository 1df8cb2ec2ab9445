"""The aggregations are declared in rules/checklist.yaml, one module each, documented What / Why / Example."""

from __future__ import annotations

import pytest

from genderscan.checklist import Checklist, load_checklist
from genderscan.errors import RuleError
from genderscan.paths import default_rules_dir
from genderscan.rules import aggregations


def test_checklist_declares_every_module_once_in_order():
    names = [a.name for a in load_checklist().aggregations]
    assert names == ["item_exceptions", "level2", "ambition_without_measures", "harmful_practices_only"]
    assert sorted(names) == sorted(aggregations.MODULES)


@pytest.mark.parametrize("name", aggregations.MODULES)
def test_module_docstring_what_why_example(name):
    mod = aggregations.module(name)
    doc = mod.__doc__ or ""
    assert "What:" in doc and "Why:" in doc and "Example:" in doc
    assert mod.STAGE in ("findings", "scores")


def test_unknown_aggregation_is_a_checklist_error():
    data = load_checklist().model_dump()
    data["aggregations"] = [{"name": "nonsense", "applies_to": ["all"]}]
    with pytest.raises(RuleError) as info:
        aggregations.check(Checklist.model_validate(data))
    assert "nonsense" in str(info.value.params["detail"])


def test_unknown_target_in_applies_to_is_rejected():
    data = load_checklist().model_dump()
    data["aggregations"] = [{"name": "level2", "applies_to": ["geen-item"]}]
    with pytest.raises(ValueError, match="geen-item"):
        Checklist.model_validate(data)


def test_groups_expand():
    checklist = load_checklist()
    level2 = next(a for a in checklist.aggregations if a.name == "level2")
    assert checklist.applies_to(level2) == set(checklist.item_ids)


def test_checklist_with_a_key_named_twice_is_refused_with_file_and_line(tmp_path):
    source = (default_rules_dir() / "checklist.yaml").read_text(encoding="utf-8")
    path = tmp_path / "checklist.yaml"
    path.write_text("areas: [A]\n" + source, encoding="utf-8")
    with pytest.raises(RuleError) as info:
        load_checklist(path)
    err = info.value
    assert err.code == "rule_file_invalid"
    assert err.params["path"] == str(path)
    assert err.params["line"] == source.splitlines().index("areas: [A, B, C, D]") + 2


def test_invalid_checklist_field_names_file_and_line(tmp_path):
    path = tmp_path / "checklist.yaml"
    path.write_text("areas: [A]\nitems:\n  - {id: x, code: A1, area: A, weight: veel}\npitfalls: []\n", encoding="utf-8")
    with pytest.raises(RuleError) as info:
        load_checklist(path)
    assert info.value.params["path"] == str(path)
    assert info.value.params["line"] == 3
    assert "weight" in str(info.value.params["detail"])

"""The aggregations are declared in rules/checklist.yaml, one module each, documented What / Why / Example."""

from __future__ import annotations

import pytest

from genderscan.checklist import Checklist, load_checklist
from genderscan.errors import RuleError
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

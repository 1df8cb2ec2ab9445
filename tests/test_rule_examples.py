"""Every rule's inline examples (rules/**.yaml, ``examples: match / no_match``)."""

from __future__ import annotations

import pytest

from genderscan.rules.engine import default_ruleset
from genderscan.rules.selftest import check_rule

RULES = default_ruleset().rules


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_rule_examples(rule, ruleset, nlp):
    failures = check_rule(ruleset, rule, nlp)
    assert not failures, "\n".join(f.describe() for f in failures)


def test_every_rule_has_examples():
    thin = [r.id for r in RULES if len(r.examples.match) < 3 or len(r.examples.no_match) < 3]
    assert not thin, f"rules with fewer than 3 match / 3 no_match examples: {thin}"


def test_every_item_and_pitfall_has_a_rule(ruleset):
    targets = {r.target for r in ruleset.rules}
    checklist = ruleset.checklist
    missing = [t for t in checklist.item_ids + checklist.pitfall_ids + list(checklist.hints) if t not in targets]
    assert not missing

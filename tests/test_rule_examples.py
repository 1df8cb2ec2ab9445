"""Every rule's inline examples (rules/**.yaml, ``examples: match / no_match``)."""

from __future__ import annotations

import pytest

from genderscan.rules.engine import default_ruleset
from genderscan.rules.selftest import check_rule

RULES = default_ruleset().rules


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_rule_examples(rule, ruleset, nlp):
    failures = check_rule(ruleset, rule, nlp)
    lines = [f"{f.path}: {'should match' if f.expected_match else 'should not match'}: {f.sentence!r}" for f in failures]
    assert not failures, "\n".join(lines)


def test_every_rule_has_examples():
    thin = [r.id for r in RULES if len(r.examples.match) < 3 or len(r.examples.no_match) < 3]
    assert not thin, f"rules with fewer than 3 match / 3 no_match examples: {thin}"

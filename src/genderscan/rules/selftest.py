"""Rule self-tests: every rule's ``examples`` must behave as written."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.language import Language

from genderscan.rules.engine import CompiledRule, RuleSet, run_on_text
from genderscan.rules.schema import Rule


@dataclass
class ExampleFailure:
    rule: Rule
    path: str
    sentence: str
    expected_match: bool


def check_rule(ruleset: RuleSet, rule: Rule, nlp: Language) -> list[ExampleFailure]:
    single = RuleSet([rule], ruleset.checklist)
    failures = []
    for expected, sentences in ((True, rule.examples.match), (False, rule.examples.no_match)):
        for sentence in sentences:
            found = any(f.counted for f in run_on_text(single, nlp, sentence))
            if found != expected:
                failures.append(ExampleFailure(rule, rule.id, sentence, expected))
    return failures


__all__ = ["CompiledRule", "ExampleFailure", "check_rule"]

"""Rule self-tests: every rule's ``examples`` must behave as written.

A ``match`` sentence must give a counted finding for the rule's target (item,
pitfall or hint) when the rule runs alone; a ``no_match`` sentence must not.
A rule with ``marks`` (e.g. ``[attributed]`` for quoted views) never counts by
design: for it, ``match`` means found at all and ``no_match`` means not found.
"""

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

    def describe(self) -> str:
        want = "moet vinden" if self.expected_match else "mag niet vinden"
        return f"{self.path}: {self.rule.id} {want}: {self.sentence!r}"


def check_rule(ruleset: RuleSet, rule: Rule, nlp: Language) -> list[ExampleFailure]:
    from genderscan.document import BlockKind

    single = ruleset.subset([rule])
    kind = BlockKind.list_item if rule.blocks == ["list_item"] else BlockKind.paragraph
    report_only = bool(rule.marks)
    failures = []
    for expected, sentences in ((True, rule.examples.match), (False, rule.examples.no_match)):
        for sentence in sentences:
            findings = run_on_text(single, nlp, sentence, kind)
            found = any((report_only or f.counted) and f.target == rule.target for f in findings)
            if found != expected:
                failures.append(ExampleFailure(rule, rule.path or rule.id, sentence, expected))
    return failures


def check_all(ruleset: RuleSet, nlp: Language, rules: list[Rule] | None = None) -> list[ExampleFailure]:
    failures: list[ExampleFailure] = []
    for rule in rules if rules is not None else ruleset.rules:
        failures += check_rule(ruleset, rule, nlp)
    return failures


__all__ = ["CompiledRule", "ExampleFailure", "check_all", "check_rule"]

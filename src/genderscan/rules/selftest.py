"""Rule self-tests: every rule's ``examples`` must behave as written.

A ``match`` sentence must give a counted finding for the rule's target (item,
pitfall or hint) when the rule runs alone; a ``no_match`` sentence must not. A
``marked`` sentence must give a counted finding that is only an ambition or a
quoted view (hedged or attributed): it counts at level 1 and never reaches
level 2. A rule with ``marks: [attributed]`` (quoted views) always gives such
findings.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.language import Language

from genderscan.rules.engine import run_on_text
from genderscan.rules.index import CompiledRule
from genderscan.rules.matcher import level1_only
from genderscan.rules.ruleset import RuleSet
from genderscan.rules.schema import Rule


@dataclass
class ExampleFailure:
    rule: Rule
    path: str
    sentence: str
    expected_match: bool
    marked: bool = False

    def describe(self) -> str:
        want = "moet als ambitie/citaat vinden" if self.marked else "moet vinden" if self.expected_match else "mag niet vinden"
        return f"{self.path}: {self.rule.id} {want}: {self.sentence!r}"


def check_rule(ruleset: RuleSet, rule: Rule, nlp: Language) -> list[ExampleFailure]:
    from genderscan.document import BlockKind

    single = ruleset.subset([rule])
    kind = BlockKind.list_item if rule.blocks == [BlockKind.list_item] else BlockKind.paragraph
    failures = []
    for expected, sentences in ((True, rule.examples.match), (False, rule.examples.no_match)):
        for sentence in sentences:
            findings = run_on_text(single, nlp, sentence, kind)
            found = any(f.counted and f.target == rule.target for f in findings)
            if found != expected:
                failures.append(ExampleFailure(rule, rule.path or rule.id, sentence, expected))
    for sentence in rule.examples.marked:
        findings = [f for f in run_on_text(single, nlp, sentence, kind) if f.counted and f.target == rule.target]
        if not findings or not all(level1_only(f, rule) for f in findings):
            failures.append(ExampleFailure(rule, rule.path or rule.id, sentence, True, marked=True))
    return failures


def check_all(ruleset: RuleSet, nlp: Language, rules: list[Rule] | None = None) -> list[ExampleFailure]:
    failures: list[ExampleFailure] = []
    for rule in rules if rules is not None else ruleset.rules:
        failures += check_rule(ruleset, rule, nlp)
    return failures


__all__ = ["CompiledRule", "ExampleFailure", "check_all", "check_rule"]

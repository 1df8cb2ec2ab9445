"""The rule data: rules, the checklist, the term lists and the level-2 profiles.

:class:`RuleSet` is what :func:`load_rules` reads from the built-in pack and the
user packs. It holds data only; :meth:`RuleSet.run` wires the three steps:
the compiled index (:mod:`genderscan.rules.index`, cached per spaCy
vocabulary), the matcher (:mod:`genderscan.rules.matcher`: one finding per
target and sentence) and the ``findings`` aggregations declared in
``rules/checklist.yaml`` (:mod:`genderscan.rules.aggregations`: item
exceptions, level 2).
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from genderscan.checklist import Checklist, load_checklist
from genderscan.findings import Finding
from genderscan.paths import default_rules_dir
from genderscan.rules import aggregations
from genderscan.rules.index import CompiledIndex, compiled_index
from genderscan.rules.loader import (
    PROFILES_FILE,
    Vocab,
    check_refs,
    expand,
    find_rule_files,
    find_vocab_files,
    load_profiles_file,
    load_rule_file,
    load_vocab_file,
)
from genderscan.rules.matcher import Matcher
from genderscan.rules.schema import Profile, Rule

if TYPE_CHECKING:
    from spacy.language import Language

    from genderscan.nlp import AnnotatedDocument


class RuleSet:
    """Validated rules plus the checklist, the term lists and level-2 profiles they use."""

    def __init__(
        self,
        rules: list[Rule],
        checklist: Checklist,
        vocab: dict[str, Vocab] | None = None,
        profiles: dict[str, Profile] | None = None,
    ) -> None:
        self.rules = rules
        self.checklist = checklist
        self.vocab = vocab or {}
        self.profiles = profiles or {}
        self._compiled: dict[int, CompiledIndex] = {}  # per id(nlp.vocab): see rules.index.compiled_index

    def subset(self, rules: list[Rule]) -> RuleSet:
        return RuleSet(rules, self.checklist, self.vocab, self.profiles)

    def by_id(self, rule_id: str) -> Rule | None:
        return next((r for r in self.rules if r.id == rule_id), None)

    def checked_items(self) -> set[str]:
        return {r.item for r in self.rules if r.item}

    def expanded(self, terms: list[str]) -> list[str]:
        return expand(terms, self.vocab)

    def compiled(self, nlp: Language) -> CompiledIndex:
        """The compiled index for ``nlp``'s vocabulary (built once)."""
        return compiled_index(self, nlp)

    def run(self, annotated: AnnotatedDocument, nlp: Language) -> list[Finding]:
        """The findings in ``annotated``: matched, one per target and sentence, then aggregated."""
        index = self.compiled(nlp)
        matcher = Matcher(index, annotated)
        findings, where = matcher.run()
        stage = aggregations.FindingsStage(
            findings=findings,
            where=where,
            matcher=matcher,
            rules={r.id: r for r in self.rules},
            profiles=self.profiles,
            markers=index.markers,
            checklist=self.checklist,
        )
        return aggregations.apply_findings(stage)


def builtin_rules_dir() -> Path:
    return default_rules_dir()


def load_rules(extra: Iterable[str | Path] = (), disabled: Iterable[str] = (), checklist: Checklist | None = None) -> RuleSet:
    """The built-in rules plus the packs in ``extra``; a later rule ID, term list or profile overrides an earlier one."""
    checklist = checklist or load_checklist()
    aggregations.check(checklist)
    by_id: dict[str, Rule] = {}
    vocab: dict[str, Vocab] = {}
    profiles: dict[str, Profile] = {}
    for root in [builtin_rules_dir(), *map(Path, extra)]:
        for path in find_rule_files(root):
            rule = load_rule_file(path, root, checklist)
            by_id[rule.id] = rule
        for path in find_vocab_files(root):
            vocab[path.stem] = load_vocab_file(path)
        if (root / PROFILES_FILE).is_file():
            profiles.update(load_profiles_file(root / PROFILES_FILE))
    for profile in profiles.values():
        for marker in profile.any:
            check_refs(marker, vocab, profiles)
    off = set(disabled)
    rules = [r for r in by_id.values() if r.id not in off]
    for rule in rules:
        check_refs(rule, vocab, profiles)
    return RuleSet(rules, checklist, vocab, profiles)


@cache
def all_rules(extra: tuple[str, ...] = ()) -> RuleSet:
    """Every rule of the built-in rules and the packs ``extra`` (none switched off), loaded once per
    process per pack tuple, as the pipeline has always kept its rule set: a pack edited while the
    process runs is read again by the next process. Shared, so never changed: a RuleSet is read-only
    after :func:`load_rules` (only its compiled index is filled in, once per vocabulary)."""
    return load_rules(extra)


def default_ruleset() -> RuleSet:
    return all_rules()


__all__ = ["RuleSet", "all_rules", "builtin_rules_dir", "default_ruleset", "load_rules"]

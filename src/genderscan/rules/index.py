"""The compiled index of a rule set: every term list turned into word-pattern IDs, once per spaCy vocabulary.

:class:`CompiledRule` holds a rule's groups, ``also`` conditions, ``unless``
and ``pseudo`` phrases as :class:`~genderscan.rules.terms.Group` s of one shared
:class:`~genderscan.rules.terms.TermIndex`; :class:`CompiledIndex` is that
index, the compiled rules, and the compiled level-2 markers per profile in use.
:func:`compiled_index` builds it once per rule set and ``nlp.vocab`` (the
term index tokenises terms with the pipeline's tokenizer).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

from genderscan.kinds import BlockKind, Scope
from genderscan.rules.loader import Vocab, expand
from genderscan.rules.schema import Rule
from genderscan.rules.terms import Group, TermIndex

if TYPE_CHECKING:
    from spacy.language import Language

    from genderscan.rules.ruleset import RuleSet


@dataclass
class CompiledRule:
    rule: Rule
    groups: list[Group]
    also: list[tuple[Group, Scope]]
    unless: Group
    pseudo: Group
    blocks: frozenset[BlockKind]

    @classmethod
    def build(cls, rule: Rule, index: TermIndex, vocab: dict[str, Vocab]) -> CompiledRule:
        def phrases(terms: list[str]) -> Group:
            return index.group(expand(terms, vocab))

        return cls(
            rule=rule,
            groups=[phrases(g) for g in rule.all],
            also=[(phrases(c.terms), c.within) for c in rule.also],
            unless=phrases(rule.unless),
            pseudo=phrases(rule.pseudo),
            blocks=frozenset(rule.blocks),
        )


class CompiledIndex(NamedTuple):
    """The term index, the compiled rules (in rule-set order) and the level-2 markers per profile name."""

    terms: TermIndex
    rules: list[CompiledRule]
    markers: dict[str, list[CompiledRule]]


def compile_index(ruleset: RuleSet, nlp: Language) -> CompiledIndex:
    """Compile ``ruleset`` for the tokenizer of ``nlp`` (uncached; see :func:`compiled_index`)."""
    index = TermIndex(lambda text: [t.text for t in nlp.make_doc(text)])
    rules = [CompiledRule.build(r, index, ruleset.vocab) for r in ruleset.rules]
    used = {r.level2 for r in ruleset.rules if r.level2 and r.level2 != "none"}
    markers = {
        name: [CompiledRule.build(m, index, ruleset.vocab) for m in ruleset.profiles[name].any]
        for name in used
        if name in ruleset.profiles
    }
    return CompiledIndex(index, rules, markers)


def compiled_index(ruleset: RuleSet, nlp: Language) -> CompiledIndex:
    """The compiled index of ``ruleset`` for ``nlp``, cached on the rule set per vocabulary."""
    key = id(nlp.vocab)
    cache = ruleset._compiled
    if key not in cache:
        cache[key] = compile_index(ruleset, nlp)
    return cache[key]


__all__ = ["CompiledIndex", "CompiledRule", "compile_index", "compiled_index"]

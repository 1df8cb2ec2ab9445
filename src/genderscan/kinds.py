"""One vocabulary of types for the rule language, the NLP stage and scoring.

- :class:`Qualifier`: what the context component says about a matched span
  (``negated``, ``hedged``, ``attributed``, ``definition``);
- :class:`~genderscan.document.BlockKind`: the kind of text block (heading,
  paragraph, list item, …), re-exported here;
- :class:`~genderscan.findings.TargetKind`: what a rule supports (item,
  pitfall, hint), re-exported here;
- :class:`Scope`: a parsed ``within`` value (``sentence``, ``sentences:N``,
  ``tokens:N``, ``paragraph``, ``section``) that answers :meth:`Scope.contains`
  for two :class:`Place` s.

The enums are ``StrEnum`` s: a member equals its string, so rule files, JSON
output and reports keep reading and writing the plain names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from typing import Annotated, Any, NamedTuple

from pydantic import BeforeValidator, PlainSerializer, WithJsonSchema

from genderscan.document import BlockKind
from genderscan.findings import TargetKind

__all__ = [
    "BLOCKING",
    "DEFAULT_BLOCKS",
    "LEVEL1_ONLY",
    "READABLE_BLOCKS",
    "BlockKind",
    "Place",
    "Qualifier",
    "Scope",
    "ScopeField",
    "ScopeKind",
    "TargetKind",
]


class Qualifier(StrEnum):
    """A context qualifier of a matched span (docs/nlp.md, *Context qualifiers*)."""

    negated = "negated"
    hedged = "hedged"
    attributed = "attributed"
    definition = "definition"


#: The qualifiers the context component finds from trigger phrases (``definition`` comes from definitions.yaml).
CONTEXT_QUALIFIERS = (Qualifier.negated, Qualifier.hedged, Qualifier.attributed)
#: Qualifiers that take a finding out of the document's own voice unless the rule ``accepts`` them.
BLOCKING = frozenset(Qualifier)
#: Of those, the ones after which item evidence still counts, at level 1 only and marked
#: ("alleen als ambitie", "geciteerd"): the checklist's level-1 rule. Negated and
#: definition evidence never counts (definitions count only where a rule accepts them).
LEVEL1_ONLY = frozenset({Qualifier.hedged, Qualifier.attributed})

#: Block kinds a rule may read (no TOC, references or footnotes: never evidence).
READABLE_BLOCKS = (BlockKind.heading, BlockKind.paragraph, BlockKind.list_item, BlockKind.table, BlockKind.caption, BlockKind.glossary)
#: Block kinds a rule reads unless it says otherwise (the document's own running text, no headings).
DEFAULT_BLOCKS = (BlockKind.paragraph, BlockKind.list_item, BlockKind.table, BlockKind.caption, BlockKind.glossary)


class ScopeKind(StrEnum):
    sentence = "sentence"
    sentences = "sentences"
    tokens = "tokens"
    paragraph = "paragraph"
    section = "section"


class Place(NamedTuple):
    """Where a span is: its section, block, sentence (index in the block) and token range in the block."""

    section: str
    block: int
    sentence: int
    start: int
    end: int


_SCOPE_RE = re.compile(r"^(sentence|paragraph|section|sentences:[1-9]|tokens:[1-9][0-9]?)$")
SCOPE_HELP = "kies sentence, sentences:N (N zinnen), tokens:N (N woorden), paragraph of section"


@dataclass(frozen=True, slots=True)
class Scope:
    """Where terms must co-occur: ``sentence``, ``sentences:N`` (N consecutive sentences),
    ``tokens:N`` (at most N words between), ``paragraph`` (same block) or ``section``."""

    kind: ScopeKind
    n: int = 0

    @classmethod
    def parse(cls, value: str | Scope) -> Scope:
        if isinstance(value, Scope):
            return value
        if not isinstance(value, str) or not _SCOPE_RE.match(value):
            raise ValueError(SCOPE_HELP)
        kind, _, n = value.partition(":")
        return cls(ScopeKind(kind), int(n) if n else 0)

    def __str__(self) -> str:
        return f"{self.kind}:{self.n}" if self.kind in (ScopeKind.sentences, ScopeKind.tokens) else str(self.kind)

    @property
    def is_section(self) -> bool:
        return self.kind is ScopeKind.section

    def contains(self, anchor: Place, other: Place) -> bool:
        """Is ``other`` within this scope of ``anchor``?"""
        kind = self.kind
        if kind is ScopeKind.section:
            return other.section == anchor.section
        if other.block != anchor.block:
            return False
        if kind is ScopeKind.paragraph:
            return True
        if kind is ScopeKind.sentence:
            return other.sentence == anchor.sentence
        if kind is ScopeKind.sentences:
            return abs(other.sentence - anchor.sentence) < self.n
        # tokens:N — gap between the two spans at most N tokens, same sentence not required
        return max(other.start - anchor.end, anchor.start - other.end, 0) <= self.n


def _parse_scope(value: Any) -> Scope:
    return Scope.parse(value)


#: A ``within`` field in a rule, condition or profile: written and shown as its string, held parsed.
ScopeField = Annotated[
    Scope,
    BeforeValidator(_parse_scope),
    PlainSerializer(str, return_type=str),
    WithJsonSchema({"type": "string", "pattern": _SCOPE_RE.pattern}),
]

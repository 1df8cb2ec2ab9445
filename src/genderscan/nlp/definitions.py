"""Definition and glossary detection (the ``definition`` qualifier).

A sentence is a definition when it matches the named ``label`` pattern of
``nlp/data/definitions.yaml`` ("Gender: ...", with checks on the label) or one
of its other ``patterns`` ("Onder gender verstaan we ...", "Met gendersensitief
bedoelen we ...", "X wordt gedefinieerd als ...") or when its block is a
glossary (``doc.user_data["block_kind"] == "glossary"``, set by
:func:`genderscan.nlp.annotate`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from spacy.tokens import Span

from genderscan.document import BlockKind, fold
from genderscan.nlp.schemas import DefinitionsData, shipped

GLOSSARY = BlockKind.glossary
#: Where a label ends: a colon or a dash.
LABEL_END = re.compile(r"\s*(?::|–|—| - )")


@dataclass(frozen=True)
class _Label:
    """The compiled label pattern and the words a label may not be, start with or contain (folded)."""

    pattern: re.Pattern
    not_labels: frozenset[str]
    not_starts: frozenset[str]
    not_words: frozenset[str]
    dashes: tuple[str, ...]

    def accepts(self, folded: str) -> bool:
        """"label: text" — the label must be a short noun phrase, not a list intro, slogan or sentence."""
        label = LABEL_END.split(folded, maxsplit=1)[0].strip()
        if label in self.not_labels or len(label.split()) > 4 or any(c.isdigit() for c in label):
            return False
        words = label.split()
        if words[0] in self.not_starts or self.not_words.intersection(words):
            return False
        # the label must be the whole sentence start, and the rest a phrase
        if len(folded) - len(label) < 12:
            return False
        # "label – aside – rest": a paired dash is an apposition
        rest = folded[len(label) :].lstrip()
        dash = next((d for d in self.dashes if rest.startswith(d.strip())), None)
        return not (dash is not None and dash in rest[len(dash.strip()) :])


@cache
def _patterns() -> tuple[_Label | None, tuple[re.Pattern, ...]]:
    data = shipped("definitions.yaml", DefinitionsData)
    label = None
    if data.label is not None:
        spec = data.label
        label = _Label(
            re.compile(spec.pattern),
            frozenset(fold(w) for w in spec.not_labels),
            frozenset(fold(w) for w in spec.not_label_starts),
            frozenset(fold(w) for w in spec.not_label_words),
            tuple(spec.apposition_dashes),
        )
    return label, tuple(re.compile(p) for p in data.patterns)


@lru_cache(maxsize=50_000)
def is_definition_text(text: str) -> bool:
    """Does this sentence text read as a definition?"""
    folded = fold(" ".join(text.split()))
    folded = folded.lstrip("-•●*+–· \t")
    label, patterns = _patterns()
    if label is not None and label.pattern.search(folded) and label.accepts(folded):
        return True
    return any(pattern.search(folded) for pattern in patterns)


def is_definition(sent: Span) -> bool:
    if sent.doc.user_data.get("block_kind") == GLOSSARY:
        return True
    return is_definition_text(sent.text)

"""Definition and glossary detection (the ``definition`` qualifier).

A sentence is a definition when it matches a pattern in
``nlp/data/definitions.yaml`` ("Gender: ...", "Onder gender verstaan we ...",
"Met gendersensitief bedoelen we ...", "X wordt gedefinieerd als ...") or when
its block is a glossary (``doc.user_data["block_kind"] == "glossary"``, set by
:func:`genderscan.nlp.annotate`).
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from importlib import resources

import yaml
from spacy.tokens import Span

from genderscan.document import fold

GLOSSARY = "glossary"


@cache
def _patterns() -> tuple[tuple[re.Pattern, ...], frozenset[str], frozenset[str], frozenset[str], tuple[str, ...]]:
    source = resources.files("genderscan.nlp") / "data" / "definitions.yaml"
    with source.open(encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    patterns = tuple(re.compile(p) for p in data.get("patterns") or [])
    not_labels = frozenset(fold(str(w)) for w in data.get("not_labels") or [])
    not_starts = frozenset(fold(str(w)) for w in data.get("not_label_starts") or [])
    not_words = frozenset(fold(str(w)) for w in data.get("not_label_words") or [])
    dashes = tuple(str(d) for d in data.get("apposition_dashes") or [])
    return patterns, not_labels, not_starts, not_words, dashes


@lru_cache(maxsize=50_000)
def is_definition_text(text: str) -> bool:
    """Does this sentence text read as a definition?"""
    folded = fold(" ".join(text.split()))
    folded = folded.lstrip("-•●*+–· \t")
    patterns, not_labels, not_starts, not_words, dashes = _patterns()
    for i, pattern in enumerate(patterns):
        m = pattern.search(folded)
        if not m:
            continue
        if i == 0:  # "label: text" — the label must be a short noun phrase, not a list intro
            label = re.split(r"\s*(?::|–|—| - )", folded, maxsplit=1)[0].strip()
            if label in not_labels or len(label.split()) > 4 or any(c.isdigit() for c in label):
                continue
            words = label.split()
            if words[0] in not_starts or not_words.intersection(words):
                continue
            # the label must be the whole sentence start, and the rest a phrase
            if len(folded) - len(label) < 12:
                continue
            # "label – aside – rest": a paired dash is an apposition
            rest = folded[len(label) :].lstrip()
            dash = next((d for d in dashes if rest.startswith(d.strip())), None)
            if dash is not None and dash in rest[len(dash.strip()) :]:
                continue
        return True
    return False


def is_definition(sent: Span) -> bool:
    if sent.doc.user_data.get("block_kind") == GLOSSARY:
        return True
    return is_definition_text(sent.text)

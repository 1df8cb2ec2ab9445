"""Candidate selection: only sentences with domain vocabulary are embedded.

The vocabulary is data (``data/vocabulary.yaml``), not code. A term matches at
the start of a word (``vrouw`` finds vrouwen, vrouwenopvang); ``*term`` matches
anywhere inside a word (``*geweld`` finds partnergeweld); a term without letters
(``%``) anywhere. Case and accents are ignored.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import yaml

from genderscan.document import fold  # the one case- and accent-fold (length-preserving), as the keyword baselines use

VOCABULARY = Path(__file__).parent / "data" / "vocabulary.yaml"


def _terms(terms) -> list[str]:
    return sorted({fold(str(t)).strip() for t in terms or [] if str(t).strip()})


@cache
def _data() -> dict:
    data = yaml.safe_load(VOCABULARY.read_text(encoding="utf-8")) or {}
    return data if isinstance(data, dict) else {"termen": data}


def load_vocabulary() -> list[str]:
    """The domain words that make a sentence a candidate."""
    return _terms(_data().get("termen"))


def target_terms() -> dict[str, list[str]]:
    """Per target the words one of which a sentence needs to be judged for that target."""
    return {t: _terms(words) for t, words in (_data().get("doelen") or {}).items()}


@cache
def vocabulary_pattern() -> re.Pattern[str]:
    return _pattern(tuple(load_vocabulary()))


def target_pseudo() -> dict[str, list[str]]:
    """Per target the look-alikes that are taken out of a sentence before its words are checked."""
    return {t: _terms(words) for t, words in (_data().get("schijn") or {}).items()}


@cache
def target_patterns() -> dict[str, tuple[re.Pattern[str], re.Pattern[str] | None]]:
    pseudo = target_pseudo()
    return {t: (_pattern(tuple(words)), _pattern(tuple(pseudo[t])) if pseudo.get(t) else None) for t, words in target_terms().items()}


def target_gate(text: str, target: str) -> bool:
    """May ``text`` be judged for ``target``? (True for a target without a word list.)"""
    found = target_patterns().get(target)
    if found is None:
        return True
    pattern, pseudo = found
    folded = fold(text)
    if pseudo is not None:
        folded = pseudo.sub(lambda m: " " * len(m.group(0)), folded)
    return pattern.search(folded) is not None


def target_spans(text: str, target: str) -> list[tuple[int, int]]:
    """Character spans of ``target``'s words in ``text`` (look-alikes left out); [] without a word list."""
    found = target_patterns().get(target)
    if found is None:
        return []
    pattern, pseudo = found
    folded = fold(text)
    if pseudo is not None:
        folded = pseudo.sub(lambda m: " " * len(m.group(0)), folded)
    return [m.span() for m in pattern.finditer(folded)]


def _pattern(terms: tuple[str, ...]) -> re.Pattern[str]:
    starts, inside = [], []
    for term in terms:
        if term.startswith("*"):
            inside.append(re.escape(term.lstrip("*")))
        elif not any(c.isalnum() for c in term):
            inside.append(re.escape(term))
        else:
            starts.append(re.escape(term))
    parts = []
    if starts:
        parts.append(r"(?<!\w)(?:" + "|".join(sorted(starts, key=len, reverse=True)) + ")")
    if inside:
        parts.append("(?:" + "|".join(sorted(inside, key=len, reverse=True)) + ")")
    return re.compile("|".join(parts) or r"(?!x)x")


def vocabulary_hits(text: str) -> list[tuple[int, int]]:
    """Character spans of domain words in ``text``."""
    return [m.span() for m in vocabulary_pattern().finditer(fold(text))]


def is_candidate(text: str) -> bool:
    return vocabulary_pattern().search(fold(text)) is not None

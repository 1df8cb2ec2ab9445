"""Lemmas: simplemma's Dutch lemmatizer plus an override table (``data/lemmas.yaml``)."""

from __future__ import annotations

from functools import cache, lru_cache

import simplemma

from genderscan.document import fold
from genderscan.nlp.schemas import LemmasData, shipped

__all__ = ["lemma_of", "lemma_overrides"]


@cache
def lemma_overrides() -> dict[str, str]:
    data = shipped("lemmas.yaml", LemmasData)
    return {fold(k): fold(v) for k, v in data.overrides.items()}


@lru_cache(maxsize=200_000)
def lemma_of(word: str) -> str:
    """The lower-case lemma of ``word`` (non-words come back lower-cased)."""
    low = word.lower()
    if not low.isalpha():
        return low
    override = lemma_overrides().get(fold(low))
    if override is not None:
        return override
    return simplemma.lemmatize(low, lang="nl").lower()

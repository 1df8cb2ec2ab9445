"""Lemmas: simplemma's Dutch lemmatizer plus an override table (``data/lemmas.yaml``)."""

from __future__ import annotations

from functools import cache, lru_cache
from importlib import resources

import simplemma
import yaml

from genderscan.document import fold

__all__ = ["lemma_of", "lemma_overrides"]


@cache
def lemma_overrides() -> dict[str, str]:
    source = resources.files("genderscan.nlp") / "data" / "lemmas.yaml"
    with source.open(encoding="utf-8") as fh:
        data = yaml.safe_load(fh) or {}
    return {fold(str(k)): fold(str(v)) for k, v in (data.get("overrides") or {}).items()}


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

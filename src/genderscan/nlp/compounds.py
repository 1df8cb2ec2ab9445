"""Dutch compound splitting: ``Token._.gs_compound`` and ``Token._.gs_head``.

Dutch writes compounds as one word ("genderongelijkheid", "partnergeweld"),
so a rule that looks for "gender" or "geweld" as a word misses them, and a
rule that looks for the substring "gelijkheid" wrongly hits "mogelijkheid".
This module splits a word into its parts with a small lexicon
(``nlp/data/compounds.yaml``) and simplemma's Dutch dictionary:

* ``split_compound("genderongelijkheid") == ("gender", "ongelijkheid")``
* ``split_compound("partnergeweld") == ("partner", "geweld")``
* ``split_compound("vrouwenopvang") == ("vrouw", "opvang")``
* ``split_compound("machtsverhoudingen") == ("macht", "verhoudingen")``
* ``split_compound("mogelijkheid") == ("mogelijkheid",)``
* ``split_compound("onmacht") == ("onmacht",)``

Parts are folded (lower case, no diacritics). Modifiers (every part but the
last) are given as their lemma without the linking morpheme (vrouwen-,
beleids-, kinder- -> vrouw, beleid, kind); the head (last part) keeps the
word's own inflection ("verhoudingen"); ``Token._.gs_head_lemma`` gives its
lemma. A word that is not a compound comes back as a 1-tuple of itself.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cache, lru_cache

from spacy.tokens import Token

from genderscan.document import fold
from genderscan.nlp.schemas import CompoundsData, shipped

__all__ = ["CompoundLexicon", "compound_lexicon", "split_compound"]


@dataclass(frozen=True)
class CompoundLexicon:
    min_modifier: int
    min_head: int
    linking: tuple[str, ...]
    atomic: frozenset[str]
    heads: frozenset[str]
    modifiers: frozenset[str]
    not_modifiers: frozenset[str]
    not_heads: frozenset[str]


@cache
def compound_lexicon() -> CompoundLexicon:
    data = shipped("compounds.yaml", CompoundsData)

    def words(values: list[str]) -> frozenset[str]:
        return frozenset(fold(w) for w in values)

    return CompoundLexicon(
        min_modifier=data.min_modifier,
        min_head=data.min_head,
        # longest linking morpheme first: "en" before "e"
        linking=tuple(sorted(data.linking, key=len, reverse=True)),
        atomic=words(data.atomic),
        heads=words(data.heads),
        modifiers=words(data.modifiers),
        not_modifiers=words(data.not_modifiers),
        not_heads=words(data.not_heads),
    )


@cache
def _dictionary():
    """simplemma's Dutch form -> lemma dictionary (a mapping of str to str or bytes).

    The same object ``simplemma.lemmatize`` uses (its process-wide factory), so
    the dictionary is read from disk once, not once for lemmas and once here.
    """
    try:
        from simplemma.strategies.dictionaries import (
            DEFAULT_DICTIONARY_FACTORY as factory,
        )
    except ImportError:  # older simplemma: a factory of our own (a second copy)
        from simplemma.strategies.dictionaries import DefaultDictionaryFactory

        factory = DefaultDictionaryFactory()
    return factory.get_dictionary("nl")


def _lemma_in_dictionary(word: str) -> str | None:
    value = _dictionary().get(word)
    if value is None:
        return None
    return value.decode("utf-8") if isinstance(value, bytes) else str(value)


def _lemma(word: str) -> str:
    from genderscan.nlp.lemmas import lemma_of

    return fold(lemma_of(word))


def _valid_head(head: str, lex: CompoundLexicon) -> bool:
    if len(head) < lex.min_head or head in lex.not_heads:
        return False
    if head in lex.heads:
        return True
    lemma = _lemma_in_dictionary(head)
    if lemma is None:
        return False
    lemma = fold(lemma)
    # "verhoudingen" -> "verhouding" is a noun form; "dacht" -> "denken" is not a head
    return head == lemma or os.path.commonprefix([head, lemma]).__len__() >= max(3, len(lemma) - 3)


def _valid_modifier(word: str, lex: CompoundLexicon) -> bool:
    if len(word) < lex.min_modifier or word in lex.not_modifiers:
        return False
    return word in lex.modifiers or _lemma_in_dictionary(word) is not None


def _self_lemma(word: str) -> bool:
    lemma = _lemma_in_dictionary(word)
    return lemma is not None and fold(lemma) == word


def _modifier_form(word: str) -> str:
    """A modifier as its lemma when that is shorter (vrouwen -> vrouw), else as written (les, not lessen)."""
    lemma = _lemma(word)
    return lemma if len(lemma) < len(word) else word


def _modifier_parts(left: str, lex: CompoundLexicon, depth: int) -> tuple[str, ...] | None:
    """``left`` as one or more modifier parts (linking morpheme removed), or None.

    Preference: a listed modifier (with or without linking morpheme), then a
    word that is its own lemma (hals-, not hal + s), then the stem without the
    linking morpheme (vrouwen- -> vrouw, kinder- -> kind), then any known form.
    """
    stems = [left[: -len(link)] for link in lex.linking if left.endswith(link)]
    if left in lex.modifiers:
        return (left,)
    for stem in stems:
        if stem in lex.modifiers:
            return (stem,)
    if _valid_modifier(left, lex) and _self_lemma(left):
        return (left,)
    for stem in stems:
        if _valid_modifier(stem, lex):
            return (_modifier_form(stem),)
    if _valid_modifier(left, lex):
        return (_modifier_form(left),)
    if depth > 0:
        for candidate in [left, *stems]:
            parts = _split(candidate, lex, depth - 1)
            if len(parts) > 1:
                return parts
    return None


def _split(word: str, lex: CompoundLexicon, depth: int = 2) -> tuple[str, ...]:
    if len(word) < lex.min_modifier + lex.min_head or word in lex.atomic or not word.isalpha():
        return (word,)
    lemma = _lemma(word)
    if word in lex.heads or lemma in lex.heads:
        return (word,)  # a listed head is a unit: "slachtoffers" is not slacht + offers
    if lemma != word and len(lemma) < len(word) and len(_split(lemma, lex, depth)) == 1:
        return (word,)  # an inflected simple word: "kinderen" (kind) is not kin + deren
    # longest head first: "genderongelijkheid" -> gender + ongelijkheid, not
    # genderonge + lijkheid; the modifier must be a word itself.
    for i in range(lex.min_modifier, len(word) - lex.min_head + 1):
        head = word[i:]
        if not _valid_head(head, lex):
            continue
        left = word[:i]
        if any(left == p or (left.startswith(p) and left[len(p):] in lex.linking) for p in lex.not_modifiers):
            continue
        mods = _modifier_parts(left, lex, depth)
        if mods:
            return (*mods, head)
    return (word,)


@lru_cache(maxsize=200_000)
def split_compound(word: str) -> tuple[str, ...]:
    """The folded parts of a Dutch compound (a 1-tuple when it is not one)."""
    w = fold(word.strip())
    if not w:
        return (w,)
    lex = compound_lexicon()
    if "-" in w.strip("-"):
        parts: list[str] = []
        for piece in w.split("-"):
            if piece:
                parts.extend(_split(piece, lex))
        return tuple(parts) or (w,)
    return _split(w, lex)


@lru_cache(maxsize=200_000)
def head_lemma(word: str) -> str:
    parts = split_compound(word)
    return _lemma(parts[-1]) if parts[-1].isalpha() else parts[-1]


def _token_compound(token: Token) -> tuple[str, ...]:
    return split_compound(token.text)


def _token_head(token: Token) -> str:
    return split_compound(token.text)[-1]


def _token_head_lemma(token: Token) -> str:
    return head_lemma(token.text)


for _name, _getter in (
    ("gs_compound", _token_compound),
    ("gs_head", _token_head),
    ("gs_head_lemma", _token_head_lemma),
):
    if not Token.has_extension(_name):
        Token.set_extension(_name, getter=_getter)

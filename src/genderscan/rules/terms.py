"""Term syntax and fast matching.

A term is a word or a phrase of words; a word is one of

=================  =====================================================
``partnergeweld``  the folded word or its lemma equals it
``gender*``        the word (or lemma) starts with it
``*geweld``        the word (or lemma) ends with it
``*afhankelijk*``  the word contains it
``kop:geweld``     compound whose head (last part) is "geweld"
``deel:gender``    compound with a part "gender" (head or modifier)
``/20[0-9]{2}/``   regular expression on the whole folded word
``..``             (inside a phrase) skip up to three words
=================  =====================================================

Matching is done once per distinct token (folded text, lemma, compound parts):
the token gets the set of word-pattern IDs it satisfies, cached for the whole
process under the token's (ORTH, LEMMA) hashes read in one ``Doc.to_array``
call, so a rule set with thousands of words costs a dictionary lookup per
token. Exact words, prefixes and suffixes are found by dictionary lookups of
the word's own prefixes and suffixes (not a scan over the patterns); the
compound split is only computed when the rule set uses ``kop:`` or ``deel:``.

Regular expressions are compiled with the ``regex`` package when the rule file
is loaded (a bad one is an error with file and line, see :func:`regex_errors`)
and matched with a time limit (:data:`REGEX_TIMEOUT`): a pattern that
backtracks catastrophically, such as ``/(a|aa)+$/``, stops the run with a
:class:`~genderscan.errors.RuleError` naming the pattern instead of hanging.

Phrases are matched from an inverted index (word-pattern ID -> token
positions) of each Doc. The terms of one rule group are compiled into a
:class:`Group` (phrases by first word); a Doc's hits per group are computed
once and shared by every rule that uses the same term list.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import regex

from genderscan.document import fold

if TYPE_CHECKING:  # spaCy is imported when a document is matched
    from spacy.tokens import Doc, Token

#: Seconds one regular expression may take on one word.
REGEX_TIMEOUT = 0.25

GAP = -1  #: phrase element: skip 0..MAX_GAP tokens
MAX_GAP = 3

COMPOUND = "gs_compound"
HEAD = "gs_head"


def _lemma(word: str) -> str:
    from genderscan.nlp.components import lemma_of

    return fold(lemma_of(word))


def token_parts(token: Token) -> tuple[str, ...]:
    """Folded compound parts of ``token`` (the NLP stage's ``Token._.gs_compound``), or the word itself."""
    from spacy.tokens import Token

    if Token.has_extension(COMPOUND):
        parts = getattr(token._, COMPOUND)
        if parts:
            return tuple(fold(p) for p in parts)
    return (fold(token.text),)


def token_head(token: Token, parts: tuple[str, ...]) -> str:
    from spacy.tokens import Token

    if Token.has_extension(HEAD):
        head = getattr(token._, HEAD)
        if head:
            return fold(head if isinstance(head, str) else str(head))
    return parts[-1]


@dataclass(frozen=True)
class WordPattern:
    kind: str  # exact | prefix | suffix | infix | head | part | regex
    value: str  # for a regex the expression, compiled by TermIndex.word (the regex package caches compiles)


def is_regex(word: str) -> bool:
    return len(word) > 2 and word.startswith("/") and word.endswith("/")


def compile_regex(expression: str) -> regex.Pattern[str]:
    """Compile a rule's ``/expression/``; a bad one raises ValueError with the reason."""
    try:
        return regex.compile(expression)
    except (regex.error, ValueError, OverflowError, RecursionError) as exc:
        raise ValueError(str(exc) or type(exc).__name__) from None


def regex_errors(term: str) -> list[tuple[str, str]]:
    """``(expression, reason)`` for every regular expression in ``term`` that does not compile."""
    out = []
    for chunk in term.split():
        if is_regex(chunk):
            try:
                compile_regex(chunk[1:-1])
            except ValueError as exc:
                out.append((chunk, str(exc)))
    return out


def parse_word(word: str) -> WordPattern:
    if is_regex(word):
        compile_regex(word[1:-1])  # raises early on a bad expression
        return WordPattern("regex", word[1:-1])
    w = fold(word)
    if w.startswith("kop:"):
        return WordPattern("head", w[4:])
    if w.startswith("deel:"):
        return WordPattern("part", w[5:])
    if w.startswith("*") and w.endswith("*") and len(w) > 2:
        return WordPattern("infix", w[1:-1])
    if w.endswith("*") and len(w) > 1:
        return WordPattern("prefix", w[:-1])
    if w.startswith("*") and len(w) > 1:
        return WordPattern("suffix", w[1:])
    return WordPattern("exact", w)


class Group:
    """The phrases of one term list, indexed by their first word (shared by equal term lists)."""

    __slots__ = ("phrases", "by_first", "firsts")

    def __init__(self, phrases: Iterable[tuple[int, ...]]) -> None:
        self.phrases = tuple(dict.fromkeys(phrases))
        by_first: dict[int, list[tuple[int, ...]]] = defaultdict(list)
        for p in self.phrases:
            by_first[p[0]].append(p)
        self.by_first = dict(by_first)
        self.firsts = frozenset(by_first)

    def __len__(self) -> int:
        return len(self.phrases)

    def __iter__(self):
        return iter(self.phrases)


class TermIndex:
    """All word patterns of a rule set, and a per-token cache of which ones match."""

    def __init__(self, tokenize: Callable[[str], list[str]]) -> None:
        self._tokenize = tokenize
        self.ids: dict[WordPattern, int] = {}
        self._exact: dict[str, list[int]] = defaultdict(list)
        self._head: dict[str, list[int]] = defaultdict(list)
        self._part: dict[str, list[int]] = defaultdict(list)
        self._prefix: dict[str, list[int]] = defaultdict(list)
        self._suffix: dict[str, list[int]] = defaultdict(list)
        self._infix: list[tuple[str, int]] = []
        self._regex: list[tuple[regex.Pattern[str], int]] = []
        self._cache: dict[tuple, frozenset[int]] = {}
        self._phrases: dict[str, tuple[int, ...]] = {}
        self._groups: dict[frozenset[tuple[int, ...]], Group] = {}

    # -- compiling -------------------------------------------------------
    def word(self, pattern: WordPattern) -> int:
        if pattern in self.ids:
            return self.ids[pattern]
        wid = len(self.ids)
        self.ids[pattern] = wid
        self._cache.clear()
        if pattern.kind == "exact":
            self._exact[pattern.value].append(wid)
        elif pattern.kind == "head":
            self._head[pattern.value].append(wid)
        elif pattern.kind == "part":
            self._part[pattern.value].append(wid)
        elif pattern.kind == "regex":
            self._regex.append((compile_regex(pattern.value), wid))
        elif pattern.kind == "prefix":
            self._prefix[pattern.value].append(wid)
        elif pattern.kind == "suffix":
            self._suffix[pattern.value].append(wid)
        else:
            self._infix.append((pattern.value, wid))
        return wid

    def phrase(self, term: str) -> tuple[int, ...]:
        """A term as a tuple of word-pattern IDs (GAP for ``..``)."""
        if term in self._phrases:
            return self._phrases[term]
        elements: list[int] = []
        for chunk in term.split():
            if chunk == "..":
                elements.append(GAP)
            elif "*" in chunk or chunk.startswith(("kop:", "deel:")) or is_regex(chunk):
                elements.append(self.word(parse_word(chunk)))
            else:
                # plain words are tokenised like the document ("(ex-)partner", "man-vrouw")
                for piece in self._tokenize(chunk):
                    elements.append(self.word(WordPattern("exact", fold(piece))))
        while elements and elements[0] == GAP:
            elements.pop(0)
        while elements and elements[-1] == GAP:
            elements.pop()
        if not elements:
            raise ValueError(f"lege term: {term!r}")
        result = tuple(elements)
        self._phrases[term] = result
        return result

    def group(self, terms: Iterable[str]) -> Group:
        """The terms as one :class:`Group`; equal term lists (same phrases) share one object."""
        phrases = [self.phrase(t) for t in terms]
        key = frozenset(phrases)
        group = self._groups.get(key)
        if group is None:
            group = self._groups[key] = Group(phrases)
        return group

    # -- matching --------------------------------------------------------
    def token_ids(self, token: Token) -> frozenset[int]:
        # The compound split is a function of the word, so (text, lemma) identifies a token's keys.
        return self._ids(token.orth, token.lemma, token)

    def doc_ids(self, doc: Doc) -> list[frozenset[int]]:
        """:meth:`token_ids` of every token of ``doc``, reading the token keys in one array call."""
        from spacy.attrs import LEMMA, ORTH

        cache = self._cache
        out: list[frozenset[int]] = []
        for i, (orth, lemma) in enumerate(doc.to_array([ORTH, LEMMA]).tolist()):
            hit = cache.get((orth, lemma))
            out.append(hit if hit is not None else self._ids(orth, lemma, doc[i]))
        return out

    def _ids(self, orth: int, lemma_key: int, token: Token) -> frozenset[int]:
        key = (orth, lemma_key)
        hit = self._cache.get(key)
        if hit is not None:
            return hit
        folded = fold(token.text)
        lemma = fold(token.lemma_) if token.lemma_ else folded
        forms = {folded, lemma}
        ids: set[int] = set()
        self._form_ids(forms, ids)
        for value, wid in self._infix:
            if value in folded:
                ids.add(wid)
        if self._head or self._part:
            self._part_ids(token, ids)
        self._regex_ids(folded, ids)
        result = frozenset(ids)
        if len(self._cache) > 500_000:
            self._cache.clear()
        self._cache[key] = result
        return result

    def _form_ids(self, forms: set[str], ids: set[int]) -> None:
        """Exact words, prefixes (``gender*``) and suffixes (``*geweld``) of the word or its lemma."""
        exact, prefix, suffix = self._exact, self._prefix, self._suffix
        for form in forms:
            ids.update(exact.get(form, ()))
            if prefix:
                for k in range(1, len(form) + 1):
                    ids.update(prefix.get(form[:k], ()))
            if suffix:
                for k in range(len(form)):
                    ids.update(suffix.get(form[k:], ()))

    def _part_ids(self, token: Token, ids: set[int]) -> None:
        """Compound heads and parts (``partnergeweld`` -> ``geweld``, ``partner``)."""
        parts = token_parts(token)
        if self._head:
            head = token_head(token, parts)
            for h in {head, _lemma(head)}:
                ids.update(self._head.get(h, ()))
        if self._part:
            for p in parts:
                ids.update(self._part.get(p, ()))
                ids.update(self._part.get(_lemma(p), ()))

    def _regex_ids(self, folded: str, ids: set[int]) -> None:
        """``/regex/`` words, each matched with a time limit (a rule pack cannot hang the analysis)."""
        for rx, wid in self._regex:
            try:
                if rx.fullmatch(folded, timeout=REGEX_TIMEOUT):
                    ids.add(wid)
            except TimeoutError:
                from genderscan.errors import RuleError

                raise RuleError("rule_regex_timeout", pattern=f"/{rx.pattern}/", seconds=REGEX_TIMEOUT, word=folded[:60]) from None


class DocIndex:
    """Per Doc: which word patterns each token satisfies, and where each pattern occurs."""

    def __init__(self, doc: Doc, index: TermIndex) -> None:
        self.doc = doc
        self.token_ids = index.doc_ids(doc)
        positions: dict[int, list[int]] = defaultdict(list)
        for i, ids in enumerate(self.token_ids):
            for wid in ids:
                positions[wid].append(i)
        self.positions = dict(positions)
        self._found: dict[int, list[tuple[int, int]]] = {}

    def find(self, phrase: tuple[int, ...]) -> list[tuple[int, int]]:
        """Token spans (start, end) where ``phrase`` occurs."""
        out = []
        n = len(self.token_ids)
        for start in self.positions.get(phrase[0], ()):
            end = self._extend(phrase, 1, start + 1, n)
            if end is not None:
                out.append((start, end))
        return out

    def _extend(self, phrase: tuple[int, ...], k: int, i: int, n: int) -> int | None:
        if k == len(phrase):
            return i
        element = phrase[k]
        if element == GAP:
            for skip in range(MAX_GAP + 1):
                end = self._extend(phrase, k + 1, i + skip, n)
                if end is not None:
                    return end
            return None
        if i < n and element in self.token_ids[i]:
            return self._extend(phrase, k + 1, i + 1, n)
        return None

    def find_group(self, group: Group) -> list[tuple[int, int]]:
        """Sorted token spans of every phrase of ``group`` (computed once per Doc and group; do not modify)."""
        key = id(group)
        found = self._found.get(key)
        if found is None:
            found = self._found[key] = self._find_group(group)
        return found

    def _find_group(self, group: Group) -> list[tuple[int, int]]:
        positions = self.positions
        present = positions.keys() & group.firsts
        if not present:
            return []
        hits: set[tuple[int, int]] = set()
        n = len(self.token_ids)
        for wid in present:
            starts = positions[wid]
            for p in group.by_first[wid]:
                if len(p) == 1:
                    hits.update((i, i + 1) for i in starts)
                    continue
                for start in starts:
                    end = self._extend(p, 1, start + 1, n)
                    if end is not None:
                        hits.add((start, end))
        return sorted(hits)

    def find_any(self, phrases: Iterable[tuple[int, ...]]) -> list[tuple[int, int]]:
        """Sorted token spans of any of ``phrases``."""
        return self._find_group(phrases if isinstance(phrases, Group) else Group(phrases))

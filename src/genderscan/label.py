"""``genderscan label``: sentences from a user's own documents, to be labelled blind (``corpora/real`` format).

Blind by design: this module reads documents (ingest), cuts them into sentences (the NLP
stage) and picks sentences by the domain words of ``semantic/data/vocabulary.yaml``
(``termen``), nothing else. It never loads the rule set, never scores and never names a
checklist item: the labeller must not see what genderscan thinks. ``tests/test_architecture.py``
keeps it away from ``rules``, ``scoring``, ``report`` and the front ends.

Which sentences: every sentence of running text (paragraphs, list items, tables, glossary;
not headings, tables of contents, references, footnotes or captions, as the semantic
layer's :func:`~genderscan.semantic.layer.candidates`) of at least
:data:`~genderscan.semantic.layer.MIN_TOKENS` tokens that holds a domain word, plus a
deterministic sample of the other running-text sentences as near-miss candidates. Each
distinct text once (the first time it occurs).
"""

from __future__ import annotations

import math
import random
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from genderscan.document import Document

if TYPE_CHECKING:
    from spacy.language import Language

#: Share of near-miss candidates when ``--others`` is not given.
OTHERS_SHARE = 0.10
#: The label fields, left empty for the labeller (corpora/real/README.md), in the corpus's order.
LABEL_FIELDS = ("counts", "marks", "found", "kind", "hints", "level", "note")

HEADER = """\
# Zinnen om blind te labelen, gemaakt met 'genderscan label' uit: {docs}.
# Letterlijk uit de documenten (alleen witruimte genormaliseerd); {order}.
# Vul per entry counts, marks, found, kind, hints, level en note in volgens de labelregels in
# corpora/real/README.md van genderscan (secties 'Formaat' en 'Labelregels').
# Label zonder genderscan te draaien en zonder zijn rapport te lezen: dit bestand bevat geen oordeel van genderscan.
# Een entry met een lege kind is nog niet gelabeld; meet daarna met: genderscan evaluate {name}
"""


@dataclass
class Sentence:
    text: str  # whitespace normalised
    page: int
    doc: str  # the ``doc`` field
    file: str  # the file name (``source``)
    prefix: str
    position: tuple[int, int, int]  # document, block, character: the document order
    domain: bool  # holds a domain word


def normalise(text: str) -> str:
    return " ".join(text.split())


def slug(name: str) -> str:
    """An id prefix from a file name: lower case letters and digits joined by '-'."""
    return re.sub(r"[^a-z0-9]+", "-", Path(name).stem.lower()).strip("-")[:30].strip("-") or "doc"


def sentences(document: Document, nlp: Language, *, index: int = 0, doc: str | None = None, prefix: str | None = None) -> list[Sentence]:
    """Every running-text sentence of ``document`` (the semantic layer's block kinds and minimum length)."""
    from genderscan.nlp import annotate
    from genderscan.semantic.candidates import is_candidate
    from genderscan.semantic.layer import KINDS, MIN_TOKENS

    name = Path(document.path).name
    out: list[Sentence] = []
    for block, spacy_doc in annotate(document, nlp).blocks():
        if block.kind not in KINDS or len(spacy_doc) < MIN_TOKENS:
            continue
        sents = list(spacy_doc.sents) if spacy_doc.has_annotation("SENT_START") else [spacy_doc[:]]
        for sent in sents:
            text = normalise(sent.text)
            if len(sent) < MIN_TOKENS or not text:
                continue
            page = document.page_at(block.start + sent.start_char)
            out.append(Sentence(text, page, doc or name, name, prefix or slug(name), (index, block.id, sent.start_char), is_candidate(text)))
    return out


def choose(found: Iterable[Sentence], others: int | None = None, shuffle: bool = False, seed: int = 0) -> tuple[list[Sentence], int, int]:
    """The sentences to label: every distinct one with a domain word, plus ``others`` (default 10% of
    those, rounded up) of the rest drawn with ``seed``; in document order, or shuffled with ``seed``.
    Returns (sentences, with domain words, others)."""
    seen: set[str] = set()
    domain: list[Sentence] = []
    rest: list[Sentence] = []
    for s in sorted(found, key=lambda s: s.position):
        if s.text in seen:
            continue
        seen.add(s.text)
        (domain if s.domain else rest).append(s)
    wanted = math.ceil(len(domain) * OTHERS_SHARE) if others is None else max(0, others)
    rng = random.Random(seed)
    sample = rng.sample(rest, min(wanted, len(rest)))
    chosen = sorted(domain + sample, key=lambda s: s.position)
    if shuffle:
        rng.shuffle(chosen)
    return chosen, len(domain), len(sample)


class _Quoted(str):
    """A value written in double quotes (as corpora/real does)."""


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data) -> bool:
        return True


_Dumper.add_representer(_Quoted, lambda dumper, value: dumper.represent_scalar("tag:yaml.org,2002:str", str(value), style='"'))


def entries(chosen: list[Sentence]) -> list[dict]:
    """The ``corpora/real`` entries, numbered in output order, label fields empty."""
    out = []
    for n, s in enumerate(chosen, start=1):
        entry: dict[str, object] = {
            "id": f"{s.prefix}-{n:04d}",
            "text": _Quoted(s.text),
            "source": _Quoted(f"{s.file}:p{s.page}"),
            "doc": _Quoted(s.doc),
        }
        entry.update(_empty_labels())
        out.append(entry)
    return out


def _empty_labels() -> dict[str, object]:
    empty: dict[str, object] = {"counts": [], "marks": {}, "found": [], "kind": _Quoted(""), "hints": [], "level": {}, "note": _Quoted("")}
    return {k: empty[k] for k in LABEL_FIELDS}


def render(chosen: list[Sentence], name: str, shuffled: bool) -> str:
    """The YAML file: the Dutch header comment, then one list of entries."""
    docs = ", ".join(dict.fromkeys(s.file for s in chosen))
    order = "in willekeurige volgorde" if shuffled else "in de volgorde van het document"
    body = yaml.dump(entries(chosen), Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1_000_000, default_flow_style=False)
    return HEADER.format(docs=docs, order=order, name=name) + body

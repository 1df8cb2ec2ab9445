"""spaCy components registered by name (``genderscan_*``)."""

from __future__ import annotations

import numpy
from spacy.attrs import LEMMA, ORTH, SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from genderscan.nlp import compounds  # noqa: F401  (registers Token._.gs_compound / gs_head)
from genderscan.nlp.context import ContextComponent
from genderscan.nlp.lemmas import lemma_of, lemma_overrides

#: Abbreviations after which a full stop does not end a sentence.
ABBREVIATIONS = frozenset(
    ["o.a.", "bijv.", "bv.", "b.v.", "d.w.z.", "e.d.", "enz.", "etc.", "i.p.v.", "i.v.m.", "m.b.t.", "t.a.v.", "t.b.v.", "t.o.v.", "z.g.", "zgn.", "art.", "nr.", "nrs.", "blz.", "p.", "pag.", "ca.", "resp.", "incl.", "excl.", "evt.", "jl.", "mln.", "mld.", "min.", "max.", "dhr.", "mevr.", "drs.", "dr.", "prof.", "mr.", "ir.", "ing.", "bijl.", "hfst.", "par.", "vgl.", "zie.", "o.b.v.", "m.n.", "a.d.h.v.", "n.a.v.", "i.s.m.", "v.w.b.", "c.q.", "e.a.", "jr.", "ong.", "vnl.", "bijz.", "afd.", "st.", "stb.", "stcrt.", "kamerstukken.", "lid.", "sub.", "tel."]
)
#: Abbreviations that often end a sentence: split after them before a capital.
FINAL_ABBREVIATIONS = frozenset(["enz.", "etc.", "e.d.", "e.a."])
SENT_END = frozenset({".", "!", "?", "…", "...", "?!", "!?"})
#: Closing quotes and brackets that stay with the sentence they close.
CLOSERS = frozenset({'"', "'", "”", "’", "»", ")", "]"})


def _ends_sentence(texts: list[str], i: int) -> bool | None:
    """True: ends a sentence; None: ends one only before a capital; False: does not."""
    text = texts[i]
    low = text.lower()
    if text in SENT_END:
        if text == "." and i > 0:
            prev = texts[i - 1].lower() + "."
            if prev in ABBREVIATIONS and prev not in FINAL_ABBREVIATIONS:
                return False
            if prev in FINAL_ABBREVIATIONS:
                return None
            if i == 1 and texts[0].replace(".", "").isdigit():
                return False  # "1. Inleiding": an enumeration, not a sentence
        return True
    if len(text) > 1 and text[-1] in ".!?…":
        if low in FINAL_ABBREVIATIONS:
            return None
        if low in ABBREVIATIONS:
            return False
        if text[:-1].replace(".", "").isdigit():
            # "7." ends a sentence ("zie nr. 7. Daarna"), but "1." opens an enumeration
            return None if i > 0 else False
        if text[-1] != "." or "." not in text[:-1]:
            return True
        return False  # other dotted abbreviations ("t.z.t.")
    return False


@Language.component("genderscan_sentences")
def sentences(doc: Doc) -> Doc:
    """Sentence boundaries for policy text (each block is already its own Doc).

    No split after abbreviations (o.a., bijv., art., nr., blz., d.w.z., i.p.v.),
    inside numbers ("2.1", "3.500") or before a lower-case word; closing quotes
    and brackets stay with their sentence; "…" ends a sentence before a capital.
    """
    strings = doc.vocab.strings
    texts = [strings[h] for h in doc.to_array(ORTH).tolist()]
    n = len(texts)
    starts = [False] * n
    if n:
        starts[0] = True
    for i in range(n - 1):
        verdict = _ends_sentence(texts, i)
        if verdict is False:
            continue
        j = i + 1
        while j < n and (texts[j] in CLOSERS or texts[j].isspace()):
            j += 1
        if j >= n:
            break
        nxt = texts[j]
        first = nxt[:1]
        if first.islower() or nxt in SENT_END or (verdict is None and not first.isupper()):
            continue
        if texts[i] == "…" and not first.isupper():
            continue
        starts[j] = True
    if n:
        doc.from_array([SENT_START], numpy.array([1 if s else -1 for s in starts], dtype="int64").astype("uint64").reshape(-1, 1))  # type: ignore[arg-type]
    return doc


@Language.factory("genderscan_lemmas", default_config={"overwrite": True})
def make_lemmas(nlp: Language, name: str, overwrite: bool):
    overrides = lemma_overrides()

    strings = nlp.vocab.strings
    cache: dict[int, int] = {}

    def lemma_hash(orth: int) -> int:
        value = cache.get(orth)
        if value is None:
            value = cache[orth] = strings.add(lemma_of(strings[orth]))
        return value

    def lemmas(doc: Doc) -> Doc:
        if overwrite:
            if len(doc):
                hashes = [lemma_hash(h) for h in doc.to_array(ORTH).tolist()]
                doc.from_array([LEMMA], numpy.array(hashes, dtype="uint64").reshape(-1, 1))  # type: ignore[arg-type]
            return doc
        # a model with its own lemmatizer: keep its lemmas (lower-cased, as
        # the rules expect), fill gaps, and apply genderscan's overrides
        for token in doc:
            low = token.lower_
            if low in overrides or not token.lemma_:
                token.lemma_ = lemma_of(token.text)
            else:
                token.lemma_ = token.lemma_.lower()
        return doc

    return lemmas


@Language.factory("genderscan_context", default_config={"triggers": None})
def make_context(nlp: Language, name: str, triggers: str | None):
    return ContextComponent(nlp, triggers)

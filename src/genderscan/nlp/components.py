"""spaCy components registered by name (``genderscan_*``)."""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from genderscan.nlp import compounds  # noqa: F401  (registers Token._.gs_compound / gs_head)
from genderscan.nlp.context import ContextComponent
from genderscan.nlp.lemmas import lemma_of, lemma_overrides

#: Abbreviations after which a full stop does not end a sentence.
ABBREVIATIONS = frozenset(
    "o.a. bijv. bv. b.v. d.w.z. e.d. enz. etc. i.p.v. i.v.m. m.b.t. t.a.v. t.b.v. t.o.v. z.g. zgn. art. nr. blz. p. pag. ca. resp. incl. excl. evt. jl. mln. mld. min. max. dhr. mevr. drs. dr. prof. mr. ir. ing. bijl. hfst. par. vgl. zie.".split()
)
SENT_END = frozenset(".!?")


@Language.component("genderscan_sentences")
def sentences(doc: Doc) -> Doc:
    """Sentence boundaries for policy text (each block is already its own Doc)."""
    for i, token in enumerate(doc):
        token.is_sent_start = i == 0
    for i, token in enumerate(doc[:-1]):
        nxt = doc[i + 1]
        text = token.text
        if text in SENT_END or (text[-1:] in SENT_END and text.lower() not in ABBREVIATIONS and len(text) > 1 and not re.fullmatch(r"[\d.]+", text)):
            prev = doc[i - 1].text.lower() + "." if i else ""
            if text == "." and (prev in ABBREVIATIONS or re.fullmatch(r"\d{1,2}\.", prev)):
                continue
            if nxt.is_punct and nxt.text in SENT_END | {'"', "'", ")", "”"}:
                continue
            if nxt.text[:1].islower():
                continue
            nxt.is_sent_start = True
        elif text in {";"} and False:  # semicolons stay inside a sentence
            pass
    return doc




@Language.factory("genderscan_lemmas", default_config={"overwrite": True})
def make_lemmas(nlp: Language, name: str, overwrite: bool):
    overrides = lemma_overrides()

    def lemmas(doc: Doc) -> Doc:
        if overwrite:
            for token in doc:
                token.lemma_ = lemma_of(token.text)
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

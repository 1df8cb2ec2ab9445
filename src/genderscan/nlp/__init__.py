"""The Dutch NLP stage: a spaCy pipeline and the annotated document.

``load_pipeline()`` builds the embedded offline pipeline (``spacy.blank("nl")``
plus genderscan's registered components) or loads an installed
``nl_core_news_*`` model and adds the same components. ``annotate()`` runs it
over the blocks of a :class:`~genderscan.document.Document`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from genderscan.document import Block, Document
from genderscan.errors import GenderscanError
from genderscan.nlp import components  # noqa: F401  (registers the components)
from genderscan.nlp.compounds import split_compound
from genderscan.nlp.context import qualifiers
from genderscan.nlp.definitions import is_definition
from genderscan.nlp.lemmas import lemma_of

__all__ = [
    "AnnotatedDocument",
    "annotate",
    "is_definition",
    "lemma_of",
    "load_pipeline",
    "qualifiers",
    "span_offsets",
    "split_compound",
]

#: Blocks per batch in ``nlp.pipe`` (blocks are short; large batches are cheaper).
BATCH_SIZE = 256

EMBEDDED = "embedded"
#: Longest block the embedded pipeline takes (spaCy's default of 1,000,000 guards parser memory it does not have).
EMBEDDED_MAX_LENGTH = 50_000_000


@cache
def load_pipeline(model: str | None = None) -> Language:
    """The pipeline, built once per process and model name."""
    if model in (None, "", EMBEDDED):
        # The tokenizer is built with genderscan's infixes from the start: setting
        # them afterwards makes spaCy re-validate all ~4,700 Dutch special cases.
        nlp = spacy.blank("nl", config={"nlp": {"tokenizer": {"@tokenizers": TOKENIZER}}})
        # no parser or NER: memory grows with the tokens only (1.2 million characters in one
        # paragraph: 0.2 GB), so the document's character limit (docs/limits.md) is the bound
        nlp.max_length = EMBEDDED_MAX_LENGTH
    else:
        try:
            nlp = spacy.load(model, exclude=["ner"])
        except OSError:
            raise GenderscanError("model_not_found", model=model) from None
        _tune_tokenizer(nlp)
    # A model with a parser or senter keeps its own sentence boundaries; a
    # sentencizer is refined by ours (abbreviations, numbers).
    if not nlp.has_pipe("parser") and not nlp.has_pipe("senter"):
        nlp.add_pipe("genderscan_sentences")
    has_lemmatizer = any(name == "lemmatizer" or name.endswith("lemmatizer") for name in nlp.pipe_names)
    nlp.add_pipe("genderscan_lemmas", config={"overwrite": not has_lemmatizer})
    nlp.add_pipe("genderscan_context")
    return nlp


#: A slash between letters is an infix: "sekse/gender" and "jongens/mannen" are three tokens.
SLASH_INFIX = r"(?<=[^\W\d_])/(?=[^\W\d_])"

TOKENIZER = "genderscan.Tokenizer.v1"


def _infix_finditer(nlp: Language):
    from spacy.util import compile_infix_regex

    return compile_infix_regex([*(nlp.Defaults.infixes or []), SLASH_INFIX]).finditer


@spacy.registry.tokenizers(TOKENIZER)
def _create_tokenizer():
    """spaCy's default tokenizer for the language plus :data:`SLASH_INFIX`, built once."""
    from spacy.tokenizer import Tokenizer
    from spacy.util import compile_prefix_regex, compile_suffix_regex

    def make(nlp: Language) -> Tokenizer:
        defaults = nlp.Defaults
        return Tokenizer(
            nlp.vocab,
            rules=defaults.tokenizer_exceptions,
            prefix_search=compile_prefix_regex(defaults.prefixes).search if defaults.prefixes else None,
            suffix_search=compile_suffix_regex(defaults.suffixes).search if defaults.suffixes else None,
            infix_finditer=_infix_finditer(nlp),
            token_match=defaults.token_match,
            url_match=defaults.url_match,
        )

    return make


def _tune_tokenizer(nlp: Language) -> None:
    """Add :data:`SLASH_INFIX` to a loaded model's tokenizer.

    Setting ``infix_finditer`` re-validates every special case; with the rules
    taken out first that is one load of the rules instead of two.
    """
    tokenizer: Any = nlp.tokenizer  # a spaCy Tokenizer (typed as a callable by spaCy)
    rules = dict(tokenizer.rules or {})
    tokenizer.rules = {}
    tokenizer.infix_finditer = _infix_finditer(nlp)
    tokenizer.rules = rules


@dataclass
class AnnotatedDocument:
    """A Document with one spaCy Doc per block (same order as ``document.blocks``)."""

    document: Document
    docs: list[Doc]

    def blocks(self) -> list[tuple[Block, Doc]]:
        return list(zip(self.document.blocks, self.docs, strict=True))


def annotate(document: Document, nlp: Language | None = None) -> AnnotatedDocument:
    nlp = nlp or load_pipeline()
    longest = max((len(block.text) for block in document.blocks), default=0)
    if longest > nlp.max_length:  # a loaded model with a parser: spaCy would refuse with a traceback
        from genderscan.errors import InputError

        raise InputError("block_too_long", path=document.path, length=longest, maximum=nlp.max_length)
    docs = list(nlp.pipe((block.text for block in document.blocks), batch_size=BATCH_SIZE))
    for block, doc in zip(document.blocks, docs, strict=True):
        doc.user_data["block_id"] = block.id
        doc.user_data["offset"] = block.start
        doc.user_data["block_kind"] = str(block.kind)
    return AnnotatedDocument(document=document, docs=docs)


def span_offsets(span: Span) -> tuple[int, int]:
    """Offsets of ``span`` in ``Document.text``."""
    offset = span.doc.user_data.get("offset", 0)
    return offset + span.start_char, offset + span.end_char

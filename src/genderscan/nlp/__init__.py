"""The Dutch NLP stage: a spaCy pipeline and the annotated document.

``load_pipeline()`` builds the embedded offline pipeline (``spacy.blank("nl")``
plus genderscan's registered components) or loads an installed
``nl_core_news_*`` model and adds the same components. ``annotate()`` runs it
over the blocks of a :class:`~genderscan.document.Document`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

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


@cache
def load_pipeline(model: str | None = None) -> Language:
    """The pipeline, built once per process and model name."""
    if model in (None, "", EMBEDDED):
        nlp = spacy.blank("nl")
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


def _tune_tokenizer(nlp: Language) -> None:
    """Split "sekse/gender" and "jongens/mannen" into three tokens (a slash between letters)."""
    from spacy.util import compile_infix_regex

    infixes = list(nlp.Defaults.infixes or []) + [r"(?<=[^\W\d_])/(?=[^\W\d_])"]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer


@dataclass
class AnnotatedDocument:
    """A Document with one spaCy Doc per block (same order as ``document.blocks``)."""

    document: Document
    docs: list[Doc]

    def blocks(self) -> list[tuple[Block, Doc]]:
        return list(zip(self.document.blocks, self.docs, strict=True))


def annotate(document: Document, nlp: Language | None = None) -> AnnotatedDocument:
    nlp = nlp or load_pipeline()
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

"""Schemas of the NLP data files (``nlp/data/*.yaml``).

Every file is read with :func:`genderscan.datafile.load_model`: a mistake
(an unknown key, an unknown direction, a regular expression that does not
compile) stops with the file and the line, as in the rule files
(``data_file_invalid``). Words in the lists may be written as bare YAML
scalars; they are read as text.

- ``context.yaml`` -> :class:`ContextData` (docs/nlp.md, *Context qualifiers*)
- ``definitions.yaml`` -> :class:`DefinitionsData` (docs/nlp.md, *Definitions and glossaries*)
- ``compounds.yaml`` -> :class:`CompoundsData` (docs/nlp.md, *Compounds*)
- ``lemmas.yaml`` -> :class:`LemmasData` (docs/nlp.md, *Lemmas*)
"""

from __future__ import annotations

import re
from enum import StrEnum
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Annotated, Any, TypeVar

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field

from genderscan.datafile import load_model
from genderscan.kinds import Qualifier

M = TypeVar("M", bound=BaseModel)


def _text(value: Any) -> Any:
    """A bare YAML scalar (a number, ``yes``) is read as its text, as the word lists always were."""
    return value if isinstance(value, str) or value is None or isinstance(value, list | dict) else str(value)


def _regex(value: str) -> str:
    try:
        re.compile(value)
    except re.error as exc:
        raise ValueError(f"ongeldige reguliere expressie {value!r}: {exc}") from None
    return value


Word = Annotated[str, BeforeValidator(_text)]
Words = list[Word]
Regex = Annotated[str, AfterValidator(_regex)]


class _Data(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Direction(StrEnum):
    """On which side of a trigger its qualifier acts, within the clause."""

    forward = "forward"
    backward = "backward"
    bidirectional = "bidirectional"
    around = "around"  # a reporting verb: its own clause backward, the rest of the sentence forward


# -- context.yaml ---------------------------------------------------------------
class Terminators(_Data):
    """Words that end a clause: for every qualifier (``all``), per qualifier, and for ``around`` triggers backward."""

    all: Words = Field(default_factory=list)
    negated: Words = Field(default_factory=list)
    hedged: Words = Field(default_factory=list)
    attributed: Words = Field(default_factory=list)
    around: Words = Field(default_factory=list)

    def of(self, qualifier: Qualifier) -> list[str]:
        return list(getattr(self, str(qualifier), None) or [])


class FrameVerb(_Data):
    """A verb (its ``forms``) and, within ``gap`` words, one of its complements (``then``)."""

    forms: Words = Field(min_length=1)
    then: Words = Field(min_length=1)
    gap: int | None = Field(default=None, ge=0)
    not_in_gap: Words = Field(default_factory=list)


class FrameGroup(_Data):
    direction: Direction = Direction.bidirectional
    gap_stops: Words | None = None  # replaces the common gap_stops for this qualifier
    clausal_subject: Words = Field(default_factory=list)
    verbs: list[FrameVerb] = Field(default_factory=list)


class Frames(_Data):
    max_gap: int = Field(default=12, ge=0)
    gap_stops: Words = Field(default_factory=list)
    not_after: Words = Field(default_factory=list)
    own_voice: Words = Field(default_factory=list)
    evidence: Words = Field(default_factory=list)
    negated: FrameGroup | None = None
    hedged: FrameGroup | None = None
    attributed: FrameGroup | None = None

    def group(self, qualifier: Qualifier) -> FrameGroup | None:
        return getattr(self, str(qualifier), None)


class Conditions(_Data):
    """Sentence-initial "Als"/"Wanneer" as a condition (docs/nlp.md, *Conditions*)."""

    openers: Words = Field(default_factory=list)
    direction: Direction = Direction.forward
    not_conditions: Words = Field(default_factory=list)
    not_after: Words = Field(default_factory=list)
    subjects: Words = Field(default_factory=list)
    inverted_subjects: Words = Field(default_factory=list)
    clause_end: Words = Field(default_factory=list)
    not_verbs: Words = Field(default_factory=list)
    verbs: Words = Field(default_factory=list)
    role_window: int = Field(default=6, ge=0)
    max_tokens: int = Field(default=30, ge=1)


class IndirectQuestions(_Data):
    qualifier: Qualifier = Qualifier.hedged
    openers: Words = Field(default_factory=list)
    verbs: Words = Field(default_factory=list)


class ContextData(_Data):
    """``context.yaml``: trigger phrases per qualifier and direction, and what bounds them."""

    triggers: dict[Qualifier, dict[Direction, Words]]
    frames: Frames = Field(default_factory=Frames)
    indirect_questions: IndirectQuestions = Field(default_factory=IndirectQuestions)
    conditions: Conditions = Field(default_factory=Conditions)
    pseudo: Words = Field(default_factory=list)
    terminators: Terminators = Field(default_factory=Terminators)
    negative_polarity: Words = Field(default_factory=list)
    question_marks: Words = Field(default_factory=lambda: ["?"])


# -- definitions.yaml -------------------------------------------------------------
class LabelPattern(_Data):
    """The "label: text" definition ("Gender: de sociaal en cultureel bepaalde …") and what a label may not be."""

    pattern: Regex
    not_labels: Words = Field(default_factory=list)
    not_label_starts: Words = Field(default_factory=list)
    not_label_words: Words = Field(default_factory=list)
    apposition_dashes: Words = Field(default_factory=list)


class DefinitionsData(_Data):
    """``definitions.yaml``: the named label pattern and the other definition patterns."""

    label: LabelPattern | None = None
    patterns: list[Regex] = Field(default_factory=list)


# -- compounds.yaml / lemmas.yaml ------------------------------------------------
class CompoundsData(_Data):
    min_modifier: int = Field(default=3, ge=1)
    min_head: int = Field(default=3, ge=1)
    linking: Words = Field(default_factory=list)
    atomic: Words = Field(default_factory=list)
    heads: Words = Field(default_factory=list)
    modifiers: Words = Field(default_factory=list)
    not_modifiers: Words = Field(default_factory=list)
    not_heads: Words = Field(default_factory=list)


class LemmasData(_Data):
    overrides: dict[Word, Word] = Field(default_factory=dict)


def data_path(name: str) -> Traversable:
    """A shipped data file: ``genderscan/nlp/data/<name>``."""
    return resources.files("genderscan.nlp") / "data" / name


def load_data(name: str, model: type[M], path: str | Path | None = None) -> M:
    """``nlp/data/<name>`` (or ``path``) validated as ``model``."""
    return load_model(Path(path) if path else data_path(name), model)


@cache
def shipped(name: str, model: type[M]) -> M:
    """A shipped data file, read once per process."""
    return load_data(name, model)


__all__ = [
    "CompoundsData",
    "Conditions",
    "ContextData",
    "DefinitionsData",
    "Direction",
    "FrameGroup",
    "FrameVerb",
    "Frames",
    "IndirectQuestions",
    "LabelPattern",
    "LemmasData",
    "Terminators",
    "load_data",
    "shipped",
]

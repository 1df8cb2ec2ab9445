"""The rule file schema (pydantic). A rule's ID is its path below the pack root.

A rule file says *what* to look for in plain data; ``docs/rules.md`` is the
guide for policy experts. In short::

    item: gender-als-oorzaak            # or pitfall: / hint:
    message: "..."                      # what a match means, plain Dutch
    source: "CRM-checklist (2021), actiepunt 1"
    within: sentence                    # where the `all` groups must co-occur
    all:                                # one term of every group must occur
      - "@gender-ongelijkheid"          # a named term list (rules/_vocab/*.yaml)
      - [oorzaak, voedingsbodem*, "ten grondslag"]
    also:                               # extra conditions in a wider scope
      - {terms: "@geweld", within: paragraph}
    unless: ["ongeacht geslacht"]       # exceptions: void a match in the sentence
    pseudo: ["afhankelijk van"]         # look-alikes that never count as a term
    accepts: [definition]               # qualifiers that do not stop counting
    level2: maatregel                   # how the item reaches level 2
    examples: {match: [...], no_match: [...], marked: [...]}
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from genderscan.kinds import (
    DEFAULT_BLOCKS,
    READABLE_BLOCKS,
    BlockKind,
    Qualifier,
    Scope,
    ScopeField,
    ScopeKind,
    TargetKind,
)

#: A term is a word or phrase. Each word matches a token's lemma or its
#: case/diacritic-folded text. ``gender*`` matches words that start with
#: "gender" (genderongelijkheid), ``*geweld`` words that end in it
#: (partnergeweld), ``*afhankelijk*`` words that contain it; ``kop:geweld``
#: compounds whose last part is "geweld", ``deel:gender`` compounds with a part
#: "gender"; ``/20[0-9][0-9]/`` a regular expression on the folded word; ``..``
#: inside a phrase skips up to three words; ``@name`` is a named term list.
Term = str

#: The vocabulary of types (``Qualifier``, ``BlockKind``, ``Scope``) lives in :mod:`genderscan.kinds`.
SENTENCE = Scope(ScopeKind.sentence)
PARAGRAPH = Scope(ScopeKind.paragraph)


def _readable_blocks(value: list[BlockKind]) -> list[BlockKind]:
    """A rule reads running text only: no TOC, references or footnotes."""
    for kind in value:
        if kind not in READABLE_BLOCKS:
            raise ValueError("Input should be " + ", ".join(f"'{k}'" for k in READABLE_BLOCKS[:-1]) + f" or '{READABLE_BLOCKS[-1]}'")
    return value


def _as_list(value: object) -> object:
    """``"@gender"`` is short for ``["@gender"]``."""
    return [value] if isinstance(value, str) else value


class Examples(BaseModel):
    model_config = ConfigDict(extra="forbid")

    match: list[str] = Field(default_factory=list, description="Sentences the rule must find (and count).")
    no_match: list[str] = Field(default_factory=list, description="Sentences the rule must not count.")
    marked: list[str] = Field(
        default_factory=list,
        description="Sentences the rule finds as an ambition or a quoted view: they count at level 1 only, marked 'alleen als ambitie' or 'geciteerd'.",
    )


class Condition(BaseModel):
    """A group of terms that must occur somewhere in ``within`` of the match."""

    model_config = ConfigDict(extra="forbid")

    terms: list[Term] = Field(min_length=1)
    within: ScopeField = PARAGRAPH

    _terms = field_validator("terms", mode="before")(classmethod(lambda cls, v: _as_list(v)))


class Rule(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str = Field(default="", description="Set from the file path; do not write it in the file.")
    item: str | None = Field(default=None, description="Checklist item this rule finds evidence for.")
    pitfall: str | None = Field(default=None, description="Pitfall this rule flags.")
    hint: str | None = Field(default=None, description="Hint this rule flags.")
    type: Literal["evidence", "cooccurrence", "conditional", "pitfall", "hint"] | None = Field(
        default=None, description="Informative; follows from item/pitfall/hint and also/within."
    )
    level: Literal["info", "suggestion", "warning"] | None = Field(
        default=None, description="Severity shown for pitfalls and hints (default: info for items, warning for pitfalls)."
    )
    message: str = Field(description="What a match means, in plain Dutch.")
    source: str = Field(default="", description="CRM action point, GREVIO article or seed report section.")
    link: str | None = None
    within: ScopeField = Field(default=SENTENCE, description="Where the `all` groups must occur together.")
    all: list[list[Term]] = Field(min_length=1, description="Groups of terms; one term of every group must occur.")
    also: list[Condition] = Field(default_factory=list, description="Extra groups that must occur in a wider scope.")
    unless: list[Term] = Field(default_factory=list, description="Terms that void a match in the same sentence (traps).")
    unless_within: ScopeField = Field(default=SENTENCE, description="Scope of `unless`.")
    pseudo: list[Term] = Field(default_factory=list, description="Look-alike phrases: words inside them never count as a term.")
    blocks: list[BlockKind] = Field(default_factory=lambda: list(DEFAULT_BLOCKS), description="Kinds of text blocks the rule reads.")
    accepts: list[Qualifier] = Field(default_factory=list, description="Qualifiers that do not stop a finding from counting.")
    requires: list[Qualifier] = Field(default_factory=list, description="The finding counts only with one of these qualifiers (e.g. hedged for P4).")
    marks: list[Qualifier] = Field(
        default_factory=list,
        description="Qualifiers this rule always gives its findings (e.g. attributed for a rule that finds quoted views such as 'GREVIO stelt').",
    )
    unless_items: list[str] = Field(default_factory=list, description="Drop this finding when one of these items has counted evidence in the document.")
    level2: str | None = Field(default=None, description="Operationalisation profile (rules/_niveau2.yaml) that lifts the item to level 2; none = never.")
    examples: Examples = Field(default_factory=Examples)
    #: Set by the loader: the file the rule came from.
    path: str = Field(default="", exclude=True)

    _blocks = field_validator("blocks")(classmethod(lambda cls, v: _readable_blocks(v)))

    @field_validator("all", mode="before")
    @classmethod
    def _groups(cls, value: object) -> object:
        if isinstance(value, list):
            return [_as_list(g) for g in value]
        return value

    @field_validator("unless", "pseudo", mode="before")
    @classmethod
    def _lists(cls, value: object) -> object:
        return _as_list(value)

    @property
    def target(self) -> str:
        return self.item or self.pitfall or self.hint or ""

    @property
    def kind(self) -> TargetKind:
        return TargetKind.item if self.item else TargetKind.pitfall if self.pitfall else TargetKind.hint

    @property
    def severity(self) -> str:
        return self.level or ("info" if self.item else "warning" if self.pitfall else "suggestion")

    @property
    def rule_type(self) -> str:
        if self.type:
            return self.type
        if self.pitfall:
            return "pitfall"
        if self.hint:
            return "hint"
        if self.also or self.unless_items:
            return "conditional"
        return "cooccurrence" if len(self.all) > 1 else "evidence"


class Profile(BaseModel):
    """An operationalisation profile: what ties a concrete measure to the evidence."""

    model_config = ConfigDict(extra="forbid")

    description: str = ""
    within: ScopeField = Field(default=PARAGRAPH, description="Where the measure must be, seen from the evidence.")
    any: list[Rule] = Field(min_length=1, description="Marker patterns; one of them must occur (not negated or hedged).")

    @field_validator("any", mode="before")
    @classmethod
    def _markers(cls, value: object) -> object:
        if isinstance(value, list):
            return [{"message": "", **m} if isinstance(m, dict) else m for m in value]
        return value

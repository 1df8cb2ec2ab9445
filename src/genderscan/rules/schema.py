"""The rule file schema (pydantic). A rule's ID is its path below the pack root."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

#: A term is a word or phrase. Each word matches a token's lemma or its
#: case/diacritic-folded text. ``gender*`` matches words that start with
#: "gender" (genderongelijkheid), ``*geweld`` words that end in it (partnergeweld).
Term = str


class Examples(BaseModel):
    model_config = ConfigDict(extra="forbid")

    match: list[str] = Field(default_factory=list, description="Sentences the rule must find (and count).")
    no_match: list[str] = Field(default_factory=list, description="Sentences the rule must not count.")


class Rule(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str = Field(default="", description="Set from the file path; do not write it in the file.")
    item: str | None = Field(default=None, description="Checklist item this rule finds evidence for.")
    pitfall: str | None = Field(default=None, description="Pitfall this rule flags.")
    hint: str | None = Field(default=None, description="Hint this rule flags.")
    type: Literal["evidence", "pitfall", "hint"] = "evidence"
    message: str = Field(description="What a match means, in plain Dutch.")
    source: str = Field(default="", description="CRM action point, GREVIO article or seed section.")
    link: str | None = None
    within: Literal["sentence"] = "sentence"
    all: list[list[Term]] = Field(min_length=1, description="Groups of terms; one term of every group must occur.")
    unless: list[Term] = Field(default_factory=list, description="Terms that void a match in the same sentence (traps).")
    examples: Examples = Field(default_factory=Examples)

    @property
    def target(self) -> str:
        return self.item or self.pitfall or self.hint or ""

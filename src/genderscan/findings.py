"""Findings: what the rules found, where, and with which qualifiers.

The contract between the rule engine and scoring: scoring reads findings and
knows nothing about how they were matched.
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, Field


class TargetKind(StrEnum):
    item = "item"
    pitfall = "pitfall"
    hint = "hint"


class SemanticExplanation(BaseModel):
    """Why the semantic layer found a sentence: its probability and the most similar labelled example."""

    probability: float = Field(description="Classifier probability that the sentence supports the target (0-1).")
    threshold: float = Field(description="The target's operating point: a probability from here on is a finding.")
    example_id: str | None = Field(default=None, description="ID of the most similar labelled example (gold corpus).")
    example_text: str | None = Field(default=None, description="Text of that labelled example.")
    similarity: float | None = Field(default=None, description="Cosine similarity of the sentence to that example (0-1).")


class Finding(BaseModel):
    rule: str = Field(description="Rule ID, e.g. 'sekse-data/uitgesplitst'.")
    target: str = Field(description="Checklist item, pitfall or hint ID the rule supports.")
    kind: TargetKind
    block_id: int
    block_kind: str = Field(default="paragraph", description="Kind of block the sentence is in (paragraph, list_item, ...).")
    page: int
    section: str | None = None
    text: str = Field(description="The sentence as it reads in the document.")
    start: int = Field(description="Sentence start offset in Document.text.")
    end: int
    match_start: int
    match_end: int
    qualifiers: list[str] = Field(default_factory=list)
    counted: bool
    operational: bool = Field(default=False, description="A concrete measure is tied to this evidence (level 2).")
    semantic: SemanticExplanation | None = Field(
        default=None, exclude_if=lambda v: v is None, description="Set for a semantic finding (rule 'semantisch/<target>'): probability and nearest labelled example."
    )

"""The Report: the JSON contract (schema_version 1.0) that every renderer reads.

Later versions may add fields, never rename these.
"""

from __future__ import annotations

from typing import Final, Literal

from pydantic import BaseModel, Field

from genderscan.findings import SemanticExplanation

SCHEMA_VERSION: Final = "1.0"
STATUS = {0: "afwezig", 1: "genoemd", 2: "uitgewerkt"}
NOT_CHECKED = "niet-gecontroleerd"


class Tool(BaseModel):
    name: Literal["genderscan"] = "genderscan"
    version: str


class DocumentInfo(BaseModel):
    path: str
    sha256: str
    format: str
    pages: int


class SemanticEvidence(SemanticExplanation):
    """Why the semantic layer found a sentence (only on evidence with rule ``semantisch/<target>``)."""

    # the fields of findings.SemanticExplanation, two of them described for a report's items and evidence
    probability: float = Field(description="Classifier probability that the sentence supports the item (0-1).")
    threshold: float = Field(description="The item's operating point: from this probability on the sentence is evidence.")


class Evidence(BaseModel):
    page: int = Field(description="Physical page number (1-based).")
    page_label: str | None = Field(default=None, description="Printed page label when it differs from the physical number.")
    section: str | None = Field(description="Heading of the section the sentence is in.")
    text: str = Field(description="The sentence as it reads in the document.")
    start: int = Field(description="Start offset in the document's normalised text.")
    end: int
    rule: str = Field(description="ID of the rule that found it (its path in rules/).")
    qualifiers: list[str] = Field(description="negated, hedged, attributed, definition.")
    counted: bool = Field(description="Whether it counts towards the item's level.")
    operational: bool = Field(default=False, description="Tied to a concrete measure (level 2).")
    semantic: SemanticEvidence | None = Field(
        default=None,
        exclude_if=lambda v: v is None,
        description="Only on evidence of the semantic layer (rule 'semantisch/<item>'): probability and the most similar labelled example. Never level 2.",
    )


class ItemReport(BaseModel):
    id: str
    area: str
    code: str | None = Field(default=None, description="Short code of the item in the checklist (A1 … D2).")
    weight: float = Field(default=1, description="Weight of the item in the score.")
    level: int = Field(ge=0, le=2)
    status: Literal["afwezig", "genoemd", "uitgewerkt", "niet-gecontroleerd"]
    checked: bool
    evidence: list[Evidence]


class AreaReport(BaseModel):
    id: str
    score: float


class FlagReport(BaseModel):
    id: str
    code: str | None = Field(default=None, description="Short code of the pitfall (P1 … P4); none for hints.")
    evidence: list[Evidence]


class Notice(BaseModel):
    code: str
    message: str


class Report(BaseModel):
    schema_version: Literal["1.0"] = SCHEMA_VERSION
    tool: Tool
    document: DocumentInfo
    analysed_at: str | None = Field(
        default=None,
        description="When the analysis ran (UTC, ISO 8601, seconds). Honours SOURCE_DATE_EPOCH for reproducible output.",
    )
    score: float = Field(ge=0, le=100)
    areas: list[AreaReport]
    items: list[ItemReport]
    pitfalls: list[FlagReport] = Field(description="Pitfalls that fire (with evidence); absent ones are left out.")
    hints: list[FlagReport] = Field(default_factory=list, description="Hints such as macht-zonder-gender.")
    warnings: list[Notice] = Field(default_factory=list)
    gaps: list[str] = Field(
        default_factory=list,
        description="Checked items below level 2, most to gain first: (2 - level) x weight, then checklist order.",
    )

    def warning_codes(self) -> str:
        """The warning codes (``pdf_repaired``, ``page_without_text``, ...), each once, sorted, joined by ``;``:
        the ``warnings`` column of ``scores.csv`` and of ``genderscan.batch()``."""
        return ";".join(sorted({w.code for w in self.warnings}))

    def to_frame(self, lang: str = "nl"):
        """A pandas DataFrame, one row per item and per pitfall that fires (columns: report.csv_format.ROW_COLUMNS).

        Needs pandas (``pip install 'genderscan[pandas]'``).
        """
        from genderscan.api import require_pandas
        from genderscan.report.csv_format import ROW_COLUMNS, report_rows

        pd = require_pandas()
        frame = pd.DataFrame(report_rows(self, lang), columns=ROW_COLUMNS)
        frame["level"] = frame["level"].astype("Int64")
        return frame

    def evidence_frame(self, lang: str = "nl"):
        """A pandas DataFrame, one row per evidence sentence (counted or not), with the item or pitfall code."""
        from genderscan.api import require_pandas

        pd = require_pandas()
        rows = []
        for kind, flags in (("item", self.items), ("pitfall", self.pitfalls), ("hint", self.hints)):
            for f in flags:
                for e in f.evidence:
                    rows.append({"kind": kind, "code": f.code, "id": f.id, **e.model_dump(), "qualifiers": ";".join(e.qualifiers)})
        columns = ["kind", "code", "id", *Evidence.model_fields]
        return pd.DataFrame(rows, columns=columns)


def json_schema() -> dict:
    schema = Report.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://genderscan.example/schema/report-1.0.json"
    return schema

"""Scoring: levels per item, pitfalls, hints and the score, as the checklist specifies.

- level 0 (afwezig): no counted evidence; 1 (genoemd): counted evidence, also
  when it is only an ambition (``hedged``) or a quoted view (``attributed``);
  2 (uitgewerkt): counted evidence in the document's own voice that is
  operationalised (the rule engine never marks ambitions or quotes operational).
- score = 100 x sum(level x weight) / sum(2 x weight), per document and per area.

Checklist logic over the whole document (level 2, pitfall P4, the hint on
harmful practices, item exceptions) is not here: it is declared in
``rules/checklist.yaml`` and lives in :mod:`genderscan.rules.aggregations`.
"""

from __future__ import annotations

from pydantic import BaseModel, Field

from genderscan.checklist import Checklist
from genderscan.findings import Finding, TargetKind


class ItemResult(BaseModel):
    id: str
    area: str
    weight: float
    checked: bool
    level: int
    evidence: list[Finding] = Field(default_factory=list)


class PitfallResult(BaseModel):
    id: str
    evidence: list[Finding] = Field(default_factory=list)


class Scored(BaseModel):
    items: list[ItemResult]
    pitfalls: list[PitfallResult]
    hints: list[PitfallResult]
    score: float
    areas: dict[str, float]


def item_level(evidence: list[Finding]) -> int:
    counted = [f for f in evidence if f.counted]
    if not counted:
        return 0
    return 2 if any(f.operational for f in counted) else 1


def _score(items: list[ItemResult]) -> float:
    """Coverage over the checked items (an item without rules is not scored as absent)."""
    items = [i for i in items if i.checked]
    total = sum(2 * i.weight for i in items)
    return round(100 * sum(i.level * i.weight for i in items) / total, 1) if total else 0.0


def score(findings: list[Finding], checklist: Checklist, checked: set[str], weights: dict[str, float] | None = None) -> Scored:
    from genderscan.rules.aggregations import ScoresStage, apply_scores  # here: importing scoring (the report model) must not load the rule engine

    weights = weights or {}
    items: list[ItemResult] = []
    for item in checklist.items:
        evidence = [f for f in findings if f.kind == TargetKind.item and f.target == item.id]
        items.append(
            ItemResult(
                id=item.id,
                area=item.area,
                weight=weights.get(item.id, item.weight),
                checked=item.id in checked,
                level=item_level(evidence) if item.id in checked else 0,
                evidence=evidence,
            )
        )
    pitfalls = []
    for pitfall in checklist.pitfalls:
        evidence = [f for f in findings if f.kind == TargetKind.pitfall and f.target == pitfall.id and f.counted]
        pitfalls.append(PitfallResult(id=pitfall.id, evidence=evidence))
    hints = [
        PitfallResult(id=h, evidence=[f for f in findings if f.kind == TargetKind.hint and f.target == h and f.counted])
        for h in checklist.hints
    ]
    # P4 and the hint on harmful practices: declared in rules/checklist.yaml (genderscan.rules.aggregations)
    apply_scores(ScoresStage(items=list(items), pitfalls=list(pitfalls), hints=list(hints), checklist=checklist))
    areas = {a: _score([i for i in items if i.area == a]) for a in checklist.areas}
    return Scored(items=items, pitfalls=pitfalls, hints=hints, score=_score(items), areas=areas)

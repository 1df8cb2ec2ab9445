"""Scoring: levels per item, pitfalls, hints and the score, as the checklist specifies.

- level 0 (afwezig): no counted evidence; 1 (genoemd): counted evidence;
  2 (uitgewerkt): counted evidence that is operationalised.
- score = 100 x sum(level x weight) / sum(2 x weight), per document and per area.
"""

from __future__ import annotations

from pydantic import BaseModel, Field

from genderscan.checklist import Checklist
from genderscan.findings import Finding, TargetKind

P4 = "valkuil-ambitie-zonder-uitwerking"


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
    _apply_p4(items, pitfalls)
    hints = [
        PitfallResult(id=h, evidence=[f for f in findings if f.kind == TargetKind.hint and f.target == h and f.counted])
        for h in checklist.hints
    ]
    areas = {a: _score([i for i in items if i.area == a]) for a in checklist.areas}
    return Scored(items=items, pitfalls=pitfalls, hints=hints, score=_score(items), areas=areas)


def _apply_p4(items: list[ItemResult], pitfalls: list[PitfallResult]) -> None:
    """P4: gender-sensitivity only as ambition or a list entry, and nothing in B/C/D at level 2."""
    p4 = next((p for p in pitfalls if p.id == P4), None)
    if p4 is None:
        return
    b1 = next((i for i in items if i.id == "gendersensitief-uitgangspunt"), None)
    if b1 is None:
        return
    operationalised = any(i.level == 2 for i in items if i.area in ("B", "C", "D"))
    if operationalised:
        p4.evidence = []
        return
    ambition = [f for f in b1.evidence if "hedged" in f.qualifiers]
    only_ambition = b1.level == 0 and bool(ambition)
    counted = [f for f in b1.evidence if f.counted]
    only_listed = b1.level == 1 and all(f.block_kind == "list_item" for f in counted)
    if only_ambition or only_listed:
        p4.evidence = p4.evidence + (ambition if only_ambition else counted)

"""Scoring: levels per item, pitfalls, hints and the score, as the checklist specifies.

- level 0 (afwezig): no counted evidence; 1 (genoemd): counted evidence, also
  when it is only an ambition (``hedged``) or a quoted view (``attributed``);
  2 (uitgewerkt): counted evidence in the document's own voice that is
  operationalised (the rule engine never marks ambitions or quotes operational).
- score = 100 x sum(level x weight) / sum(2 x weight), per document and per area.
"""

from __future__ import annotations

from pydantic import BaseModel, Field

from genderscan.checklist import Checklist
from genderscan.findings import Finding, TargetKind
from genderscan.kinds import LEVEL1_ONLY, BlockKind, Qualifier

P4 = "valkuil-ambitie-zonder-uitwerking"
#: Qualifiers that make counted evidence "only an ambition" or "only quoted" (level 1, marked).
LEVEL1_MARKS = LEVEL1_ONLY
B1 = "gendersensitief-uitgangspunt"
A1 = "gender-als-oorzaak"
HINT_POWER = "macht-zonder-gender"
HINT_HARMFUL = "alleen-schadelijke-praktijken"


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
    _apply_hints(items, hints)
    areas = {a: _score([i for i in items if i.area == a]) for a in checklist.areas}
    return Scored(items=items, pitfalls=pitfalls, hints=hints, score=_score(items), areas=areas)


def _apply_p4(items: list[ItemResult], pitfalls: list[PitfallResult]) -> None:
    """P4: gender sensitivity only as ambition or as one entry of a list, and nothing in B/C/D at level 2.

    Candidates are the P4 rules' findings (hedged gender statements, gender
    sensitivity as one theme of many) and B1 evidence that is only an ambition or
    a quoted view (it counts at level 1) or only in list items. P4 fires when
    there is a candidate, no B1 evidence counts in the document's own voice
    outside a list, and no item of areas B, C or D reaches level 2 (A2 figures
    on sex differences do not operationalise anything).
    """
    p4 = next((p for p in pitfalls if p.id == P4), None)
    if p4 is None:
        return
    b1 = next((i for i in items if i.id == B1), None)
    candidates = list(p4.evidence)
    listed = {(f.block_id, f.start) for f in candidates}
    real_b1 = False
    if b1 is not None:
        for f in b1.evidence:
            own_voice = f.counted and not LEVEL1_MARKS & set(f.qualifiers)
            if own_voice and f.block_kind != BlockKind.list_item and (f.block_id, f.start) not in listed:
                real_b1 = True
            elif f.counted or Qualifier.hedged in f.qualifiers:
                if (f.block_id, f.start) not in listed:
                    candidates.append(f)
                    listed.add((f.block_id, f.start))
    operationalised = any(i.level == 2 for i in items if i.area in ("B", "C", "D"))
    p4.evidence = [] if operationalised or real_b1 else sorted(candidates, key=lambda f: f.start)


def _apply_hints(items: list[ItemResult], hints: list[PitfallResult]) -> None:
    """``alleen-schadelijke-praktijken`` only when every counted A1 sentence is about harmful practices.

    ``macht-zonder-gender`` is a per-sentence hint and stays even when A1 counts elsewhere.
    """
    a1 = next((i for i in items if i.id == A1), None)
    a1_counted = [f for f in a1.evidence if f.counted] if a1 else []
    for hint in hints:
        if hint.id == HINT_HARMFUL:
            flagged = {(f.block_id, f.start) for f in hint.evidence}
            if not a1_counted or any((f.block_id, f.start) not in flagged for f in a1_counted):
                hint.evidence = []

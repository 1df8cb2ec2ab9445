"""Small builders for the aggregation tests."""

from __future__ import annotations

from genderscan.checklist import load_checklist
from genderscan.findings import Finding, TargetKind
from genderscan.scoring import ItemResult, PitfallResult

CHECKLIST = load_checklist()


def aggregation(name: str):
    return next(a for a in CHECKLIST.aggregations if a.name == name)


def finding(target: str, kind: str = "item", start: int = 0, block: int = 0, counted: bool = True, qualifiers=(), block_kind="paragraph", rule=None) -> Finding:
    return Finding(
        rule=rule or f"{target}/r",
        target=target,
        kind=TargetKind(kind),
        block_id=block,
        block_kind=block_kind,
        page=1,
        text="…",
        start=start,
        end=start + 10,
        match_start=start,
        match_end=start + 5,
        qualifiers=list(qualifiers),
        counted=counted,
    )


def item(item_id: str, level: int = 0, evidence=()) -> ItemResult:
    spec = CHECKLIST.item(item_id)
    return ItemResult(id=item_id, area=spec.area, weight=spec.weight, checked=True, level=level, evidence=list(evidence))


def flag(flag_id: str, evidence=()) -> PitfallResult:
    return PitfallResult(id=flag_id, evidence=list(evidence))

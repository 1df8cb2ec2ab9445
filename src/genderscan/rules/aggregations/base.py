"""What an aggregation gets: the findings stage (matcher output) or the scores stage (levels per item)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from genderscan.checklist import Checklist
from genderscan.findings import Finding

if TYPE_CHECKING:
    from genderscan.kinds import Place
    from genderscan.rules.index import CompiledRule
    from genderscan.rules.matcher import Matcher
    from genderscan.rules.schema import Profile, Rule

FINDINGS = "findings"
SCORES = "scores"


@dataclass
class FindingsStage:
    """The matcher's findings (one per target and sentence) and what an aggregation may consult."""

    findings: list[Finding]
    where: dict[int, Place]  # id(finding) -> where its match is
    matcher: Matcher
    rules: dict[str, Rule]
    profiles: dict[str, Profile]
    markers: dict[str, list[CompiledRule]]  # compiled level-2 markers per profile in use
    checklist: Checklist


class ItemLike(Protocol):
    id: str
    area: str
    level: int
    evidence: list[Finding]


class FlagLike(Protocol):
    id: str
    evidence: list[Finding]


@dataclass
class ScoresStage:
    """Item results with their levels, and the pitfall and hint results with their evidence (changed in place)."""

    items: list[ItemLike]
    pitfalls: list[FlagLike]
    hints: list[FlagLike]
    checklist: Checklist


def key(f: Finding) -> tuple[int, int]:
    """A sentence: its block and start offset."""
    return (f.block_id, f.start)

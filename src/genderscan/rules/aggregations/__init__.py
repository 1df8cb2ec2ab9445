"""Checklist logic as declared aggregations.

Most of the checklist is "one counted sentence makes an item *genoemd*" and is
decided per sentence by the matcher. What needs the whole document is an
**aggregation**: one module here per aggregation, named in
``rules/checklist.yaml`` under ``aggregations`` together with the items,
pitfalls or hints it applies to (``applies_to``), the items whose evidence it
reads (``reads``) and the areas it checks (``areas``). Each module's docstring
says What / Why / Example, and each has its own test file
(``tests/rules/aggregations/``), as linters document one rule per file.

Two stages:

- ``findings`` (after the matcher, before scoring): :mod:`.item_exceptions`
  (a rule's ``unless_items``) and :mod:`.level2` (level 2, *uitgewerkt*);
- ``scores`` (after the item levels, before the score): :mod:`.ambition_without_measures`
  (pitfall P4) and :mod:`.harmful_practices_only` (the hint
  ``alleen-schadelijke-praktijken``).

The aggregations run in the order the checklist lists them.
"""

from __future__ import annotations

from importlib import import_module
from types import ModuleType

from genderscan.checklist import Aggregation, Checklist
from genderscan.errors import RuleError
from genderscan.findings import Finding
from genderscan.rules.aggregations.base import (
    FINDINGS,
    SCORES,
    FindingsStage,
    ScoresStage,
)

#: Every aggregation genderscan implements: the module name is the name in ``checklist.yaml``.
MODULES = ("item_exceptions", "level2", "ambition_without_measures", "harmful_practices_only")


def module(name: str) -> ModuleType:
    """The module of the aggregation ``name``; an unknown name is a checklist error."""
    if name not in MODULES:
        raise RuleError("rule_file_invalid", path="rules/checklist.yaml", line=1, detail=f"aggregations: onbekende aggregatie '{name}' (bekend: {', '.join(MODULES)})")
    return import_module(f"{__name__}.{name}")


def declared(checklist: Checklist, stage: str) -> list[tuple[Aggregation, ModuleType]]:
    """The checklist's aggregations of ``stage``, in their declared order."""
    out = []
    for agg in checklist.aggregations:
        mod = module(agg.name)
        if mod.STAGE == stage:
            out.append((agg, mod))
    return out


def check(checklist: Checklist) -> None:
    """Every declared aggregation exists (raises :class:`RuleError` otherwise)."""
    for agg in checklist.aggregations:
        module(agg.name)


def apply_findings(stage: FindingsStage) -> list[Finding]:
    """Run the ``findings`` aggregations over the matcher's findings."""
    findings = stage.findings
    for agg, mod in declared(stage.checklist, FINDINGS):
        stage.findings = findings = mod.apply(agg, stage)
    return findings


def apply_scores(stage: ScoresStage) -> None:
    """Run the ``scores`` aggregations over the item, pitfall and hint results (in place)."""
    for agg, mod in declared(stage.checklist, SCORES):
        mod.apply(agg, stage)


__all__ = ["MODULES", "FindingsStage", "ScoresStage", "apply_findings", "apply_scores", "check", "declared", "module"]

"""The checklist (items, areas, weights, pitfalls, hints, aggregations) loaded from ``rules/checklist.yaml``."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from pydantic import BaseModel, Field, model_validator

from genderscan.datafile import load_model
from genderscan.paths import default_rules_dir


class Item(BaseModel):
    id: str
    code: str
    area: str
    weight: float = 1


class Pitfall(BaseModel):
    id: str
    code: str


#: Group names an aggregation's ``applies_to`` may use instead of listing IDs.
GROUPS = ("all", "items", "pitfalls", "hints")


class Aggregation(BaseModel):
    """A declared piece of checklist logic over the whole document.

    ``name`` is the module ``genderscan/rules/aggregations/<name>.py`` that
    implements it (What / Why / Example in its docstring); ``applies_to`` the
    items, pitfalls or hints it acts on (or ``all``, ``items``, ``pitfalls``,
    ``hints``); ``reads`` the items whose evidence it looks at; ``areas`` the
    areas whose levels it checks.
    """

    name: str
    applies_to: list[str] = Field(min_length=1)
    reads: list[str] = Field(default_factory=list)
    areas: list[str] = Field(default_factory=list)


class Checklist(BaseModel):
    areas: list[str]
    items: list[Item]
    pitfalls: list[Pitfall]
    hints: list[str]
    aggregations: list[Aggregation] = Field(default_factory=list)

    @model_validator(mode="after")
    def _known_ids(self) -> Checklist:
        targets = self.targets()
        for agg in self.aggregations:
            for target in agg.applies_to:
                if target not in targets and target not in GROUPS:
                    raise ValueError(f"aggregation {agg.name}: unknown target {target!r} in applies_to")
            for item in agg.reads:
                if item not in self.item_ids:
                    raise ValueError(f"aggregation {agg.name}: unknown item {item!r} in reads")
            for area in agg.areas:
                if area not in self.areas:
                    raise ValueError(f"aggregation {agg.name}: unknown area {area!r}")
        return self

    def applies_to(self, agg: Aggregation) -> set[str]:
        """The target IDs ``agg`` acts on, with the groups expanded."""
        groups = {
            "all": self.targets(),
            "items": set(self.item_ids),
            "pitfalls": set(self.pitfall_ids),
            "hints": set(self.hints),
        }
        out: set[str] = set()
        for target in agg.applies_to:
            out |= groups.get(target, {target})
        return out

    def item(self, item_id: str) -> Item | None:
        return next((i for i in self.items if i.id == item_id), None)

    @property
    def item_ids(self) -> list[str]:
        return [i.id for i in self.items]

    @property
    def pitfall_ids(self) -> list[str]:
        return [p.id for p in self.pitfalls]

    def targets(self) -> set[str]:
        """Every ID a rule may point at."""
        return set(self.item_ids) | set(self.pitfall_ids) | set(self.hints)


@cache
def load_checklist(path: Path | None = None) -> Checklist:
    """The checklist in ``path`` (default ``rules/checklist.yaml``); a key named twice or an invalid
    field is a ``rule_file_invalid`` :class:`~genderscan.errors.RuleError` naming the file and line."""
    return load_model(path or default_rules_dir() / "checklist.yaml", Checklist, code="rule_file_invalid")

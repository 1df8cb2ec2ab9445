"""The checklist (items, areas, weights, pitfalls) loaded from ``rules/checklist.yaml``."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml
from pydantic import BaseModel

from genderscan.paths import default_rules_dir


class Item(BaseModel):
    id: str
    code: str
    area: str
    weight: float = 1


class Pitfall(BaseModel):
    id: str
    code: str


class Checklist(BaseModel):
    areas: list[str]
    items: list[Item]
    pitfalls: list[Pitfall]
    hints: list[str]

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
    path = path or default_rules_dir() / "checklist.yaml"
    with open(path, encoding="utf-8") as fh:
        return Checklist.model_validate(yaml.safe_load(fh))

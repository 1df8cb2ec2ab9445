"""Reading rule files with line numbers for every error."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from genderscan.checklist import Checklist
from genderscan.errors import RuleError
from genderscan.rules.schema import Rule

#: Files in a rules folder that are not rules.
NOT_RULES = {"checklist.yaml"}


def _line_of(node: yaml.Node, loc: tuple[Any, ...]) -> int:
    """The 1-based line of the YAML node at ``loc`` (or of its nearest parent)."""
    line = node.start_mark.line + 1
    for key in loc:
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                if k.value == key:
                    line, node = k.start_mark.line + 1, v
                    break
            else:
                return line
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            node = node.value[key]
            line = node.start_mark.line + 1
        else:
            return line
    return line


def rule_id(path: Path, root: Path) -> str:
    """``rules/A/gender-als-oorzaak/causaal.yaml`` -> ``gender-als-oorzaak/causaal``."""
    rel = path.relative_to(root).with_suffix("")
    parts = rel.parts
    return "/".join(parts[-2:]) if len(parts) >= 2 else parts[0]


def load_rule_file(path: Path, root: Path, checklist: Checklist) -> Rule:
    text = path.read_text(encoding="utf-8")
    try:
        node = yaml.compose(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        raise RuleError("rule_file_invalid", path=str(path), line=line, detail=str(getattr(exc, "problem", exc))) from None
    if node is None:
        raise RuleError("rule_file_invalid", path=str(path), line=1, detail="leeg bestand")
    data = yaml.safe_load(text)
    if not isinstance(data, dict):
        raise RuleError("rule_file_invalid", path=str(path), line=1, detail="een regel is een YAML-mapping (sleutel: waarde)")
    try:
        rule = Rule.model_validate({**data, "id": rule_id(path, root)})
    except ValidationError as exc:
        err = exc.errors()[0]
        loc = tuple(err["loc"])
        field = ".".join(str(p) for p in loc)
        raise RuleError("rule_file_invalid", path=str(path), line=_line_of(node, loc), detail=f"{field}: {err['msg']}") from None
    targets = [t for t in (rule.item, rule.pitfall, rule.hint) if t]
    if len(targets) != 1:
        raise RuleError("rule_file_invalid", path=str(path), line=1, detail="geef precies één van item, pitfall of hint")
    if rule.target not in checklist.targets():
        key = "item" if rule.item else "pitfall" if rule.pitfall else "hint"
        raise RuleError(
            "rule_file_invalid",
            path=str(path),
            line=_line_of(node, (key,)),
            detail=f"onbekend {key} '{rule.target}'",
        )
    return rule


def find_rule_files(root: Path) -> list[Path]:
    if not root.is_dir():
        raise RuleError("rule_dir_not_found", path=str(root))
    return sorted(p for p in root.rglob("*.yaml") if p.name not in NOT_RULES and not p.name.startswith("."))

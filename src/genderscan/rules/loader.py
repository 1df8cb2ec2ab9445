"""Reading rule files, term lists and level-2 profiles, with line numbers for every error
(through :mod:`genderscan.datafile`, the path the NLP data files share).

A rule pack is a folder:

- ``**/*.yaml`` — one rule per file; the rule ID is the last two path parts
  without ``.yaml`` (``rules/A-probleemanalyse/gender-als-oorzaak/voedingsbodem.yaml``
  -> ``gender-als-oorzaak/voedingsbodem``);
- ``_vocab/<name>.yaml`` — a named term list (``termen: [...]``) that rules use as ``@name``;
- ``_niveau2.yaml`` — operationalisation profiles (``level2: <name>`` in a rule);
- ``checklist.yaml`` — the checklist data (built-in pack only).

Folders and files whose name starts with ``_`` or ``.`` are not rules.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from genderscan.checklist import Checklist
from genderscan.datafile import Source, line_of, read_yaml, validation_error
from genderscan.errors import RuleError
from genderscan.i18n import Text
from genderscan.rules.schema import Profile, Rule
from genderscan.rules.terms import regex_errors

#: Files in a rules folder that are not rules.
NOT_RULES = {"checklist.yaml"}
VOCAB_DIR = "_vocab"
PROFILES_FILE = "_niveau2.yaml"
REF = re.compile(r"^@([\w-]+)$")


def rule_id(path: Path, root: Path) -> str:
    """``rules/A/gender-als-oorzaak/causaal.yaml`` -> ``gender-als-oorzaak/causaal``."""
    rel = path.relative_to(root).with_suffix("")
    parts = rel.parts
    return "/".join(parts[-2:]) if len(parts) >= 2 else parts[0]


def load_rule_file(path: Path, root: Path, checklist: Checklist) -> Rule:
    data, node = read_yaml(path)
    try:
        rule = Rule.model_validate({**data, "id": rule_id(path, root), "path": str(path)})
    except ValidationError as exc:
        raise validation_error(path, node, exc) from None
    targets = [t for t in (rule.item, rule.pitfall, rule.hint) if t]
    if len(targets) != 1:
        raise RuleError("rule_file_invalid", path=str(path), line=1, detail=Text("rule_one_target"))
    if rule.target not in checklist.targets():
        key = rule.kind
        raise RuleError("rule_file_invalid", path=str(path), line=line_of(node, (key,)), detail=Text("rule_unknown_target", key=key, target=rule.target))
    for item in rule.unless_items:
        if item not in checklist.item_ids:
            raise RuleError("rule_file_invalid", path=str(path), line=line_of(node, ("unless_items",)), detail=Text("rule_unknown_target", key="item", target=item))
    check_regexes(path, node, term_locations(rule))
    return rule


def check_regexes(path: Path, node: yaml.Node | Source, terms: list[tuple[tuple[Any, ...], str]]) -> None:
    """Every ``/expression/`` must compile: else an error with the file and the line of the term."""
    for loc, term in terms:
        for expression, reason in regex_errors(term):
            raise RuleError("rule_file_invalid", path=str(path), line=line_of(node, loc), detail=Text("rule_bad_regex", expression=expression, reason=reason))


class Vocab(BaseModel):
    """A named term list: ``rules/_vocab/<name>.yaml``."""

    model_config = ConfigDict(extra="forbid")

    beschrijving: str = ""
    termen: list[str] = Field(min_length=1)
    path: str = Field(default="", exclude=True)


def load_vocab_file(path: Path) -> Vocab:
    data, node = read_yaml(path)
    try:
        vocab = Vocab.model_validate({**data, "path": str(path)})
    except ValidationError as exc:
        raise validation_error(path, node, exc) from None
    check_regexes(path, node, [(("termen", t), term) for t, term in enumerate(vocab.termen)])
    return vocab


def load_profiles_file(path: Path) -> dict[str, Profile]:
    data, node = read_yaml(path)
    out = {}
    for name, body in data.items():
        try:
            out[str(name)] = Profile.model_validate(body)
        except ValidationError as exc:
            raise validation_error(path, node, exc, (name,)) from None
        for m, marker in enumerate(out[str(name)].any):
            check_regexes(path, node, [((name, "any", m, *loc), term) for loc, term in term_locations(marker)])
    return out


def find_rule_files(root: Path) -> list[Path]:
    if not root.is_dir():
        raise RuleError("rule_dir_not_found", path=str(root))
    out = []
    for p in sorted(root.rglob("*.yaml")):
        rel = p.relative_to(root).parts
        if p.name in NOT_RULES or any(part.startswith(("_", ".")) for part in rel):
            continue
        out.append(p)
    return out


def find_vocab_files(root: Path) -> list[Path]:
    folder = root / VOCAB_DIR
    return sorted(folder.glob("*.yaml")) if folder.is_dir() else []


def term_refs(rule: Rule) -> list[tuple[tuple[Any, ...], str]]:
    """Every ``@name`` a rule uses, with its location in the file."""
    return [(loc, term) for loc, term in term_locations(rule) if term.startswith("@")]


def term_locations(rule: Rule) -> list[tuple[tuple[Any, ...], str]]:
    """Every term of a rule, with its location in the file."""
    refs: list[tuple[tuple[Any, ...], str]] = []
    for g, group in enumerate(rule.all):
        refs += [(("all", g, t), term) for t, term in enumerate(group)]
    for c, cond in enumerate(rule.also):
        refs += [(("also", c, "terms", t), term) for t, term in enumerate(cond.terms)]
    refs += [(("unless", t), term) for t, term in enumerate(rule.unless)]
    refs += [(("pseudo", t), term) for t, term in enumerate(rule.pseudo)]
    return refs


def check_refs(rule: Rule, vocab: dict[str, Vocab], profiles: dict[str, Profile]) -> None:
    """Unknown ``@names`` and level-2 profiles are errors with the line that uses them."""
    node = None
    for loc, term in term_refs(rule):
        m = REF.match(term)
        if not m or m.group(1) not in vocab:
            if node is None and rule.path:
                node = read_yaml(Path(rule.path))[1]
            line = line_of(node, loc) if node is not None else 1
            known = ", ".join(sorted(vocab))
            raise RuleError("rule_file_invalid", path=rule.path, line=line, detail=Text("rule_unknown_vocab", name=term, known=known))
    if rule.level2 and rule.level2 != "none" and rule.level2 not in profiles:
        node = read_yaml(Path(rule.path))[1] if rule.path else None
        line = line_of(node, ("level2",)) if node is not None else 1
        raise RuleError("rule_file_invalid", path=rule.path, line=line, detail=Text("rule_unknown_level2", name=rule.level2, known=", ".join(sorted(profiles))))


def expand(terms: list[str], vocab: dict[str, Vocab], seen: tuple[str, ...] = ()) -> list[str]:
    """Replace ``@name`` by the terms of that list (recursively)."""
    out: list[str] = []
    for term in terms:
        m = REF.match(term)
        if not m:
            out.append(term)
            continue
        name = m.group(1)
        if name in seen:
            raise RuleError("rule_file_invalid", path=vocab[name].path, line=1, detail=Text("rule_vocab_cycle", name=name))
        if name not in vocab:
            raise RuleError("rule_file_invalid", path="rules/_vocab", line=1, detail=Text("rule_unknown_vocab", name="@" + name, known=", ".join(sorted(vocab))))
        out += expand(vocab[name].termen, vocab, (*seen, name))
    return out

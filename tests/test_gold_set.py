"""The labelled development set (corpora/gold) is well-formed: a broken label fails here, not in the evaluation."""

from __future__ import annotations

import yaml

from genderscan.checklist import load_checklist

from .conftest import ROOT

GOLD = ROOT / "corpora" / "gold"
KINDS = {"positive", "negated", "double-negation", "hedged", "attributed", "definition", "trap", "passage"}


def entries() -> list[dict]:
    out = []
    for path in sorted(GOLD.glob("*.yaml")):
        for entry in yaml.safe_load(path.read_text(encoding="utf-8")):
            out.append({**entry, "_file": path.name})
    return out


def test_gold_set_is_well_formed():
    checklist = load_checklist()
    valid = set(checklist.item_ids) | set(checklist.pitfall_ids)
    data = entries()
    assert len(data) >= 200
    problems = []
    ids = [e["id"] for e in data]
    problems += [f"duplicate id {i}" for i in {i for i in ids if ids.count(i) > 1}]
    for e in data:
        if e.get("kind") not in KINDS:
            problems.append(f"{e['_file']}:{e['id']}: kind {e.get('kind')!r}")
        for target in [*(e.get("counts") or []), *(e.get("found") or [])]:
            if target not in valid:
                problems.append(f"{e['_file']}:{e['id']}: unknown ID {target!r}")
        if "valkuil-ambitie-zonder-uitwerking" in (e.get("counts") or []) and e["kind"] != "passage":
            problems.append(f"{e['_file']}:{e['id']}: P4 is document-level, label it on passages only")
        for hint in e.get("hints") or []:
            if hint not in checklist.hints:
                problems.append(f"{e['_file']}:{e['id']}: unknown hint {hint!r}")
    assert not problems, "\n".join(problems)


def test_every_item_and_pitfall_has_positives_and_non_counting_variants():
    checklist = load_checklist()
    data = entries()
    for target in checklist.item_ids + checklist.pitfall_ids:
        positives = [e for e in data if target in (e.get("counts") or [])]
        assert len(positives) >= 6, f"{target}: only {len(positives)} positives"
    for item in checklist.item_ids:
        # negated (found) or counted only as ambition/quote (marks): the qualifier variants
        variants = [e for e in data if item in (e.get("found") or []) or item in (e.get("marks") or {})]
        assert len(variants) >= 3, f"{item}: only {len(variants)} negated/hedged/attributed variants"

"""Every labelled set under corpora/ is well-formed, whatever team or annotator wrote it.

A broken label fails here, not silently in the evaluation. Real-text entries
(corpora/real/) must also be verbatim: their text occurs in the seed they name.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
import yaml

from genderscan.checklist import load_checklist

from .conftest import ROOT

SETS = ["gold", "gold-b", "gold-test", "real/dev", "real/held-out"]
KINDS = {"positive", "negated", "double-negation", "hedged", "attributed", "definition", "trap", "passage", "near-miss"}
MARKS = {"hedged", "attributed"}
SEEDS = ROOT.parent / "shared" / "seeds"


def load(folder: Path) -> list[dict]:
    out = []
    for path in sorted(folder.glob("*.yaml")):
        for entry in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            out.append({**entry, "_file": f"{folder.name}/{path.name}"})
    return out


def present() -> list[str]:
    return [s for s in SETS if any((ROOT / "corpora" / s).glob("*.yaml"))]


@pytest.mark.parametrize("name", present())
def test_labels_are_consistent(name):
    checklist = load_checklist()
    valid = set(checklist.item_ids) | set(checklist.pitfall_ids)
    data = load(ROOT / "corpora" / name)
    problems = []
    ids = [e["id"] for e in data]
    problems += [f"duplicate id {i}" for i in sorted({i for i in ids if ids.count(i) > 1})]
    for e in data:
        where = f"{e['_file']}:{e['id']}"
        counts, found = set(e.get("counts") or []), set(e.get("found") or [])
        marks = e.get("marks") or {}
        if e.get("kind") not in KINDS:
            problems.append(f"{where}: kind {e.get('kind')!r}")
        problems += [f"{where}: unknown ID {t!r}" for t in sorted(counts | found | set(marks)) if t not in valid]
        if counts & found:
            problems.append(f"{where}: {sorted(counts & found)} both counted and found (negated)")
        problems += [f"{where}: mark on {t!r}, which is not in counts" for t in marks if t not in counts]
        problems += [f"{where}: mark {m!r} (hedged or attributed)" for m in marks.values() if m not in MARKS]
        if (e.get("level") or {}) and e.get("kind") != "passage":
            problems.append(f"{where}: level 2 is labelled on passages only")
        problems += [f"{where}: level on {t!r}, which is not in counts" for t in (e.get("level") or {}) if t not in counts]
        if "valkuil-ambitie-zonder-uitwerking" in counts and e.get("kind") != "passage":
            problems.append(f"{where}: P4 is document-level, label it on passages only")
        problems += [f"{where}: unknown hint {h!r}" for h in e.get("hints") or [] if h not in checklist.hints]
    assert not problems, "\n".join(problems[:40])


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    text = re.sub(r"[*_`●+]|\[|\]\(#\)", "", text)
    text = re.sub(r"[‘’´`']", "'", text)
    text = re.sub(r"[“”\"]", '"', text)
    text = re.sub(r"(?<=[^\W\d_])\d{1,2}(?=\W)", "", text)  # footnote digits glued to a word ("geweld1.")
    text = text.replace("é", "ë")  # OCR reads ë as é in seed 004; entries may keep either
    text = re.sub(r"[-‐–]", "", text)  # hyphenation across line breaks is repaired, a real hyphen kept: compare without both
    return re.sub(r"\s+", "", text).lower()


def _found(part: str, seed: str, gap: int = 1200) -> bool:
    """``part`` occurs in ``seed``, or as two pieces in order with at most ``gap`` characters between
    them (a running header, page number or footnote block that the extraction put inside the sentence)."""
    if part in seed:
        return True
    for cut in range(8, len(part) - 8):
        head, tail = part[:cut], part[cut:]
        at = seed.find(head)
        while at >= 0:
            if seed.find(tail, at + len(head), at + len(head) + gap + len(tail)) >= 0:
                return True
            at = seed.find(head, at + 1)
    return False


@pytest.mark.parametrize("name", [s for s in present() if s.startswith("real/")])
def test_real_text_is_verbatim_from_its_seed(name):
    if not SEEDS.is_dir():
        pytest.skip("shared/seeds is not beside this checkout")
    seeds = {p.name[:3]: _norm(p.read_text(encoding="utf-8")) for p in SEEDS.glob("*.txt")}
    missing = []
    for e in load(ROOT / "corpora" / name):
        source = str(e.get("source") or "")
        seed = source[:3]
        if seed not in seeds:
            missing.append(f"{e['id']}: source {source!r} names no seed")
            continue
        text = _norm(e["text"])
        # passages may skip a running header or footnote between their sentences: every sentence must be there
        parts = [p for p in re.split(r"(?<=[.!?:;])", text) if len(p) > 12] or [text]
        if not all(_found(p, seeds[seed]) for p in parts):
            missing.append(f"{e['id']}: not verbatim in seed {seed}")
    assert not missing, "\n".join(missing[:30])

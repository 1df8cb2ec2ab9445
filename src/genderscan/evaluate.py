"""Evaluate the rules on a labelled gold set (``corpora/gold/*.yaml``).

Each gold entry is a text with the items and pitfalls that count (``counts``).
genderscan analyses each text as a one-block document (``kind: definition`` as a
begrippenlijst entry) through the real pipeline (NLP, rules, scoring) and
predicts every item at level >= 1 and every pitfall that fires. A keyword-scan
baseline in the spirit of the Verwonderzoek (2023) manual scan ('gender',
'vrouw', 'man', 'macht', '(on)gelijk(heid)' plus each item's key nouns) predicts
an item when one of its keywords occurs as a plain substring.

Reported: per target precision, recall and F1, micro-averaged P/R/F1 over all
targets, and for passages the agreement on level 2 and on hints.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from genderscan.errors import InputError

#: Per target: the words a manual keyword scan would search for (lower-case substrings).
BASE = ["gender", "vrouw", "man ", "mannen", "macht", "ongelijk", "gelijkheid"]
KEYWORDS: dict[str, list[str]] = {
    "gender-als-oorzaak": BASE + ["oorzaak", "voedingsbodem", "grondslag"],
    "sekseverschillen": BASE + ["vaker", "sekse", "femicide"],
    "definitie-gendersensitief": BASE + ["gendersensitief", "definitie", "sekse"],
    "macht-en-controle": BASE + ["afhankelijk", "controle", "intieme terreur"],
    "mannen-en-lhbti": BASE + ["lhbt", "mannelijke slachtoffers"],
    "gendersensitief-uitgangspunt": BASE + ["gendersensitie", "uitgangspunt"],
    "specifieke-aanpak": BASE + ["partnergeweld", "eergerelateerd", "seksueel geweld", "stalking"],
    "preventie-gendernormen": BASE + ["preventie", "rolpatronen", "stereotyp"],
    "domeinoverstijgend": BASE + ["economische zelfstandigheid", "emancipatie", "werk en inkomen", "beleidsterreinen"],
    "bescherming": BASE + ["opvang", "huisverbod", "veiligheidsplan", "bescherming"],
    "mensenrechtenkader": BASE + ["istanbul", "grevio", "cedaw", "mensenrecht"],
    "deskundigheidsbevordering": BASE + ["training", "scholing", "deskundigheid"],
    "opdrachtgeverschap": BASE + ["opdrachtgever", "inkoop", "subsidie", "contract"],
    "gendersensitieve-methodiek": BASE + ["methodiek", "instrument", "systeemgericht", "gefaseerd"],
    "sekse-data": BASE + ["uitgesplitst", "registratie", "sekse", "geslacht"],
    "gender-evaluatie": BASE + ["evaluatie", "evalueren", "monitor"],
    "valkuil-gender-is-sekse": ["gender", "sekse", "doelgroep", "genderidentiteit"],
    "valkuil-systeemaanpak": ["gender", "systeem", "gefaseerd"],
    "valkuil-genderneutraal": ["gender", "neutraal", "ongeacht"],
    "valkuil-ambitie-zonder-uitwerking": ["gender", "willen", "ambitie"],
}


#: Targets that only make sense for a whole document (the gold set labels them on passages only).
DOCUMENT_LEVEL = {"valkuil-ambitie-zonder-uitwerking"}


@dataclass
class Entry:
    id: str
    text: str
    counts: set[str]
    kind: str = "positive"
    hints: set[str] = field(default_factory=set)
    level: dict[str, int] = field(default_factory=dict)
    source: str = ""


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, gold: bool, pred: bool) -> None:
        if gold and pred:
            self.tp += 1
        elif pred:
            self.fp += 1
        elif gold:
            self.fn += 1


@dataclass
class Result:
    targets: list[str]
    system: dict[str, Tally]
    baseline: dict[str, Tally]
    errors: list[tuple[str, str, str, str]]  # (entry id, target, 'FP'|'FN', text)
    level2: Tally
    hints: Tally
    entries: int

    @staticmethod
    def micro(tallies: dict[str, Tally]) -> Tally:
        total = Tally()
        for t in tallies.values():
            total.tp += t.tp
            total.fp += t.fp
            total.fn += t.fn
        return total


def load_gold(paths: Iterable[str | Path]) -> list[Entry]:
    files: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            files += sorted(f for f in p.glob("*.yaml"))
        elif p.is_file():
            files.append(p)
        else:
            raise InputError("file_not_found", path=str(p))
    entries = []
    for f in files:
        data = yaml.safe_load(f.read_text(encoding="utf-8")) or []
        if not isinstance(data, list):
            raise InputError("gold_invalid", path=str(f))
        for raw in data:
            if not isinstance(raw, dict) or "text" not in raw:
                raise InputError("gold_invalid", path=str(f))
            entries.append(
                Entry(
                    id=str(raw.get("id", "")),
                    text=str(raw["text"]),
                    counts=set(raw.get("counts") or []),
                    kind=str(raw.get("kind", "positive")),
                    hints=set(raw.get("hints") or []),
                    level={k: int(v) for k, v in (raw.get("level") or {}).items()},
                    source=f.name,
                )
            )
    if not entries:
        raise InputError("gold_empty", path=", ".join(str(p) for p in paths))
    return entries


def keyword_scan(text: str, targets: Iterable[str]) -> set[str]:
    low = f" {text.lower()} "
    return {t for t in targets if any(k in low for k in KEYWORDS.get(t, []))}


def predict(text: str, kind: str, ruleset, nlp) -> tuple[set[str], dict[str, int], set[str]]:
    """(items at level >= 1 and fired pitfalls, item levels, fired hints) for one gold text."""
    from genderscan.document import BlockKind
    from genderscan.nlp import annotate
    from genderscan.rules.engine import text_document
    from genderscan.scoring import score

    block = BlockKind.glossary if kind == "definition" else BlockKind.paragraph
    doc = text_document(text, block)
    findings = ruleset.run(annotate(doc, nlp), nlp)
    scored = score(findings, ruleset.checklist, ruleset.checked_items())
    levels = {i.id: i.level for i in scored.items}
    found = {i for i, lv in levels.items() if lv >= 1} | {p.id for p in scored.pitfalls if p.evidence}
    hints = {h.id for h in scored.hints if h.evidence}
    return found, levels, hints


def evaluate(entries: list[Entry], ruleset, nlp) -> Result:
    checklist = ruleset.checklist
    targets = checklist.item_ids + checklist.pitfall_ids
    system = {t: Tally() for t in targets}
    baseline = {t: Tally() for t in targets}
    errors = []
    level2 = Tally()
    hints = Tally()
    for e in entries:
        pred, levels, fired = predict(e.text, e.kind, ruleset, nlp)
        base = keyword_scan(e.text, targets)
        for t in targets:
            if t in DOCUMENT_LEVEL and e.kind != "passage":
                continue  # P4 is about a whole document: labelled and scored on passages only
            gold = t in e.counts
            system[t].add(gold, t in pred)
            baseline[t].add(gold, t in base)
            if gold != (t in pred):
                errors.append((e.id, t, "FN" if gold else "FP", e.text))
        if e.kind == "passage":
            for t in checklist.item_ids:
                level2.add(e.level.get(t) == 2, levels.get(t) == 2)
        for h in checklist.hints:
            hints.add(h in e.hints, h in fired)
    return Result(targets, system, baseline, errors, level2, hints, len(entries))

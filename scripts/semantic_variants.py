"""Measure training settings of the semantic layer out of fold on real text (development sets only).

Each variant reruns ``genderscan.semantic.train.train`` with some module settings changed and
prints what ``meta["crossval"]`` measures: leave-one-real-document-out (the whole training,
threshold choice included, rerun without the document), per item the findings the layer adds
on top of the rules on that document (right/wrong), and micro P/R/F1 of rules and rules + layer
on the real/dev entries (passages left out). Nothing is written.

    PYTHONPATH=src python scripts/semantic_variants.py                       # the default variants
    PYTHONPATH=src python scripts/semantic_variants.py '{"REAL_WEIGHT": 3}'  # one variant (JSON)
"""

from __future__ import annotations

import json
import sys
from functools import cache
from pathlib import Path

from genderscan.checklist import load_checklist
from genderscan.evaluate import training_views
from genderscan.semantic import train as T
from genderscan.semantic.encoder import embed

VARIANTS = [
    {},
    {"REAL_WEIGHT": 3.0},
    {"REAL_WEIGHT": 10.0},
    {"C": 1.0},
    {"C": 16.0},
    {"CLASS_WEIGHT": None},
]


@cache
def _views(texts: tuple[str, ...], targets: tuple[str, ...]):
    return training_views(list(_EXAMPLES[texts]), list(targets))


_EXAMPLES: dict = {}


def cached_views(examples, targets):
    key = tuple(e.text for e in examples)
    _EXAMPLES[key] = examples
    return _views(key, tuple(targets))


@cache
def cached_embed(texts: tuple[str, ...]):
    return embed(list(texts))


def run(variant: dict, paths: list[Path], targets: list[str]) -> dict:
    saved = {k: getattr(T, k) for k in variant}
    try:
        for k, v in variant.items():
            setattr(T, k, v)
        model = T.train(paths, targets, cached_views, embed=lambda texts: cached_embed(tuple(texts)))
    finally:
        for k, v in saved.items():
            setattr(T, k, v)
    return model.meta["crossval"]


def line(variant: dict, cv: dict) -> str:
    per = " ".join(f"{t}={v['added']['tp']}/{v['added']['fp']}" for t, v in sorted(cv["targets"].items()) if v["added"]["tp"] or v["added"]["fp"])
    m = cv["micro"]
    cells = " ".join(f"{mode} {m[mode]['precision']:.3f}/{m[mode]['recall']:.3f}/{m[mode]['f1']:.3f}" for mode in ("rules", "combined"))
    return f"{json.dumps(variant) or '{}'}: added {cv['added']['tp']}/{cv['added']['fp']} | {cells} | {per or '-'}"


def main(argv: list[str]) -> None:
    checklist = load_checklist()
    targets = checklist.item_ids + checklist.pitfall_ids
    paths = T.default_corpora(".")
    variants = [json.loads(a) for a in argv] or VARIANTS
    for variant in variants:
        print(line(variant, run(variant, paths, targets)), flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])

"""``genderscan train``: the semantic layer's classifiers from the development corpora.

Reads ``corpora/gold``, ``corpora/gold-b`` and ``corpora/real/dev`` (when present)
and never a held-out set; writes the model the package ships
(``src/genderscan/semantic/data/model.npz``). Same corpora, same bytes.
"""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from genderscan.i18n import check_lang, message


def train(
    corpora: list[Path] = typer.Argument(None, help="Ontwikkelsets (mappen met gold-YAML); standaard corpora/gold, corpora/gold-b en corpora/real/dev.", show_default=False),
    output: Path | None = typer.Option(None, "--output", "-o", help="Het modelbestand (standaard het meegeleverde model van het pakket)."),
    lang: str = typer.Option("nl", "--lang", help="Taal van de meldingen: nl of en."),
) -> None:
    """Train de semantische laag (per item een classifier) op de ontwikkelsets; nooit op held-out."""
    from genderscan.errors import InputError
    from genderscan.semantic.model import MODEL_FILE
    from genderscan.semantic.train import DEV_CORPORA, FORBIDDEN, ForbiddenCorpus, check_paths, default_corpora

    check_lang(lang)
    paths = [Path(p) for p in corpora] if corpora else default_corpora(".")
    try:
        check_paths(paths)
    except ForbiddenCorpus:
        bad = next(p for p in paths if any(f in Path(p).resolve().parts or f in Path(p).parts for f in FORBIDDEN))
        raise InputError("train_forbidden", path=str(bad)) from None
    if not paths:
        raise InputError("train_no_corpora", paths=", ".join(DEV_CORPORA))
    for p in paths:
        if not p.exists():
            raise InputError("file_not_found", path=str(p))
    try:
        import sklearn  # noqa: F401
    except ImportError:
        raise InputError("train_sklearn") from None
    from genderscan.cli.common import err_console
    from genderscan.semantic.gold import count_unlabelled

    for p in paths:  # entries genderscan label wrote and nobody labelled yet are left out, not trained as negatives
        if n := count_unlabelled(p):
            err_console.print(message("eval_skipped_unlabelled", lang, path=str(p), n=n), markup=False, highlight=False)

    from genderscan.checklist import load_checklist
    from genderscan.semantic.train import train as run_training

    checklist = load_checklist()
    from genderscan.evaluate import training_views

    model = run_training(paths, checklist.item_ids + checklist.pitfall_ids, training_views)
    target = output or MODEL_FILE
    data = model.to_bytes()
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    import hashlib

    console = Console(width=120)
    console.print(_thresholds_table(model.meta, lang))
    _print_crossval(console, model.meta.get("crossval") or {}, lang)
    console.print(message("train_written", lang, path=str(target), size=f"{len(data) / 1024:.0f}", sha=hashlib.sha256(data).hexdigest()[:16]))


def _thresholds_table(meta: dict, lang: str) -> Table:
    table = Table(title=message("train_title", lang, entries=meta["entries"], corpora=", ".join(meta["corpora"])))
    for i, col in enumerate(message("train_columns", lang).split("|")):
        table.add_column(col, justify="left" if i == 0 else "right")
    for t, s in meta["cv"].items():
        rules_f1 = f"{s['rules']['f1']:.2f}" if "rules" in s else "-"
        if s.get("off"):
            table.add_row(t, message("train_off", lang), str(s["positives"]), s.get("on", "-"), rules_f1, "-", "-")
        else:
            added = s["added"]
            table.add_row(t, f"{s['threshold']:.3f}", str(s["positives"]), s["on"], rules_f1, f"{s['combined']['f1']:.2f}", f"{added['tp']}/{added['fp']}")
    return table


def _print_crossval(console: Console, cv: dict, lang: str) -> None:
    """What the layer adds on a real document it was not trained on (``meta["crossval"]``)."""
    targets = cv.get("targets") or {}
    if not any(v["thresholds"] for v in targets.values()):  # no real text: nothing to leave out
        console.print(message("train_cv_none", lang))
        return
    docs = sorted({doc for v in targets.values() for doc in v["thresholds"]})
    table = Table(title=message("train_cv_title", lang, docs=", ".join(Path(doc).stem for doc in docs)))
    for i, col in enumerate(message("train_cv_columns", lang).split("|")):
        table.add_column(col, justify="left" if i == 0 else "right")
    for t, v in targets.items():
        thresholds = " ".join(message("train_off", lang) if thr > 1 else f"{thr:.3f}" for thr in v["thresholds"].values()) or message("train_off", lang)
        table.add_row(t, thresholds, f"{v['added']['tp']}/{v['added']['fp']}", str(v["rules_fn"]))
    console.print(table)
    micro = cv["micro"]
    cells = {mode: f"{m['precision']:.3f}/{m['recall']:.3f}/{m['f1']:.3f}" for mode, m in micro.items()}
    console.print(message("train_cv_micro", lang, rules=cells["rules"], combined=cells["combined"], tp=cv["added"]["tp"], fp=cv["added"]["fp"]))

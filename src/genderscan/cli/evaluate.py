"""``genderscan evaluate corpora/gold/ [corpora/gold-test/ ...]``: precision/recall/F1 per item, per labelled set.

Every path (a gold YAML file or a folder of them) is evaluated on its own, so a
development set and a held-out set show side by side. Next to genderscan two
keyword baselines are reported: the generic 2023 study scan and the fairer
per-item keyword search (see :mod:`genderscan.evaluate`). ``--format json``
prints the same figures machine-readably.
"""

from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from genderscan.cli.common import CONFIG_OPTION, err_console, make_analyser
from genderscan.i18n import check_lang, message

FORMATS = ("text", "json")


def evaluate(
    paths: list[Path] = typer.Argument(..., help="Gold-bestanden of -mappen (YAML, zie corpora/gold/README.md); elk pad apart gemeten."),
    rules: list[Path] = typer.Option([], "--rules", help="Extra regelmap (mag vaker)."),
    errors: bool = typer.Option(False, "--errors", help="Toon ook elke fout (FP/FN, niveau 2) met de tekst."),
    fmt: str = typer.Option("text", "--format", "-f", help="Uitvoer: text of json."),
    lang: str = typer.Option("nl", "--lang", help="Taal van de meldingen: nl of en."),
    semantic: bool | None = typer.Option(
        None, "--semantic/--no-semantic", help="Ook de semantische laag meten: regels, semantisch en samen (standaard aan).", show_default=False
    ),
    skip_unlabelled: bool = typer.Option(
        False, "--skip-unlabelled", help="Sla entries met een lege kind (nog niet gelabeld, bv. uit genderscan label) over; standaard weigert evaluate zo'n bestand."
    ),
    config_file: Path | None = CONFIG_OPTION,
) -> None:
    """Meet hoe goed de regels (en de semantische laag) de gelabelde zinnen vinden, naast twee trefwoorden-scans."""
    from genderscan.errors import InputError
    from genderscan.evaluate import evaluate as evaluate_set
    from genderscan.evaluate import read_gold

    check_lang(lang)
    if fmt not in FORMATS:
        raise InputError("eval2_format", fmt=fmt, formats=", ".join(FORMATS))
    sets = []
    for p in paths:  # each set read once: a missing, broken or unlabelled set is a clear error before the (slow) pipeline loads
        entries, skipped = read_gold([p], skip_unlabelled)
        if skipped:
            err_console.print(message("eval_skipped_unlabelled", lang, path=str(p), n=skipped), markup=False, highlight=False)
        sets.append((p, entries))

    from genderscan.nlp import load_pipeline  # spaCy only now: an input error above does not import it

    # the rules as every front end resolves them: genderscan.toml / [tool.genderscan] < GENDERSCAN_* < --rules
    analyser = make_analyser(paths[0], lang=None, model=None, rules=rules, config_file=config_file, semantic=semantic)
    nlp = load_pipeline(analyser.config.model)
    results = [evaluate_set(entries, analyser.ruleset, nlp, path=str(p), semantic=analyser.config.semantic) for p, entries in sets]
    if fmt == "json":
        typer.echo(json.dumps({"sets": [r.as_dict(errors=errors) for r in results]}, ensure_ascii=False, indent=2))
        return
    console = Console(width=150)
    for result in results:
        _print_result(console, result, errors, lang)
        if result.modes:
            _print_modes(console, result, lang)
    if len(results) > 1:
        _print_side_by_side(console, results, lang)


def _print_result(console: Console, result, errors: bool, lang: str) -> None:
    from genderscan.evaluate import Result

    table = Table(title=message("eval2_title", lang, path=result.path, entries=result.entries))
    columns = message("eval2_columns", lang).split("|")
    for i, col in enumerate(columns):
        table.add_column(col, justify="left" if i == 0 else "right")
    study, item = result.baselines["studie"], result.baselines["item"]
    for t in result.targets:
        s, b, k = result.system[t], study[t], item[t]
        table.add_row(t, f"{s.precision:.2f}", f"{s.recall:.2f}", f"{s.f1:.2f}", str(s.tp + s.fn), f"{b.f1:.2f}", f"{k.precision:.2f}", f"{k.recall:.2f}", f"{k.f1:.2f}")
    m, mb, mk = Result.micro(result.system), Result.micro(study), Result.micro(item)
    table.add_row("micro", f"{m.precision:.2f}", f"{m.recall:.2f}", f"{m.f1:.3f}", str(m.tp + m.fn), f"{mb.f1:.3f}", f"{mk.precision:.2f}", f"{mk.recall:.2f}", f"{mk.f1:.3f}", style="bold")
    console.print(table)
    console.print(
        message(
            "eval2_summary", lang, f1=f"{m.f1:.3f}",
            study=f"{mb.f1:.3f}", study_diff=f"{m.f1 - mb.f1:+.3f}",
            item=f"{mk.f1:.3f}", item_diff=f"{m.f1 - mk.f1:+.3f}",
        )
    )
    l2 = result.level2
    console.print(message("eval_level2", lang, p=f"{l2.precision:.2f}", r=f"{l2.recall:.2f}", n=l2.tp + l2.fn))
    h = result.hints
    console.print(message("eval_hints", lang, p=f"{h.precision:.2f}", r=f"{h.recall:.2f}", n=h.tp + h.fn))
    fo = result.found
    console.print(message("eval2_found", lang, r=f"{fo.recall:.2f}", n=fo.tp + fo.fn))
    mk2 = result.marked
    console.print(message("eval2_marked", lang, p=f"{mk2.precision:.2f}", r=f"{mk2.recall:.2f}", n=mk2.tp + mk2.fn))
    if errors:
        for entry_id, target, kind, text in result.errors:
            console.print(f"{kind:5s} {target:34s} {entry_id:12s} {text[:160]}", markup=False)
    console.print()


def _print_side_by_side(console: Console, results, lang: str) -> None:
    from genderscan.evaluate import Result

    table = Table(title=message("eval2_side_title", lang))
    table.add_column(message("eval2_side_target", lang))
    for r in results:
        table.add_column(r.path, justify="right")
    for t in results[0].targets:
        table.add_row(t, *(f"{r.system[t].f1:.2f} ({r.baselines['item'][t].f1:.2f})" for r in results))
    table.add_row("micro", *(f"{Result.micro(r.system).f1:.3f} ({Result.micro(r.baselines['item']).f1:.3f})" for r in results), style="bold")
    table.add_row("n", *(str(r.entries) for r in results))
    console.print(table)
    console.print(message("eval2_side_note", lang))


def _print_modes(console: Console, result, lang: str) -> None:
    """Rules only, the semantic layer only and both (the default judgement), next to the item keywords."""
    from genderscan.evaluate import MODES, Result

    table = Table(title=message("eval3_modes_title", lang, path=result.path))
    columns = message("eval3_modes_columns", lang).split("|")
    for i, col in enumerate(columns):
        table.add_column(col, justify="left" if i == 0 else "right")
    item = result.baselines["item"]

    def cells(t) -> list[str]:
        return [f"{t.precision:.2f}", f"{t.recall:.2f}", f"{t.f1:.2f}"]

    for t in result.targets:
        row = [cells(result.modes[m][t]) for m in MODES]
        table.add_row(t, *row[0], *row[1], *row[2], str(item[t].tp + item[t].fn), f"{item[t].f1:.2f}")
    micro = [Result.micro(result.modes[m]) for m in MODES]
    mk = Result.micro(item)
    table.add_row("micro", *(c for m in micro for c in cells(m)), str(mk.tp + mk.fn), f"{mk.f1:.3f}", style="bold")
    console.print(table)
    console.print(message("eval3_modes_note", lang))
    console.print()

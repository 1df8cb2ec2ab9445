"""``genderscan evaluate corpora/gold/``: precision/recall/F1 per item against a labelled set."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from genderscan.i18n import check_lang, message


def evaluate(
    paths: list[Path] = typer.Argument(..., help="Gold-bestanden of -mappen (YAML, zie corpora/gold/README.md)."),
    rules: list[Path] = typer.Option([], "--rules", help="Extra regelmap (mag vaker)."),
    errors: bool = typer.Option(False, "--errors", help="Toon ook elke fout (FP/FN) met de tekst."),
    lang: str = typer.Option("nl", "--lang", help="Taal van de meldingen: nl of en."),
) -> None:
    """Meet hoe goed de regels de gelabelde zinnen vinden, naast een trefwoorden-scan."""
    from genderscan.evaluate import Result, evaluate as run, load_gold

    check_lang(lang)
    entries = load_gold(paths)  # a missing or bad gold file is reported before spaCy is loaded

    from genderscan.nlp import load_pipeline
    from genderscan.rules import load_rules

    result = run(entries, load_rules([str(r) for r in rules]), load_pipeline())
    table = Table(title=message("eval_title", lang, entries=result.entries))
    for col in message("eval_columns", lang).split("|"):
        table.add_column(col, justify="left" if col == message("eval_columns", lang).split("|")[0] else "right")
    for t in result.targets:
        s, b = result.system[t], result.baseline[t]
        table.add_row(t, f"{s.precision:.2f}", f"{s.recall:.2f}", f"{s.f1:.2f}", str(s.tp + s.fn), f"{b.precision:.2f}", f"{b.recall:.2f}", f"{b.f1:.2f}")
    m, mb = Result.micro(result.system), Result.micro(result.baseline)
    table.add_row("micro", f"{m.precision:.2f}", f"{m.recall:.2f}", f"{m.f1:.3f}", str(m.tp + m.fn), f"{mb.precision:.2f}", f"{mb.recall:.2f}", f"{mb.f1:.3f}", style="bold")
    console = Console(width=140)
    console.print(table)
    console.print(message("eval_summary", lang, f1=f"{m.f1:.3f}", base=f"{mb.f1:.3f}", diff=f"{m.f1 - mb.f1:+.3f}"))
    l2 = result.level2
    console.print(message("eval_level2", lang, p=f"{l2.precision:.2f}", r=f"{l2.recall:.2f}", n=l2.tp + l2.fn))
    h = result.hints
    console.print(message("eval_hints", lang, p=f"{h.precision:.2f}", r=f"{h.recall:.2f}", n=h.tp + h.fn))
    if errors:
        for entry_id, target, kind, text in result.errors:
            console.print(f"{kind} {target:34s} {entry_id:12s} {text[:160]}", markup=False)

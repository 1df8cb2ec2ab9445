"""``genderscan baseline create PATHS…``: accept today's problems so CI reports only new ones."""

from __future__ import annotations

from pathlib import Path

import typer

from genderscan.baseline import DEFAULT_BASELINE, write
from genderscan.check import baseline_entries, run_check
from genderscan.exitcodes import ExitCode
from genderscan.cli.common import err_console
from genderscan.i18n import message
from genderscan.settings import resolve

app = typer.Typer(help="Baselines: geaccepteerde problemen die check niet meer meldt.", no_args_is_help=True)


@app.command("create")
def create(
    paths: list[Path] = typer.Argument(..., help="Documenten of mappen.", show_default=False),
    output: Path | None = typer.Option(None, "--output", "-o", help=f"Het baseline-bestand (standaard: 'baseline' uit de configuratie, anders {DEFAULT_BASELINE})."),
    require: list[str] = typer.Option([], "--require", help="Vereiste items, zoals bij check."),
    config: Path | None = typer.Option(None, "--config", help="Gebruik dit configuratiebestand in plaats van te zoeken."),
    lang: str | None = typer.Option(None, "--lang", help="Taal van meldingen: nl of en."),
    rules: list[Path] = typer.Option([], "--rules", help="Extra regelmap (mag vaker)."),
) -> None:
    """Leg alle huidige bevindingen vast als geaccepteerd: elke valkuilzin en elk item onder niveau 2 (op elk niveau dat ontbreekt)."""
    flags = {"require": require, "lang": lang, "rules": [str(r) for r in rules]}
    main = resolve(paths[0], flags, config_path=config)
    target = output or main.baseline or Path(DEFAULT_BASELINE)
    results = run_check(paths, flags, config_path=config, use_baseline=False)
    broken = [r for r in results if r.error]
    for r in broken:
        err_console.print(f"{r.path}: {r.error}", markup=False)
    if broken:
        raise typer.Exit(ExitCode.ERROR)
    entries = baseline_entries(results, target)
    write(target, entries)
    typer.echo(message("baseline_written", main.config.lang, count=len(entries), path=str(target)))

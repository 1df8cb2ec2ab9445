"""``genderscan check PATHS…``: fail a CI job when a threshold does not hold."""

from __future__ import annotations

import traceback
from pathlib import Path

import typer

from genderscan.check import CHECK_FORMATS, exit_code, render, run_check
from genderscan.exitcodes import ExitCode
from genderscan.cli.common import StdoutClosed, infer_format, known_format, write_output
from genderscan.errors import GenderscanError
from genderscan.settings import resolve


def check(
    paths: list[Path] = typer.Argument(..., help="Documenten of mappen (PDF, DOCX, Markdown, tekst).", show_default=False),
    min_score: float | None = typer.Option(None, "--min-score", help="Faal als de score lager is dan dit getal (0-100)."),
    require: list[str] = typer.Option([], "--require", help="Vereist item (ID of code, bijv. A1 of sekse-data:2 voor 'uitgewerkt'); mag vaker of met komma's."),
    fail_on_pitfall: bool | None = typer.Option(None, "--fail-on-pitfall/--no-fail-on-pitfall", help="Faal als een valkuil optreedt.", show_default=False),
    fmt: str | None = typer.Option(
        None,
        "--format",
        "-f",
        help=f"Uitvoer: {', '.join(CHECK_FORMATS)} (gitlab = GitLab Code Quality, junit = JUnit XML). Standaard: volgens de extensie van -o (.sarif, .json, .xml, .txt), anders text.",
    ),
    output: Path | None = typer.Option(None, "--output", "-o", help="Schrijf de uitvoer naar dit bestand (bijv. -o gl-code-quality-report.json -f gitlab)."),
    baseline: Path | None = typer.Option(None, "--baseline", help="Baseline-bestand met geaccepteerde problemen."),
    no_baseline: bool = typer.Option(False, "--no-baseline", help="Negeer de baseline uit de configuratie."),
    no_exit: bool = typer.Option(False, "--no-exit", help="Exitcode 0, ook als een drempel niet gehaald wordt (fouten in invoer blijven 2)."),
    sarif: Path | None = typer.Option(None, "--sarif", help="Schrijf daarnaast een SARIF-bestand (voor code scanning)."),
    config: Path | None = typer.Option(None, "--config", help="Gebruik dit configuratiebestand in plaats van te zoeken."),
    lang: str | None = typer.Option(None, "--lang", help="Taal van meldingen: nl of en."),
    rules: list[Path] = typer.Option([], "--rules", help="Extra regelmap (mag vaker)."),
    disable: list[str] = typer.Option([], "--disable", help="Zet een regel uit (regel-ID; mag vaker)."),
    semantic: bool | None = typer.Option(None, "--semantic/--no-semantic", help="Met of zonder de semantische laag (standaard aan, of 'semantic' uit de configuratie).", show_default=False),
) -> None:
    """Controleer documenten tegen drempels (voor CI): exitcode 0 = gehaald, 1 = niet gehaald, 2 = fout in invoer.

    Alleen documenten die op een beleidsstuk lijken (include/exclude in genderscan.toml; README, CHANGELOG,
    LICENSE en CONTRIBUTING nooit). Zonder drempels geldt het standaardbeleid: A1 en A2 vereist (default-require).
    """
    if fmt is None and output is not None:
        fmt = infer_format(None, output, CHECK_FORMATS)
    flags = {
        "min-score": min_score,
        "require": require,
        "fail-on-pitfall": fail_on_pitfall,
        "format": fmt,
        "baseline": str(baseline) if baseline else None,
        "lang": lang,
        "rules": [str(r) for r in rules],
        "disabled-rules": disable,
        "semantic": semantic,
    }
    try:
        main = resolve(paths[0], flags, config_path=config)
        chosen = render_or_fail(main.format)
        results = run_check(paths, flags, config_path=config, use_baseline=not no_baseline)
        write_output(render(results, chosen, main.config.lang), output)
        if sarif is not None:
            write_output(render(results, "sarif", main.config.lang), sarif)
    except (GenderscanError, typer.Exit, StdoutClosed, KeyboardInterrupt):
        raise
    except Exception:  # a bug must not look like a failed threshold (exit 1) in CI
        traceback.print_exc()
        raise typer.Exit(ExitCode.ERROR) from None
    raise typer.Exit(exit_code(results, no_exit))


def render_or_fail(fmt: str) -> str:
    """Reject an unknown format (``--format``, ``format`` in genderscan.toml, GENDERSCAN_FORMAT) before the (slow) analysis."""
    return known_format(fmt, CHECK_FORMATS)

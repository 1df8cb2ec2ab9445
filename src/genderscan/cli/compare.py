"""``genderscan compare OLD NEW``: what changed between two versions of a vision."""

from __future__ import annotations

from pathlib import Path

import typer

from genderscan.cli.common import CONFIG_LANG_OPTION, CONFIG_OPTION, infer_format, make_analyser, write_output
from genderscan.i18n import check_lang


def compare(
    old: Path = typer.Argument(..., help="De oude versie: een document of een JSON-rapport van genderscan.", show_default=False),
    new: Path = typer.Argument(..., help="De nieuwe versie: een document of een JSON-rapport van genderscan.", show_default=False),
    fmt: str | None = typer.Option(
        None, "--format", "-f", help="Uitvoerformaat: text, markdown, html of json. Standaard: volgens de extensie van -o, anders text.", show_default=False
    ),
    output: Path | None = typer.Option(None, "--output", "-o", help="Schrijf de vergelijking naar dit bestand (bijv. -o vergelijking.html)."),
    lang: str | None = CONFIG_LANG_OPTION,
    model: str | None = typer.Option(None, "--model", help="Een geïnstalleerd spaCy-model; standaard het ingebouwde model."),
    rules: list[Path] = typer.Option([], "--rules", help="Extra regelmap (mag vaker)."),
    semantic: bool | None = typer.Option(None, "--semantic/--no-semantic", help="Met of zonder de semantische laag (standaard aan; uit = alleen de regels).", show_default=False),
    cache_dir: Path | None = typer.Option(None, "--cache-dir", help="Map van de cache (standaard $GENDERSCAN_CACHE_DIR of ~/.cache/genderscan)."),
    no_cache: bool = typer.Option(False, "--no-cache", help="Gebruik en vul geen cache."),
    config_file: Path | None = CONFIG_OPTION,
) -> None:
    """Vergelijk twee versies van een visie: niveau per item, nieuw en verdwenen bewijs, verschil in score."""
    from genderscan.cache import Cache, default_cache_dir
    from genderscan.compare import COMPARE_FORMATS, compare_reports, load_report, render_comparison

    if lang is not None:
        check_lang(lang)
    fmt = infer_format(fmt, output, COMPARE_FORMATS)
    cache = Cache(None if no_cache else (cache_dir or default_cache_dir()))
    analyser = make_analyser(new, lang=lang, model=model, rules=rules, config_file=config_file, cache=cache, semantic=semantic)
    comparison = compare_reports(load_report(old, analyser), load_report(new, analyser))
    from genderscan.report.text import terminal_width

    width = terminal_width() if output is None else 100
    write_output(render_comparison(comparison, fmt, analyser.config.lang, width=width), output)

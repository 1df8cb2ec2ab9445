"""``genderscan analyse FILE``: the report for one document."""

from __future__ import annotations

import os
import shlex
import sys
from pathlib import Path

import typer

from genderscan.cli.common import CONFIG_LANG_OPTION, CONFIG_OPTION, infer_format, make_analyser, write_output
from genderscan.i18n import check_lang
from genderscan.report import FORMATS, render
from genderscan.report.text import terminal_width


def analyse(
    file: Path = typer.Argument(..., help="Het document: PDF, DOCX, Markdown of tekst.", show_default=False),
    fmt: str | None = typer.Option(
        None,
        "--format",
        "-f",
        help=f"Uitvoerformaat: {', '.join(FORMATS)}. Standaard: volgens de extensie van -o (.html, .md, .json, .sarif, .csv, .txt), anders text. html is één bestand dat offline opent en goed print.",
        show_default=False,
    ),
    output: Path | None = typer.Option(None, "--output", "-o", help="Schrijf het rapport naar dit bestand in plaats van naar het scherm (bijv. -o rapport.html)."),
    lang: str | None = CONFIG_LANG_OPTION,
    verbose: bool = typer.Option(
        False, "--verbose/--brief", "-v", help="Tekstformaat: toon ook het bewijs, de aanbeveling en een goed voorbeeld per item (standaard een kort overzicht van één scherm)."
    ),
    model: str | None = typer.Option(None, "--model", help="Een geïnstalleerd spaCy-model (bijv. nl_core_news_sm); standaard het ingebouwde model."),
    rules: list[Path] = typer.Option([], "--rules", help="Extra regelmap (mag vaker); regels met dezelfde ID vervangen de ingebouwde."),
    semantic: bool | None = typer.Option(None, "--semantic/--no-semantic", help="Met of zonder de semantische laag (standaard aan; uit = alleen de regels).", show_default=False),
    config_file: Path | None = CONFIG_OPTION,
) -> None:
    """Analyseer één document en toon per checklist-item het niveau en het bewijs."""
    if lang is not None:
        check_lang(lang)
    fmt = infer_format(fmt, output, FORMATS)
    analyser = make_analyser(file, lang=lang, model=model, rules=rules, config_file=config_file, semantic=semantic)
    lang = analyser.config.lang
    report = analyser.analyse(file)  # spaCy loads only once the file has been read
    options: dict = {"verbose": verbose}
    if fmt == "text":
        options["command"] = f"genderscan analyse {shlex.quote(str(file))}" + (f" --lang {lang}" if lang != "nl" else "")
        if output is None:  # the terminal: follow its width (COLUMNS too); files keep the default width
            options["width"] = terminal_width()
            options["color"] = sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    write_output(render(report, fmt, lang, **options), output)

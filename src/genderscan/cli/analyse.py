"""``genderscan analyse FILE``: the report for one document."""

from __future__ import annotations

from pathlib import Path

import typer

from genderscan.cli.common import LANG_OPTION, semantic_setting, write_output
from genderscan.config import Config
from genderscan.i18n import check_lang
from genderscan.report import FORMATS, render


def analyse(
    file: Path = typer.Argument(..., help="Het document: PDF, DOCX, Markdown of tekst.", show_default=False),
    fmt: str = typer.Option("text", "--format", "-f", help=f"Uitvoerformaat: {', '.join(FORMATS)}. html is één bestand dat offline opent en goed print."),
    output: Path | None = typer.Option(None, "--output", "-o", help="Schrijf het rapport naar dit bestand in plaats van naar het scherm."),
    lang: str = LANG_OPTION,
    verbose: bool = typer.Option(
        False, "--verbose/--brief", "-v", help="Tekstformaat: toon ook het bewijs en de aanbeveling per item (standaard alleen het overzicht)."
    ),
    model: str | None = typer.Option(None, "--model", help="Een geïnstalleerd spaCy-model (bijv. nl_core_news_sm); standaard het ingebouwde model."),
    rules: list[Path] = typer.Option([], "--rules", help="Extra regelmap (mag vaker); regels met dezelfde ID vervangen de ingebouwde."),
    semantic: bool | None = typer.Option(None, "--semantic/--no-semantic", help="Met of zonder de semantische laag (standaard aan; uit = alleen de regels).", show_default=False),
) -> None:
    """Analyseer één document en toon per checklist-item het niveau en het bewijs."""
    from genderscan.pipeline import analyse as run_analysis  # spaCy loads only once the file has been read

    check_lang(lang)
    config = Config(lang=lang, model=model, rules=[str(r) for r in rules], **semantic_setting(semantic))
    report = run_analysis(file, config)
    write_output(render(report, fmt, lang, verbose=verbose), output)

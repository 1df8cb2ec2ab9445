"""``genderscan label DOCUMENT... -o set.yaml``: sentences from your own documents to label blind.

Parses flags, reads each document, hands it to :mod:`genderscan.label`, writes the file.
No rule set is loaded: the output holds nothing of genderscan's judgement.
"""

from __future__ import annotations

from pathlib import Path

import typer

from genderscan.cli.common import err_console
from genderscan.exitcodes import ExitCode
from genderscan.i18n import check_lang, message

SUFFIXES = (".yaml", ".yml")


def label(
    documents: list[Path] = typer.Argument(..., help="Documenten (PDF, DOCX, Markdown, HTML, tekst) of mappen met documenten."),
    output: Path = typer.Option(..., "--output", "-o", help="Het YAML-bestand om te schrijven (corpora/real-formaat)."),
    force: bool = typer.Option(False, "--force", help="Overschrijf een bestaand bestand (en de labels die erin staan)."),
    prefix: str | None = typer.Option(None, "--prefix", help="Begin van elke id (standaard: uit de bestandsnaam), gevolgd door een nummer van 4 cijfers."),
    doc: str | None = typer.Option(None, "--doc", help="Waarde van het veld doc, bv. \"regiovisie Twente 2023-2026\" (standaard: de bestandsnaam)."),
    others: int | None = typer.Option(
        None, "--others", min=0, help="Aantal andere zinnen (zonder domeinwoord) als near-miss-kandidaten (standaard: 10% van de zinnen met domeinwoorden).", show_default=False
    ),
    shuffle: bool = typer.Option(False, "--shuffle", help="Zet de zinnen in willekeurige volgorde (standaard de volgorde van het document: dat labelt makkelijker)."),
    seed: int = typer.Option(0, "--seed", help="Zaad voor de steekproef en --shuffle: dezelfde documenten en hetzelfde zaad geven hetzelfde bestand."),
    lang: str = typer.Option("nl", "--lang", help="Taal van de meldingen: nl of en."),
) -> None:
    """Maak een set zinnen uit uw eigen documenten om blind te labelen (het formaat van corpora/real/).

    Elke zin met een domeinwoord uit de lopende tekst, plus een steekproef van andere zinnen als near-miss-kandidaten; de labelvelden blijven leeg.

    Blind: genderscan draait hier geen regels en noemt geen items; het bestand bevat niets van zijn oordeel. Label volgens corpora/real/README.md zonder genderscan te draaien; meet daarna met genderscan evaluate BESTAND.yaml.
    """
    from genderscan.errors import GenderscanError

    check_lang(lang)
    if output.suffix.lower() not in SUFFIXES:
        raise GenderscanError("label_output_suffix", path=str(output))
    if (output.exists() or output.is_symlink()) and not force:
        raise GenderscanError("label_output_exists", path=str(output))

    from genderscan import label as labelling
    from genderscan.ingest import read_document
    from genderscan.ingest.scan import find_documents

    found, failed, read = [], 0, 0
    nlp = None
    for index, path in enumerate(find_documents(documents)):
        try:
            document = read_document(path)
            if nlp is None:  # spaCy only for a readable document: an input error stays fast
                from genderscan.nlp import load_pipeline

                nlp = load_pipeline()
            found += labelling.sentences(document, nlp, index=index, doc=doc, prefix=prefix)
            read += 1
        except GenderscanError as exc:
            failed += 1
            _say_error(exc.message(lang))
    if not read:
        raise typer.Exit(ExitCode.ERROR)
    chosen, domain, sample = labelling.choose(found, others, shuffle, seed)
    if not chosen:
        raise GenderscanError("label_no_sentences", path=", ".join(map(str, documents)))

    from genderscan.atomic import write_text

    write_text(output, labelling.render(chosen, output.name, shuffle))
    err_console.print(message("label_done", lang, path=str(output), n=len(chosen), domain=domain, others=sample, documents=read), markup=False, highlight=False)
    if failed:
        raise typer.Exit(ExitCode.ERROR)


def _say_error(text: str) -> None:
    from rich.markup import escape

    from genderscan.escape import terminal_text

    err_console.print(f"[bold red]genderscan:[/bold red] {escape(terminal_text(text))}", markup=True)

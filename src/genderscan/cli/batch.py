"""``genderscan batch PATHS…``: analyse many documents in parallel and compare them."""

from __future__ import annotations

import os
from pathlib import Path

import typer

from genderscan.cli import common
from genderscan.cli.common import CONFIG_LANG_OPTION, CONFIG_OPTION, err_console, make_analyser
from genderscan.errors import GenderscanError, InputError
from genderscan.escape import terminal_text
from genderscan.i18n import check_lang, message
from genderscan.workers import DEFAULT_MEMORY_MB, DEFAULT_TIMEOUT_SECONDS, WorkerLimits


def batch(
    paths: list[Path] = typer.Argument(None, help="Bestanden en/of mappen (mappen worden doorzocht op PDF en tekst).", show_default=False),
    manifest: Path | None = typer.Option(None, "--manifest", "-m", help="CSV met region, centrumgemeente, title, period, path (bijv. corpora/regiovisies.csv)."),
    out: Path = typer.Option(Path("genderscan-batch"), "--out", "-o", help="Map voor de rapporten, scores.csv, evidence.csv, summary.json en overview.html."),
    jobs: int = typer.Option(0, "--jobs", "-j", help="Aantal parallelle processen; 0 = het aantal processorkernen.", show_default=False),
    formats: list[str] = typer.Option([], "--format", "-f", help="Formaat van de rapporten per document (mag vaker; 'all' = alle). Standaard: json en html (als beschikbaar)."),
    lang: str | None = CONFIG_LANG_OPTION,
    model: str | None = typer.Option(None, "--model", help="Een geïnstalleerd spaCy-model; standaard het ingebouwde model."),
    rules: list[Path] = typer.Option([], "--rules", help="Extra regelmap (mag vaker)."),
    semantic: bool | None = typer.Option(None, "--semantic/--no-semantic", help="Met of zonder de semantische laag (standaard aan; uit = alleen de regels).", show_default=False),
    cache_dir: Path | None = typer.Option(None, "--cache-dir", help="Map van de cache (standaard $GENDERSCAN_CACHE_DIR of ~/.cache/genderscan)."),
    no_cache: bool = typer.Option(False, "--no-cache", help="Gebruik en vul geen cache: alles opnieuw lezen en scoren."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Geen voortgangsbalk en geen samenvatting."),
    timeout: float = typer.Option(DEFAULT_TIMEOUT_SECONDS, "--timeout", help="Grootste tijd per document in seconden; daarna faalt dat document. 0 = geen grens."),
    worker_memory: int = typer.Option(DEFAULT_MEMORY_MB, "--worker-memory", help="Grootste geheugen (adresruimte) per analyseproces in MB. 0 = geen grens."),
    config_file: Path | None = CONFIG_OPTION,
) -> None:
    """Analyseer veel documenten tegelijk en zet ze naast elkaar (tabel, heatmap, CSV)."""
    from genderscan.batch import discover, load_manifest, page_count, run_batch
    from genderscan.cache import Cache, default_cache_dir
    from genderscan.ingest import supported_suffixes
    from genderscan.report import FORMATS

    if lang is not None:
        check_lang(lang)
    jobs = jobs or os.cpu_count() or 1
    if jobs < 1:
        raise GenderscanError("batch_bad_jobs", jobs=jobs)
    if timeout < 0 or worker_memory < 0:
        raise GenderscanError("limit_negative", option="--timeout" if timeout < 0 else "--worker-memory")
    limits = WorkerLimits(seconds=timeout or None, memory_mb=worker_memory or None)
    chosen = _formats(formats, FORMATS)
    loaded = load_manifest(manifest) if manifest else None
    paths = list(paths or [])
    if not paths:
        if loaded is None:
            raise GenderscanError("batch_no_paths")
        paths = loaded.local_files()
        if not paths:
            raise InputError("manifest_no_local_files", path=str(manifest))
    cache = Cache(None if no_cache else (cache_dir or default_cache_dir()))
    files = discover(paths, exclude=[out, *([cache.root] if cache.root else [])])
    if not files:
        raise InputError("batch_no_files", paths=", ".join(map(str, paths)), suffixes=", ".join(supported_suffixes()))
    config = make_analyser(paths[0], lang=lang, model=model, rules=rules, config_file=config_file, semantic=semantic).config
    lang = config.lang

    show = not quiet and err_console.is_terminal
    if show:
        result = _with_progress(files, config, out, jobs, chosen, cache, loaded, page_count, run_batch, lang, limits)
    else:
        result = run_batch(files, config, out, jobs=jobs, formats=chosen, cache=cache, manifest=loaded, limits=limits)
    if not quiet:
        _print_summary(result.summary, out, lang)
    if result.interrupted:  # always said, also with --quiet: the run is not complete
        _print_interrupted(result.summary, out, lang)
        common.interrupt_reported = True
    raise typer.Exit(result.exit_code)


def _formats(requested: list[str], available: tuple[str, ...]) -> list[str]:
    if not requested:
        return [f for f in ("json", "html") if f in available] or [available[0]]
    if "all" in requested:
        return list(available)
    for f in requested:
        if f not in available:
            raise GenderscanError("unknown_format", format=f, choices=", ".join(available))
    return list(dict.fromkeys(requested))


def _with_progress(files, config, out, jobs, formats, cache, manifest, page_count, run_batch, lang, limits):
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn, TimeRemainingColumn

    pages = [page_count(f) for f in files]
    total_pages = sum(pages) or len(files)
    columns = [
        SpinnerColumn(),
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        TextColumn("{task.fields[files]}/{task.fields[total_files]} " + ("bestanden" if lang == "nl" else "files")),
        MofNCompleteColumn(),
        TextColumn("p."),
        TimeElapsedColumn(),
        TextColumn("ETA"),
        TimeRemainingColumn(),
    ]
    # advance by the pages counted up front, so the bar ends exactly full (unreadable files count 1 when no pages are known at all)
    expected = {str(f): (p if sum(pages) else 1) for f, p in zip(files, pages, strict=True)}
    with Progress(*columns, console=err_console, transient=False) as progress:
        task = progress.add_task(message("batch_progress", lang), total=total_pages, files=0, total_files=len(files))

        def on_done(outcome) -> None:
            progress.update(task, advance=expected.get(outcome.path, 1), files=progress.tasks[task].fields["files"] + 1)

        return run_batch(files, config, out, jobs=jobs, formats=formats, cache=cache, manifest=manifest, on_done=on_done, limits=limits)


def _print_summary(data: dict, out: Path, lang: str) -> None:
    counts = data["counts"]
    cached = data["cache"]["reports"]
    if not data.get("interrupted"):  # an interrupted run says how far it got in _print_interrupted
        err_console.print(message("batch_done", lang, ok=counts["ok"], documents=counts["documents"], seconds=data["seconds"], cached=cached, out=str(out)), highlight=False)
    if data["failures"]:
        err_console.print(f"[bold red]{message('batch_failed_files', lang, n=len(data['failures']))}[/bold red]")
        for f in data["failures"]:
            err_console.print(f"  ✗ {terminal_text(f['message'])}", markup=False, highlight=False)


def _print_interrupted(data: dict, out: Path, lang: str) -> None:
    key = "batch_interrupted" if data["cache"]["dir"] else "batch_interrupted_no_cache"
    err_console.print(message(key, lang, done=data["counts"]["documents"], total=data["counts"]["documents"] + len(data["not_analysed"]), out=str(out)),
                      markup=False, highlight=False)

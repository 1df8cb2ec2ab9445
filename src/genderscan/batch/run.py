"""Running the pipeline over many files in a process pool.

The main process hashes every file and answers from the report cache what it
can (without loading spaCy); only the rest goes to the workers
(:class:`genderscan.workers.Pool`: one file per worker at a time, so a crash, a
timeout or a MemoryError costs exactly that file). Each worker builds the spaCy
pipeline and the compiled rules once, in its initializer, and then calls
:func:`genderscan.pipeline.analyse_cached` per file. A file that fails (corrupt,
scanned, unsupported, too slow, too big, or a bug) becomes a failed
:class:`Outcome`; the others go on. Ctrl+C raises :class:`Interrupted` with what
finished.
"""

from __future__ import annotations

import os
import resource
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from pydantic import BaseModel, Field

from genderscan.analyser import Analyser
from genderscan.cache import Cache, file_sha256
from genderscan.config import Config
from genderscan.errors import GenderscanError
from genderscan.i18n import message
from genderscan.report import Report
from genderscan.workers import WorkerLimits, Pool, Result, failure


class Outcome(BaseModel):
    """What happened to one file."""

    path: str
    status: str = Field(description="ok or failed")
    report: Report | None = None
    error_code: str | None = None
    error: str | None = None
    cached: str | None = Field(default=None, description="report, document, failure (a cached input error) or None (computed)")
    seconds: float = 0.0
    pages: int = 0
    worker_pid: int | None = None
    worker_peak_rss_mb: float | None = None


def supported_suffixes() -> list[str]:
    from genderscan.ingest import supported_suffixes as suffixes

    return suffixes()


def discover(paths: Iterable[Path], exclude: Iterable[Path] = ()) -> list[Path]:
    """Files to analyse: explicit files as given, folders searched recursively for supported files.

    Hidden files and anything under ``exclude`` (the output and cache folders, so that
    a re-run does not analyse its own HTML/Markdown reports) are skipped in folders
    (:func:`genderscan.ingest.scan.find_documents`).
    """
    from genderscan.ingest.scan import find_documents

    return find_documents(paths, exclude)


def page_count(path: Path) -> int:
    """A quick page count for the progress bar (0 when unknown or unreadable)."""
    try:
        if path.suffix.lower() == ".pdf":
            import pypdfium2 as pdfium

            pdf = pdfium.PdfDocument(str(path))
            try:
                return len(pdf)
            finally:
                pdf.close()
        return 1
    except Exception:  # noqa: BLE001 - the real error is reported by the analysis
        return 0


def _peak_rss_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


# -- the worker side --------------------------------------------------------
_WORKER: dict[str, Analyser] = {}


def init_worker(config: Config, cache_root: str | None) -> None:
    """Build this worker process's Analyser and its heavy objects once."""
    analyser = Analyser(config, Cache(cache_root))
    analyser.warm()
    _WORKER["analyser"] = analyser


def analyse_one(path: str) -> Outcome:
    """Analyse one file in a worker (or in the main process with ``jobs <= 0``)."""
    from genderscan.workers import fault_hooks

    analyser = _WORKER["analyser"]
    config = analyser.config
    started = time.perf_counter()
    fault_hooks(path)
    try:
        analysis = analyser.analyse_cached(path)
    except GenderscanError as exc:
        return _failed(path, exc.code, exc.message(config.lang), started)
    except MemoryError:
        raise  # the pool turns it into analysis_memory and replaces this worker
    except Exception as exc:  # noqa: BLE001 - a bug on one file must not stop the batch
        return _failed(path, "internal_error", message("internal_error", config.lang, detail=f"{type(exc).__name__}: {exc}"), started)
    return Outcome(
        path=path,
        status="ok",
        report=analysis.report,
        cached=analysis.cached,
        seconds=round(time.perf_counter() - started, 3),
        pages=analysis.report.document.pages,
        worker_pid=os.getpid(),
        worker_peak_rss_mb=_peak_rss_mb(),
    )


def _failed(path: str, code: str, text: str, started: float, *, in_worker: bool = True) -> Outcome:
    """A failed Outcome; ``in_worker=False`` for one the main process decides (no worker pid or memory)."""
    return Outcome(
        path=path,
        status="failed",
        error_code=code,
        error=text,
        seconds=round(time.perf_counter() - started, 3),
        worker_pid=os.getpid() if in_worker else None,
        worker_peak_rss_mb=_peak_rss_mb() if in_worker else None,
    )


def _pool_failure(path: str, result, config: Config, limits: WorkerLimits) -> Outcome:
    """The Outcome for a job the pool could not finish: the worker crashed, ran out of time or of memory."""
    params: dict[str, object]
    if result.kind == "error":
        code, params = "internal_error", {"detail": result.detail}
    else:
        code, params = failure(result, Path(path).name, limits)
    outcome = _failed(path, code, message(code, config.lang, **params), time.perf_counter(), in_worker=False)
    outcome.seconds = 0.0
    return outcome


# -- the main side ----------------------------------------------------------
Progress = Callable[[Outcome], None]


class Interrupted(Exception):
    """Ctrl+C during a batch: ``outcomes`` holds the files that finished (in the order of the files)."""

    def __init__(self, outcomes: list[Outcome], remaining: list[str]) -> None:
        super().__init__("interrupted")
        self.outcomes, self.remaining = outcomes, remaining


def run(files: list[Path], config: Config, cache: Cache, jobs: int, on_done: Progress | None = None,
        limits: WorkerLimits | None = None) -> list[Outcome]:
    """Analyse ``files`` with ``jobs`` worker processes; outcomes in the order of ``files``.

    ``jobs <= 0`` analyses in this process (no time or memory limit, no crash isolation:
    for library use and tests). On Ctrl+C the workers are stopped at once and
    :class:`Interrupted` carries what finished.
    """
    on_done = on_done or (lambda _: None)
    limits = limits or WorkerLimits()
    outcomes: dict[str, Outcome] = {}
    todo: list[str] = []
    try:
        for f in files:
            hit = _from_report_cache(f, config, cache) or _unreadable(f, config, cache)
            if hit is not None:
                outcomes[str(f)] = hit
                on_done(hit)
            else:
                todo.append(str(f))
        if todo and jobs <= 0:
            init_worker(config, str(cache.root) if cache.enabled else None)
            for path in todo:
                try:
                    outcomes[path] = outcome = analyse_one(path)
                except MemoryError:
                    outcomes[path] = outcome = _pool_failure(path, Result("memory"), config, limits)
                on_done(outcome)
        elif todo:
            def finished(path: str, result: Result) -> None:
                outcome = result.value if result.ok else _pool_failure(path, result, config, limits)
                outcomes[path] = outcome
                on_done(outcome)

            with Pool(min(jobs, len(todo)), init_worker, (config, str(cache.root) if cache.enabled else None), limits) as pool:
                pool.run([(p, analyse_one, (p,)) for p in todo], finished)
    except KeyboardInterrupt:
        done = [outcomes[str(f)] for f in files if str(f) in outcomes]
        raise Interrupted(done, [str(f) for f in files if str(f) not in outcomes]) from None
    return [outcomes[str(f)] for f in files]


def _unreadable(path: Path, config: Config, cache: Cache) -> Outcome | None:
    """A missing file or one of a kind genderscan cannot read fails here, without starting a worker (and spaCy)."""
    if path.is_file() and path.suffix.lower() in supported_suffixes():
        return None
    from genderscan.pipeline import analyse_cached

    started = time.perf_counter()
    try:
        analysis = analyse_cached(path, config, cache)  # raises the reader's InputError, as in a worker
    except GenderscanError as exc:
        return _failed(str(path), exc.code, exc.message(config.lang), started, in_worker=False)
    # the same bytes were cached under another name
    return Outcome(path=str(path), status="ok", report=analysis.report, cached=analysis.cached, seconds=round(time.perf_counter() - started, 3), pages=analysis.report.document.pages)


def _from_report_cache(path: Path, config: Config, cache: Cache) -> Outcome | None:
    if not cache.enabled or not path.is_file():
        return None
    started = time.perf_counter()
    try:
        sha256 = file_sha256(path)
    except OSError:
        return None
    report = cache.get_report(sha256, config, str(path))
    if report is None:
        failure = cache.get_failure(sha256, str(path))
        if failure is None:
            return None
        outcome = _failed(str(path), failure.code, failure.message(config.lang), started, in_worker=False)
        outcome.cached = "failure"
        return outcome
    return Outcome(path=str(path), status="ok", report=report, cached="report", seconds=round(time.perf_counter() - started, 3), pages=report.document.pages)

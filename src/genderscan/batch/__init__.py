"""Batch scoring: many documents side by side.

:func:`run_batch` analyses files in a process pool (via
:func:`genderscan.pipeline.analyse_cached`), then writes per-document reports,
``scores.csv``, ``evidence.csv``, ``summary.json`` and ``overview.html`` into
one folder. A file that fails is recorded, the others complete.
"""

from __future__ import annotations

import sys
import time
import types
from dataclasses import dataclass
from pathlib import Path

from genderscan.batch import outputs
from genderscan.batch.manifest import Manifest, load_manifest
from genderscan.batch.run import Interrupted, Outcome, Progress, discover, page_count, run
from genderscan.cache import Cache
from genderscan.analyser import Analyser
from genderscan.config import Config
from genderscan.exitcodes import ExitCode
from genderscan.workers import WorkerLimits


@dataclass
class BatchResult:
    entries: list[outputs.Entry]
    summary: dict
    out: Path

    @property
    def exit_code(self) -> int:
        return self.summary["exit_code"]

    @property
    def interrupted(self) -> bool:
        return bool(self.summary.get("interrupted"))


def run_batch(
    files: list[Path],
    config: Config,
    out: Path,
    *,
    jobs: int = 1,
    formats: list[str] | None = None,
    cache: Cache | None = None,
    manifest: Manifest | None = None,
    on_done: Progress | None = None,
    limits: WorkerLimits | None = None,
) -> BatchResult:
    """Analyse ``files`` and write the outputs into ``out``.

    On Ctrl+C the workers stop at once and the outputs are written for the files that
    finished (``summary["interrupted"]``, ``summary["not_analysed"]``, exit code 130);
    an interrupted run removes no old reports.
    """
    started = time.perf_counter()
    cache = cache or Cache(None)
    formats = formats or ["json"]
    outputs.ensure_out(out)
    remaining: list[str] | None = None
    try:
        outcomes = run(files, config, cache, jobs, on_done, limits)
    except Interrupted as stopped:
        outcomes, remaining = stopped.outcomes, stopped.remaining
    batch = outputs.entries(outcomes, manifest)
    outputs.write_reports(batch, out, formats, config.lang, remove_stale=remaining is None)
    checklist = Analyser(config).checklist
    outputs.write_scores(batch, out, checklist)
    outputs.write_evidence(batch, out)
    matched = {id(r) for e in batch for r in e.rows}
    unmatched = [r for r in manifest.rows if id(r) not in matched] if manifest else []
    exit_code = ExitCode.ERROR if any(o.status == "failed" for o in outcomes) else ExitCode.OK
    if remaining is not None:
        exit_code = ExitCode.INTERRUPTED
    data = outputs.summary(
        batch, formats=formats, jobs=jobs, cache=cache, seconds=0.0, exit_code=exit_code, lang=config.lang, unmatched_rows=unmatched
    )
    if remaining is not None:
        data["interrupted"] = True
        data["not_analysed"] = remaining
    outputs.write_overview(batch, out, data, config.lang, cache, checklist)
    data["seconds"] = round(time.perf_counter() - started, 2)
    outputs.write_summary(data, out)
    return BatchResult(batch, data, out)


__all__ = ["BatchResult", "Manifest", "Outcome", "discover", "load_manifest", "page_count", "run_batch"]


# ``genderscan.batch`` is this package and, for researchers, the function genderscan.api.batch:
# Python sets the package as the attribute ``batch`` of ``genderscan`` once it is imported, so the
# package itself is made callable and hands the call to the API.
class _CallableModule(types.ModuleType):
    def __call__(self, sources, **options):
        """``genderscan.batch(paths_or_texts, **options) -> pandas.DataFrame``: see :func:`genderscan.api.batch`."""
        from genderscan.api import batch as api_batch

        return api_batch(sources, **options)


sys.modules[__name__].__class__ = _CallableModule

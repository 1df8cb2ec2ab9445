"""Running the analysis away from the event loop.

The workers are :class:`genderscan.workers.AsyncPool`'s (the same worker processes as
``batch``): ``workers >= 1`` worker processes, one upload at a time each, ending with
the server; ``workers == 0`` one thread in the server process. Each builds the heavy
objects of its :class:`~genderscan.analyser.Analyser` once (:func:`warm`) and reuses
them for every upload. This module says what a job's :class:`~genderscan.workers.Result` means to
the user:

- a worker that dies (a PDF library crashes) fails only its own upload
  (``analysis_crashed``); it is replaced, the other uploads go on undisturbed;
- an analysis longer than the time limit (``--timeout``) is stopped by killing its
  worker (``analysis_timeout``), which is replaced;
- an analysis that needs more memory than the worker's address-space limit
  (``--worker-memory``) fails with ``analysis_memory``; the worker is replaced;
- an exception in the analysis itself (a bug) is logged and shown as ``serve_internal_error``
  ("a bug in the program, not in your document"; HTTP 500, without the bug's details), as
  ``batch`` reports it as ``internal_error``.

The codes are :func:`genderscan.workers.failure`'s, the same as ``batch``'s.

The job function returns plain data: a :class:`~genderscan.errors.GenderscanError`
does not pickle faithfully, so it travels as ``(code, params)``.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from genderscan.analyser import Analyser
from genderscan.config import Config
from genderscan.errors import GenderscanError
from genderscan.report import Report
from genderscan.workers import AsyncPool, WorkerLimits, Result, failure

log = logging.getLogger("genderscan.serve")


@dataclass
class Outcome:
    report: Report | None = None
    rendered: dict[str, str] = field(default_factory=dict)
    error: tuple[str, dict] | None = None


def warm(config: Config) -> None:
    """Build this process's heavy objects once (spaCy pipeline, compiled rules, the semantic layer's encoder);
    every job's Analyser shares them."""
    Analyser(config).warm()


def job(path: str, name: str, config: Config, formats: tuple[str, ...]) -> Outcome:
    """Analyse the stored upload at ``path``; show it as ``name``; render it in ``formats``."""
    from genderscan.report import render
    from genderscan.workers import fault_hooks

    fault_hooks(name)
    try:
        report = Analyser(config).analyse(path)
        report.document.path = name
        rendered = {fmt: render(report, fmt, config.lang) for fmt in formats}
    except GenderscanError as exc:
        params = {k: (name if k == "path" else v) for k, v in exc.params.items()}
        return Outcome(error=(exc.code, params))
    return Outcome(report=report, rendered=rendered)


class WorkerPool:
    """The server's analysis workers (see the module doc)."""

    def __init__(self, config: Config, workers: int = 1, limits: WorkerLimits | None = None) -> None:
        self.config = config
        self.pool = AsyncPool(workers, warm, (config,), limits)
        self.limits = self.pool.limits

    @property
    def workers(self) -> int:
        return self.pool.size

    @property
    def replaced(self) -> int:
        return self.pool.replaced

    @property
    def pids(self) -> list[int]:
        return self.pool.pids

    async def start(self) -> None:
        await self.pool.start()

    def stop(self) -> None:
        self.pool.stop()

    async def run(self, path: str, name: str, lang: str, formats: tuple[str, ...]) -> Outcome:
        config = self.config.model_copy(update={"lang": lang})
        try:
            result = await self.pool.run(name, job, (path, name, config, formats))
        except GenderscanError as exc:  # no worker could be started
            return Outcome(error=(exc.code, exc.params))
        return self._outcome(result, name)

    def _outcome(self, result: Result, name: str) -> Outcome:
        if result.kind == "ok":
            return result.value
        if result.kind == "error":  # a bug in genderscan on this upload; the worker itself is fine
            kind = result.detail.split(":", 1)[0]
            log.error("internal error in the analysis of %s: %s", name, kind)
            return Outcome(error=("serve_internal_error", {}))  # a bug: not the user's document (batch: internal_error)
        if result.kind == "timeout":
            log.info("analysis of %s stopped after %s s", name, f"{self.limits.seconds:g}")
        elif result.kind == "memory":
            log.info("analysis of %s needed more than %s MB", name, self.limits.memory_mb)
        else:
            log.info("the analysis process stopped (%s) on %s; started a new one", result.detail, name)
        return Outcome(error=failure(result, name, self.limits))


__all__ = ["Outcome", "WorkerPool", "job", "warm"]

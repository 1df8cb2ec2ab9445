"""Running the analysis away from the event loop.

``workers >= 1``: a pool of that many *processes* (spawned, so no state is
inherited from the server). Each process loads the spaCy pipeline and the
compiled rules once, in its initializer, and reuses them for every upload; a
crash in a PDF library takes down one worker, not the server. ``workers == 0``:
one thread in the server process (for tests and tiny machines; PDFium is not
thread-safe, so never more than one).

The job function returns plain data: a :class:`~genderscan.errors.GenderscanError`
does not pickle faithfully, so it travels as ``(code, params)``.
"""

from __future__ import annotations

import asyncio
import multiprocessing
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field

from genderscan.config import Config
from genderscan.errors import GenderscanError
from genderscan.report import Report


@dataclass
class Outcome:
    report: Report | None = None
    rendered: dict[str, str] = field(default_factory=dict)
    error: tuple[str, dict] | None = None


def warm(config: Config) -> None:
    """Build the heavy objects of this process once (spaCy pipeline, compiled rules, the semantic encoder and model)."""
    from genderscan.nlp import load_pipeline
    from genderscan.pipeline import ruleset_for, warm_semantic

    load_pipeline(config.model)
    ruleset_for(config)
    warm_semantic(config)


def _ping() -> bool:
    return True


def job(path: str, name: str, config: Config, formats: tuple[str, ...]) -> Outcome:
    """Analyse the stored upload at ``path``; show it as ``name``; render it in ``formats``."""
    from genderscan.pipeline import analyse
    from genderscan.report import render

    try:
        report = analyse(path, config)
        report.document.path = name
        rendered = {fmt: render(report, fmt, config.lang) for fmt in formats}
    except GenderscanError as exc:
        params = {k: (name if k == "path" else v) for k, v in exc.params.items()}
        return Outcome(error=(exc.code, params))
    return Outcome(report=report, rendered=rendered)


class Analyser:
    """A pool of workers that run :func:`job`."""

    def __init__(self, config: Config, workers: int = 1) -> None:
        self.config = config
        self.workers = workers
        self._executor: Executor | None = None

    def _new_executor(self) -> Executor:
        if self.workers <= 0:
            warm(self.config)
            return ThreadPoolExecutor(max_workers=1, thread_name_prefix="genderscan-analyse")
        return ProcessPoolExecutor(
            max_workers=self.workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=warm,
            initargs=(self.config,),
        )

    async def start(self) -> None:
        """Create the pool and wait until every worker has loaded the pipeline."""
        loop = asyncio.get_running_loop()
        self._executor = await loop.run_in_executor(None, self._new_executor)
        await asyncio.gather(*(loop.run_in_executor(self._executor, _ping) for _ in range(max(self.workers, 1))))

    async def run(self, path: str, name: str, lang: str, formats: tuple[str, ...]) -> Outcome:
        if self._executor is None:
            await self.start()
        config = self.config.model_copy(update={"lang": lang})
        loop = asyncio.get_running_loop()
        try:
            return await loop.run_in_executor(self._executor, job, path, name, config, formats)
        except BrokenProcessPool:
            # A worker died (e.g. a PDF library crashed on this file): replace the pool, report the file.
            old, self._executor = self._executor, None
            old.shutdown(wait=False, cancel_futures=True)
            return Outcome(error=("analysis_crashed", {"path": name}))

    def stop(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None

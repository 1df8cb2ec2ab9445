"""Running the analysis away from the event loop.

``workers >= 1``: that many *worker processes* (:class:`genderscan.workers.Worker`:
spawned, one upload at a time each, ending with the server). Each loads the spaCy
pipeline and the compiled rules once and reuses them for every upload. The server
knows which upload each worker holds, so

- a worker that dies (a PDF library crashes) fails only its own upload
  (``analysis_crashed``); it is replaced, the other uploads go on undisturbed;
- an analysis longer than the time limit (``--timeout``) is stopped by killing its
  worker (``analysis_timeout``), which is replaced;
- an analysis that needs more memory than the worker's address-space limit
  (``--worker-memory``) fails with ``analysis_memory``; the worker is replaced.

Workers are started from the event loop's thread (Linux ties the parent-death
signal to the starting thread); only the waiting for a reply happens in a thread.

``workers == 0``: one thread in the server process (for tests and tiny machines;
PDFium is not thread-safe, so never more than one). There the time limit only
answers the request: the thread itself cannot be stopped.

The job function returns plain data: a :class:`~genderscan.errors.GenderscanError`
does not pickle faithfully, so it travels as ``(code, params)``.
"""

from __future__ import annotations

import asyncio
import logging
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from multiprocessing.connection import wait as wait_for

from genderscan.config import Config
from genderscan.errors import GenderscanError
from genderscan.report import Report
from genderscan.workers import Limits, Worker, WorkerStartError, exit_detail

log = logging.getLogger("genderscan.serve")


@dataclass
class Outcome:
    report: Report | None = None
    rendered: dict[str, str] = field(default_factory=dict)
    error: tuple[str, dict] | None = None


def warm(config: Config) -> None:
    """Build the heavy objects of this process once (spaCy pipeline, compiled rules)."""
    from genderscan.nlp import load_pipeline
    from genderscan.pipeline import ruleset_for

    load_pipeline(config.model)
    ruleset_for(config)


def job(path: str, name: str, config: Config, formats: tuple[str, ...]) -> Outcome:
    """Analyse the stored upload at ``path``; show it as ``name``; render it in ``formats``."""
    from genderscan.pipeline import analyse
    from genderscan.report import render
    from genderscan.workers import fault_hooks

    fault_hooks(name)
    try:
        report = analyse(path, config)
        report.document.path = name
        rendered = {fmt: render(report, fmt, config.lang) for fmt in formats}
    except GenderscanError as exc:
        params = {k: (name if k == "path" else v) for k, v in exc.params.items()}
        return Outcome(error=(exc.code, params))
    return Outcome(report=report, rendered=rendered)


def _await_message(worker: Worker, seconds: float | None) -> tuple | None:
    """Block (in a helper thread) until the worker replies or dies; None on timeout, ("died",) when gone."""
    deadline = None if not seconds else time.monotonic() + seconds
    ready = wait_for([worker.conn, worker.process.sentinel], None if deadline is None else max(0.0, deadline - time.monotonic()))
    if not ready:
        return None
    if worker.conn in ready:
        message = worker.receive()
        if message is not None:
            return message
    return ("died",)


class Analyser:
    """The workers that run :func:`job` (see the module doc)."""

    def __init__(self, config: Config, workers: int = 1, limits: Limits | None = None) -> None:
        self.config = config
        self.workers = workers
        self.limits = limits or Limits()
        self._idle: asyncio.Queue[Worker] | None = None
        self._all: set[Worker] = set()
        self._thread: ThreadPoolExecutor | None = None
        self._waiters: ThreadPoolExecutor | None = None
        self._pending: set[asyncio.Task] = set()
        self.replaced = 0

    @property
    def idle(self) -> asyncio.Queue[Worker]:
        """The workers waiting for an upload (only with worker processes, once started)."""
        assert self._idle is not None
        return self._idle

    # -- life cycle --------------------------------------------------------------------------
    async def start(self) -> None:
        """Start the workers and wait until every one has loaded the pipeline."""
        loop = asyncio.get_running_loop()
        if self.workers <= 0:
            self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="genderscan-analyse")
            await loop.run_in_executor(self._thread, warm, self.config)
            return
        self._idle = asyncio.Queue()
        self._waiters = ThreadPoolExecutor(max_workers=self.workers * 2 + 2, thread_name_prefix="genderscan-wait")
        await asyncio.gather(*(self._add_worker() for _ in range(self.workers)))

    async def _add_worker(self) -> None:
        """Start one worker (in this, the loop's, thread), wait for it to be ready, make it available."""
        worker = Worker.start(warm, (self.config,), self.limits)
        self._all.add(worker)
        loop = asyncio.get_running_loop()
        message = await loop.run_in_executor(self._waiters, _await_message, worker, None)
        if message and message[0] == "ready":
            worker.ready = True
            self.idle.put_nowait(worker)
            return
        self._drop(worker)
        if message and message[0] == "init_error":
            code, params = message[1]
            raise WorkerStartError(code, **params)
        raise WorkerStartError("worker_start_failed", detail=exit_detail(worker))

    def _drop(self, worker: Worker) -> None:
        worker.kill()
        self._all.discard(worker)

    def _replace(self, worker: Worker) -> None:
        """Kill ``worker`` and start a new one in the background."""
        self._drop(worker)
        self.replaced += 1
        task = asyncio.get_running_loop().create_task(self._add_worker())
        self._pending.add(task)
        task.add_done_callback(self._replacement_done)

    def _replacement_done(self, task: asyncio.Task) -> None:
        self._pending.discard(task)
        if not task.cancelled() and task.exception() is not None:
            log.error("could not start a new analysis process: %s", task.exception())

    def stop(self) -> None:
        """Stop every worker now (used on every exit the server sees)."""
        for task in list(self._pending):
            task.cancel()
        for worker in list(self._all):
            worker.kill()
        self._all.clear()
        if self._thread is not None:
            self._thread.shutdown(wait=False, cancel_futures=True)
            self._thread = None
        if self._waiters is not None:
            self._waiters.shutdown(wait=False, cancel_futures=True)
            self._waiters = None

    # -- one analysis ------------------------------------------------------------------------
    async def run(self, path: str, name: str, lang: str, formats: tuple[str, ...]) -> Outcome:
        if self._idle is None and self._thread is None:
            await self.start()
        config = self.config.model_copy(update={"lang": lang})
        loop = asyncio.get_running_loop()
        if self._thread is not None:
            future = loop.run_in_executor(self._thread, job, path, name, config, formats)
            try:
                return await asyncio.wait_for(future, self.limits.seconds or None)
            except TimeoutError:
                return self._timeout(name)
        if not self._all and not self._pending:  # every worker is gone and none is starting: try once more
            try:
                await self._add_worker()
            except GenderscanError as exc:
                return Outcome(error=(exc.code, exc.params))
        worker = await self.idle.get()
        if not worker.alive:  # died while idle (e.g. the OOM killer): a fresh one, and wait for the next
            self._replace(worker)
            return await self.run(path, name, lang, formats)
        try:
            worker.send(name, job, (path, name, config, formats), self.limits.seconds)
        except OSError:
            message: tuple | None = ("died",)
        else:
            message = await loop.run_in_executor(self._waiters, _await_message, worker, self.limits.seconds)
        worker.job = worker.deadline = None
        if message is None:
            self._replace(worker)
            return self._timeout(name)
        kind = message[0]
        if kind == "ok":
            self.idle.put_nowait(worker)
            return message[1]
        if kind == "error":  # a bug in genderscan on this upload; the worker itself is fine
            self.idle.put_nowait(worker)
            log.error("internal error in the analysis of %s: %s", name, message[2].split(":", 1)[0])
            return Outcome(error=("analysis_crashed", {"path": name}))
        detail = exit_detail(worker) if kind == "died" else ""
        self._replace(worker)
        if kind == "memory":
            log.info("analysis of %s needed more than %s MB", name, self.limits.memory_mb)
            return Outcome(error=("analysis_memory", {"path": name, "limit": self.limits.memory_mb}))
        log.info("the analysis process stopped (%s) on %s; started a new one", detail, name)
        return Outcome(error=("analysis_crashed", {"path": name}))

    def _timeout(self, name: str) -> Outcome:
        log.info("analysis of %s stopped after %s s", name, f"{self.limits.seconds:g}")
        return Outcome(error=("analysis_timeout", {"path": name, "seconds": f"{self.limits.seconds:g}"}))

    @property
    def pids(self) -> list[int]:
        return [w.process.pid for w in list(self._all) if w.process.pid]


__all__ = ["Analyser", "Outcome", "job", "warm"]

"""Worker processes for ``batch`` and ``serve``: one job at a time each, isolated from the others.

Each worker is a spawned process with its own pipe. The main process knows which
job every worker holds, so

- a worker that dies (a PDF library crashes, the OOM killer) fails exactly that
  job; the worker is replaced and the other jobs are not touched;
- a job that runs longer than its time limit is stopped by killing its worker
  (``timeout``), which is then replaced;
- a worker has an address-space limit (``RLIMIT_AS``, where the platform has it):
  an allocation beyond it raises MemoryError in the worker, which fails that job
  (``memory``) and retires the worker;
- workers end with their parent: on Linux the kernel sends SIGKILL when the
  parent goes (``PR_SET_PDEATHSIG``, set with ctypes), elsewhere a watchdog thread
  polls the parent's pid. Processes are always started from the same, long-lived
  thread (the main thread or the server's event loop), because Linux ties the
  parent-death signal to the thread that started the child;
- workers ignore SIGINT: Ctrl+C reaches the whole process group, and it is the
  main process that decides what to stop.

:class:`Pool` is the synchronous, main-thread form (batch); :class:`AsyncPool` the form
for an event loop (serve, via :mod:`genderscan.serve.worker`). Both report every job as a
:class:`Result`; :func:`failure` gives the one message code for a crash, a timeout or a lack of
memory, which both front ends show (an exception in the job itself is the front end's to report).
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from multiprocessing.connection import wait as wait_for
from pathlib import Path
from typing import Any

from genderscan.errors import GenderscanError

log = logging.getLogger("genderscan.serve")

MB = 1024 * 1024
#: Defaults of the limits (also in docs/limits.md).
DEFAULT_TIMEOUT_SECONDS = 300
DEFAULT_MEMORY_MB = 2048
#: Test hooks: a worker given a file with this name exits hard / hangs / asks for too much memory.
CRASH_ENV = "GENDERSCAN_TEST_CRASH_ON"
HANG_ENV = "GENDERSCAN_TEST_HANG_ON"
HANG_MARKER_ENV = "GENDERSCAN_TEST_HANG_MARKER"
MEMORY_HOOK_ENV = "GENDERSCAN_TEST_MEMORY_ON"


@dataclass
class WorkerLimits:
    """Time per job and memory per worker process. ``None`` or 0: no limit.

    (The limits on the input itself, pages, characters, archive sizes, are :class:`genderscan.limits.Limits`.)
    """

    seconds: float | None = DEFAULT_TIMEOUT_SECONDS
    memory_mb: int | None = DEFAULT_MEMORY_MB


@dataclass
class Result:
    """What became of one job: ``kind`` is ok, error (an exception in the job), crashed, timeout or memory.

    ``detail`` says what only the pool knows (the exception, how a worker exited); it is empty for
    timeout and memory, whose message :func:`failure` builds from the :class:`WorkerLimits`.
    """

    kind: str
    value: Any = None
    detail: str = ""

    @property
    def ok(self) -> bool:
        return self.kind == "ok"


def failure(result: Result, name: str, limits: WorkerLimits) -> tuple[str, dict[str, object]]:
    """The message code and parameters for a job its worker could not finish (``crashed``, ``timeout``, ``memory``).

    ``name`` is the file as the user knows it. Both ``batch`` and ``serve`` show this;
    the messages are in ``locales/*/messages-run.yaml``.
    """
    if result.kind == "timeout":
        return "analysis_timeout", {"path": name, "seconds": f"{limits.seconds:g}"}
    if result.kind == "memory" and limits.memory_mb:
        return "analysis_memory", {"path": name, "limit": limits.memory_mb}
    if result.kind == "memory":  # no limit was set: the machine ran out of memory
        return "analysis_crashed", {"path": name, "detail": result.detail or "MemoryError"}
    if result.kind == "crashed":
        return "analysis_crashed", {"path": name, "detail": result.detail}
    raise ValueError(f"not a worker failure: {result.kind}")


class WorkerStartError(GenderscanError):
    """A worker could not start (its initializer failed): no job can run."""


# -- the worker side --------------------------------------------------------------------------
def fault_hooks(path: str) -> None:
    """Fault injection for the robustness tests, keyed by file name (never set in normal use)."""
    name = Path(path).name
    if os.environ.get(CRASH_ENV) == name:
        os._exit(70)
    if os.environ.get(HANG_ENV) == name:
        if os.environ.get(HANG_MARKER_ENV):  # tells a test that the worker has this file now
            Path(os.environ[HANG_MARKER_ENV]).touch()
        time.sleep(3600)
    if os.environ.get(MEMORY_HOOK_ENV) == name:
        bytearray(64 * 1024 * MB)  # 64 GiB: beyond any address-space limit


def die_with_parent(parent_pid: int) -> None:
    """End this process when ``parent_pid`` ends (Linux: PR_SET_PDEATHSIG; elsewhere: a watchdog thread)."""
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            PR_SET_PDEATHSIG = 1
            if libc.prctl(PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0) == 0:
                if os.getppid() != parent_pid:  # the parent went before the signal was armed
                    os._exit(1)
                return
        except (OSError, AttributeError):
            pass

    def watchdog() -> None:
        while True:
            time.sleep(1.0)
            if os.getppid() != parent_pid:
                os._exit(1)

    threading.Thread(target=watchdog, name="genderscan-watchdog", daemon=True).start()


def limit_memory(memory_mb: int | None) -> bool:
    """Cap this process's address space at ``memory_mb`` MB; False where the platform cannot."""
    if not memory_mb:
        return False
    try:
        import resource

        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        limit = memory_mb * MB
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
        return True
    except (ImportError, AttributeError, ValueError, OSError):
        return False


def _worker_main(conn, parent_pid: int, memory_mb: int | None, initializer, initargs) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    die_with_parent(parent_pid)
    limit_memory(memory_mb)
    try:
        if initializer is not None:
            initializer(*initargs)
    except GenderscanError as exc:
        conn.send(("init_error", (exc.code, exc.params)))
        return
    except BaseException as exc:  # noqa: BLE001 - reported to the main process
        conn.send(("init_error", ("worker_start_failed", {"detail": f"{type(exc).__name__}: {exc}"})))
        return
    conn.send(("ready", os.getpid()))
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        fn, args = task
        try:
            reply = ("ok", fn(*args), "")
        except MemoryError:
            reply = ("memory", None, "")
        except BaseException as exc:  # noqa: BLE001 - one job's bug is that job's failure
            reply = ("error", None, f"{type(exc).__name__}: {exc}")
        try:
            conn.send(reply)
        except MemoryError:
            conn.send(("memory", None, ""))


# -- the main side ----------------------------------------------------------------------------
def _context():
    return multiprocessing.get_context("spawn")


@dataclass(eq=False)  # compared (and hashed) by identity
class Worker:
    """One worker process and its pipe; ``job`` is what it is doing (None: idle)."""

    process: Any
    conn: Any
    ready: bool = False
    job: Any = None
    deadline: float | None = None

    @classmethod
    def start(cls, initializer: Callable | None, initargs: tuple, limits: WorkerLimits) -> Worker:
        ctx = _context()
        parent_conn, child_conn = ctx.Pipe()
        process = ctx.Process(
            target=_worker_main,
            args=(child_conn, os.getpid(), limits.memory_mb, initializer, initargs),
            name="genderscan-worker",
            daemon=True,
        )
        # The child inherits an ignored SIGINT through exec, so even its start-up ignores Ctrl+C.
        main = threading.current_thread() is threading.main_thread()
        previous = signal.signal(signal.SIGINT, signal.SIG_IGN) if main else None
        try:
            process.start()
        finally:
            if main:
                signal.signal(signal.SIGINT, previous)
        child_conn.close()
        return cls(process, parent_conn)

    @property
    def alive(self) -> bool:
        return self.process.is_alive()

    def send(self, job: Any, fn: Callable, args: tuple, seconds: float | None) -> None:
        self.job = job
        self.deadline = time.monotonic() + seconds if seconds else None
        self.conn.send((fn, args))

    def receive(self) -> tuple | None:
        """The next message, or None when the worker is gone."""
        try:
            return self.conn.recv()
        except (EOFError, OSError):
            return None

    def kill(self) -> None:
        try:
            if self.process.is_alive():
                self.process.kill()
            self.process.join(timeout=5)
        except (OSError, ValueError, AssertionError):
            pass
        finally:
            self.conn.close()

    def stop(self, timeout: float = 2.0) -> None:
        """Ask an idle worker to end; kill it if it does not within ``timeout``."""
        try:
            self.conn.send(None)
            self.process.join(timeout=timeout)
        except (OSError, ValueError, AssertionError):
            pass
        self.kill()


def exit_detail(worker: Worker) -> str:
    """How the worker ended ("exit code 70", "SIGKILL"); waits briefly, as its pipe may close before it is reaped."""
    try:
        worker.process.join(timeout=5)
    except (AssertionError, ValueError):
        pass
    code = worker.process.exitcode
    if code is None:
        return "?"
    if code < 0:
        try:
            return signal.Signals(-code).name
        except ValueError:
            return f"signal {-code}"
    return f"exit code {code}"


class Pool:
    """``size`` workers that run jobs one at a time each, from the main thread (see the module doc)."""

    def __init__(self, size: int, initializer: Callable | None, initargs: tuple, limits: WorkerLimits | None = None) -> None:
        self.size = max(1, size)
        self.initializer, self.initargs = initializer, initargs
        self.limits = limits or WorkerLimits()
        self.workers: list[Worker] = []
        self.replaced = 0

    def _spawn(self) -> Worker:
        worker = Worker.start(self.initializer, self.initargs, self.limits)
        self.workers.append(worker)
        return worker

    def _retire(self, worker: Worker, *, replace: bool) -> None:
        worker.kill()
        self.workers.remove(worker)
        if replace:
            self.replaced += 1
            self._spawn()

    def run(self, jobs: list[tuple[Any, Callable, tuple]], on_result: Callable[[Any, Result], None]) -> None:
        """Run every ``(key, fn, args)``; call ``on_result(key, Result)`` as each ends (in the calling thread).

        KeyboardInterrupt propagates (after which :meth:`close` kills the workers).
        """
        queue = deque(jobs)
        while len(self.workers) < min(self.size, len(queue)):
            self._spawn()
        while queue or any(w.job is not None for w in self.workers):
            for worker in self.workers:
                if queue and worker.ready and worker.job is None:
                    key, fn, args = queue.popleft()
                    worker.send(key, fn, args, self.limits.seconds)
            deadlines = [w.deadline for w in self.workers if w.deadline is not None]
            timeout = max(0.0, min(deadlines) - time.monotonic()) if deadlines else None
            waitables = [w.conn for w in self.workers] + [w.process.sentinel for w in self.workers]
            ready = set(wait_for(waitables, timeout))
            for worker in list(self.workers):
                if worker.conn in ready:
                    self._message(worker, worker.receive(), on_result, bool(queue))
                elif worker.process.sentinel in ready:
                    self._died(worker, on_result, bool(queue))
                elif worker.deadline is not None and time.monotonic() >= worker.deadline:
                    key = worker.job
                    self._retire(worker, replace=bool(queue))
                    on_result(key, Result("timeout"))

    def _message(self, worker: Worker, msg: tuple | None, on_result, more: bool) -> None:
        if msg is None:
            self._died(worker, on_result, more)
            return
        kind = msg[0]
        if kind == "ready":
            worker.ready = True
        elif kind == "init_error":
            code, params = msg[1]
            self.close(kill=True)
            raise WorkerStartError(code, **params)
        else:
            key, worker.job, worker.deadline = worker.job, None, None
            if kind == "memory":  # the worker may be in a bad state after a MemoryError: a fresh one
                self._retire(worker, replace=more)
                on_result(key, Result("memory"))
            else:
                on_result(key, Result(kind, msg[1], msg[2]))

    def _died(self, worker: Worker, on_result, more: bool) -> None:
        key, was_ready = worker.job, worker.ready
        detail = exit_detail(worker)
        if not was_ready:  # died while loading the pipeline: no job could run
            self.close(kill=True)
            raise WorkerStartError("worker_start_failed", detail=detail)
        self._retire(worker, replace=more)
        if key is not None:
            on_result(key, Result("crashed", detail=detail))

    def close(self, kill: bool = False) -> None:
        for worker in list(self.workers):
            if kill or worker.job is not None:
                worker.kill()
            else:
                worker.stop()
        self.workers.clear()

    def __enter__(self) -> Pool:
        return self

    def __exit__(self, *exc) -> None:
        self.close(kill=exc[0] is not None)


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


class AsyncPool:
    """``size`` workers for an event loop (the web server), one job at a time each.

    The same workers and :class:`Result` kinds as :class:`Pool`, for jobs that arrive one by one:
    :meth:`run` waits for an idle worker, sends the job and waits (in a helper thread) for the reply.
    Workers are started from the event loop's thread (Linux ties the parent-death signal to the
    starting thread). A worker that dies, runs out of time or memory is replaced in the background;
    when all are gone and none is starting, :meth:`run` tries one new start (raising
    :class:`WorkerStartError` when that fails).

    ``size == 0``: one thread in this process (for tests and tiny machines; PDFium is not
    thread-safe, so never more than one). There the time limit only answers the caller: the thread
    itself cannot be stopped, and an exception in the job propagates.
    """

    def __init__(self, size: int, initializer: Callable, initargs: tuple, limits: WorkerLimits | None = None) -> None:
        self.size = size
        self.initializer, self.initargs = initializer, initargs
        self.limits = limits or WorkerLimits()
        self._idle: asyncio.Queue[Worker] | None = None
        self._all: set[Worker] = set()
        self._thread: ThreadPoolExecutor | None = None
        self._waiters: ThreadPoolExecutor | None = None
        self._pending: set[asyncio.Task] = set()
        self.replaced = 0

    @property
    def idle(self) -> asyncio.Queue[Worker]:
        """The workers waiting for a job (only with worker processes, once started)."""
        assert self._idle is not None
        return self._idle

    @property
    def started(self) -> bool:
        return self._idle is not None or self._thread is not None

    # -- life cycle --------------------------------------------------------------------------
    async def start(self) -> None:
        """Start the workers and wait until every one has run the initializer."""
        loop = asyncio.get_running_loop()
        if self.size <= 0:
            self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="genderscan-analyse")
            await loop.run_in_executor(self._thread, self.initializer, *self.initargs)
            return
        self._idle = asyncio.Queue()
        self._waiters = ThreadPoolExecutor(max_workers=self.size * 2 + 2, thread_name_prefix="genderscan-wait")
        await asyncio.gather(*(self._add_worker() for _ in range(self.size)))

    async def _add_worker(self) -> None:
        """Start one worker (in this, the loop's, thread), wait for it to be ready, make it available."""
        worker = Worker.start(self.initializer, self.initargs, self.limits)
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

    # -- one job ------------------------------------------------------------------------------
    async def run(self, key: str, fn: Callable, args: tuple) -> Result:
        """Run ``fn(*args)`` in a worker; ``key`` names the job in its worker (the fault hooks, the logs)."""
        if not self.started:
            await self.start()
        loop = asyncio.get_running_loop()
        if self._thread is not None:
            future = loop.run_in_executor(self._thread, fn, *args)
            try:
                return Result("ok", await asyncio.wait_for(future, self.limits.seconds or None))
            except TimeoutError:
                return Result("timeout")
        if not self._all and not self._pending:  # every worker is gone and none is starting: try once more
            await self._add_worker()
        worker = await self.idle.get()
        if not worker.alive:  # died while idle (e.g. the OOM killer): a fresh one, and wait for the next
            self._replace(worker)
            return await self.run(key, fn, args)
        try:
            worker.send(key, fn, args, self.limits.seconds)
        except OSError:
            message: tuple | None = ("died",)
        else:
            message = await loop.run_in_executor(self._waiters, _await_message, worker, self.limits.seconds)
        worker.job = worker.deadline = None
        if message is None:
            self._replace(worker)
            return Result("timeout")
        kind = message[0]
        if kind in ("ok", "error"):  # "error": a bug in the job on this input; the worker itself is fine
            self.idle.put_nowait(worker)
            return Result(kind, message[1], message[2])
        detail = exit_detail(worker) if kind == "died" else ""
        self._replace(worker)
        return Result("memory" if kind == "memory" else "crashed", detail=detail)

    @property
    def pids(self) -> list[int]:
        return [w.process.pid for w in list(self._all) if w.process.pid]


__all__ = [
    "DEFAULT_MEMORY_MB", "DEFAULT_TIMEOUT_SECONDS", "AsyncPool", "WorkerLimits", "Pool", "Result", "Worker", "WorkerStartError",
    "exit_detail", "failure", "fault_hooks", "limit_memory",
]

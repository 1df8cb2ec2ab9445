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

:class:`Pool` is the synchronous, main-thread form (batch); :class:`Worker` is also
used one by one by the server's :class:`genderscan.serve.worker.Analyser`.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from multiprocessing.connection import wait as wait_for
from pathlib import Path
from typing import Any

from genderscan.errors import GenderscanError

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
class Limits:
    """Per job and per worker. ``None`` or 0: no limit."""

    seconds: float | None = DEFAULT_TIMEOUT_SECONDS
    memory_mb: int | None = DEFAULT_MEMORY_MB


@dataclass
class Result:
    """What became of one job: ``kind`` is ok, error (an exception in the job), crashed, timeout or memory."""

    kind: str
    value: Any = None
    detail: str = ""

    @property
    def ok(self) -> bool:
        return self.kind == "ok"


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
    extra: dict = field(default_factory=dict)

    @classmethod
    def start(cls, initializer: Callable | None, initargs: tuple, limits: Limits) -> Worker:
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

    def __init__(self, size: int, initializer: Callable | None, initargs: tuple, limits: Limits | None = None) -> None:
        self.size = max(1, size)
        self.initializer, self.initargs = initializer, initargs
        self.limits = limits or Limits()
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
                    on_result(key, Result("timeout", detail=f"{self.limits.seconds:g} s"))

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
                on_result(key, Result("memory", detail=f"{self.limits.memory_mb} MB"))
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


__all__ = ["DEFAULT_MEMORY_MB", "DEFAULT_TIMEOUT_SECONDS", "Limits", "Pool", "Result", "Worker", "WorkerStartError", "limit_memory", "fault_hooks"]

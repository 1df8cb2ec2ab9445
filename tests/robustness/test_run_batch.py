"""Fault isolation and interruptions in ``genderscan batch`` (issue 13): a dead, hanging or memory-hungry
worker costs exactly its own file; Ctrl+C stops at once with the summary of what finished; workers end
with their parent."""

from __future__ import annotations

import json
import signal
import subprocess
import sys

import pytest

from genderscan.workers import CRASH_ENV, HANG_ENV, HANG_MARKER_ENV, MEMORY_HOOK_ENV
from tests.robustness.run_support import alive, children, cli, genderscan, leftovers, wait_until, write_texts  # noqa: F401 (cli is a fixture)

linux = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")


def _summary(out):
    return json.loads((out / "summary.json").read_text(encoding="utf-8"))


def _one_failure(cli, tmp_path, monkeypatch, hook: str, bad: str, *options: str):
    files = write_texts(tmp_path / "in", "a.txt", "b.txt", bad, "c.txt", "d.txt")
    monkeypatch.setenv(hook, bad)
    out = tmp_path / "out"
    code, stdout, err = cli("batch", *files, "--out", out, "--jobs", "2", "--no-cache", "--quiet", "--format", "json", *options)
    summary = _summary(out)
    assert code == 2
    assert "Traceback" not in err
    statuses = {d["path"].rsplit("/", 1)[-1]: d["status"] for d in summary["documents"]}
    assert statuses == {"a.txt": "ok", "b.txt": "ok", bad: "failed", "c.txt": "ok", "d.txt": "ok"}
    assert [f["path"].rsplit("/", 1)[-1] for f in summary["failures"]] == [bad]
    assert sorted(p.name for p in (out / "reports").iterdir()) == ["a.json", "b.json", "c.json", "d.json"]
    assert leftovers(out) == []
    return summary["failures"][0]


def test_a_crashed_worker_fails_exactly_its_own_file(cli, tmp_path, monkeypatch):
    failure = _one_failure(cli, tmp_path, monkeypatch, CRASH_ENV, "crash.txt")
    assert failure["code"] == "analysis_crashed"
    assert "'crash.txt' is onverwacht gestopt" in failure["message"] and "exit code 70" in failure["message"]


def test_a_file_over_the_time_limit_fails_alone(cli, tmp_path, monkeypatch):
    failure = _one_failure(cli, tmp_path, monkeypatch, HANG_ENV, "traag.txt", "--timeout", "8")
    assert failure["code"] == "analysis_timeout"
    assert "'traag.txt'" in failure["message"] and "8 seconden" in failure["message"] and "--timeout" in failure["message"]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="RLIMIT_AS")
def test_memory_beyond_the_worker_limit_is_an_input_error_for_that_file(cli, tmp_path, monkeypatch):
    failure = _one_failure(cli, tmp_path, monkeypatch, MEMORY_HOOK_ENV, "groot.txt", "--worker-memory", "1500")
    assert failure["code"] == "analysis_memory"
    assert "'groot.txt'" in failure["message"] and "1500 MB" in failure["message"]


def test_negative_limit_is_a_usage_error(cli, tmp_path):
    (tmp_path / "a.txt").write_text("tekst", encoding="utf-8")
    code, _, err = cli("batch", tmp_path / "a.txt", "--out", tmp_path / "out", "--timeout", "-1")
    assert code == 2 and "--timeout moet 0" in err and "Traceback" not in err


def _start_hanging_batch(tmp_path):
    """A batch (one worker) whose last file hangs; returns (process, out, cache) once the worker has that file,
    i.e. after the main process has received the two others (it hands out the next file only then)."""
    files = write_texts(tmp_path / "in", "a.txt", "b.txt", "zz-hangt.txt")
    out, cache, marker = tmp_path / "out", tmp_path / "cache", tmp_path / "hangt"
    proc = genderscan("batch", *files, "--out", out, "--jobs", "1", "--cache-dir", cache, "--quiet", "--format", "json",
                      extra_env={HANG_ENV: "zz-hangt.txt", HANG_MARKER_ENV: str(marker)},
                      stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert wait_until(marker.exists, 120), proc.communicate(timeout=5)
    return proc, out, cache


@linux
def test_ctrl_c_stops_the_batch_writes_what_finished_and_says_how_to_resume(tmp_path):
    proc, out, cache = _start_hanging_batch(tmp_path)
    workers = children(proc.pid)
    signal_group = proc.pid  # a terminal sends SIGINT to the whole foreground process group
    import os

    os.killpg(signal_group, signal.SIGINT)
    stdout, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 130, stderr
    assert "Traceback" not in stderr and "KeyboardInterrupt" not in stderr
    assert "Onderbroken: 2 van 3 documenten zijn klaar" in stderr and "opnieuw" in stderr and "cache" in stderr
    assert "Afgebroken" not in stderr  # one message, not two
    summary = _summary(out)
    assert summary["interrupted"] is True and summary["exit_code"] == 130
    assert [p.rsplit("/", 1)[-1] for p in summary["not_analysed"]] == ["zz-hangt.txt"]
    assert summary["counts"]["ok"] == 2
    assert sorted(p.name for p in (out / "reports").iterdir()) == ["a.json", "b.json"]
    assert leftovers(out) == []
    assert workers and wait_until(lambda: not any(alive(w) for w in workers), 30)


@linux
def test_workers_end_when_the_batch_process_is_killed(tmp_path):
    proc, _, _ = _start_hanging_batch(tmp_path)
    workers = children(proc.pid)
    assert workers
    proc.kill()  # SIGKILL: no handler runs in the main process
    proc.communicate(timeout=30)
    assert wait_until(lambda: not any(alive(w) for w in workers), 30)


def _address_space_limit() -> int:
    import resource

    return resource.getrlimit(resource.RLIMIT_AS)[0]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="RLIMIT_AS")
def test_each_worker_runs_under_the_configured_address_space_limit():
    from genderscan.workers import MB, WorkerLimits, Pool

    results = []
    with Pool(1, None, (), WorkerLimits(memory_mb=1500)) as pool:
        pool.run([("probe", _address_space_limit, ())], lambda key, result: results.append(result))
    assert [r.value for r in results] == [1500 * MB]

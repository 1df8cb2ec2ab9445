"""Atomic output (issue 13): a failed write leaves the old file (or nothing), no temporary file, exit 2 with
the path and the reason; stale batch reports go; a closed or full stdout gives no traceback."""

from __future__ import annotations

import errno
import json
import os
import subprocess
from pathlib import Path

import pytest

from genderscan import atomic
from tests.robustness.run_support import cli, genderscan, leftovers, write_texts  # noqa: F401 (cli is a fixture)


def _disk_full_on(monkeypatch, name: str) -> None:
    """Simulate a full disk for the file ``name``: writing succeeds, flushing it to the device does not."""
    real_fsync = os.fsync

    def fsync(fd: int) -> None:
        if Path(os.readlink(f"/proc/self/fd/{fd}")).name.startswith(f".{name}."):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real_fsync(fd)

    monkeypatch.setattr(atomic.os, "fsync", fsync)


def test_write_text_is_all_or_nothing(tmp_path, monkeypatch):
    target = tmp_path / "rapport.json"
    target.write_text("oud", encoding="utf-8")
    _disk_full_on(monkeypatch, "rapport.json")
    with pytest.raises(Exception) as caught:
        atomic.write_text(target, "nieuw" * 1000)
    assert caught.value.code == "cannot_write"
    assert caught.value.message("nl") == f"Kan niet schrijven naar '{target}': No space left on device"
    assert target.read_text(encoding="utf-8") == "oud"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["rapport.json"]


def test_analyse_output_on_a_full_disk_keeps_the_old_report(cli, tmp_path, monkeypatch):
    [doc] = write_texts(tmp_path, "visie.txt")
    target = tmp_path / "rapport.md"
    target.write_text("vorige versie\n", encoding="utf-8")
    _disk_full_on(monkeypatch, "rapport.md")
    code, out, err = cli("analyse", doc, "-f", "markdown", "-o", target)
    assert code == 2
    assert f"Kan niet schrijven naar '{target}': No space left on device" in err
    assert "Traceback" not in err and out == ""
    assert target.read_text(encoding="utf-8") == "vorige versie\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["rapport.md", "visie.txt"]


def test_batch_on_a_full_disk_says_which_file_and_leaves_no_temporary_files(cli, tmp_path, monkeypatch):
    files = write_texts(tmp_path / "in", "a.txt", "b.txt")
    out = tmp_path / "out"
    _disk_full_on(monkeypatch, "summary.json")
    code, _, err = cli("batch", *files, "--out", out, "--jobs", "1", "--no-cache", "--quiet", "--format", "json")
    assert code == 2
    assert f"Kan niet schrijven naar '{out / 'summary.json'}': No space left on device" in err
    assert "Traceback" not in err
    assert not (out / "summary.json").exists()
    assert leftovers(out) == []


def test_batch_removes_reports_of_files_no_longer_in_the_run(cli, tmp_path):
    a, b, c = write_texts(tmp_path / "in", "a.txt", "b.txt", "c.txt")
    out = tmp_path / "out"
    keep = out / "reports" / "notities.odt"  # not a report: left alone
    args = ("--out", out, "--jobs", "1", "--no-cache", "--quiet", "--format", "json", "--format", "markdown")
    assert cli("batch", tmp_path / "in", *args)[0] == 0
    keep.write_text("van de gebruiker", encoding="utf-8")
    assert sorted(p.name for p in (out / "reports").iterdir()) == ["a.json", "a.md", "b.json", "b.md", "c.json", "c.md", "notities.odt"]
    b.write_bytes(b"")  # b now fails (empty) ...
    c.unlink()  # ... and c is no longer in the run
    code, _, _ = cli("batch", tmp_path / "in", *args)
    assert code == 2
    assert sorted(p.name for p in (out / "reports").iterdir()) == ["a.json", "a.md", "notities.odt"]
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert [d["status"] for d in summary["documents"]] == ["ok", "failed"]


def test_a_failed_cache_write_leaves_no_temporary_file(tmp_path, monkeypatch):
    from genderscan.cache import Cache

    cache = Cache(tmp_path / "cache")

    def replace(src, dst):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(atomic.os, "replace", replace)
    cache.put_blob("heatmap", "ab" * 32, "<svg/>")
    assert cache.stats["write_errors"] == 1
    assert [p for p in (tmp_path / "cache").rglob("*") if p.is_file()] == []


def test_broken_pipe_on_stdout_exits_quietly(tmp_path):
    [doc] = write_texts(tmp_path, "visie.txt")
    proc = genderscan("analyse", doc, "-f", "json", stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdout.close()  # like `| head -0`: the reader is gone before anything is written
    stderr = proc.stderr.read().decode()
    assert proc.wait(timeout=120) == 0
    assert stderr == ""


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_stdout_on_a_full_device_is_a_clear_error(tmp_path):
    [doc] = write_texts(tmp_path, "visie.txt")
    with open("/dev/full", "w") as full:
        proc = genderscan("analyse", doc, stdout=full, stderr=subprocess.PIPE, text=True)
        _, stderr = proc.communicate(timeout=120)
    assert proc.returncode == 2
    assert "Kan niet schrijven naar 'stdout': No space left on device" in stderr
    assert "Traceback" not in stderr and "Exception ignored" not in stderr


def test_a_device_as_target_is_written_in_place_not_replaced(cli, tmp_path):
    import stat

    [doc] = write_texts(tmp_path, "visie.txt")
    code, _, err = cli("analyse", doc, "-o", "/dev/null")
    assert code == 0, err
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)  # still the device, not a regular file renamed over it
    code, _, err = cli("analyse", doc, "-o", tmp_path)
    assert code == 2 and f"Kan niet schrijven naar '{tmp_path}'" in err and "Traceback" not in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["visie.txt"]


def test_ctrl_c_during_analyse_is_one_line_and_exit_130(cli, tmp_path, monkeypatch):
    from genderscan.analyser import Analyser

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(Analyser, "analyse", interrupted)
    [doc] = write_texts(tmp_path, "visie.txt")
    code, out, err = cli("analyse", doc, "-o", tmp_path / "rapport.txt")
    assert code == 130 and err.strip() == "Afgebroken." and out == ""
    assert sorted(p.name for p in tmp_path.iterdir()) == ["visie.txt"]

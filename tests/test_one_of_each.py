"""The single registries of the composition root: formats, exit codes, the folder scanner, the worker failure codes."""

from __future__ import annotations

from pathlib import Path

import pytest

from genderscan import formats
from genderscan.exitcodes import ExitCode
from genderscan.i18n import message


def test_every_report_format_has_one_extension_and_media_type():
    from genderscan.check import CHECK_FORMATS
    from genderscan.compare import COMPARE_FORMATS
    from genderscan.report import FORMATS

    for name in {*FORMATS, *COMPARE_FORMATS, *CHECK_FORMATS}:
        assert name in formats.REGISTRY, name
        assert formats.extension(name) and formats.media_type(name)
    # SARIF is .sarif for -o, batch's reports and the web page's download alike
    assert formats.by_suffix(".SARIF") == "sarif" and formats.extension("sarif") == "sarif"
    assert formats.canonical("md") == "markdown" and formats.extension("md") == "md"


@pytest.mark.parametrize(("output", "expected"), [("r.html", "html"), ("r.htm", "html"), ("r.md", "markdown"), ("r.sarif", "sarif"), ("r.csv", "csv"), ("r.txt", "text")])
def test_the_output_suffix_chooses_the_format(output, expected):
    from genderscan.cli.common import infer_format
    from genderscan.report import FORMATS

    assert infer_format(None, Path(output), FORMATS) == expected


def test_an_unknown_output_suffix_lists_the_known_ones():
    from genderscan.cli.common import infer_format
    from genderscan.errors import GenderscanError

    with pytest.raises(GenderscanError) as info:
        infer_format(None, Path("rapport.pdf"), ("text", "json"))
    assert info.value.params["suffixes"] == ".json, .txt"


def test_exit_codes():
    from genderscan.errors import GenderscanError

    assert [int(c) for c in ExitCode] == [0, 1, 2, 130]
    assert GenderscanError("x").exit_code == ExitCode.ERROR


def test_one_folder_scanner(tmp_path):
    from genderscan.batch import discover
    from genderscan.check import expand_paths
    from genderscan.ingest.scan import find_documents

    for name in ("a.pdf", "b.md", "c.html", "d.py", ".hidden.txt", ".git/e.txt", "sub/f.txt", "uit/g.md"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", encoding="utf-8")
    found = [p.relative_to(tmp_path).as_posix() for p in find_documents([tmp_path, tmp_path / "a.pdf"])]
    assert found == ["a.pdf", "b.md", "c.html", "sub/f.txt", "uit/g.md"]
    assert [p.relative_to(tmp_path).as_posix() for p in discover([tmp_path], exclude=[tmp_path / "uit"])] == ["a.pdf", "b.md", "c.html", "sub/f.txt"]
    # check leaves web pages out of a folder search, but takes a file named explicitly
    assert [p.relative_to(tmp_path).as_posix() for p in expand_paths([tmp_path, tmp_path / "c.html"])] == ["a.pdf", "b.md", "sub/f.txt", "uit/g.md", "c.html"]


@pytest.mark.parametrize(("kind", "detail", "code"), [
    ("crashed", "exit code 70", "analysis_crashed"),
    ("timeout", "10 s", "analysis_timeout"),
    ("memory", "1500 MB", "analysis_memory"),
])
def test_batch_and_serve_give_one_code_per_worker_failure(kind, detail, code):
    from genderscan.batch.run import _pool_failure
    from genderscan.config import Config
    from genderscan.serve.worker import WorkerPool
    from genderscan.workers import WorkerLimits, Result

    limits = WorkerLimits(seconds=10, memory_mb=1500)
    for lang in ("nl", "en"):
        config = Config(lang=lang)
        batch = _pool_failure("map/doc.pdf", Result(kind, detail=detail), config, limits)
        serve = WorkerPool(config, workers=1, limits=limits)._outcome(Result(kind, detail=detail), "doc.pdf")
        assert serve.error is not None
        assert batch.error_code == serve.error[0] == code
        assert batch.error == message(serve.error[0], lang, **serve.error[1])
        assert "'doc.pdf'" in batch.error and "{" not in batch.error


def test_a_bug_in_the_analysis_is_reported_as_a_bug_not_as_a_damaged_document():
    """An exception inside the job (a genderscan bug) must not tell a web user to save the file again:
    serve says it is a bug in the program (HTTP 500); batch reports internal_error."""
    from genderscan.config import Config
    from genderscan.serve.app import _status as error_status
    from genderscan.serve.worker import WorkerPool
    from genderscan.workers import Result, WorkerLimits

    pool = WorkerPool(Config(lang="nl"), workers=1, limits=WorkerLimits(seconds=10, memory_mb=1500))
    outcome = pool._outcome(Result("error", detail="KeyError: 'x'\nTraceback ..."), "doc.pdf")
    assert outcome.error == ("serve_internal_error", {})
    assert "fout in het programma, niet in uw document" in message("serve_internal_error", "nl")
    assert error_status("serve_internal_error") == 500


def test_running_out_of_memory_without_a_limit_does_not_name_a_limit():
    from genderscan.workers import Result, WorkerLimits, failure

    code, params = failure(Result("memory", detail="MemoryError"), "doc.pdf", WorkerLimits(seconds=10, memory_mb=None))
    assert code == "analysis_crashed"
    assert "None" not in message(code, "nl", **params)
    # the pools leave detail empty for memory: the fallback still names the cause
    code, params = failure(Result("memory"), "doc.pdf", WorkerLimits(seconds=10, memory_mb=None))
    assert code == "analysis_crashed" and params["detail"] == "MemoryError"
    assert "None" not in message(code, "nl", **params)

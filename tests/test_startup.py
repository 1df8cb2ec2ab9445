"""Start-up: help and input errors answer without loading spaCy (about a second and a half saved per call)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src"

# Runs the CLI like `python -m genderscan ARGS` and reports afterwards whether spaCy was imported.
PROBE = """
import sys
from genderscan.cli import app
from genderscan.cli.common import run_safely
sys.argv = ["genderscan", *sys.argv[1:]]
code = run_safely(app)
print("SPACY" if "spacy" in sys.modules else "NO-SPACY", code)
"""


def _run(*args: str, cwd: Path) -> tuple[str, str]:
    env = {**os.environ, "PYTHONPATH": str(SRC) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    proc = subprocess.run([sys.executable, "-c", PROBE, *args], env=env, cwd=cwd, capture_output=True, text=True, timeout=120)
    return proc.stdout.strip().splitlines()[-1], proc.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["--help"],
        ["analyse", "missing.pdf"],
        ["analyse", "notes.xyz"],
        ["check", "missing.pdf"],
        ["compare", "missing.pdf", "notes.xyz"],
        ["evaluate", "missing-gold"],
        ["label", "missing.pdf", "notes.xyz", "-o", "set.yaml"],
        ["rules", "list"],
        ["rules", "test", "missing-rules"],
        ["batch", "missing.pdf", "notes.xyz", "--out", "out", "--no-cache", "--quiet"],
    ],
    ids=lambda a: " ".join(a[:2]),
)
def test_help_and_input_errors_do_not_load_spacy(args: list[str], tmp_path: Path) -> None:
    (tmp_path / "notes.xyz").write_text("geen document", encoding="utf-8")
    last, stderr = _run(*args, cwd=tmp_path)
    expected_code = "0" if args[0] in ("--help", "rules") and args[-1] in ("--help", "list") else "2"
    assert last == f"NO-SPACY {expected_code}", stderr


def test_batch_reports_a_missing_file_without_starting_a_worker(tmp_path: Path) -> None:
    import json

    last, stderr = _run("batch", "missing.pdf", "--out", "out", "--no-cache", "--quiet", "--jobs", "2", cwd=tmp_path)
    assert last == "NO-SPACY 2", stderr
    summary = json.loads((tmp_path / "out" / "summary.json").read_text(encoding="utf-8"))
    assert summary["documents"][0]["error"]["code"] == "file_not_found"
    assert summary["worker_peak_rss_mb"] is None  # no worker process was started

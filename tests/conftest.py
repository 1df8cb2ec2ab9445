from __future__ import annotations

import os
from pathlib import Path

import pytest

# The suite tests the rules (levels, reports, snapshots) rule-only and fast: the semantic
# layer is off by default here (subprocesses inherit this), and tests/semantic/ switches it
# on explicitly (Config(semantic=True), --semantic).
os.environ.setdefault("GENDERSCAN_SEMANTIC", "0")

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def nlp():
    from genderscan.nlp import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def ruleset():
    from genderscan.rules.engine import default_ruleset

    return default_ruleset()


@pytest.fixture
def cli(monkeypatch, capsys):
    """Run ``genderscan ARGS`` in this process as a user would; returns (exit code, stdout, stderr)."""
    import sys

    from genderscan.cli import app
    from genderscan.cli.common import run_safely

    def run(*args) -> tuple[int, str, str]:
        monkeypatch.setattr(sys, "argv", ["genderscan", *map(str, args)])
        code = run_safely(app)
        out, err = capsys.readouterr()
        return code, out, err

    return run

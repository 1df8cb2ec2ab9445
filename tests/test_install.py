"""The install route of the README: build the wheel, install it into a clean virtual environment, run it.

Slow (builds the wheel in an isolated environment and installs spaCy & co. from the package index,
1-3 minutes with a warm pip cache), so it runs in CI (``CI`` set, as ``.ci/run`` has it) or with
``GENDERSCAN_TEST_INSTALL=1``, and is skipped in a local ``make test`` — like the pre-commit try-repo test.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, ROOT

pytestmark = pytest.mark.skipif(
    not (os.environ.get("GENDERSCAN_TEST_INSTALL") or os.environ.get("CI")),
    reason="slow (builds the wheel and installs it into a fresh venv); runs in CI, or set GENDERSCAN_TEST_INSTALL=1",
)


def _run(cmd: list, **kw) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV") and not k.startswith("GENDERSCAN_")}
    return subprocess.run([str(c) for c in cmd], capture_output=True, text=True, timeout=1800, env=env, **kw)


def test_wheel_installs_in_a_clean_venv_and_analyses_the_example(tmp_path):
    dist = tmp_path / "dist"
    built = _run([sys.executable, "-m", "build", "--wheel", "--outdir", dist, ROOT])
    assert built.returncode == 0, built.stdout[-3000:] + built.stderr[-3000:]
    [wheel] = list(dist.glob("genderscan-*.whl"))

    venv = tmp_path / "venv"
    assert _run([sys.executable, "-m", "venv", venv]).returncode == 0
    bin_dir = venv / ("Scripts" if os.name == "nt" else "bin")
    installed = _run([bin_dir / "python", "-m", "pip", "install", "--disable-pip-version-check", "--quiet", wheel])
    assert installed.returncode == 0, installed.stdout[-3000:] + installed.stderr[-3000:]

    work = tmp_path / "work"  # outside the checkout: nothing from src/ can leak in
    work.mkdir()
    result = _run([bin_dir / "genderscan", "analyse", EXAMPLES / "regiovisie-voorbeeld.pdf"], cwd=work)
    assert result.returncode == 0, result.stderr
    assert "Score:" in result.stdout and "A1 Genderongelijkheid als oorzaak benoemd" in result.stdout
    where = _run([bin_dir / "python", "-c", "import genderscan; print(genderscan.__file__)"], cwd=work).stdout
    assert Path(where.strip()).is_relative_to(venv), where

    # the built-in rules and templates are in the wheel: the HTML report and the rules list work
    assert _run([bin_dir / "genderscan", "analyse", EXAMPLES / "regiovisie-voorbeeld.pdf", "-o", "rapport.html"], cwd=work).returncode == 0
    assert (work / "rapport.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert "gender-als-oorzaak/" in _run([bin_dir / "genderscan", "rules", "list"], cwd=work).stdout

"""Fixtures for the report tests: the example vision analysed once per session.

The analysis date is fixed (SOURCE_DATE_EPOCH) so that snapshots are stable.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "regiovisie-voorbeeld.txt"
FIXED_EPOCH = "1741949400"  # 2025-03-14T10:50:00Z


def _analyse(path: Path):
    from genderscan.config import Config
    from genderscan.pipeline import analyse

    old = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = FIXED_EPOCH
    try:
        return analyse(path, Config())
    finally:
        if old is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = old


@pytest.fixture(scope="session")
def example_report_abs():
    """The example's report with the absolute path (SARIF reads the file for line numbers)."""
    return _analyse(EXAMPLE)


@pytest.fixture(scope="session")
def example_report(example_report_abs):
    """The example's report with the path as a user in the repository types it (stable for snapshots)."""
    report = example_report_abs.model_copy(deep=True)
    report.document.path = "examples/regiovisie-voorbeeld.txt"
    return report

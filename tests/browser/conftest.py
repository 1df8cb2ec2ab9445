"""Reuse the example-report fixtures of tests/report (one analysis per session)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

_spec = importlib.util.spec_from_file_location("_genderscan_report_fixtures", Path(__file__).parents[1] / "report" / "conftest.py")
_fixtures = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_fixtures)

example_report_abs = _fixtures.example_report_abs
example_report = _fixtures.example_report

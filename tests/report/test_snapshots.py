"""Snapshot tests: the Markdown and JSON reports of the example vision.

Rules are being improved, so the snapshots change on purpose now and then.
Rewrite them with:

    GENDERSCAN_UPDATE_SNAPSHOTS=1 python -m pytest tests/report/test_snapshots.py

and review the diff (git diff tests/report/snapshots) before committing.
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path

import pytest

from genderscan.report import render

SNAPSHOTS = Path(__file__).parent / "snapshots"
UPDATE = os.environ.get("GENDERSCAN_UPDATE_SNAPSHOTS") == "1"


def check_snapshot(name: str, actual: str) -> None:
    path = SNAPSHOTS / name
    if UPDATE or not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
        if not UPDATE:
            pytest.fail(f"snapshot {name} did not exist; written now, review and commit it")
        return
    expected = path.read_text(encoding="utf-8")
    if actual != expected:
        diff = "".join(difflib.unified_diff(expected.splitlines(True), actual.splitlines(True), f"{name} (snapshot)", f"{name} (now)", n=2))
        pytest.fail(f"{name} differs from its snapshot (GENDERSCAN_UPDATE_SNAPSHOTS=1 rewrites it):\n{diff[:6000]}")


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_markdown_snapshot(example_report, lang):
    check_snapshot(f"regiovisie-voorbeeld.{lang}.md", render(example_report, "markdown", lang))


def test_json_snapshot(example_report):
    check_snapshot("regiovisie-voorbeeld.json", render(example_report, "json", "nl"))


def test_json_is_deterministic(example_report):
    assert render(example_report, "json") == render(example_report.model_copy(deep=True), "json")

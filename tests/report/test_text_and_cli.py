"""Terminal output (brief by default, --verbose for evidence) and the analyse command's options."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from genderscan.cli import app
from genderscan.errors import GenderscanError
from genderscan.report import FORMATS, render

from pathlib import Path

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "regiovisie-voorbeeld.txt"


def test_brief_overview_has_table_but_no_quotes(example_report):
    out = render(example_report, "text", "nl")
    assert "Checklist-item" in out and "A1 Genderongelijkheid als oorzaak benoemd" in out
    assert all(f"{i.code} " in out for i in example_report.items)
    assert "--verbose" in out
    quote = next(e.text for i in example_report.items for e in i.evidence)
    assert quote[:40] not in out


def test_verbose_shows_evidence_reasons_and_advice(example_report):
    out = " ".join(render(example_report, "text", "nl", verbose=True).split())
    for item in example_report.items:
        for e in item.evidence:
            assert " ".join(e.text.split())[:50] in out
    assert "telt niet mee: ontkend" in out
    assert "Aanbeveling:" in out


def test_english_text(example_report):
    out = render(example_report, "text", "en")
    assert "Checklist item" in out and "Score: " in out and "out of 100" in out


def test_unknown_format_is_a_user_error(example_report):
    with pytest.raises(GenderscanError) as exc:
        render(example_report, "pdf")
    assert "markdown" in exc.value.message("nl")


@pytest.mark.parametrize("fmt", FORMATS)
def test_cli_writes_every_format(tmp_path, fmt):
    out = tmp_path / f"report.{fmt}"
    result = CliRunner().invoke(app, ["analyse", str(EXAMPLE), "--format", fmt, "--output", str(out), "--lang", "en"])
    assert result.exit_code == 0, result.output
    content = out.read_text(encoding="utf-8")
    assert content.strip()
    if fmt in ("json", "sarif"):
        json.loads(content)
    if fmt == "html":
        assert content.startswith("<!DOCTYPE html>") and '<html lang="en">' in content
    if fmt == "markdown":
        assert content.startswith("# Gender sensitivity")


def test_absent_items_are_reported_as_not_found_not_as_missing(example_report):
    """Recall on real text is well below 1: a reader must not take 'afwezig' for 'not in the text'.
    Every format that shows levels says so when an item is absent, and only then."""
    assert any(i.level == 0 for i in example_report.items)
    assert "Afwezig = niet gevonden" in render(example_report, "text", "nl")
    assert "Absent = not found" in render(example_report, "text", "en")
    for fmt in ("markdown", "html"):
        assert "betekent: genderscan heeft het niet gevonden" in render(example_report, fmt, "nl")
    complete = example_report.model_copy(deep=True)
    for item in complete.items:
        if item.status == "afwezig":
            item.level, item.status = 1, "genoemd"
    for fmt in ("text", "markdown", "html"):
        out = render(complete, fmt, "nl")
        assert "niet gevonden" not in out

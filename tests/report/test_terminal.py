"""What a user sees in the terminal: width, a brief view on one screen, the closing hint, -o by extension."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from genderscan.cli import app

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "regiovisie-voorbeeld.txt"


def _run(args: list[str], columns: int | None = None):
    env = {"COLUMNS": str(columns)} if columns else {}
    result = CliRunner().invoke(app, args, env=env)
    return result


@pytest.mark.parametrize("columns", [80, 60])
def test_narrow_terminal_no_line_wider_than_the_window(columns):
    result = _run(["analyse", str(EXAMPLE)], columns)
    assert result.exit_code == 0, result.output
    lines = result.output.rstrip("\n").split("\n")
    assert max(len(line) for line in lines) <= columns
    assert "A1 Genderongelijkheid als oorzaak" in result.output
    assert "✓ Uitgewerkt" in result.output  # the level is never cut off


def test_brief_view_fits_one_screen_and_hints_at_a_file():
    for columns in (80, 100, 160):
        result = _run(["analyse", str(EXAMPLE)], columns)
        lines = result.output.rstrip("\n").split("\n")
        assert 24 <= len(lines) <= 40, (columns, len(lines))
    assert "-o rapport.html" in result.output
    assert "--format html" not in result.output


def test_wide_terminal_shows_the_counts_column():
    wide = _run(["analyse", str(EXAMPLE)], 120).output
    narrow = _run(["analyse", str(EXAMPLE)], 80).output
    assert "Telt mee / gevonden" in wide and "Telt mee / gevonden" not in narrow
    assert max(len(line) for line in wide.split("\n")) > 80


def test_closing_hint_command_writes_the_html_report(tmp_path, monkeypatch):
    """Following the hint literally writes an HTML file (and prints no HTML)."""
    out = _run(["analyse", str(EXAMPLE)], 200).output
    hint = next(line.strip() for line in out.split("\n") if "-o rapport.html" in line)
    args = hint.split()[1:]  # drop "genderscan"
    monkeypatch.chdir(tmp_path)
    result = _run(args)
    assert result.exit_code == 0, result.output
    assert "<html" not in result.output
    assert (tmp_path / "rapport.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


@pytest.mark.parametrize(
    "name, check",
    [
        ("rapport.html", lambda t: t.startswith("<!DOCTYPE html>")),
        ("rapport.md", lambda t: t.startswith("# Gendersensitiviteit")),
        ("rapport.json", lambda t: json.loads(t)["schema_version"] == "1.0"),
        ("rapport.sarif", lambda t: json.loads(t)["version"] == "2.1.0"),
        ("rapport.csv", lambda t: t.startswith("document,kind,code,id") and ",A1,gender-als-oorzaak," in t),
        ("rapport.txt", lambda t: "Checklist-item" in t and "<" not in t[:1]),
    ],
)
def test_output_format_follows_the_extension(tmp_path, name, check):
    target = tmp_path / name
    result = _run(["analyse", str(EXAMPLE), "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert check(target.read_text(encoding="utf-8"))


def test_explicit_format_wins_over_the_extension(tmp_path):
    target = tmp_path / "rapport.html"
    assert _run(["analyse", str(EXAMPLE), "-o", str(target), "-f", "json"]).exit_code == 0
    assert json.loads(target.read_text(encoding="utf-8"))["items"]


def test_unknown_extension_without_format_is_a_clear_error(tmp_path):
    proc = subprocess.run(
        [sys.executable, "-m", "genderscan", "analyse", str(EXAMPLE), "-o", str(tmp_path / "rapport.pdf")], capture_output=True, text=True
    )
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr and "-f/--format" in proc.stderr and ".html" in proc.stderr
    assert not (tmp_path / "rapport.pdf").exists()


def test_verbose_shows_advice_model_passage_and_ids():
    from genderscan.i18n import checklist_texts

    out = " ".join(_run(["analyse", str(EXAMPLE), "--verbose"], 100).output.split())
    example = checklist_texts("nl")["items"]["preventie-gendernormen"]["example"]  # B3 is absent in the example
    assert "Aanbeveling:" in out
    assert "Goed voorbeeld:" in out and " ".join(example["text"].split())[:60] in out
    assert example["source"] in out
    assert "gender-als-oorzaak" in out

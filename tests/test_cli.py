"""The walking skeleton end to end: `genderscan analyse` through the real pipeline."""

from __future__ import annotations

import json
import subprocess
import sys

import jsonschema
import pytest
from typer.testing import CliRunner

from genderscan.cli import app
from genderscan.report import json_schema

from .conftest import EXAMPLES

runner = CliRunner()
EXAMPLE_PDF = EXAMPLES / "regiovisie-voorbeeld.pdf"
EXAMPLE_TXT = EXAMPLES / "regiovisie-voorbeeld.txt"
ITEM_IDS = [
    "gender-als-oorzaak", "sekseverschillen", "definitie-gendersensitief", "macht-en-controle", "mannen-en-lhbti",
    "gendersensitief-uitgangspunt", "specifieke-aanpak", "preventie-gendernormen", "domeinoverstijgend", "bescherming",
    "mensenrechtenkader", "deskundigheidsbevordering", "opdrachtgeverschap", "gendersensitieve-methodiek",
    "sekse-data", "gender-evaluatie",
]


def gs(*args: str) -> subprocess.CompletedProcess:
    """Run the installed CLI as a user would (separate process, real exit code)."""
    return subprocess.run([sys.executable, "-m", "genderscan", *args], capture_output=True, text=True)


@pytest.fixture(scope="module")
def example_json() -> dict:
    result = runner.invoke(app, ["analyse", str(EXAMPLE_PDF), "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_json_validates_against_exported_schema(example_json):
    jsonschema.validate(example_json, json_schema())


def test_schema_command_prints_the_schema():
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["properties"]["schema_version"]["const"] == "1.0"


def test_all_items_in_checklist_order(example_json):
    assert [i["id"] for i in example_json["items"]] == ITEM_IDS
    assert example_json["document"]["format"] == "pdf"
    assert example_json["document"]["pages"] >= 2


def _evidence(report: dict, item: str) -> list[dict]:
    return next(i for i in report["items"] if i["id"] == item)["evidence"]


def test_negated_sentence_is_found_but_not_counted(example_json):
    negated = [e for e in _evidence(example_json, "sekse-data") if e["text"] == "De cijfers worden niet uitgesplitst naar sekse."]
    assert negated, "the negated sentence of the example was not reported"
    assert negated[0]["counted"] is False
    assert "negated" in negated[0]["qualifiers"]


def test_positive_sentence_is_counted_with_page(example_json):
    counted = [e for e in _evidence(example_json, "sekse-data") if e["counted"]]
    assert counted, "no counted evidence for sekse-data in the example"
    item = next(i for i in example_json["items"] if i["id"] == "sekse-data")
    assert item["level"] >= 1 and item["status"] in ("genoemd", "uitgewerkt")
    for e in counted:
        assert 1 <= e["page"] <= example_json["document"]["pages"]


def test_evidence_offsets_locate_the_sentence(example_json):
    from genderscan.ingest import read_document

    doc = read_document(EXAMPLE_PDF)
    for item in example_json["items"]:
        for e in item["evidence"]:
            assert doc.text[e["start"] : e["end"]].strip() == e["text"]


def test_text_report_lists_every_item():
    result = runner.invoke(app, ["analyse", str(EXAMPLE_TXT)])
    assert result.exit_code == 0, result.output
    for code in ("A1", "A5", "B6", "C3", "D2"):  # the brief view: codes and titles, one line per item
        assert f"{code} " in result.stdout
    assert "Score" in result.stdout
    verbose = runner.invoke(app, ["analyse", str(EXAMPLE_TXT), "--verbose"])
    for item in ITEM_IDS:  # the IDs for configuration and rules: in the detailed view
        assert item in verbose.stdout


def test_output_file(tmp_path):
    out = tmp_path / "rapport.json"
    result = runner.invoke(app, ["analyse", str(EXAMPLE_TXT), "-f", "json", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert json.loads(out.read_text(encoding="utf-8"))["schema_version"] == "1.0"


# --- bad input: one clear message, exit code 2, no traceback -------------------------------


def _assert_clean_error(proc: subprocess.CompletedProcess, *fragments: str) -> None:
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr
    assert proc.stdout == ""
    for fragment in fragments:
        assert fragment in proc.stderr, proc.stderr


def test_missing_file(tmp_path):
    _assert_clean_error(gs("analyse", str(tmp_path / "bestaat-niet.pdf")), "bestaat niet")


def test_missing_file_in_english(tmp_path):
    _assert_clean_error(gs("analyse", str(tmp_path / "missing.pdf"), "--lang", "en"), "does not exist")


def test_unsupported_extension(tmp_path):
    f = tmp_path / "visie.odt"
    f.write_bytes(b"PK\x03\x04")
    _assert_clean_error(gs("analyse", str(f)), "niet ondersteund")


def test_empty_text_document(tmp_path):
    f = tmp_path / "leeg.txt"
    f.write_text("\n\n   \n", encoding="utf-8")
    _assert_clean_error(gs("analyse", str(f)), "geen tekst")


def test_pdf_without_text_layer(tmp_path):
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    f = tmp_path / "scan.pdf"
    c = canvas.Canvas(str(f), pagesize=A4)
    for _ in range(2):
        c.rect(50, 50, 400, 600, fill=1)  # an "image" of a page: shapes, no text
        c.showPage()
    c.save()
    _assert_clean_error(gs("analyse", str(f)), "geen tekstlaag", "ocrmypdf")


def test_corrupt_pdf(tmp_path):
    f = tmp_path / "kapot.pdf"
    f.write_bytes(b"%PDF-1.7\n this is not a pdf at all")
    _assert_clean_error(gs("analyse", str(f)), "beschadigd")


def test_unknown_format_option():
    _assert_clean_error(gs("analyse", str(EXAMPLE_TXT), "--format", "xml"), "xml")

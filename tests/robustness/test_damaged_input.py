"""Damaged input is reported: a repaired PDF and pages that lost their text are warnings in every
format and lower the confidence in the header; a UTF-8 file with a few bad bytes stays UTF-8."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from genderscan.ingest import read_document
from genderscan.ingest.pdfcheck import is_damaged

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "regiovisie-voorbeeld.pdf"


def damaged(filler: bytes | None = None) -> bytes:
    """The example with 3,000 bytes in the middle overwritten (zeros, or random bytes)."""
    data = bytearray(EXAMPLE.read_bytes())
    middle = len(data) // 2
    data[middle - 1500 : middle + 1500] = filler or bytes(3000)
    return bytes(data)


def test_example_is_not_damaged():
    assert not is_damaged(EXAMPLE.read_bytes())
    assert not [w for w in read_document(EXAMPLE).warnings if w.code.startswith("pdf_")]


@pytest.mark.parametrize("seed", [None, 1, 2, 3])
def test_overwritten_middle_is_reported(tmp_path, seed):
    filler = None if seed is None else random.Random(seed).randbytes(3000)
    path = tmp_path / "kapot.pdf"
    path.write_bytes(damaged(filler))
    assert is_damaged(path.read_bytes())
    codes = [w.code for w in read_document(path).warnings]
    assert "pdf_repaired" in codes


def test_truncated_pdf_is_damaged():
    data = EXAMPLE.read_bytes()
    assert is_damaged(data[: len(data) - 200])


def test_damage_in_every_report_format(tmp_path, cli):
    (tmp_path / "kapot.pdf").write_bytes(damaged())
    outputs = {}
    for fmt in ("text", "markdown", "html", "json", "sarif"):
        run = cli("analyse", "kapot.pdf", "-f", fmt)
        assert run.code == 0, run.stderr
        outputs[fmt] = run.stdout
    report = json.loads(outputs["json"])
    codes = [w["code"] for w in report["warnings"]]
    assert codes[0] == "pdf_repaired" and "pdf_page_lost_text" in codes
    lost = "Pagina 3 is leeg of onleesbaar"
    for fmt in ("text", "markdown", "html"):
        assert "Betrouwbaarheid" in outputs[fmt] and "beschadigd" in outputs[fmt], fmt
        assert lost in outputs[fmt].replace("\n", " ") or lost in outputs[fmt], fmt
    # the header: before the score
    assert outputs["markdown"].index("Betrouwbaarheid") < outputs["markdown"].index("## ")
    sarif = json.loads(outputs["sarif"])
    run = sarif["runs"][0]
    notes = run["invocations"][0]["toolExecutionNotifications"]
    assert [n["descriptor"]["id"] for n in notes] == codes
    assert "beschadigd" in run["properties"]["confidence"]


def test_undamaged_reports_have_no_confidence_line(tmp_path, cli):
    (tmp_path / "visie.pdf").write_bytes(EXAMPLE.read_bytes())
    run = cli("analyse", "visie.pdf", "-f", "markdown")
    assert run.code == 0 and "Betrouwbaarheid" not in run.stdout
    sarif = json.loads(cli("analyse", "visie.pdf", "-f", "sarif").stdout)
    assert "invocations" not in sarif["runs"][0] and "confidence" not in sarif["runs"][0]["properties"]


TEXT = "Vrouwen worden vaker slachtoffer van partnergeweld; één op de drie meldingen gaat over ex-partners.\n"


def test_stray_byte_in_utf8_is_replaced_with_a_warning(tmp_path):
    path = tmp_path / "visie.txt"
    path.write_bytes(TEXT.encode("utf-8") * 5 + b"Een fout \xff hier.\n" + TEXT.encode("utf-8"))
    document = read_document(path)
    assert "één" in document.text and "Ã" not in document.text  # no cp1252 mojibake
    assert "\ufffd" in document.text
    [warning] = [w for w in document.warnings if w.code == "invalid_utf8"]
    assert warning.params == {"count": 1}


def test_cp1252_file_is_still_read_as_cp1252(tmp_path):
    path = tmp_path / "ansi.txt"
    path.write_bytes(TEXT.encode("cp1252"))
    document = read_document(path)
    assert "één" in document.text and not document.warnings


def test_utf8_warning_reaches_the_report(tmp_path, cli):
    (tmp_path / "visie.md").write_bytes(TEXT.encode("utf-8") * 3 + b"\xc3\x28 fout\n")
    run = cli("analyse", "visie.md", "-f", "json", "--lang", "en")
    assert run.code == 0
    [warning] = json.loads(run.stdout)["warnings"]
    assert warning["code"] == "invalid_utf8" and "replaced" in warning["message"]

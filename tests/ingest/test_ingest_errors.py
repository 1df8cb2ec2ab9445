"""Bad input: one clear message and exit code 2 from the CLI, a warning per partly scanned page."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest
from pdfgen import PageSpec, column_width, make_pdf, wrap
from PIL import Image
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

from genderscan.cli import app
from genderscan.cli.common import run_safely
from genderscan.errors import InputError
from genderscan.ingest import read_document


def run_cli(monkeypatch, capsys, *args: str) -> tuple[int, str]:
    monkeypatch.setattr(sys, "argv", ["genderscan", *args])
    code = run_safely(app)
    return code, capsys.readouterr().err


def scanned_pdf(path: Path, pages: int, text_pages: set[int] = frozenset()) -> Path:
    """Pages with only a picture (a scan), except ``text_pages`` which carry real text."""
    img = Image.new("L", (200, 280), 255)
    for x in range(20, 180, 3):
        for y in range(30, 250, 9):
            img.putpixel((x, y), 0)
    buf = io.BytesIO()
    img.save(buf, format="PNG")
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    for n in range(1, pages + 1):
        if n in text_pages:
            c.setFont("Helvetica", 10)
            for i, line in enumerate(wrap("Deze pagina heeft een echte tekstlaag over de aanpak van huiselijk geweld "
                                          "en partnergeweld in de regio, met genoeg woorden om mee te tellen.", 400)):
                c.drawString(72, 760 - 14 * i, line)
        else:
            c.drawImage(ImageReader(io.BytesIO(buf.getvalue())), 0, 0, width=A4[0], height=A4[1])
        c.showPage()
    c.save()
    return path


def test_scanned_pdf_without_text_layer(tmp_path, monkeypatch, capsys):
    path = scanned_pdf(tmp_path / "scan.pdf", 3)
    code, err = run_cli(monkeypatch, capsys, "analyse", str(path))
    assert code == 2
    assert "geen tekstlaag" in err and "ocrmypdf" in err
    assert "Traceback" not in err


def test_partly_scanned_pdf_warns_per_page(tmp_path):
    doc = read_document(scanned_pdf(tmp_path / "partly.pdf", 4, text_pages={1, 2, 4}))
    assert [(w.code, w.params) for w in doc.warnings] == [("page_without_text", {"page": 3})]
    assert [p.has_text for p in doc.pages] == [True, True, False, True]
    assert "echte tekstlaag" in doc.text


def test_mostly_image_pdf_is_refused_not_scored(tmp_path, monkeypatch, capsys):
    path = scanned_pdf(tmp_path / "mostly.pdf", 20, text_pages={1})
    code, err = run_cli(monkeypatch, capsys, "analyse", str(path), "--lang", "en")
    assert code == 2
    assert "19 of 20 pages" in err and "OCR" in err


def test_encrypted_pdf(tmp_path, monkeypatch, capsys):
    cw = column_width(1)
    path = make_pdf(tmp_path / "secret.pdf", [PageSpec(cols=[[("p", wrap("Geheime tekst over de regio.", cw))]])], encrypt="geheim")
    code, err = run_cli(monkeypatch, capsys, "analyse", str(path))
    assert code == 2
    assert "wachtwoord" in err


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("kapot.pdf", b"%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage", "beschadigd"),
        ("geen.pdf", b"<html>dit is geen pdf</html>", "geen PDF-bestand"),
        ("kapot.docx", b"PK\x03\x04 this is not a zip archive", "beschadigd"),
    ],
)
def test_corrupt_files(tmp_path, monkeypatch, capsys, name, data, expected):
    path = tmp_path / name
    path.write_bytes(data)
    code, err = run_cli(monkeypatch, capsys, "analyse", str(path))
    assert code == 2
    assert expected in err
    assert "Traceback" not in err


@pytest.mark.parametrize("name", ["leeg.txt", "leeg.md", "alleen-spaties.txt"])
def test_empty_documents(tmp_path, monkeypatch, capsys, name):
    path = tmp_path / name
    path.write_text("" if "leeg" in name else "   \n\n  \f \n", encoding="utf-8")
    code, err = run_cli(monkeypatch, capsys, "analyse", str(path))
    assert code == 2
    assert "geen tekst" in err


def test_pdf_with_only_blank_pages_is_empty(tmp_path):
    c = canvas.Canvas(str(tmp_path / "blank.pdf"), pagesize=A4, invariant=1)
    c.showPage()
    c.showPage()
    c.save()
    with pytest.raises(InputError) as info:
        read_document(tmp_path / "blank.pdf")
    assert info.value.code == "empty_document"


def test_unsupported_format(tmp_path, monkeypatch, capsys):
    path = tmp_path / "visie.odt"
    path.write_bytes(b"PK\x03\x04")
    code, err = run_cli(monkeypatch, capsys, "analyse", str(path), "--lang", "en")
    assert code == 2
    assert "'.odt' is not supported" in err


def test_error_via_python_m_genderscan(tmp_path):
    """The real entry point: message on stderr, exit code 2, no traceback."""
    import os
    import subprocess

    path = tmp_path / "kapot.pdf"
    path.write_bytes(b"%PDF-1.4 broken")
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[2] / "src"))
    proc = subprocess.run([sys.executable, "-m", "genderscan", "analyse", str(path)], capture_output=True, text=True, env=env, timeout=60)
    assert proc.returncode == 2
    assert "beschadigd" in proc.stderr and "Traceback" not in proc.stderr

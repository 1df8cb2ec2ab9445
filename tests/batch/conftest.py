"""Generated inputs for the batch tests: small regiovisie-like PDFs (reportlab), a corrupt and a scanned one."""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

FILLER = (
    "De gemeenten in de regio werken samen met Veilig Thuis, de politie en de wijkteams aan een veilige thuissituatie "
    "voor alle inwoners. Zij maken afspraken over signaleren, melden en het bieden van passende hulp."
)
CAUSE = "Genderongelijkheid is een belangrijke voedingsbodem voor partnergeweld."
DATA = "Veilig Thuis registreert alle meldingen uitgesplitst naar geslacht van slachtoffer en pleger."


def write_pdf(path: Path, pages: list[list[str]]) -> Path:
    """One paragraph per line, wrapped by hand; a page per list."""
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    for paragraphs in pages:
        y = 800
        for paragraph in paragraphs:
            words, line = paragraph.split(), ""
            for word in words:
                if len(line) + len(word) > 85:
                    c.drawString(60, y, line)
                    y -= 14
                    line = ""
                line = f"{line} {word}".strip()
            c.drawString(60, y, line)
            y -= 28
        c.showPage()
    c.save()
    return path


def write_scanned_pdf(path: Path) -> Path:
    """An image-only PDF: shapes, no text layer."""
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    for _ in range(2):
        c.rect(60, 400, 400, 300, fill=1)
        c.showPage()
    c.save()
    return path


def write_mixed_pdf(path: Path, paragraphs: list[str]) -> Path:
    """A page of text, then a page with only a picture, as a scan (warning ``page_without_text``)."""
    import io

    from PIL import Image
    from reportlab.lib.utils import ImageReader

    img = Image.new("L", (200, 280), 255)
    for x in range(20, 180, 3):
        img.putpixel((x, 100), 0)
    png = io.BytesIO()
    img.save(png, format="PNG")
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    y = 800
    for paragraph in paragraphs:
        c.drawString(60, y, paragraph[:85])
        y -= 28
    c.showPage()
    c.drawImage(ImageReader(io.BytesIO(png.getvalue())), 0, 0, width=A4[0], height=A4[1])
    c.showPage()
    c.save()
    return path


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A folder with two good visions, a corrupt and a scanned PDF."""
    folder = tmp_path / "visies"
    folder.mkdir()
    write_pdf(folder / "twente-2023.pdf", [["Regiovisie Twente 2023-2026", FILLER, CAUSE], [FILLER, DATA]])
    write_pdf(folder / "zeeland-2019.pdf", [["Regiovisie Zeeland 2019-2023", FILLER], [FILLER, CAUSE]])
    (folder / "kapot.pdf").write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >> rubbish, no xref\n")
    write_scanned_pdf(folder / "scan.pdf")
    (folder / "notities.docx.bak").write_text("not a supported file; must be skipped when scanning the folder")
    return folder


@pytest.fixture
def manifest(tmp_path: Path) -> Path:
    path = tmp_path / "regiovisies.csv"
    path.write_text(
        "region,centrumgemeente,title,period,path\n"
        "Twente,Enschede,Twente 2023-2026,2023-2026,visies/twente-2023.pdf\n"
        "Zeeland,Vlissingen,Zeeland 2019-2023,2019-2023,visies/zeeland-2019.pdf\n"
        "Utrecht,\"Utrecht, Amersfoort\",Regio Utrecht 2020,2020,\n",
        encoding="utf-8",
    )
    return path


from __future__ import annotations

import io
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES

EXAMPLE_PDF = EXAMPLES / "regiovisie-voorbeeld.pdf"


def scanned_pdf_bytes(pages: int = 2) -> bytes:
    """A 'scan': every page is one raster image of a text page, without a text layer (reportlab + Pillow)."""
    from PIL import Image, ImageDraw
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    image = Image.new("L", (600, 850), 255)
    draw = ImageDraw.Draw(image)
    for n in range(30):
        draw.text((40, 40 + n * 25), "Regiovisie huiselijk geweld en kindermishandeling", fill=0)
    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, pagesize=A4)
    for _ in range(pages):
        c.drawImage(ImageReader(image), 0, 0, width=A4[0], height=A4[1])
        c.showPage()
    c.save()
    return buffer.getvalue()


def csrf_token(client) -> str:
    """The CSRF token in the upload form of the page, as a browser would send it."""
    import re

    return re.search(r'name="csrf" value="([^"]+)"', client.get("/").text).group(1)


@pytest.fixture(scope="session")
def example_pdf() -> Path:
    return EXAMPLE_PDF


@pytest.fixture(scope="session")
def cli_json() -> dict:
    """What `genderscan analyse examples/regiovisie-voorbeeld.pdf --format json` prints."""
    import json

    from typer.testing import CliRunner

    from genderscan.cli import app

    result = CliRunner().invoke(app, ["analyse", str(EXAMPLE_PDF), "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def tmp_root(tmp_path_factory):
    """The server's upload folder (one per test module): empty again after every response."""
    return tmp_path_factory.mktemp("uploads")


@pytest.fixture(scope="module")
def client(nlp, tmp_root):
    """A test client of the app with the analysis in-process and a 1 MB upload limit."""
    from starlette.testclient import TestClient

    from genderscan.serve import Settings, create_app

    app = create_app(Settings(workers=0, tmp_root=str(tmp_root), max_bytes=1024 * 1024))
    with TestClient(app) as c:
        yield c

"""The batch heatmap: an inline SVG drawn without a plotting library, readable without colour."""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET

from genderscan.batch.outputs import LEVEL_COLOURS, NOT_CHECKED_COLOUR, draw_heatmap

SVG = "{http://www.w3.org/2000/svg}"


def test_heatmap_is_svg_with_levels_as_text_and_a_legend():
    svg = draw_heatmap([[2, 1, 0, -1], [0, 0, 2, -1]], ["Twente (2023-2026)", "Zeeland & <Walcheren>"], ["A1", "A2", "A3", "A4"], "nl")
    root = ET.fromstring(svg)  # well-formed, names escaped
    assert root.get("role") == "img" and root.find(f"{SVG}title").text.startswith("Heatmap")
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert texts[:4] == ["A1", "A2", "A3", "A4"]
    assert "Zeeland & <Walcheren>" in texts
    cells = [t for t in texts if t in ("0", "1", "2", "·")]
    assert cells == ["2", "1", "0", "·", "0", "0", "2", "·"]  # the level is printed in every cell
    fills = {r.get("fill") for r in root.iter(f"{SVG}rect")}
    assert fills == {*LEVEL_COLOURS, NOT_CHECKED_COLOUR}
    assert {"afwezig", "genoemd", "uitgewerkt"} <= set(texts)  # legend in words
    tips = [t.text for t in root.iter(f"{SVG}title")][1:]
    assert "Twente (2023-2026), A1: uitgewerkt" in tips


def test_batch_overview_does_not_import_matplotlib(tmp_path):
    doc = tmp_path / "twente.txt"
    doc.write_text("Regiovisie\n\nGenderongelijkheid is een belangrijke voedingsbodem voor partnergeweld.\n", encoding="utf-8")
    code = (
        "import sys\n"
        "from genderscan.cli import app\nfrom genderscan.cli.common import run_safely\n"
        f"sys.argv = ['genderscan', 'batch', {str(doc)!r}, '--out', {str(tmp_path / 'out')!r}, '--jobs', '1', '--no-cache', '--quiet']\n"
        "code = run_safely(app)\n"
        "print(code, 'matplotlib' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert out.stdout.split()[-2:] == ["0", "False"], out.stderr
    html = (tmp_path / "out" / "overview.html").read_text(encoding="utf-8")
    assert "<svg" in html and 'role="img"' in html


def test_overview_writes_scores_as_the_reports_do(cli, tmp_path):
    """60,0 in Dutch and 60.0 in English, as in every report (issue 14: one number format)."""
    from tests.conftest import EXAMPLES

    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "visie.txt").write_text((EXAMPLES / "regiovisie-voorbeeld.txt").read_text(encoding="utf-8"), encoding="utf-8")
    for lang, shown in (("nl", ">65,0<"), ("en", ">65.0<")):
        out = tmp_path / f"out-{lang}"
        code, _, err = cli("batch", docs, "--out", out, "--jobs", "1", "--no-cache", "--quiet", "--lang", lang)
        assert code == 0, err
        html = (out / "overview.html").read_text(encoding="utf-8")
        assert shown in html

"""The HTML report in headless Chromium: screenshot, no console errors, no network requests, axe-core clean.

Needs /usr/bin/chromium (Debian package) and ``npm ci`` in tests/browser
(``make test`` runs scripts/install-browser-deps.sh for both). Skipped, with the
reason, where they are missing.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from genderscan.report import render

HERE = Path(__file__).parent
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
SCRIPT = HERE / "check-html.mjs"


def _missing() -> str | None:
    if not Path(CHROMIUM).exists():
        return f"{CHROMIUM} not installed (run scripts/install-browser-deps.sh as root, or apt-get install chromium)"
    if shutil.which("node") is None:
        return "node not installed"
    for package in ("playwright-core", "axe-core"):
        if not (HERE / "node_modules" / package).is_dir():
            return f"npm package {package} missing (run: cd tests/browser && npm ci)"
    return None


pytestmark = pytest.mark.skipif(_missing() is not None, reason=_missing() or "")


@pytest.fixture(scope="module", params=["nl", "en"])
def browser_result(request, example_report, tmp_path_factory):
    lang = request.param
    out = Path(os.environ.get("GENDERSCAN_SCREENSHOT_DIR") or tmp_path_factory.mktemp("browser"))
    out.mkdir(parents=True, exist_ok=True)
    html = out / f"report-{lang}.html"
    html.write_text(render(example_report, "html", lang), encoding="utf-8")
    shot, pdf = out / f"report-{lang}.png", out / f"report-{lang}.pdf"
    env = dict(os.environ, CHROMIUM_PATH=CHROMIUM)
    proc = subprocess.run(
        ["node", str(SCRIPT), str(html), str(shot), str(pdf)], capture_output=True, text=True, timeout=180, cwd=HERE, env=env
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    return json.loads(proc.stdout), shot, pdf, lang


def test_page_loads_without_errors_or_requests(browser_result):
    result, shot, _, lang = browser_result
    assert result["consoleErrors"] == [] and result["pageErrors"] == []
    assert result["requests"] == [], "the report must not load anything"
    assert result["title"].endswith("regiovisie-voorbeeld.txt")
    assert shot.stat().st_size > 20_000


def test_no_serious_or_critical_accessibility_violations(browser_result):
    result = browser_result[0]
    bad = [v for v in result["violations"] if v["impact"] in ("serious", "critical")]
    assert bad == [], json.dumps(bad, indent=2)


def test_headings_are_in_order(browser_result):
    headings = browser_result[0]["headings"]
    assert headings[0].startswith("H1 ")
    assert sum(h.startswith("H1 ") for h in headings) == 1


def test_prints_every_page_on_a4_with_page_numbers(browser_result):
    import pypdfium2

    pdf = pypdfium2.PdfDocument(str(browser_result[2]))
    try:
        width, height = pdf[0].get_size()
        assert (round(width), round(height)) == (595, 842)  # A4 in points
        pages = len(pdf)
        assert 5 < pages <= 30  # the whole report (about 17 pages), not the first screen
        for n in (1, pages):
            assert f"{n} / {pages}" in pdf[n - 1].get_textpage().get_text_range()
    finally:
        pdf.close()


def test_fits_a_phone_and_a_laptop(browser_result):
    layout = browser_result[0]["layout"]
    for width in ("1366", "390"):
        assert layout[width]["wide"] == [], f"wider than the screen at {width} px"
        assert layout[width]["scrollWidth"] <= int(width)
        assert layout[width]["tocOverlaps"] == []
        assert layout[width]["chartFontMin"] >= 11, "chart labels too small to read"


def test_links_inside_the_report_stay_in_it(browser_result):
    links = browser_result[0]["links"]
    assert links["skipFocused"], "the skip link is the first thing the Tab key reaches"
    for name, hash_ in (("skip", "#main"), ("toc", "#items"), ("item", links["item"]["href"])):
        followed = links[name]
        assert followed["same"] and followed["hash"] == hash_ and followed["items"] == 16, name
        assert followed["targetInView"], name


def test_batch_overview_is_no_wider_than_a_phone(tmp_path_factory):
    """`genderscan batch`'s overview.html at 375 and 390 px: the wide score table and the heatmap scroll in their own
    box, the page does not; the heatmap keeps readable cells (>= 24 px) and text there, and its desktop size at 1366."""
    from typer.testing import CliRunner

    from genderscan.cli import app

    out = Path(os.environ.get("GENDERSCAN_SCREENSHOT_DIR") or tmp_path_factory.mktemp("overview"))
    example = HERE.parents[1] / "examples" / "regiovisie-voorbeeld.txt"
    result = CliRunner().invoke(app, ["batch", str(example), "--out", str(out / "batch"), "--jobs", "1", "--format", "json",
                                      "--cache-dir", str(out / "cache")])
    assert result.exit_code == 0, result.output
    proc = subprocess.run(
        ["node", str(HERE / "check-layout.mjs"), str(out / "batch" / "overview.html"), str(out / "overview"), "375", "390", "1366"],
        capture_output=True, text=True, timeout=120, cwd=HERE, env=dict(os.environ, CHROMIUM_PATH=CHROMIUM),
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    layout = json.loads(proc.stdout)
    for width in ("375", "390", "1366"):
        assert layout[width]["scrollWidth"] <= int(width) and layout[width]["wide"] == [], layout[width]
    for width in ("375", "390"):
        heatmap = layout[width]["heatmap"]
        assert heatmap["cellMin"] >= 24 and heatmap["fontMin"] >= 11, heatmap
        assert heatmap["overflowX"] == "auto" and heatmap["scrolls"] and heatmap["focusable"], heatmap
    desktop = layout["1366"]["heatmap"]
    assert desktop["cellMin"] == 30 and not desktop["scrolls"], desktop  # full size, as before, no scroll bar

"""Acceptance: the page in a real headless Chromium, against a real `genderscan serve` on a free loopback port.

Needs Debian's chromium and npm's playwright-core in tests/browser/node_modules, which
`make browser-deps` (scripts/install-browser-deps.sh, shared with the HTML report's browser test) installs.
Screenshots go to $GENDERSCAN_SCREENSHOTS if set, else to the test's temporary folder.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES

E2E = Path(__file__).parent / "e2e"
NODE_MODULES = Path(__file__).parents[1] / "browser" / "node_modules"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")

pytestmark = pytest.mark.skipif(
    not (Path(CHROMIUM).exists() and shutil.which("node") and (NODE_MODULES / "playwright-core").is_dir()),
    reason="browser test needs chromium, node and playwright-core: run make browser-deps",
)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server():
    """`genderscan serve` as a user starts it (one worker process), stopped at the end."""
    port = _free_port()
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in [str(Path(__file__).parents[2] / "src"), os.environ.get("PYTHONPATH", "")] if p)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "genderscan", "serve", "--port", str(port), "--workers", "1"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env, text=True,
    )
    base = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 90
    while True:
        try:
            with urllib.request.urlopen(base + "api/health", timeout=2) as r:
                if r.status == 200:
                    break
        except OSError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            pytest.fail("server did not start:\n" + (proc.stdout.read() if proc.stdout else ""))
        time.sleep(0.3)
    yield base, proc
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def concept_text() -> bytes:
    """An earlier, shorter version of the example vision: its introduction and problem analysis only (chapters 1-2)."""
    text = (EXAMPLES / "regiovisie-voorbeeld.txt").read_text(encoding="utf-8")
    return text[: text.index("\n3 Onze visie")].encode("utf-8")


@pytest.fixture(scope="module")
def cli_compare(tmp_path_factory, example_pdf) -> dict:
    """What `genderscan compare concept-2024.txt regiovisie-voorbeeld.pdf --format json` prints."""
    from typer.testing import CliRunner

    from genderscan.cli import app

    concept = tmp_path_factory.mktemp("cli-compare") / "concept-2024.txt"
    concept.write_bytes(concept_text())
    result = CliRunner().invoke(app, ["compare", str(concept), str(example_pdf), "--format", "json", "--no-cache"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def browser_run(server, example_pdf, tmp_path_factory):
    base, _ = server
    work = tmp_path_factory.mktemp("browser")
    bad = work / "kapot.pdf"
    bad.write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog >> this file was cut off")
    concept = work / "concept-2024.txt"
    concept.write_bytes(concept_text())
    shots = Path(os.environ.get("GENDERSCAN_SCREENSHOTS") or work)
    shots.mkdir(parents=True, exist_ok=True)
    result = subprocess.run(
        ["node", str(E2E / "upload.mjs"), base, str(example_pdf), str(bad), str(shots), str(concept)],
        capture_output=True, text=True, timeout=240, env={**os.environ, "CHROMIUM": CHROMIUM, "NODE_MODULES": str(NODE_MODULES)},
    )
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    data["shots"] = shots
    return data


def test_report_statuses_match_cli(browser_run, cli_json):
    shown = {i["id"]: i["status"] for i in browser_run["items"]}
    assert shown == {i["id"]: i["status"] for i in cli_json["items"]}
    assert len(shown) == 16
    assert browser_run["resultTitle"].startswith("Rapport voor regiovisie-voorbeeld.pdf")
    assert browser_run["h1"].endswith("regiovisie-voorbeeld.pdf")


def test_report_is_in_the_page_with_the_reports_number_format(browser_run, cli_json):
    assert browser_run["frames"] == 0
    score = f"{cli_json['score']:.1f}".replace(".", ",")
    assert browser_run["scoreHeading"] == f"Score: {score} van 100"
    assert browser_run["printButton"]


def test_report_page_fits_a_phone_and_a_laptop(browser_run):
    for width in ("1366", "390"):
        layout = browser_run["layout"][width]
        assert layout["wide"] == [] and layout["scrollWidth"] <= int(width), f"wider than the screen at {width} px"
        assert layout["tocOverlaps"] == []
        assert layout["chartFontMin"] >= 11


def test_links_inside_the_report_keep_it(browser_run, server):
    base, _ = server
    links = browser_run["links"]
    assert links["skipFocused"]
    for name, hash_ in (("skip", "#main"), ("toc", "#items"), ("item", links["item"]["href"])):
        followed = links[name]
        assert followed["same"] and followed["items"] == 16, name  # no navigation: the report is still there
        assert followed["url"] == f"{base}analyse?lang=nl{hash_}" and followed["targetInView"], name


def test_report_page_has_no_accessibility_violations(browser_run):
    assert browser_run["violations"] == []


def test_report_page_prints_the_whole_report_on_numbered_a4_pages(browser_run):
    import pypdfium2

    pdf = pypdfium2.PdfDocument(browser_run["pdf"])
    try:
        pages = len(pdf)
        assert 5 < pages <= 30
        assert tuple(round(x) for x in pdf[0].get_size()) == (595, 842)
        first, last = pdf[0].get_textpage().get_text_range(), pdf[pages - 1].get_textpage().get_text_range()
        assert "1 / " in first and f"{pages} / {pages}" in last
        assert "regiovisie-voorbeeld.pdf" in first and "Nog een document toetsen" not in first  # the report, not the buttons
    finally:
        pdf.close()


def test_drop_shows_progress_and_page_is_dutch(browser_run):
    assert browser_run["lang"] == "nl"
    assert browser_run["busyShown"] and "regiovisie-voorbeeld.pdf" in browser_run["busyShown"]
    assert browser_run["switchedLang"] == "en"


def test_report_styles_allowed_by_csp_and_no_errors(browser_run):
    # The report's own CSS runs under the page's CSP (by hash), and nothing was blocked or crashed.
    assert all(i["badgeStyled"] for i in browser_run["items"])
    assert browser_run["consoleErrors"] == [] or all("kapot.pdf" in e or "422" in e for e in browser_run["consoleErrors"])
    assert browser_run["pageErrors"] == []


def test_no_external_requests(browser_run, server):
    base, _ = server
    outside = [u for u in browser_run["requests"] if not u.startswith((base, "data:", "about:", "blob:"))]
    assert outside == []


def test_downloads(browser_run, cli_json):
    assert "regiovisie-voorbeeld-genderscan.json" in browser_run["downloads"]
    downloaded = browser_run["downloadedJson"]
    assert [i["status"] for i in downloaded["items"]] == [i["status"] for i in cli_json["items"]]


def test_corrupt_file_error_page(browser_run):
    from genderscan.i18n import message

    assert browser_run["errorHeading"] == message("serve_error_title", "nl")
    assert browser_run["errorCode"] == "corrupt_file"
    assert browser_run["errorText"].startswith("'kapot.pdf' is beschadigd of geen geldig PDF-bestand")
    assert (browser_run["shots"] / "report.png").stat().st_size > 10_000


def test_paste_text_beside_the_upload(browser_run, tmp_path):
    from typer.testing import CliRunner

    from genderscan.cli import app

    assert browser_run["pasteBeside"]
    assert browser_run["uploadViolations"] == []
    for width in ("1366", "390"):
        layout = browser_run["uploadLayout"][width]
        assert layout["wide"] == [] and layout["scrollWidth"] <= int(width), f"upload page wider than the screen at {width} px"
    concept = tmp_path / "concept.txt"
    concept.write_bytes(concept_text())
    result = CliRunner().invoke(app, ["analyse", str(concept), "--format", "json"])
    cli_score = f"{json.loads(result.stdout)['score']:.1f}".replace(".", ",")
    pasted = browser_run["pasted"]
    assert pasted["h1"].endswith("geplakte tekst") and pasted["items"] == 16
    assert pasted["score"] == f"Score: {cli_score} van 100"


def test_compare_page(browser_run, cli_compare, server):
    from genderscan.i18n import message

    base, _ = server
    cmp = browser_run["compare"]
    assert cmp["url"] == base + "compare?lang=nl" and cmp["lang"] == "nl"
    assert cmp["title"] == message("serve_compare_title", "nl")
    # Dropping the old version alone does not send the form; dropping the new one does.
    assert cmp["chosenOld"] == "Gekozen: concept-2024.txt" and cmp["busyAfterOld"] is False
    assert "concept-2024.txt" in cmp["busyShown"] and "regiovisie-voorbeeld.pdf" in cmp["busyShown"]
    assert cmp["names"] == ["concept-2024.txt", "regiovisie-voorbeeld.pdf"]
    assert cmp["resultTitle"] == message("compare_title", "nl")
    assert cmp["layout"]["390"]["wide"] == [] and cmp["layout"]["390"]["scrollWidth"] <= 390


def test_compare_levels_match_cli(browser_run, cli_compare):
    cmp = browser_run["compare"]
    shown = {i["id"]: (i["oldLevel"], i["newLevel"]) for i in cmp["items"]}
    assert shown == {i["id"]: (i["old_level"], i["new_level"]) for i in cli_compare["items"]}
    assert any(old != new for old, new in shown.values())  # the concept really differs
    for row, expected in zip(cmp["items"], cli_compare["items"]):
        change = row["cells"][2]
        assert change == (f"{expected['change']:+d}" if expected["change"] else "gelijk")
    up = [r for r in cmp["items"] if r["newLevel"] > r["oldLevel"]]
    same = [r for r in cmp["items"] if r["newLevel"] == r["oldLevel"]]
    assert up and same and up[0]["changeColour"] != same[0]["changeColour"]  # the stylesheet applies
    assert cmp["added"] == len(cli_compare["added_evidence"]) > 0
    assert cmp["removed"] == len(cli_compare["removed_evidence"])
    # The numbers as in the reports: a decimal comma in Dutch.
    assert f"{cli_compare['score_change']:+.1f}".replace(".", ",") in cmp["score"]
    assert f"{cli_compare['new_score']:.1f}".replace(".", ",") in cmp["score"]


def test_compare_download_and_english_switch(browser_run, cli_compare, server):
    base, _ = server
    cmp = browser_run["compare"]
    assert set(cmp["downloads"]) == {f"regiovisie-voorbeeld-genderscan-vergelijking.{e}" for e in ("md", "json", "txt")}
    downloaded = cmp["downloadedJson"]
    assert [(i["id"], i["change"]) for i in downloaded["items"]] == [(i["id"], i["change"]) for i in cli_compare["items"]]
    assert cmp["switchedUrl"] == base + "compare?lang=en" and cmp["switchedLang"] == "en"
    assert cmp["switchedTitle"] == "Compare two versions of a vision"
    assert (browser_run["shots"] / "compare.png").stat().st_size > 10_000

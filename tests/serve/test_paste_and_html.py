"""The upload page's text box (pasted text is a plain-text document) and HTML uploads (the HTML reader, as on the command line)."""

from __future__ import annotations

import html
import json
import re

import pytest
from typer.testing import CliRunner

from genderscan.cli import app as cli
from genderscan.i18n import message
from tests.conftest import EXAMPLES
from tests.serve.conftest import csrf_token

EXAMPLE_TXT = EXAMPLES / "regiovisie-voorbeeld.txt"


def _cli(path) -> dict:
    result = CliRunner().invoke(cli, ["analyse", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _shown_score(report: dict, lang: str = "nl") -> str:
    score = f"{report['score']:.1f}"
    return f"Score: {score.replace('.', ',')} van 100" if lang == "nl" else f"Score: {score} out of 100"


def _paste(client, text: str, lang: str = "nl", url: str = "/analyse"):
    # A form field without a file name, as the page's text box sends it (multipart/form-data).
    # The page's form carries its CSRF token (csrf_token reads it from the page, as a browser sends it).
    return client.post(f"{url}?lang={lang}", files={"text": (None, text), "lang": (None, lang), "csrf": (None, csrf_token(client))})


def example_as_html() -> str:
    """The example vision as a web page: headings, paragraphs, and a menu, header and footer to skip."""
    blocks = [b.strip() for b in EXAMPLE_TXT.read_text(encoding="utf-8").split("\n\n") if b.strip()]
    body = []
    for block in blocks:
        if re.match(r"^\d+(\.\d+)* \S", block) and "\n" not in block and not block.endswith("."):
            body.append(f"<h2>{html.escape(block)}</h2>")
        else:
            body.append(f"<p>{html.escape(block)}</p>")
    return ('<!DOCTYPE html>\n<html lang="nl"><head><meta charset="utf-8"><title>Regiovisie</title>'
            "<style>p { margin: 0 }</style></head><body><header><nav><a href='/'>Home</a></nav></header><main>"
            + "\n".join(body) + "</main><footer>Gemeente Veenhaven</footer></body></html>")


@pytest.fixture(scope="module")
def example_html(tmp_path_factory):
    path = tmp_path_factory.mktemp("html") / "regiovisie-voorbeeld.html"
    path.write_text(example_as_html(), encoding="utf-8")
    return path


# --- pasted text ---------------------------------------------------------------------------------


def test_upload_page_has_a_text_box_beside_the_file(client):
    page = client.get("/").text
    assert '<form id="paste"' in page and '<textarea id="text" name="text"' in page
    assert message("serve_paste_label", "nl") in page and '<label class="drop-title" for="text">' in page
    assert message("serve_paste_label", "en") in client.get("/?lang=en").text


def test_pasted_text_is_analysed_as_a_text_document(client):
    cli_report = _cli(EXAMPLE_TXT)
    response = _paste(client, EXAMPLE_TXT.read_text(encoding="utf-8"))
    assert response.status_code == 200, response.text[:500]
    page = response.text
    assert "Rapport voor geplakte tekst" in page and "geplakte tekst" in re.search(r"<h1>(.*?)</h1>", page).group(1)
    assert _shown_score(cli_report) in page
    assert 'download="geplakte_tekst-genderscan.json"' in page


def test_pasted_text_in_english(client):
    response = _paste(client, EXAMPLE_TXT.read_text(encoding="utf-8"), lang="en")
    assert response.status_code == 200
    assert "pasted text" in re.search(r"<h1>(.*?)</h1>", response.text).group(1)


def test_empty_or_too_large_text_gets_a_message_not_a_traceback(client):
    empty = _paste(client, "  \n\t ")
    assert empty.status_code == 400 and message("paste_empty", "nl") in html.unescape(empty.text)
    assert "Traceback" not in empty.text
    big = _paste(client, "Geweld tegen vrouwen. " * 60_000)  # 1.3 MB; the test server allows 1 MB
    assert big.status_code == 413 and message("paste_too_large", "nl", limit="1") in html.unescape(big.text)


def test_api_still_wants_a_file(client):
    response = _paste(client, EXAMPLE_TXT.read_text(encoding="utf-8"), url="/api/analyse")
    assert response.status_code == 400 and response.json()["error"]["code"] == "upload_missing"


# --- HTML uploads -----------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["regiovisie-voorbeeld.html", "visie.htm", "opgeslagen-pagina.txt"])
def test_html_upload_goes_through_the_html_reader_same_as_cli(client, example_html, name):
    cli_report = _cli(example_html)
    response = client.post("/api/analyse", files={"file": (name, example_html.read_bytes(), "text/html")})
    assert response.status_code == 200, response.text[:500]
    report = response.json()
    assert report["document"]["format"] == cli_report["document"]["format"] == "html"
    assert report["score"] == cli_report["score"]
    assert [(i["id"], i["level"]) for i in report["items"]] == [(i["id"], i["level"]) for i in cli_report["items"]]
    quotes = [e["text"] for i in report["items"] for e in i["evidence"]]
    assert quotes and not any("<p>" in q or "</" in q or "&lt;" in q for q in quotes)  # text, not markup
    assert "Home" not in " ".join(quotes) and "Gemeente Veenhaven" not in " ".join(quotes)


def test_html_report_page_shows_the_cli_score(client, example_html):
    cli_report = _cli(example_html)
    response = client.post("/analyse?lang=nl", files={"file": ("regiovisie-voorbeeld.html", example_html.read_bytes(), "text/html")},
                           data={"csrf": csrf_token(client)})
    assert response.status_code == 200
    assert _shown_score(cli_report) in response.text


def test_windows_1252_html_is_read_too(client):
    page = '<html><body><p>Geweld tegen vrouwen is een gevolg van ongelijke machtsverhoudingen tussen vrouwen en mannen. Caf\xe9.</p></body></html>'
    response = client.post("/api/analyse", files={"file": ("oud.html", page.encode("cp1252"), "text/html")})
    assert response.status_code == 200, response.text[:500]


def test_too_large_file_on_the_page_is_still_refused_as_a_file(client):
    response = client.post("/analyse?lang=nl", files={"file": ("groot.txt", b"a" * (1024 * 1024 + 70_000), "text/plain")},
                           data={"csrf": csrf_token(client)})
    assert response.status_code == 413
    assert message("upload_too_large", "nl", limit="1") in html.unescape(response.text)


def test_every_suffix_an_upload_can_get_is_read_by_genderscan(tmp_path):
    """serve.upload.sniff only names supported suffixes (so an upload needs no second check)."""
    from genderscan.ingest import supported_suffixes
    from genderscan.serve.upload import TEXT_SUFFIXES, sniff

    text = tmp_path / "t"
    text.write_text("Vrouwen en mannen.\n", encoding="utf-8")
    named = {sniff(text, text.read_bytes(), f"a{suffix}") for suffix in [*TEXT_SUFFIXES, ".txt", ".doc", ""]}
    assert named | {sniff(text, b"%PDF-1.7", "a.pdf")} <= set(supported_suffixes())

"""The compare page and POST /api/compare through Starlette's test client (real pipeline, in-process worker)."""

from __future__ import annotations

import base64
import io
import json
import logging
import re
import zipfile

import jsonschema
import pytest

from genderscan.errors import InputError
from genderscan.i18n import message

from .conftest import csrf_token, scanned_pdf_bytes

INTRO = """Regiovisie huiselijk geweld en kindermishandeling 2024-2028

Inleiding

De regio werkt samen aan een veilige thuissituatie voor iedereen. Gemeenten, Veilig Thuis en de politie werken samen in één aanpak.
"""
CAUSE = "Genderongelijkheid is een belangrijke voedingsbodem voor partnergeweld."
OLD = INTRO.encode("utf-8")
NEW = (INTRO + "\n" + CAUSE + "\n").encode("utf-8")


def _compare(client, new: tuple[str, bytes] | None, old: tuple[str, bytes] | None = ("visie-2020.txt", OLD),
             lang: str = "nl", url: str = "/api/compare"):
    files = {}
    if old is not None:
        files["old"] = (old[0], old[1], "application/octet-stream")
    if new is not None:
        files["new"] = (new[0], new[1], "application/octet-stream")
    form = {} if url.startswith("/api/") else {"csrf": csrf_token(client)}  # the page's form carries its CSRF token
    return client.post(f"{url}?lang={lang}", files=files, data=form)


@pytest.fixture(scope="module")
def api_comparison(client) -> dict:
    response = _compare(client, ("visie-2024.txt", NEW))
    assert response.status_code == 200, response.text
    return response.json()


@pytest.fixture(scope="module")
def cli_comparison(tmp_path_factory) -> dict:
    """What `genderscan compare OLD NEW --format json` prints for the same two files."""
    from typer.testing import CliRunner

    from genderscan.cli import app

    folder = tmp_path_factory.mktemp("cli-compare")
    (folder / "visie-2020.txt").write_bytes(OLD)
    (folder / "visie-2024.txt").write_bytes(NEW)
    result = CliRunner().invoke(app, ["compare", str(folder / "visie-2020.txt"), str(folder / "visie-2024.txt"), "--format", "json", "--no-cache"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


# --- the comparison -------------------------------------------------------------------------------


def test_one_item_changes_level(api_comparison):
    changed = {i["id"]: (i["old_level"], i["new_level"], i["change"]) for i in api_comparison["items"] if i["change"]}
    assert changed == {"gender-als-oorzaak": (0, 1, 1)}
    assert len(api_comparison["items"]) == 16
    assert [(e["item"], e["text"]) for e in api_comparison["added_evidence"]] == [("gender-als-oorzaak", CAUSE)]
    assert api_comparison["removed_evidence"] == []
    assert api_comparison["score_change"] > 0
    assert api_comparison["new_score"] - api_comparison["old_score"] == pytest.approx(api_comparison["score_change"], abs=0.05)
    # The names the user uploaded, never the temporary paths.
    assert (api_comparison["old"]["path"], api_comparison["new"]["path"]) == ("visie-2020.txt", "visie-2024.txt")


def test_api_is_the_same_as_the_cli(api_comparison, cli_comparison):
    strip = lambda c: {**c, "old": {**c["old"], "path": None}, "new": {**c["new"], "path": None}}  # noqa: E731
    assert strip(api_comparison) == strip(cli_comparison)


def test_removed_evidence_when_swapped(client):
    response = _compare(client, ("oud.txt", OLD), old=("nieuw.txt", NEW))
    assert response.status_code == 200
    body = response.json()
    assert [(e["item"], e["text"]) for e in body["removed_evidence"]] == [("gender-als-oorzaak", CAUSE)]
    assert {i["id"]: i["change"] for i in body["items"]}["gender-als-oorzaak"] == -1


def test_response_validates_against_served_openapi(client, api_comparison):
    doc = client.get("/openapi.json").json()
    op = doc["paths"]["/api/compare"]["post"]
    assert op["requestBody"]["content"]["multipart/form-data"]["schema"]["required"] == ["old", "new"]
    assert {"200", "400", "413", "415", "422"} <= set(op["responses"])
    schema = {"$ref": "#/components/schemas/Comparison", "components": doc["components"]}
    jsonschema.validate(api_comparison, schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**api_comparison, "items": [{"id": "x"}]}, schema)
    error_schema = {"$ref": "#/components/schemas/ErrorBody", "components": doc["components"]}
    jsonschema.validate(_compare(client, None).json(), error_schema)


def test_english_messages(client):
    response = _compare(client, None, lang="en")
    assert response.json()["error"]["message"] == message("upload_missing_new", "en")


# --- every error of the second file: the same messages as the CLI, and which version it is --------------


def _cli_message(code: str, lang: str = "nl", **params) -> str:
    return InputError(code, **params).message(lang)


def _zip_not_docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("content.xml", "<office:document/>")
    return buffer.getvalue()


NEW_FILE_ERRORS = [
    # (name, content, status, code, params of the CLI message)
    ("groot.txt", b"tekst " * (1024 * 1024 // 6 + 100), 413, "upload_too_large", {"limit": "1"}),
    ("visie.pdf", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, 415, "upload_unknown_type", {"path": "visie.pdf"}),
    ("visie.docx", _zip_not_docx(), 415, "upload_unknown_type", {"path": "visie.docx"}),
    ("leeg.pdf", b"", 400, "empty_document", {"path": "leeg.pdf"}),
    ("leeg.txt", b"\n\n   \n", 422, "empty_document", {"path": "leeg.txt"}),
    ("scan.pdf", None, 422, "scanned_pdf", {"path": "scan.pdf"}),
    ("kapot.pdf", b"%PDF-1.7\n this is not a pdf at all", 422, "corrupt_file", None),
]


@pytest.mark.parametrize("name, data, status, code, params", NEW_FILE_ERRORS, ids=[e[3] + ":" + e[0] for e in NEW_FILE_ERRORS])
def test_error_in_new_version(client, name, data, status, code, params):
    data = scanned_pdf_bytes() if data is None else data
    response = _compare(client, (name, data))
    assert response.status_code == status, response.text
    error = response.json()["error"]
    assert error["code"] == code
    assert error["field"] == "new"
    if params is not None:
        assert error["message"] == _cli_message(code, **params)
    else:
        assert error["message"].startswith(f"'{name}' is beschadigd")
    assert "/tmp" not in error["message"]


def test_new_version_missing(client):
    response = _compare(client, None)
    assert response.status_code == 400
    assert response.json()["error"] == {"code": "upload_missing_new", "message": message("upload_missing_new", "nl"), "field": "new"}


def test_old_version_reported_first(client):
    response = _compare(client, ("kapot.pdf", b"%PDF-1.7 garbage"), old=("leeg.txt", b""))
    assert response.status_code == 400
    assert response.json()["error"]["field"] == "old"
    response = _compare(client, None, old=None)
    assert response.json()["error"]["code"] == "upload_missing_old"


def test_body_far_over_the_limit(client):
    response = _compare(client, ("groot.txt", b"x" * (3 * 1024 * 1024)))
    assert response.status_code == 413
    assert response.json()["error"]["message"] == message("upload_too_large", "nl", limit="1")


def test_each_file_gets_the_full_limit(client):
    """Two files of 0.7 MB each (1.4 MB together) are fine with a 1 MB limit: the limit holds per file."""
    filler = ("\n\n" + "De regio werkt samen aan veiligheid thuis. " * 40) * 400
    data = (INTRO + filler).encode("utf-8")[: 700 * 1024]
    assert _compare(client, ("b.txt", data + CAUSE.encode()), old=("a.txt", data)).status_code == 200


# --- the pages -------------------------------------------------------------------------------------


def test_compare_page_dutch_with_english_switch(client):
    nl = client.get("/compare")
    assert nl.status_code == 200
    assert '<html lang="nl">' in nl.text and message("serve_compare_title", "nl") in nl.text
    assert 'name="old"' in nl.text and 'name="new"' in nl.text
    assert 'href="/compare?lang=en"' in nl.text
    en = client.get("/compare?lang=en")
    assert '<html lang="en">' in en.text and message("serve_compare_drop_new", "en") in en.text
    # Both pages link to each other.
    assert 'href="/compare?lang=nl"' in client.get("/").text and 'href="/?lang=nl"' in nl.text


def test_result_page_shows_changes_and_downloads(client, api_comparison):
    response = _compare(client, ("visie-2024.txt", NEW), url="/compare")
    assert response.status_code == 200
    html = response.text
    row = re.search(r'<tr id="item-gender-als-oorzaak"[^>]*>(.*?)</tr>', html, re.S)
    assert 'data-old-level="0" data-new-level="1"' in row.group(0)
    assert "afwezig" in row.group(1) and "genoemd" in row.group(1) and "+1" in row.group(1)
    assert html.count('class="change up"') == 3  # the item, the total, area A
    assert CAUSE in html[html.index('id="added"'):html.index('id="removed"')]
    # Numbers as in the reports (a decimal comma in Dutch), never "60.0".
    new, change = (f"{api_comparison[k]:.1f}".replace(".", ",") for k in ("new_score", "score_change"))
    assert f"naar {new} van 100 (+{change})" in html and not re.search(r"<td>\d+\.\d</td>", html)
    # The downloads are genderscan compare's own renderings.
    from genderscan.compare import Comparison, render_comparison

    links = dict(re.findall(r'download="([^"]+)" href="data:[^;]+;charset=utf-8;base64,([^"]+)"', html))
    assert set(links) == {f"visie-2024-genderscan-vergelijking.{ext}" for ext in ("md", "json", "txt")}
    downloaded = json.loads(base64.b64decode(links["visie-2024-genderscan-vergelijking.json"]))
    assert downloaded == api_comparison
    markdown = base64.b64decode(links["visie-2024-genderscan-vergelijking.md"]).decode()
    assert markdown == render_comparison(Comparison.model_validate(api_comparison), "markdown", "nl")


def test_result_page_in_english(client):
    html = _compare(client, ("visie-2024.txt", NEW), lang="en", url="/compare").text
    assert '<html lang="en">' in html and "absent" in html and "mentioned" in html
    assert re.search(r"<td>\d+\.\d</td>", html)  # a decimal point in English
    assert message("compare_added_heading", "en") in html


def test_error_page_names_the_version(client):
    response = _compare(client, ("kapot.pdf", b"%PDF-1.7\n garbage"), url="/compare")
    assert response.status_code == 422
    assert message("serve_compare_error_new", "nl") in response.text
    assert "&#39;kapot.pdf&#39; is beschadigd" in response.text
    assert 'href="/compare?lang=nl"' in response.text  # try again on the compare page


# --- privacy and safety -----------------------------------------------------------------------------


def test_security_headers_and_no_inline_script(client):
    for response in (client.get("/compare"), _compare(client, ("v.txt", NEW), url="/compare")):
        csp = response.headers["content-security-policy"]
        assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp and "unsafe-inline" not in csp
        assert response.headers["x-content-type-options"] == "nosniff"
        page = response.text
        assert re.search(r"<script(?![^>]*\bsrc=)", page) is None
        assert re.search(r"<[^>]*\son[a-z]+\s*=", page) is None
        assert re.search(r"<[^>]*\sstyle\s*=", page) is None  # style-src 'self' would block it
        assert re.search(r"https?://", page) is None


def test_uploads_deleted_after_response(client, tmp_root):
    assert _compare(client, ("v.txt", NEW)).status_code == 200
    assert _compare(client, ("kapot.pdf", b"%PDF-1.7\n garbage")).status_code == 422
    assert _compare(client, ("scan.png", b"\x89PNG\r\n\x1a\n")).status_code == 415
    assert _compare(client, ("groot.txt", b"a" * (1024 * 1024 + 10))).status_code == 413
    assert list(tmp_root.iterdir()) == []


def test_log_has_names_and_sizes_only(client, caplog):
    secret = "Geheimzinnige zin over gendernormen in de regio Veenstreek."
    with caplog.at_level(logging.DEBUG):
        _compare(client, ("concept-2.txt", (secret + "\n").encode() * 20), old=("concept-1.txt", NEW))
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "concept-1.txt" in logged and "concept-2.txt" in logged and str(len((secret + "\n").encode()) * 20) in logged
    assert "Geheimzinnige" not in logged and "/tmp" not in logged

"""The HTTP API and the pages through Starlette's test client (real pipeline, in-process worker)."""

from __future__ import annotations

import io
import logging
import re
import zipfile

import jsonschema
import pytest
from starlette.testclient import TestClient

from genderscan.errors import InputError
from genderscan.i18n import message
from genderscan.report import json_schema
from genderscan.serve import Settings, create_app

from tests.conftest import EXAMPLES

from .conftest import csrf_token, scanned_pdf_bytes


@pytest.fixture(scope="module")
def api_report(client, example_pdf) -> dict:
    response = client.post("/api/analyse", files={"file": ("regiovisie-voorbeeld.pdf", example_pdf.read_bytes(), "application/pdf")})
    assert response.status_code == 200, response.text
    return response.json()


def _post(client, name: str, data: bytes, lang: str = "nl", url: str = "/api/analyse"):
    form = {} if url.startswith("/api/") else {"csrf": csrf_token(client)}  # the page's form carries its CSRF token
    return client.post(f"{url}?lang={lang}", files={"file": (name, data, "application/octet-stream")}, data=form)


def _cli_message(code: str, lang: str = "nl", **params) -> str:
    return InputError(code, **params).message(lang)


# --- the report ---------------------------------------------------------------------------------


def test_api_returns_the_json_contract_same_as_cli(api_report, cli_json):
    jsonschema.validate(api_report, json_schema())
    assert api_report["document"]["path"] == "regiovisie-voorbeeld.pdf"  # the name, never the temporary path
    assert api_report["document"]["sha256"] == cli_json["document"]["sha256"]
    assert [(i["id"], i["status"], i["level"]) for i in api_report["items"]] == [
        (i["id"], i["status"], i["level"]) for i in cli_json["items"]
    ]
    assert api_report["score"] == cli_json["score"]


def test_response_validates_against_served_openapi(client, api_report):
    doc = client.get("/openapi.json").json()
    assert doc["openapi"].startswith("3.1")
    op = doc["paths"]["/api/analyse"]["post"]
    assert "multipart/form-data" in op["requestBody"]["content"]
    assert {"200", "400", "413", "415", "422"} <= set(op["responses"])
    schema = {"$ref": "#/components/schemas/Report", "components": doc["components"]}
    jsonschema.validate(api_report, schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**api_report, "score": "high"}, schema)


def test_type_is_recognised_by_content_not_name(client, example_pdf):
    # A PDF called .txt is still read as PDF.
    response = _post(client, "visie.txt", example_pdf.read_bytes())
    assert response.status_code == 200
    assert response.json()["document"]["format"] == "pdf"


def test_plain_text_upload(client):
    from tests.conftest import EXAMPLES

    response = _post(client, "visie.txt", (EXAMPLES / "regiovisie-voorbeeld.txt").read_bytes())
    assert response.status_code == 200
    assert response.json()["document"]["format"] in ("txt", "text")


def test_markdown_upload(client):
    """A .md upload goes to the Markdown reader: '## Oorzaken' is a heading, the section of the evidence under it."""
    text = (
        "# Regiovisie huiselijk geweld\n\n"
        "## Oorzaken\n\n"
        "Genderongelijkheid is een **belangrijke voedingsbodem** voor partnergeweld.\n\n"
        "## Aanpak\n\n"
        "- De regio werkt samen met Veilig Thuis.\n"
    )
    response = _post(client, "visie.md", text.encode("utf-8"))
    assert response.status_code == 200, response.text
    report = response.json()
    assert report["document"]["path"] == "visie.md"
    assert report["document"]["format"] == "md"
    cause = next(i for i in report["items"] if i["id"] == "gender-als-oorzaak")
    assert cause["level"] >= 1
    assert cause["evidence"][0]["section"] == "Oorzaken"
    assert "**" not in cause["evidence"][0]["text"]  # Markdown markup is not part of the sentence


def test_markdown_content_with_text_name_is_text(client):
    """The name decides between Markdown and plain text (both are UTF-8 text); either way it is analysed."""
    response = _post(client, "visie.txt", b"## Oorzaken\n\nGenderongelijkheid is een belangrijke voedingsbodem voor partnergeweld.\n")
    assert response.status_code == 200
    assert response.json()["document"]["format"] == "txt"


# --- error cases: same messages as the CLI --------------------------------------------------------


def test_too_large(client, example_pdf):
    big = example_pdf.read_bytes() + b"\n%" + b"x" * (1024 * 1024)
    response = _post(client, "groot.pdf", big)
    assert response.status_code == 413
    assert response.json()["error"] == {"code": "upload_too_large", "message": message("upload_too_large", "nl", limit="1")}


def test_too_large_is_refused_while_streaming(nlp):
    """Without a Content-Length (a chunked upload) the limit holds while reading: the server stops early."""
    import anyio

    app = create_app(Settings(workers=0, max_bytes=1024 * 1024))
    chunk, total_chunks = b"x" * (64 * 1024), 160  # 10 MB offered
    received = []
    sent: list[dict] = []

    async def receive():
        if not received:
            received.append(0)
            head = b'--B\r\nContent-Disposition: form-data; name="file"; filename="g.txt"\r\n\r\n'
            return {"type": "http.request", "body": head, "more_body": True}
        received.append(len(chunk))
        return {"type": "http.request", "body": chunk, "more_body": len(received) <= total_chunks}

    async def send(msg):
        sent.append(msg)

    scope = {
        "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "POST", "scheme": "http",
        "path": "/api/analyse", "raw_path": b"/api/analyse", "query_string": b"", "root_path": "",
        "headers": [(b"host", b"testserver"), (b"content-type", b"multipart/form-data; boundary=B")],
        "client": ("127.0.0.1", 1), "server": ("127.0.0.1", 80),
    }
    anyio.run(app, scope, receive, send)
    assert sent[0]["status"] == 413
    assert sum(received) < 2 * 1024 * 1024  # stopped after about 1 MB of the 10 MB


def test_wrong_type(client):
    png = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4
    response = _post(client, "visie.pdf", png, lang="en")
    assert response.status_code == 415
    assert response.json()["error"]["message"] == _cli_message("upload_unknown_type", "en", path="visie.pdf")


def test_zip_that_is_not_docx(client):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("content.xml", "<office:document/>")  # an .odt-like archive
    response = _post(client, "visie.docx", buffer.getvalue())
    assert response.status_code == 415
    assert response.json()["error"]["code"] == "upload_unknown_type"


def test_empty(client):
    response = _post(client, "leeg.pdf", b"")
    assert response.status_code == 400
    # The CLI's message for a document without text.
    assert response.json()["error"]["message"] == _cli_message("empty_document", path="leeg.pdf")


def test_whitespace_only_text(client):
    response = _post(client, "leeg.txt", b"\n\n   \n")
    assert response.status_code == 422
    assert response.json()["error"]["message"] == _cli_message("empty_document", path="leeg.txt")


def test_scanned_pdf(client):
    response = _post(client, "scan.pdf", scanned_pdf_bytes())
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "scanned_pdf"
    assert error["message"] == _cli_message("scanned_pdf", path="scan.pdf")
    assert "ocrmypdf" in error["message"] and "/tmp" not in error["message"]


def test_corrupt_pdf(client):
    response = _post(client, "kapot.pdf", b"%PDF-1.7\n this is not a pdf at all")
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "corrupt_file"
    assert error["message"].startswith("'kapot.pdf' is beschadigd")


def test_no_file_field(client):
    response = client.post("/api/analyse", data={"lang": "nl"}, files={"other": ("x.txt", b"tekst")})
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "upload_wrong_field"  # precise: the file came, under another name
    assert error["message"] == "Het bestand staat in het veld 'other', maar genderscan verwacht het in het veld 'file'."
    body = b'--xx\r\nContent-Disposition: form-data; name="lang"\r\n\r\nnl\r\n--xx--\r\n'  # a form without any file
    response = client.post("/api/analyse", content=body, headers={"content-type": "multipart/form-data; boundary=xx"})
    assert response.status_code == 400 and response.json()["error"]["code"] == "upload_missing"
    response = client.post("/api/analyse", content=b"{}", headers={"content-type": "application/json"})
    assert response.status_code == 415
    assert response.json()["error"]["code"] == "upload_not_multipart"
    assert "'application/json'" in response.json()["error"]["message"]


# --- pages --------------------------------------------------------------------------------------


def test_upload_page_dutch_with_english_switch(client):
    nl = client.get("/")
    assert nl.status_code == 200
    assert '<html lang="nl">' in nl.text and message("serve_drop", "nl") in nl.text
    assert 'href="/?lang=en"' in nl.text
    en = client.get("/?lang=en")
    assert '<html lang="en">' in en.text and message("serve_drop", "en") in en.text


def test_report_page_has_report_and_downloads(client, example_pdf, cli_json):
    response = _post(client, "regiovisie-voorbeeld.pdf", example_pdf.read_bytes(), url="/analyse")
    assert response.status_code == 200
    html = response.text
    # The report is in the page itself (no frame): the same body as `genderscan analyse --format html`.
    assert "<iframe" not in html and html.count("<h1>") == 1
    assert 'id="item-' in html and 'href="#items"' in html and 'class="skip" href="#main"' in html
    score = f"{cli_json['score']:.1f}".replace(".", ",")
    assert f"Score: {score} van 100" in html
    downloads = re.findall(r'download="([^"]+)"', html)
    assert "regiovisie-voorbeeld-genderscan.json" in downloads
    # The JSON download is the contract.
    import base64
    import json

    href = re.search(r'download="regiovisie-voorbeeld-genderscan.json" href="data:application/json;charset=utf-8;base64,([^"]+)"', html)
    assert json.loads(base64.b64decode(href.group(1)))["items"][0]["status"] == cli_json["items"][0]["status"]


def test_report_page_escapes_the_document_and_allows_only_its_own_style(client):
    name = "<img src=x onerror=alert(1)>.txt"
    text = (EXAMPLES / "regiovisie-voorbeeld.txt").read_text(encoding="utf-8")
    response = _post(client, name, text.encode("utf-8"), url="/analyse")
    assert response.status_code == 200
    html = response.text
    assert "<img" not in html and "&lt;img src=x onerror=alert(1)&gt;.txt" in html
    assert re.search(r"<script(?![^>]*\bsrc=)", html) is None and re.search(r"<[^>]*\son[a-z]+\s*=", html) is None
    # Exactly the page's own <style> is allowed, by hash; no 'unsafe-inline'.
    csp = response.headers["content-security-policy"]
    styles = re.findall(r"<style[^>]*>(.*?)</style>", html, flags=re.S)
    assert len(styles) == 1 and "unsafe-inline" not in csp
    import base64
    import hashlib

    digest = base64.b64encode(hashlib.sha256(styles[0].encode("utf-8")).digest()).decode()
    assert f"style-src 'self' 'sha256-{digest}';" in csp and "frame-ancestors 'none'" in csp


def test_error_page_for_bad_file(client):
    response = _post(client, "kapot.pdf", b"%PDF-1.7\n garbage", url="/analyse")
    assert response.status_code == 422
    assert "text/html" in response.headers["content-type"]
    assert message("serve_error_title", "nl") in response.text
    assert "&#39;kapot.pdf&#39; is beschadigd" in response.text


def test_not_found(client):
    assert client.get("/nope").status_code == 404
    assert client.get("/api/nope").json()["error"]["code"] == "serve_not_found"


# --- privacy and safety --------------------------------------------------------------------------


def test_security_headers(client, example_pdf):
    for response in (client.get("/"), client.get("/static/app.js"), _post(client, "v.pdf", example_pdf.read_bytes(), url="/analyse")):
        csp = response.headers["content-security-policy"]
        assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "unsafe-eval" not in csp
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["referrer-policy"] == "no-referrer"


def test_no_inline_script_and_no_external_urls(client):
    page = client.get("/").text
    assert re.search(r"<script(?![^>]*\bsrc=)", page) is None  # every script is a file
    assert re.search(r"<[^>]*\son[a-z]+\s*=", page) is None  # no inline event handlers
    for text in (page, client.get("/static/app.js").text, client.get("/static/style.css").text):
        assert re.search(r"https?://", text) is None


def test_upload_deleted_after_response(client, tmp_root, example_pdf):
    assert _post(client, "v.pdf", example_pdf.read_bytes()).status_code == 200
    assert _post(client, "kapot.pdf", b"%PDF-1.7\n garbage").status_code == 422
    assert _post(client, "scan.png", b"\x89PNG\r\n\x1a\n").status_code == 415
    assert list(tmp_root.iterdir()) == []


def test_log_has_name_and_size_only(client, caplog, example_pdf):
    secret = "Geheimzinnige zin over gendernormen in de regio Veenstreek."
    with caplog.at_level(logging.DEBUG):
        _post(client, "concept.txt", (secret + "\n").encode() * 20)
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "concept.txt" in logged and str(len((secret + "\n").encode()) * 20) in logged
    assert "Geheimzinnige" not in logged and "/tmp" not in logged


def test_loopback_host_check(nlp):
    app = create_app(Settings(workers=0, allowed_hosts=["127.0.0.1", "localhost"]))
    with TestClient(app, base_url="http://127.0.0.1") as c:
        assert c.get("/").status_code == 200
        assert c.get("/", headers={"host": "evil.example"}).status_code == 400


def test_docx_recognised_by_content_and_analysed(client):
    """A real Word file (made with python-docx) named .bin is recognised as DOCX and analysed."""
    import docx

    document = docx.Document()
    document.add_heading("Regiovisie huiselijk geweld en kindermishandeling", level=1)
    document.add_heading("Oorzaken", level=2)
    document.add_paragraph("Genderongelijkheid is een belangrijke voedingsbodem voor partnergeweld.")
    document.add_paragraph("De regio werkt samen met Veilig Thuis en de politie.")
    buffer = io.BytesIO()
    document.save(buffer)
    response = _post(client, "visie.bin", buffer.getvalue())
    assert response.status_code == 200, response.text
    report = response.json()
    assert report["document"]["format"] == "docx"
    assert report["document"]["path"] == "visie.bin"
    cause = next(i for i in report["items"] if i["id"] == "gender-als-oorzaak")
    assert cause["level"] >= 1
    assert cause["evidence"][0]["text"] == "Genderongelijkheid is een belangrijke voedingsbodem voor partnergeweld."
    assert cause["evidence"][0]["section"] == "Oorzaken"

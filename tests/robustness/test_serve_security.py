"""``genderscan serve`` against other sites and careless clients (issue 13): cross-origin requests, the
CSRF token of the forms, the access token for non-loopback binds, precise multipart errors, usage errors
before the model loads. Test client, analysis in-process."""

from __future__ import annotations

import re

import pytest
from starlette.testclient import TestClient

from genderscan.serve import Settings, create_app
from tests.robustness.run_support import TEXT, cli  # noqa: F401 (cli is a fixture)

DOC = TEXT.encode("utf-8")


@pytest.fixture(scope="module")
def uploads(tmp_path_factory):
    return tmp_path_factory.mktemp("uploads")


@pytest.fixture(scope="module")
def client(nlp, uploads):
    with TestClient(create_app(Settings(workers=0, tmp_root=str(uploads), max_bytes=1024 * 1024))) as c:
        yield c


def _token(client) -> str:
    return re.search(r'name="csrf" value="([^"]+)"', client.get("/").text).group(1)


def _upload(client, url="/api/analyse", headers=None, data=None, name="visie.txt"):
    return client.post(url, files={"file": (name, DOC, "text/plain")}, data=data or {}, headers=headers or {})


def _error(response) -> dict:
    return response.json()["error"]


@pytest.mark.parametrize("headers", [
    {"origin": "http://evil.example"},
    {"origin": "null"},
    {"origin": "null", "sec-fetch-site": "cross-site"},
    {"sec-fetch-site": "cross-site"},
    {"sec-fetch-site": "same-site", "origin": "http://testserver"},
    {"origin": "http://testserver.evil.example"},
])
def test_cross_origin_posts_are_refused_before_anything_is_read(client, uploads, headers):
    response = _upload(client, headers=headers)
    assert response.status_code == 403
    assert _error(response) == {"code": "serve_cross_origin", "message": (
        "Dit verzoek komt van een andere website en is geweigerd. Open genderscan zelf in de browser en upload het document daar.")}
    page = _upload(client, url="/analyse", headers=headers, data={"csrf": _token(client)})
    assert page.status_code == 403 and 'data-code="serve_cross_origin"' in page.text
    assert list(uploads.iterdir()) == []


@pytest.mark.parametrize("headers", [
    {},
    {"origin": "http://testserver"},
    {"sec-fetch-site": "same-origin", "origin": "http://testserver"},
    # the page's own form under its no-referrer policy: Chromium sends Origin: null with Sec-Fetch-Site: same-origin
    {"sec-fetch-site": "same-origin", "origin": "null"},
])
def test_same_origin_and_non_browser_posts_are_analysed(client, headers):
    response = _upload(client, headers=headers)
    assert response.status_code == 200, response.text
    assert response.json()["document"]["path"] == "visie.txt"


def test_the_forms_carry_a_csrf_token_that_is_checked(client, uploads):
    token = _token(client)
    assert client.get("/").text.count(f'name="csrf" value="{token}"') == 2  # the file form and the text box
    assert f'name="csrf" value="{token}"' in client.get("/compare").text
    for data in ({}, {"csrf": "geraden"}):
        response = _upload(client, url="/analyse", data=data)
        assert response.status_code == 403
        assert 'data-code="serve_csrf_invalid"' in response.text and "Laad de pagina opnieuw" in response.text
    assert _upload(client, url="/analyse", data={"csrf": token}).status_code == 200
    assert list(uploads.iterdir()) == []


def test_access_token_for_a_server_other_computers_can_reach(nlp):
    with TestClient(create_app(Settings(workers=0, access_token="geheim-123"))) as c:
        refused = c.get("/")
        assert refused.status_code == 401 and 'data-code="serve_token_required"' in refused.text
        assert _error(_upload(c))["code"] == "serve_token_required"
        assert c.get("/api/health").status_code == 200  # readiness checks stay open
        link = c.get("/?token=geheim-123&lang=en", follow_redirects=False)
        assert link.status_code == 303 and link.headers["location"] == "/?lang=en"  # the token leaves the address bar
        cookie = link.headers["set-cookie"]
        assert "HttpOnly" in cookie and "SameSite=strict" in cookie
        assert c.get("/").status_code == 200  # the browser now has the cookie
        c.cookies.clear()
        assert _upload(c, headers={"authorization": "Bearer geheim-123"}).status_code == 200
        assert _upload(c, headers={"authorization": "Bearer fout"}).status_code == 401


def _multipart(client, body: bytes, boundary: str = "xx"):
    return client.post("/api/analyse", content=body, headers={"content-type": f"multipart/form-data; boundary={boundary}"})


def _part(name: str, filename: str | None = None, data: bytes = b"tekst") -> bytes:
    disposition = f'form-data; name="{name}"' + (f'; filename="{filename}"' if filename else "")
    return f"--xx\r\nContent-Disposition: {disposition}\r\n\r\n".encode() + data + b"\r\n"


@pytest.mark.parametrize(("body", "content_type", "status", "code", "text"), [
    (b"{}", "application/json", 415, "upload_not_multipart", "dit verzoek had het type 'application/json'"),
    (_part("file", "a.txt") + b"--xx--\r\n", "multipart/form-data", 400, "upload_malformed", "beschadigde multipart-gegevens"),
    (_part("file", "a.txt") + _part("file", "b.txt") + b"--xx--\r\n", None, 400, "upload_too_many_files", "hoogstens 1, in het veld 'file'"),
    (b"".join(_part(f"veld{n}") for n in range(12)) + _part("file", "a.txt") + b"--xx--\r\n", None, 400, "upload_too_many_fields", "te veel velden"),
    (_part("document", "a.txt") + b"--xx--\r\n", None, 400, "upload_wrong_field", "in het veld 'document', maar genderscan verwacht het in het veld 'file'"),
    (_part("lang", None, b"nl") + b"--xx--\r\n", None, 400, "upload_missing", "Er is geen bestand meegestuurd"),
])
def test_multipart_errors_say_what_is_wrong(client, uploads, body, content_type, status, code, text):
    headers = {"content-type": content_type or "multipart/form-data; boundary=xx"}
    response = client.post("/api/analyse", content=body, headers=headers)
    assert response.status_code == status
    assert _error(response)["code"] == code and text in _error(response)["message"]
    assert list(uploads.iterdir()) == []


def test_port_out_of_range_is_a_usage_error_before_the_model_loads(cli):
    code, out, err = cli("serve", "--port", "99999")
    assert code == 2 and out == ""
    assert "Poort 99999 bestaat niet: kies een getal van 1 tot en met 65535" in err and "Traceback" not in err


def test_binding_beyond_this_computer_needs_an_explicit_flag(cli):
    code, _, err = cli("serve", "--host", "0.0.0.0", "--port", "8123")
    assert code == 2
    assert "--host 0.0.0.0 maakt de pagina bereikbaar voor andere computers" in err and "--allow-remote" in err


def test_a_port_in_use_is_one_message(cli):
    import socket

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen(1)
        port = busy.getsockname()[1]
        code, _, err = cli("serve", "--port", str(port))
    assert code == 2 and f"Kan niet luisteren op 127.0.0.1:{port}" in err and "--port" in err and "Traceback" not in err


def test_remote_binds_keep_a_host_check():
    from genderscan.cli.serve import _allowed_hosts

    hosts = _allowed_hosts("0.0.0.0", ["visies.gemeente.example"])
    assert "visies.gemeente.example" in hosts and "127.0.0.1" in hosts
    assert "0.0.0.0" not in hosts and "*" not in hosts


def test_allow_remote_starts_with_an_access_token_and_a_host_check(cli, monkeypatch):
    """The CLI wiring for a non-loopback bind, without opening a socket beyond this computer."""
    import genderscan.serve.server as server

    started = {}
    monkeypatch.setattr(server, "bind", lambda host, port: ("socket", host, port))
    monkeypatch.setattr(server, "run", lambda app, sock, tmp_root, header_seconds: started.update(app=app, sock=sock))
    code, out, err = cli("serve", "--host", "0.0.0.0", "--port", "8123", "--allow-remote", "--token", "code-123",
                         "--allowed-host", "visies.example")
    assert code == 0, err
    settings = started["app"].state.settings
    assert settings.access_token == "code-123"
    assert "visies.example" in settings.allowed_hosts and "0.0.0.0" not in settings.allowed_hosts
    assert "Toegangscode: code-123" in out and "http://0.0.0.0:8123/?token=code-123" in out
    code, out, _ = cli("serve", "--host", "0.0.0.0", "--port", "8123", "--allow-remote")  # no --token: a random one
    token = started["app"].state.settings.access_token
    assert code == 0 and len(token) >= 24 and f"?token={token}" in out

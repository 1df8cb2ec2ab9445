"""Who may send what: cross-origin checks, the CSRF token of the forms, the access token, upload folders.

- **Cross-origin requests** that change state (POST) are refused with 403: a browser
  says where a request comes from in ``Sec-Fetch-Site`` (``cross-site``/``same-site``
  are refused) and ``Origin`` (must name this server, as the ``Host`` header does).
  A request with neither header is not from a modern browser page (curl, scripts)
  and passes; the forms additionally carry a CSRF token.
- **CSRF token**: random per server start, put in a hidden field of every form and
  checked before an upload is analysed. Another site cannot read it.
- **Access token** (required when the server listens on more than this computer):
  ``Authorization: Bearer TOKEN``, or the cookie that ``/?token=TOKEN`` sets
  (HttpOnly, SameSite=Strict) for the browser.
- **Upload folders**: ``genderscan-upload-<pid>-*`` in the temporary folder. The server
  removes its own on every exit it sees and, at start, those of servers that are gone.
"""

from __future__ import annotations

import hmac
import logging
import os
import shutil
import tempfile
from pathlib import Path
from urllib.parse import urlencode, urlsplit

from starlette.requests import Request
from starlette.responses import RedirectResponse
from starlette.types import ASGIApp, Receive, Scope, Send

log = logging.getLogger("genderscan.serve")

SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}
TOKEN_COOKIE = "genderscan_token"
UPLOAD_PREFIX = "genderscan-upload-"
OPEN_PATHS = ("/static/", "/api/health")


def same(a: str | None, b: str | None) -> bool:
    return a is not None and b is not None and hmac.compare_digest(a.encode(), b.encode())


def cross_origin(scope: Scope) -> bool:
    """True for a state-changing request that a browser says comes from another site."""
    if scope["method"] in SAFE_METHODS:
        return False
    headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
    fetch_site = headers.get("sec-fetch-site")
    if fetch_site is not None and fetch_site not in ("same-origin", "none"):
        return True
    origin = headers.get("origin")
    if origin is None:
        return False
    if origin == "null":
        # the page's own forms send 'Origin: null' under <meta name="referrer" content="no-referrer">;
        # the browser's Sec-Fetch-Site (checked above) then says same-origin. Without it: refuse.
        return fetch_site is None
    return urlsplit(origin).netloc.lower() != headers.get("host", "").lower()


class RequestGuard:
    """Refuse cross-origin POSTs (403) and, when an access token is set, requests without it (401)."""

    def __init__(self, app: ASGIApp, refuse, access_token: str | None = None) -> None:
        self.app, self.refuse, self.access_token = app, refuse, access_token

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        if self.access_token and not scope["path"].startswith(OPEN_PATHS):
            given = request.query_params.get("token")
            if same(given, self.access_token) and scope["method"] in SAFE_METHODS:
                # the link the server printed: remember the token in a cookie and drop it from the address
                query = urlencode([(k, v) for k, v in request.query_params.multi_items() if k != "token"])
                response = RedirectResponse(scope["path"] + (f"?{query}" if query else ""), status_code=303)
                response.set_cookie(TOKEN_COOKIE, self.access_token, httponly=True, samesite="strict", path="/",
                                    secure=scope.get("scheme") == "https")
                await response(scope, receive, send)
                return
            bearer = request.headers.get("authorization", "")
            token = bearer[7:].strip() if bearer.lower().startswith("bearer ") else request.cookies.get(TOKEN_COOKIE)
            if not same(token, self.access_token):
                log.info("refused %s %s: no valid access token", scope["method"], scope["path"])
                await self.refuse(request, "serve_token_required", 401)(scope, receive, send)
                return
        if cross_origin(scope):
            log.info("refused cross-origin %s %s", scope["method"], scope["path"])
            await self.refuse(request, "serve_cross_origin", 403)(scope, receive, send)
            return
        await self.app(scope, receive, send)


# -- upload folders ------------------------------------------------------------------------------
def upload_root(tmp_root: str | None) -> Path:
    return Path(tmp_root or tempfile.gettempdir())


def request_folder(tmp_root: str | None) -> tempfile.TemporaryDirectory:
    """A fresh folder for one request's upload(s), named after this server's pid."""
    return tempfile.TemporaryDirectory(prefix=f"{UPLOAD_PREFIX}{os.getpid()}-", dir=tmp_root)


def _pid_of(folder: Path) -> int | None:
    rest = folder.name[len(UPLOAD_PREFIX):]
    pid = rest.split("-", 1)[0]
    return int(pid) if pid.isdigit() else None


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True
    return True


def remove_uploads(tmp_root: str | None, pid: int | None = None) -> int:
    """Remove upload folders of server ``pid`` (default: this one); with ``pid=-1`` those of servers that are gone."""
    root = upload_root(tmp_root)
    own = os.getpid() if pid is None else pid
    removed = 0
    try:
        candidates = list(root.glob(f"{UPLOAD_PREFIX}*"))
    except OSError:
        return 0
    for folder in candidates:
        folder_pid = _pid_of(folder)
        if folder_pid is None or not folder.is_dir() or folder.is_symlink():
            continue
        if hasattr(os, "getuid") and folder.stat().st_uid != os.getuid():
            continue
        stale = own == -1 and folder_pid != os.getpid() and not _running(folder_pid)
        if folder_pid == own or stale:
            shutil.rmtree(folder, ignore_errors=True)
            removed += 1
    return removed

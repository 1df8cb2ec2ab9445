"""The web application: an upload page, a report page and ``POST /api/analyse`` (Starlette).

Routes
    GET  /                 upload page (Dutch; ``?lang=en`` for English)
    POST /analyse          the form target: the report page, or an error page
    POST /api/analyse      the JSON contract (genderscan.report.Report), or ``{"error": {code, message}}``
    GET  /compare          upload page for two versions (old, new) of one vision
    POST /compare          the form target: the comparison page, or an error page
    POST /api/compare      genderscan compare's JSON (genderscan.compare.Comparison), or ``{"error": {code, message, field}}``
    GET  /api/health       ready check
    GET  /openapi.json     the API description
    GET  /static/...       the page's own CSS and JavaScript (no external requests)
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import logging
import re
import secrets
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path

from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from genderscan import __version__
from genderscan import formats as output_formats
from genderscan.analyser import Analyser
from genderscan.compare import compare_reports, render_comparison
from genderscan.config import Config
from genderscan.errors import GenderscanError
from genderscan.i18n import LANGUAGES, message
from genderscan.report import FORMATS
from genderscan.serve.comparison import VERSIONS, comparison_context
from genderscan.serve.guard import RequestGuard, remove_uploads, request_folder, same
from genderscan.serve.openapi import openapi_document
from genderscan.serve.result import result_page
from genderscan.serve.upload import MB, UploadError, format_mb, receive_upload, receive_uploads
from genderscan.serve.worker import Outcome, WorkerPool
from genderscan.workers import WorkerLimits

log = logging.getLogger("genderscan.serve")

# Status code per message code for errors raised by the readers (after the upload was accepted).
READ_ERROR_STATUS = 422
SERVER_ERRORS = {"analysis_crashed", "worker_start_failed", "serve_internal_error"}
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'{styles}; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)


@dataclass
class Settings:
    max_bytes: int = 50 * MB
    workers: int = 1
    config: Config = field(default_factory=Config)
    allowed_hosts: list[str] | None = None  # None: any Host header (tests); the CLI pins loopback names
    tmp_root: str | None = None  # parent of the per-request temporary folders (None: the system default)
    limits: WorkerLimits = field(default_factory=WorkerLimits)  # time per analysis, memory per worker
    upload_seconds: float | None = 120  # the whole request body must arrive within this time
    access_token: str | None = None  # required (Bearer or cookie) when set: the CLI sets it for non-loopback binds


class SecurityHeaders:
    """Add security headers to every response; a route may set its own Content-Security-Policy."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(msg: Message) -> None:
            if msg["type"] == "http.response.start":
                headers = list(msg.get("headers", []))
                names = {k.lower() for k, _ in headers}
                extra = {
                    b"content-security-policy": CSP.format(styles="").encode(),
                    b"x-content-type-options": b"nosniff",
                    b"referrer-policy": b"no-referrer",
                    b"x-frame-options": b"DENY",
                    b"cross-origin-opener-policy": b"same-origin",
                    b"cross-origin-resource-policy": b"same-origin",
                    b"permissions-policy": b"camera=(), microphone=(), geolocation=(), interest-cohort=()",
                    b"cache-control": b"no-store",
                }
                headers += [(k, v) for k, v in extra.items() if k not in names]
                msg["headers"] = headers
            await send(msg)

        await self.app(scope, receive, send_with_headers)


class _App(Starlette):
    """Starlette with the security headers outside everything, so error pages (500 too) get them,
    and a lifespan that reports a start-up error (a missing model, a broken rule pack) as one line."""

    startup: Callable[[], Awaitable[None]] | None = None
    shutdown: Callable[[], None] = staticmethod(lambda: None)

    def build_middleware_stack(self) -> ASGIApp:
        return SecurityHeaders(super().build_middleware_stack())

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "lifespan" or self.startup is None:
            await super().__call__(scope, receive, send)
            return
        await receive()  # lifespan.startup
        try:
            await self.startup()
        except GenderscanError as exc:
            self.shutdown()
            await send({"type": "lifespan.startup.failed", "message": f"genderscan: {exc.message()}"})
            return
        except BaseException:
            self.shutdown()
            raise
        await send({"type": "lifespan.startup.complete"})
        await receive()  # lifespan.shutdown
        self.shutdown()
        await send({"type": "lifespan.shutdown.complete"})


def _status(code: str) -> int:
    """HTTP status of an analysis that did not give a report: our fault (500) or the document's (422)."""
    return 500 if code in SERVER_ERRORS else READ_ERROR_STATUS


def _lang(value: str | None) -> str:
    return value if value in LANGUAGES else "nl"


def _style_hashes(html: str) -> str:
    """CSP sources for the inline <style> blocks of a report page (so no 'unsafe-inline' is needed)."""
    hashes = []
    for css in re.findall(r"<style[^>]*>(.*?)</style>", html, flags=re.S | re.I):
        digest = base64.b64encode(hashlib.sha256(css.encode("utf-8")).digest()).decode()
        hashes.append(f" 'sha256-{digest}'")
    return "".join(sorted(set(hashes)))


class _Site:
    """The route handlers of one server: its settings, its analysis workers and its CSRF token."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.analyser = WorkerPool(settings.config, settings.workers, settings.limits)
        self.csrf_token = secrets.token_urlsafe(32)  # per server start; another site cannot read it from the page
        self.templates = Environment(loader=PackageLoader("genderscan.serve", "templates"), autoescape=select_autoescape(["html", "j2"]))

    def page(self, template: str, lang: str, status: int = 200, csp: str | None = None, **context) -> HTMLResponse:
        def t(code: str, **params) -> str:
            return message(code, lang, **params)

        context.setdefault("here", "/")
        context.setdefault("field", None)
        html = self.templates.get_template(template).render(
            lang=lang, other_lang="en" if lang == "nl" else "nl", t=t, version=__version__, csrf=self.csrf_token,
            limit_mb=format_mb(self.settings.max_bytes), max_bytes=self.settings.max_bytes, **context,
        )
        headers = {"Content-Security-Policy": csp} if csp else None
        return HTMLResponse(html, status_code=status, headers=headers)

    def error_body(self, code: str, params: dict, lang: str, field: str | None = None) -> dict:
        body = {"code": code, "message": message(code, lang, **params)}
        if field:
            body["field"] = field
        return {"error": body}

    def check_form(self, fields: dict[str, str], form: bool) -> None:
        """A form post must carry this server's CSRF token (the API is protected by the Origin check)."""
        if form and not same(fields.get("csrf"), self.csrf_token):
            raise UploadError("serve_csrf_invalid", status=403)

    async def analyse_request(self, request: Request, formats: tuple[str, ...], form: bool = False) -> tuple[str, str, Outcome, int]:
        """Receive, analyse, clean up. Returns (lang, name, outcome, size); raises UploadError.

        ``form``: the upload page's form, which carries the CSRF token and may send text (field
        ``text``, the text box) instead of a file.
        """
        lang = _lang(request.query_params.get("lang"))
        started = time.perf_counter()
        with request_folder(self.settings.tmp_root) as folder:
            try:
                upload, fields = await receive_upload(request, Path(folder), self.settings.max_bytes, paste="text" if form else None,
                                                      seconds=self.settings.upload_seconds)
                self.check_form(fields, form)
            except UploadError as exc:
                if exc.code == "upload_disconnected":
                    log.info("the client went away during an upload")
                else:
                    log.info("refused upload %s: %s", exc.params.get("path", "?"), exc.code)
                raise
            lang = _lang(fields.get("lang") or request.query_params.get("lang"))
            if upload.pasted:
                upload.name = message("serve_pasted_name", lang)
            outcome = await self.analyser.run(str(upload.path), upload.name, lang, formats)
        # The temporary folder (and the upload in it) is gone before the response is sent.
        seconds = time.perf_counter() - started
        if outcome.error:
            log.info("could not read %s (%d bytes): %s", upload.name, upload.size, outcome.error[0])
        else:
            log.info("analysed %s (%d bytes) in %.1f s", upload.name, upload.size, seconds)
        return lang, upload.name, outcome, upload.size

    async def compare_request(self, request: Request, form: bool = False) -> tuple[str, dict, dict]:
        """Receive both versions, analyse them, clean up. Returns (lang, uploads, outcomes by field); raises UploadError."""
        lang = _lang(request.query_params.get("lang"))
        started = time.perf_counter()
        with request_folder(self.settings.tmp_root) as folder:
            try:
                uploads, fields = await receive_uploads(request, Path(folder), self.settings.max_bytes, VERSIONS, seconds=self.settings.upload_seconds)
                self.check_form(fields, form)
            except UploadError as exc:
                log.info("refused %s upload %s: %s", exc.field or "compare", exc.params.get("path", "?"), exc.code)
                raise
            lang = _lang(fields.get("lang") or request.query_params.get("lang"))
            results = await asyncio.gather(*(self.analyser.run(str(u.path), u.name, lang, ()) for u in uploads.values()))
        # The temporary folder (both uploads) is gone before the response is sent.
        outcomes = dict(zip(uploads, results))
        for field_name, upload in uploads.items():
            error = outcomes[field_name].error
            if error:
                log.info("could not read %s version %s (%d bytes): %s", field_name, upload.name, upload.size, error[0])
        if not any(o.error for o in outcomes.values()):
            log.info("compared %s (%d bytes) with %s (%d bytes) in %.1f s", uploads["old"].name, uploads["old"].size,
                     uploads["new"].name, uploads["new"].size, time.perf_counter() - started)
        return lang, uploads, outcomes

    def first_error(self, outcomes: dict) -> tuple[str, str, dict, int] | None:
        """(field, code, params, status) of the first version that could not be analysed (old before new)."""
        for field_name in VERSIONS:
            if outcomes[field_name].error:
                code, params = outcomes[field_name].error
                return field_name, code, params, _status(code)
        return None

    async def index(self, request: Request) -> Response:
        return self.page("index.html.j2", _lang(request.query_params.get("lang")), here="/")

    async def compare_index(self, request: Request) -> Response:
        return self.page("compare.html.j2", _lang(request.query_params.get("lang")), here="/compare")

    async def compare_page(self, request: Request) -> Response:
        lang = _lang(request.query_params.get("lang"))
        try:
            lang, uploads, outcomes = await self.compare_request(request, form=True)
        except UploadError as exc:
            return self.page("error.html.j2", lang, status=exc.status, code=exc.code, message=exc.message(lang),
                        field=exc.field, here="/compare")
        failed = self.first_error(outcomes)
        if failed:
            field_name, code, params, status = failed
            return self.page("error.html.j2", lang, status=status, code=code, message=message(code, lang, **params),
                        field=field_name, here="/compare")
        comparison = compare_reports(outcomes["old"].report, outcomes["new"].report)
        # the rule set (for the checklist) may load on the first compare: not on the event loop
        checklist = await asyncio.to_thread(lambda: Analyser(self.settings.config).checklist)
        return self.page("compare_result.html.j2", lang, here="/compare", **comparison_context(comparison, lang, checklist))

    async def compare_api(self, request: Request) -> Response:
        lang = _lang(request.query_params.get("lang"))
        try:
            lang, _, outcomes = await self.compare_request(request)
        except UploadError as exc:
            return JSONResponse(self.error_body(exc.code, exc.params, lang, exc.field), status_code=exc.status)
        failed = self.first_error(outcomes)
        if failed:
            field_name, code, params, status = failed
            return JSONResponse(self.error_body(code, params, lang, field_name), status_code=status)
        comparison = compare_reports(outcomes["old"].report, outcomes["new"].report)
        return Response(render_comparison(comparison, "json", lang), media_type="application/json")

    async def analyse_page(self, request: Request) -> Response:
        lang = _lang(request.query_params.get("lang"))
        try:
            lang, name, outcome, _ = await self.analyse_request(request, FORMATS, form=True)
        except UploadError as exc:
            return self.page("error.html.j2", lang, status=exc.status, code=exc.code, message=exc.message(lang))
        if outcome.error:
            code, params = outcome.error
            status = _status(code)
            return self.page("error.html.j2", lang, status=status, code=code, message=message(code, lang, **params))
        stem = re.sub(r"[^\w.-]+", "_", Path(name).stem)[:80] or "rapport"
        downloads = []
        for fmt, text in outcome.rendered.items():
            ext = output_formats.extension(fmt)
            data = base64.b64encode(text.encode("utf-8")).decode()
            downloads.append({
                "format": fmt,
                "label": message(f"serve_format_{fmt}", lang),
                "filename": f"{stem}-genderscan.{ext}",
                "href": f"data:{output_formats.media_type(fmt)};charset=utf-8;base64,{data}",
            })
        # The report itself, in the page (serve/result.py); its inline CSS is allowed by hash.
        assert outcome.report is not None  # no error: a report
        # rendering the whole report takes a moment: off the event loop, so other requests are served meanwhile
        html = await asyncio.to_thread(result_page, outcome.report, lang, t=lambda code, **params: message(code, lang, **params),
                                       other_lang="en" if lang == "nl" else "nl", here="/", version=__version__, name=name, downloads=downloads)
        return HTMLResponse(html, headers={"Content-Security-Policy": CSP.format(styles=_style_hashes(html))})

    async def analyse_api(self, request: Request) -> Response:
        lang = _lang(request.query_params.get("lang"))
        try:
            lang, _, outcome, _ = await self.analyse_request(request, ())
        except UploadError as exc:
            return JSONResponse(self.error_body(exc.code, exc.params, lang), status_code=exc.status)
        if outcome.error:
            code, params = outcome.error
            return JSONResponse(self.error_body(code, params, lang), status_code=_status(code))
        assert outcome.report is not None  # no error: a report
        return Response(outcome.report.model_dump_json(), media_type="application/json")

    async def health(self, request: Request) -> Response:
        return JSONResponse({"status": "ok", "version": __version__, "max_upload_bytes": self.settings.max_bytes, "formats": list(FORMATS)})

    async def openapi(self, request: Request) -> Response:
        return JSONResponse(openapi_document(self.settings.max_bytes))

    async def http_error(self, request: Request, exc: HTTPException) -> Response:
        lang = _lang(request.query_params.get("lang"))
        code = "serve_not_found" if exc.status_code == 404 else "serve_bad_request"
        if request.url.path.startswith("/api/"):
            return JSONResponse(self.error_body(code, {}, lang), status_code=exc.status_code)
        return self.page("error.html.j2", lang, status=exc.status_code, code=code, message=message(code, lang))

    async def server_error(self, request: Request, exc: Exception) -> Response:
        # A bug, not the user's fault. Log the kind of error only: a message could quote the document.
        log.error("internal error on %s: %s", request.url.path, type(exc).__name__)
        lang = _lang(request.query_params.get("lang"))
        if isinstance(exc, GenderscanError):
            body = self.error_body(exc.code, exc.params, lang)
        else:
            body = self.error_body("serve_internal_error", {}, lang)
        if request.url.path.startswith("/api/"):
            return JSONResponse(body, status_code=500)
        return self.page("error.html.j2", lang, status=500, code=body["error"]["code"], message=body["error"]["message"])

    def refuse(self, request: Request, code: str, status: int) -> Response:
        """The answer of the request guard (cross-origin, no access token)."""
        lang = _lang(request.query_params.get("lang"))
        if request.url.path.startswith("/api/"):
            return JSONResponse(self.error_body(code, {}, lang), status_code=status)
        return self.page("error.html.j2", lang, status=status, code=code, message=message(code, lang))

    async def startup(self) -> None:
        stale = remove_uploads(self.settings.tmp_root, -1)
        if stale:
            log.info("removed %d upload folder(s) left by a server that was stopped", stale)
        await self.analyser.start()

    def shutdown(self) -> None:
        self.analyser.stop()
        remove_uploads(self.settings.tmp_root)


def create_app(settings: Settings | None = None) -> Starlette:
    settings = settings or Settings()
    site = _Site(settings)
    middleware = []
    if settings.allowed_hosts:
        middleware.append(Middleware(TrustedHostMiddleware, allowed_hosts=settings.allowed_hosts))
    middleware.append(Middleware(RequestGuard, refuse=site.refuse, access_token=settings.access_token))
    routes = [
        Route("/", site.index, methods=["GET"]),
        Route("/analyse", site.analyse_page, methods=["POST"]),
        Route("/api/analyse", site.analyse_api, methods=["POST"]),
        Route("/compare", site.compare_index, methods=["GET"]),
        Route("/compare", site.compare_page, methods=["POST"]),
        Route("/api/compare", site.compare_api, methods=["POST"]),
        Route("/api/health", site.health, methods=["GET"]),
        Route("/openapi.json", site.openapi, methods=["GET"]),
        Mount("/static", app=StaticFiles(packages=[("genderscan.serve", "static")]), name="static"),
    ]
    app = _App(
        routes=routes,
        middleware=middleware,
        exception_handlers={HTTPException: site.http_error, Exception: site.server_error},  # type: ignore[dict-item]
    )
    app.startup, app.shutdown = site.startup, site.shutdown
    app.state.settings = settings
    app.state.analyser = site.analyser
    return app

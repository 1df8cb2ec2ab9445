"""Receiving one upload: stream it to a temporary folder with a size limit, then recognise its type by content.

Nothing here trusts the file name: the type comes from the first bytes (``%PDF``,
a ZIP with ``word/document.xml`` for DOCX, ``<!DOCTYPE html``/``<html`` for HTML,
UTF-8 text for Markdown/text). The file name the browser sent is only used to show
the user which file a message is about (and to tell Markdown and HTML fragments
from plain text).

The upload page also has a text box: its text (form field ``text``) is stored as
a plain-text document when no file was sent (``paste``).
"""

from __future__ import annotations

import asyncio
import re
import time
import zipfile
from collections.abc import AsyncGenerator, AsyncIterator, Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from starlette.datastructures import UploadFile
from starlette.formparsers import MultiPartException, MultiPartParser
from starlette.requests import ClientDisconnect, Request

from genderscan.errors import InputError

MB = 1024 * 1024
CHUNK = 64 * 1024
TEXT_SUFFIXES = {".md": ".md", ".markdown": ".md", ".html": ".html", ".htm": ".html"}
HTML_START = (b"<!doctype html", b"<html")


class UploadError(InputError):
    """An upload the server refuses before analysis; ``status`` is the HTTP status code.

    ``field`` names the form field (``old``/``new``) when a form has more than one file.
    """

    def __init__(self, code: str, status: int = 400, **params) -> None:
        super().__init__(code, **params)
        self.status = status
        self.field: str | None = None


@dataclass
class Upload:
    path: Path  # the stored copy inside the request's temporary folder
    name: str  # the file name as the user knows it (for messages and the report)
    size: int
    pasted: bool = False  # text from the page's text box, not a file (``name`` is then a placeholder)


def display_name(filename: str | None) -> str:
    """The base name the browser sent, without folders or control characters, at most 200 characters."""
    name = PurePosixPath((filename or "").replace("\\", "/")).name
    name = re.sub(r"[\x00-\x1f\x7f]", "", name).strip()
    return name[:200] or "upload"


def format_mb(n: int) -> str:
    value = n / MB
    return f"{value:.0f}" if value >= 10 or value == int(value) else f"{value:.1f}"


async def _limited(stream: AsyncIterator[bytes], body_limit: int, file_limit: int, paste: bool = False,
                   seconds: float | None = None) -> AsyncGenerator[bytes, None]:
    """Pass the request body through, refusing it as soon as it exceeds ``body_limit`` bytes or, when the
    whole body has not arrived within ``seconds`` (a slow or stalled sender), with 408.

    With ``paste``, a body without a file part is pasted text, and the message says so.
    """
    total = 0
    file_part = False
    deadline = None if not seconds else time.monotonic() + seconds
    iterator = stream.__aiter__()
    while True:
        try:
            if deadline is None:
                chunk = await iterator.__anext__()
            else:
                chunk = await asyncio.wait_for(iterator.__anext__(), max(0.0, deadline - time.monotonic()))
        except StopAsyncIteration:
            return
        except TimeoutError:
            raise UploadError("upload_timeout", status=408, seconds=f"{seconds:g}") from None
        except ClientDisconnect:
            raise UploadError("upload_disconnected", status=400) from None
        total += len(chunk)
        file_part = file_part or b'; filename="' in chunk
        if total > body_limit:
            if paste and not file_part:
                raise UploadError("paste_too_large", status=413, limit=format_mb(file_limit))
            raise UploadError("upload_too_large", status=413, path="upload", limit=format_mb(file_limit))
        yield chunk


#: Starlette's multipart errors (by the start of their text) -> our message code.
MULTIPART_ERRORS = {
    "Missing boundary": "upload_malformed",
    "Invalid multipart": "upload_malformed",
    "The Content-Disposition": "upload_malformed",
    "Too many files": "upload_too_many_files",
    "Too many fields": "upload_too_many_fields",
    "Field exceeded": "upload_field_too_large",
    "Part exceeded": "upload_field_too_large",
}


async def receive_upload(request: Request, folder: Path, limit: int, paste: str | None = None,
                         seconds: float | None = None) -> tuple[Upload, dict[str, str]]:
    """Read the multipart form of ``request``; store its ``file`` field in ``folder``.

    With ``paste`` (a field name), a form without a file may send text in that field
    instead: it is stored as a plain-text document (``Upload.pasted``).
    Returns the upload and the other (text) form fields. Raises UploadError for a
    missing, too large, empty or unrecognised file, or empty or too large text.
    """
    uploads, fields = await receive_uploads(request, folder, limit, ("file",), paste=paste, seconds=seconds)
    return uploads["file"], fields


async def receive_uploads(
    request: Request, folder: Path, limit: int, names: tuple[str, ...], paste: str | None = None,
    seconds: float | None = None,
) -> tuple[dict[str, Upload], dict[str, str]]:
    """Read the multipart form of ``request``; store each file field in ``names`` in ``folder``.

    ``limit`` holds per file. Returns the uploads by field name and the other
    (text) form fields. Raises UploadError for a missing, too large, empty or
    unrecognised file, checking the fields in the order of ``names``; when there
    is more than one field, the error's ``field`` attribute says which one. The
    whole body must arrive within ``seconds`` (408 ``upload_timeout``).
    """
    many = len(names) > 1

    def refuse(code: str, status: int, name: str | None, **params) -> UploadError:
        error = UploadError(code, status=status, **params)
        error.field = name if many else None
        return error

    missing = f"upload_missing_{names[0]}" if many else "upload_missing"  # nothing at all: the first file is missing
    content_type = request.headers.get("content-type", "")
    if not content_type.startswith("multipart/form-data"):
        if not content_type and request.headers.get("content-length", "0") in ("", "0") and "transfer-encoding" not in request.headers:
            raise refuse(missing, 400, names[0])  # an empty POST: nothing was sent at all
        raise refuse("upload_not_multipart", 415, None, fields=", ".join(f"'{n}'" for n in names), type=content_type.split(";")[0] or "?")
    body_limit = limit * len(names) + 64 * 1024  # the multipart envelope adds a few hundred bytes per part
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > body_limit:
        if paste:  # the text box or a file? The first part's header says (it is in the first chunk).
            async for first in request.stream():
                if b'; filename="' not in first:
                    raise UploadError("paste_too_large", status=413, limit=format_mb(limit))
                break
        raise refuse("upload_too_large", 413, None, path="upload", limit=format_mb(limit))
    parser = MultiPartParser(request.headers, _limited(request.stream(), body_limit, limit, paste=bool(paste), seconds=seconds), max_files=len(names), max_fields=10,
                             max_part_size=body_limit if paste else 1024 * 1024)
    try:
        form = await parser.parse()
    except MultiPartException as exc:
        detail = str(exc)
        code = next((c for prefix, c in MULTIPART_ERRORS.items() if detail.startswith(prefix)), "upload_malformed")
        raise refuse(code, 400, None, files=len(names), fields=", ".join(f"'{n}'" for n in names)) from None
    uploads: dict[str, Upload] = {}
    heads: dict[str, bytes] = {}
    try:
        fields = {k: v for k, v in form.multi_items() if isinstance(v, str)}
        for field_name in names:
            file = form.get(field_name)
            if not isinstance(file, UploadFile) and not many and paste and paste in fields:
                return {field_name: _store_pasted(fields.pop(paste), folder, limit)}, fields
            if not isinstance(file, UploadFile):
                others = [k for k, v in form.multi_items() if isinstance(v, UploadFile) and k not in names]
                if others:  # a file was sent, under another name
                    raise refuse("upload_wrong_field", 400, field_name if many else None, got=others[0], expected=field_name)
                if many:
                    raise refuse(f"upload_missing_{field_name}", 400, field_name)
                raise refuse("upload_missing", 400, None)
            sub = folder / field_name if many else folder
            sub.mkdir(exist_ok=True)
            uploads[field_name], heads[field_name] = await _store_file(file, sub / "upload.bin", limit, refuse, field_name)
    finally:
        await form.close()
    for field_name, upload in uploads.items():
        _recognise(upload, heads[field_name], refuse, field_name if many else None)
    return uploads, fields


async def _store_file(file: UploadFile, target: Path, limit: int, refuse: Callable[..., UploadError], field_name: str) -> tuple[Upload, bytes]:
    """Copy one uploaded file to ``target``, refusing it past ``limit`` bytes. Returns it and its first bytes."""
    name = display_name(file.filename)
    size = 0
    head = b""
    with target.open("wb") as out:
        while chunk := await file.read(CHUNK):
            if not head:
                head = chunk[:2048]
            size += len(chunk)
            if size > limit:
                raise refuse("upload_too_large", 413, field_name, path=name, limit=format_mb(limit))
            out.write(chunk)
    return Upload(path=target, name=name, size=size), head


def _recognise(upload: Upload, head: bytes, refuse: Callable[..., UploadError], field_name: str | None) -> None:
    """Give a stored upload the suffix of its content; refuse an empty or unsupported one."""
    if upload.size == 0:
        raise refuse("empty_document", 400, field_name, path=upload.name)
    try:
        suffix = sniff(upload.path, head, upload.name)
    except UploadError as exc:
        exc.field = field_name
        raise
    upload.path = upload.path.rename(upload.path.with_name(f"upload{suffix}"))


def _store_pasted(text: str, folder: Path, limit: int) -> Upload:
    """The text box's text as a UTF-8 plain-text document in ``folder``."""
    data = text.replace("\r\n", "\n").encode("utf-8")
    if len(data) > limit:
        raise UploadError("paste_too_large", status=413, limit=format_mb(limit))
    if not text.strip():
        raise UploadError("paste_empty", status=400)
    target = folder / "upload.txt"
    target.write_bytes(data)
    return Upload(path=target, name="text", size=len(data), pasted=True)


def sniff(path: Path, head: bytes, name: str) -> str:
    """The suffix (a supported one) for the content of ``path``; UploadError when it is none of the supported types."""
    if b"%PDF-" in head[:1024]:
        return ".pdf"
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if start.startswith(HTML_START) or (start.startswith(b"<!--") and b"<html" in head.lower()):
        return ".html"  # the HTML reader decodes UTF-8 and Windows-1252 itself
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(path) as archive:
                if "word/document.xml" in archive.namelist():
                    return ".docx"
        except zipfile.BadZipFile:
            pass
        raise UploadError("upload_unknown_type", status=415, path=name)
    if _is_utf8_text(path):
        return TEXT_SUFFIXES.get(PurePosixPath(name.lower()).suffix, ".txt")
    raise UploadError("upload_unknown_type", status=415, path=name)


def _is_utf8_text(path: Path) -> bool:
    """UTF-8 (a BOM allowed), no NUL bytes and hardly any other control characters."""
    import codecs

    decoder = codecs.getincrementaldecoder("utf-8")()
    controls = total = 0
    with path.open("rb") as fh:
        while chunk := fh.read(CHUNK):
            if b"\x00" in chunk:
                return False
            try:
                text = decoder.decode(chunk)
            except UnicodeDecodeError:
                return False
            total += len(text)
            controls += sum(1 for c in text if ord(c) < 32 and c not in "\t\n\r\f")
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return False
    return controls <= total / 100

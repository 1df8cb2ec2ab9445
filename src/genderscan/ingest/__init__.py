"""Ingest: turn a file into a :class:`~genderscan.document.Document`.

One reader per format, chosen by file extension; every reader reports
unreadable input as an :class:`~genderscan.errors.InputError`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

from genderscan.document import Document
from genderscan.errors import InputError
from genderscan.limits import Limits, check_characters, check_pages

#: ``reader(path, data, sha256, limits)``; readers stop early when a limit is exceeded.
Reader = Callable[..., Document]


def _readers() -> dict[str, Reader]:
    from genderscan.ingest import docx, html, markdown, pdf, text

    return {
        ".pdf": pdf.read,
        ".docx": docx.read,
        ".md": markdown.read,
        ".markdown": markdown.read,
        ".html": html.read,
        ".htm": html.read,
        ".txt": text.read,
        ".text": text.read,
    }


def supported_suffixes() -> list[str]:
    return sorted(_readers())


def read_document(path: str | Path, limits: Limits | None = None) -> Document:
    """Read ``path`` into a Document, or raise InputError with a clear reason.

    ``limits`` bounds what is read (pages, characters, expanded archive size); by
    default the limits of :meth:`Limits.from_environment`.
    """
    path = Path(path)
    limits = limits or Limits.from_environment()
    if not path.exists():
        raise InputError("file_not_found", path=str(path))
    if not path.is_file():
        raise InputError("not_a_file", path=str(path))
    suffix = path.suffix.lower()
    reader = _readers().get(suffix)
    if reader is None:
        raise InputError("unsupported_format", path=str(path), suffix=suffix or "(geen)")
    try:
        data = path.read_bytes()
    except OSError as exc:  # no permission, a device, a vanished file
        raise InputError("unreadable_file", path=str(path), detail=exc.strerror or type(exc).__name__) from None
    return read_bytes(path, data, reader, limits)


def read_bytes(path: str | Path, data: bytes, reader: Reader, limits: Limits) -> Document:
    """The Document ``reader`` makes of ``data`` (the contents of a file called ``path``): an empty
    document is an InputError, and so is one over ``limits``. :func:`read_document` and the Python
    API's text input (:func:`genderscan.api.analyse_text`) both end here."""
    path = Path(path)
    if not data.strip():
        raise InputError("empty_document", path=str(path))
    sha256 = hashlib.sha256(data).hexdigest()
    document = reader(path, data, sha256, limits)
    if not any(block.text.strip() for block in document.blocks):
        raise InputError("empty_document", path=str(path))
    check_limits(document, limits)
    return document


def check_limits(document: Document, limits: Limits) -> None:
    """Pages and characters of a read (or cached) document against ``limits``."""
    check_pages(document.path, len(document.pages), limits)
    check_characters(document.path, len(document.text), limits)

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

Reader = Callable[[Path, bytes, str], Document]


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


def read_document(path: str | Path) -> Document:
    """Read ``path`` into a Document, or raise InputError with a clear reason."""
    path = Path(path)
    if not path.exists():
        raise InputError("file_not_found", path=str(path))
    if not path.is_file():
        raise InputError("not_a_file", path=str(path))
    suffix = path.suffix.lower()
    reader = _readers().get(suffix)
    if reader is None:
        raise InputError("unsupported_format", path=str(path), suffix=suffix or "(geen)")
    data = path.read_bytes()
    if not data.strip():
        raise InputError("empty_document", path=str(path))
    sha256 = hashlib.sha256(data).hexdigest()
    document = reader(path, data, sha256)
    if not any(block.text.strip() for block in document.blocks):
        raise InputError("empty_document", path=str(path))
    return document

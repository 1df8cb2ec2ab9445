"""Plain-text reader: UTF-8 (or cp1252) text; a form feed starts a new page.

Encoding: UTF-16 with a byte-order mark, else UTF-8. A file that is UTF-8 apart
from a few invalid bytes (more valid multi-byte characters than invalid bytes)
is read as UTF-8 with U+FFFD for those bytes and a warning (``invalid_utf8``),
not as cp1252 mojibake; a file with no valid multi-byte UTF-8 character at all
is read as cp1252 (Windows "ANSI").

Paragraphs end at blank lines (but a sentence cut by a blank line is re-joined),
headings are found heuristically (numbered lines, "Hoofdstuk ...", short
stand-alone lines), bullets become list items; see :mod:`.layout`.
"""

from __future__ import annotations

from pathlib import Path

from genderscan.document import Document, DocumentBuilder, Notice
from genderscan.errors import InputError
from genderscan.ingest.layout import add_lines
from genderscan.limits import Limits, check_characters

REPLACEMENT = "\ufffd"


def decode_counted(path: Path, data: bytes) -> tuple[str, int]:
    """The text of ``data`` and the number of invalid UTF-8 bytes replaced by U+FFFD (0 if none)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), 0
        except UnicodeDecodeError:
            pass
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = None
    if text is not None:
        if "\x00" in text:
            raise InputError("undecodable_text", path=str(path))
        return text, 0
    text = data.decode("utf-8-sig", errors="replace")
    genuine = data.count(b"\xef\xbf\xbd")  # U+FFFD written in the file itself
    bad = text.count(REPLACEMENT) - genuine  # invalid sequences replaced
    multibyte = sum(1 for c in text if c > "\x7f") - bad - genuine
    if multibyte > bad and "\x00" not in text:
        return text, bad
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        raise InputError("undecodable_text", path=str(path)) from None
    if "\x00" in text:
        raise InputError("undecodable_text", path=str(path))
    return text, 0


def decode(path: Path, data: bytes) -> str:
    return decode_counted(path, data)[0]


def decode_for(builder: DocumentBuilder, path: Path, data: bytes, limits: Limits | None = None) -> str:
    """:func:`decode`, noting replaced bytes on ``builder`` and checking the character limit."""
    limits = limits or Limits()
    if len(data) > 4 * limits.max_characters:  # more characters than the limit in any encoding: do not decode
        check_characters(str(path), limits.max_characters + 1, limits)
    text, bad = decode_counted(path, data)
    if bad:
        builder.warnings.append(Notice(code="invalid_utf8", params={"count": bad}))
    check_characters(str(path), len(text), limits)
    return text


def page_lines(text: str) -> list[tuple[str, int]]:
    """``(line, page)`` pairs; a form feed starts the next page."""
    pairs: list[tuple[str, int]] = []
    for number, page in enumerate(text.split("\f"), start=1):
        lines = page.splitlines() or [""]
        pairs.extend((line, number) for line in lines)
    return pairs


def read(path: Path, data: bytes, sha256: str, limits: Limits | None = None) -> Document:
    builder = DocumentBuilder(str(path), sha256, "txt")
    add_lines(builder, page_lines(decode_for(builder, path, data, limits)))
    return builder.build()

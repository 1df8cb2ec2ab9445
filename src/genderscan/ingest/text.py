"""Plain-text reader: UTF-8 (or cp1252) text; a form feed starts a new page.

Encoding (:mod:`genderscan.textcodec`, shared with SARIF's line numbers): UTF-16
with a byte-order mark, else UTF-8. A file that is UTF-8 apart from a few invalid
bytes (more valid multi-byte characters than invalid bytes) is read as UTF-8 with
U+FFFD for those bytes and a warning (``invalid_utf8``), not as cp1252 mojibake;
a file with no valid multi-byte UTF-8 character at all is read as cp1252
(Windows "ANSI").

Paragraphs end at blank lines (but a sentence cut by a blank line is re-joined),
headings are found heuristically (numbered lines, "Hoofdstuk ...", short
stand-alone lines), bullets become list items; see :mod:`.layout`.
"""

from __future__ import annotations

from pathlib import Path

from genderscan.document import Document, DocumentBuilder, Notice
from genderscan.ingest.layout import add_lines
from genderscan.limits import Limits, check_characters
from genderscan.textcodec import REPLACEMENT, decode, decode_counted

__all__ = ["REPLACEMENT", "decode", "decode_counted", "decode_for", "page_lines", "read"]

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

"""Decoding a plain-text file's bytes: the one decoder of the text reader (``ingest.text``) and of
SARIF's line numbers (``report.sarif``), so that both read a file the same way.

A leaf: it imports no stage or front end, so every stage may import it.

Encoding: UTF-16 with a byte-order mark, else UTF-8. A file that is UTF-8 apart
from a few invalid bytes (more valid multi-byte characters than invalid bytes)
is read as UTF-8 with U+FFFD for those bytes, not as cp1252 mojibake; a file
with no valid multi-byte UTF-8 character at all is read as cp1252 (Windows
"ANSI"). A NUL character or bytes that decode in none of these is an
:class:`~genderscan.errors.InputError` ``undecodable_text``.
"""

from __future__ import annotations

from pathlib import Path

from genderscan.errors import InputError

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
    """:func:`decode_counted` without the count."""
    return decode_counted(path, data)[0]

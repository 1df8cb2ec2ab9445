"""One escaping function per output format, for text that comes from a document or a file name.

Formats: Markdown (text and code spans), SARIF URIs, GitHub workflow commands,
CSV cells and the terminal.

Document text and file names are written by others: in a report they must stay
text. Every renderer that puts such text into Markdown, a SARIF URI, a GitHub
workflow command or a CSV cell goes through the function here (tested in
``tests/robustness/test_escaping.py``, also with generated input). HTML is
escaped by Jinja2's autoescape; the terminal renderer prints rich ``Text``
objects (no markup).
"""

from __future__ import annotations

import re
from pathlib import PureWindowsPath
from urllib.parse import quote

# --- Markdown (CommonMark / GitHub-flavoured) ----------------------------------------------

_MD_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_[]<>|#&~"})
#: A line that starts like a list item or a setext underline ("- ", "+ ", "1. ", "2) ", "=").
_MD_BLOCK_START = re.compile(r"^(?:([-+=])|(\d{1,9})([.)])(?=\s|$))")


def markdown_text(text: object) -> str:
    """Text that Markdown shows as written: markup characters escaped, on one line.

    ``<`` and ``>`` are escaped, so raw HTML (``<script>``, ``<img onerror=…>``) is
    shown as text; ``[`` and ``]`` are escaped, so no link (``javascript:`` or any
    other) can be formed; ``&`` is escaped, so no entity is decoded; line breaks
    become spaces and a leading list or heading marker is escaped, so no block
    (heading, quote, table row, list) can be started.
    """
    escaped = " ".join(str(text).split()).translate(_MD_SPECIAL)
    return _MD_BLOCK_START.sub(lambda m: "\\" + m.group(1) if m.group(1) else m.group(2) + "\\" + m.group(3), escaped)


def markdown_code(text: object) -> str:
    """``text`` as an inline code span that nothing can break out of (CommonMark 6.1).

    The fence is one backtick longer than the longest run of backticks inside,
    and a space pads text that starts or ends with a backtick. Line breaks
    become spaces (a code span is one line of a table or list item).
    """
    value = " ".join(str(text).splitlines()).replace("\x00", "\ufffd")
    longest = max((len(run) for run in re.findall(r"`+", value)), default=0)
    fence = "`" * (longest + 1)
    if value.startswith("`") or value.endswith("`") or (value.startswith(" ") and value.endswith(" ") and value.strip()):
        value = f" {value} "
    if not value:
        return "` `"
    return f"{fence}{value}{fence}"


# --- SARIF ---------------------------------------------------------------------------------

#: Characters that may stand in a URI path as they are (RFC 3986 pchar and "/"), besides letters and digits.
_URI_SAFE = "/-._~!$&'()*+,;=@"


def sarif_uri(path: str) -> str:
    """A file path as a SARIF ``artifactLocation.uri`` (a URI reference, RFC 3986).

    Forward slashes; spaces, ``%``, ``#``, ``?``, control and non-ASCII characters
    percent-encoded (UTF-8). A Windows drive path becomes ``file:///C:/…``; a
    relative path whose first part holds a ``:`` gets ``./`` so it is not read as a scheme.
    """
    text = str(path)
    windows = PureWindowsPath(text)
    if windows.drive and re.match(r"^[A-Za-z]:$", windows.drive):
        return "file:///" + windows.drive + quote(windows.as_posix()[len(windows.drive) :], safe=_URI_SAFE)
    posix = text.replace("\\", "/")  # as written: PurePath would drop "." segments ("a/./b" -> "a/b")
    encoded = quote(posix, safe=_URI_SAFE + ":")
    first = encoded.split("/", 1)[0]
    if ":" in first:
        encoded = "./" + encoded
    return encoded


# --- GitHub Actions workflow commands ------------------------------------------------------


def github_data(text: object) -> str:
    """The message part of ``::error …::message``: ``%``, CR and LF encoded, so one command stays one line."""
    return str(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def github_property(text: object) -> str:
    """A property value (``file=``, ``title=``): also ``:`` and ``,``, which end a property."""
    return github_data(text).replace(":", "%3A").replace(",", "%2C")


# --- CSV (spreadsheets) --------------------------------------------------------------------

#: A cell starting with one of these is read as a formula by Excel, LibreOffice and Google Sheets.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(text: object) -> str:
    """Free text for a CSV cell that a spreadsheet shows as text, not as a formula (CSV injection).

    A leading ``'`` is the spreadsheet convention for "this is text"; it is added only
    when the cell would start a formula.
    """
    value = str(text)
    return "'" + value if value.startswith(FORMULA_START) else value


# --- terminal ------------------------------------------------------------------------------

#: C0 controls except tab and newline, DEL and C1 controls: a file name or a report from elsewhere
#: could otherwise send escape sequences (colours, window titles, clipboard writes) to the terminal.
_TERMINAL = {c: chr(0x2400 + c) for c in range(0x20) if c not in (0x09, 0x0A)}
_TERMINAL.update({0x7F: "\u2421", **{c: "\ufffd" for c in range(0x80, 0xA0)}})


def terminal_text(text: object) -> str:
    """Text for a terminal: control characters shown as symbols (ESC as ␛), never executed."""
    return str(text).translate(_TERMINAL)

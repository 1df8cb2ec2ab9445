"""One registry of output formats: names, file extensions, media types and the ``-o`` suffixes that choose them.

Every front end reads it: ``analyse``/``compare``/``check`` infer ``-f`` from the
extension of ``-o``, ``batch`` names its per-document reports, the web page names
its downloads. Which formats a command can *write* is that command's own list
(``genderscan.report.FORMATS``, ``genderscan.compare.COMPARE_FORMATS``,
``genderscan.check.CHECK_FORMATS``); this module only says what each name means.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Format:
    name: str
    extension: str  # without the dot: what batch and the web page name a file of this format
    media_type: str
    suffixes: tuple[str, ...] = ()  # ``-o`` suffixes that select this format (lower case, with the dot)


REGISTRY: dict[str, Format] = {
    f.name: f
    for f in (
        Format("html", "html", "text/html", (".html", ".htm")),
        Format("markdown", "md", "text/markdown", (".md", ".markdown")),
        Format("json", "json", "application/json", (".json",)),
        Format("sarif", "sarif", "application/sarif+json", (".sarif",)),
        Format("csv", "csv", "text/csv", (".csv",)),
        Format("text", "txt", "text/plain", (".txt",)),
        Format("junit", "xml", "application/xml", (".xml",)),
        Format("github", "txt", "text/plain"),  # workflow commands on stdout
        Format("gitlab", "json", "application/json"),  # Code Quality report: a .json file
    )
}
#: Names accepted for a format besides its own.
ALIASES = {"md": "markdown"}


def canonical(name: str) -> str:
    """``md`` -> ``markdown``; any other name as given."""
    return ALIASES.get(name, name)


def extension(name: str) -> str:
    """The file extension of format ``name`` (an unknown format: the name itself)."""
    fmt = REGISTRY.get(canonical(name))
    return fmt.extension if fmt else name


def media_type(name: str) -> str:
    return REGISTRY[canonical(name)].media_type


def by_suffix(suffix: str) -> str | None:
    """The format an ``-o`` suffix selects (``.sarif`` -> sarif), or None."""
    suffix = suffix.lower()
    return next((f.name for f in REGISTRY.values() if suffix in f.suffixes), None)


def suffixes_of(names: tuple[str, ...]) -> list[str]:
    """The ``-o`` suffixes of the formats ``names`` (for a usage message)."""
    return [s for f in REGISTRY.values() if f.name in names for s in f.suffixes]

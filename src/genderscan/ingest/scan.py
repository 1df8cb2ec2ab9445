"""The one folder scanner: which files under the given paths are documents to analyse.

``batch`` and ``check`` (and so the pre-commit hook and the Action) both use
:func:`find_documents`: a file named explicitly is taken as given (its reader
reports an unsupported type); a folder is searched recursively, in sorted order,
for files whose suffix has a reader (:func:`genderscan.ingest.supported_suffixes`),
skipping hidden files and folders and anything under ``exclude``. A file reached
twice is listed once. ``check`` leaves web pages (:data:`WEB_PAGES`) out of its
folder search (a repository's built documentation is no policy document); named
explicitly, or in ``batch`` and the web page, they are read like the rest.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path


#: Suffixes of web pages: read by every front end, but not searched for by ``check``.
WEB_PAGES = (".html", ".htm")


def find_documents(paths: Iterable[str | Path], exclude: Iterable[Path] = (), web_pages: bool = True) -> list[Path]:
    """Files to analyse under ``paths`` (see the module doc)."""
    from genderscan.ingest import supported_suffixes

    wanted_suffixes = {s for s in supported_suffixes() if web_pages or s not in WEB_PAGES}
    skip = [e.resolve() for e in exclude]

    def wanted(found: Path, folder: Path) -> bool:
        if not found.is_file() or found.suffix.lower() not in wanted_suffixes:
            return False
        if any(part.startswith(".") for part in found.relative_to(folder).parts):
            return False
        resolved = found.resolve()
        return not any(resolved.is_relative_to(s) for s in skip)

    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found.extend(f for f in sorted(path.rglob("*")) if wanted(f, path))
        else:
            found.append(path)
    unique: list[Path] = []
    seen: set[Path] = set()
    for f in found:
        key = f.resolve()
        if key not in seen:
            seen.add(key)
            unique.append(f)
    return unique

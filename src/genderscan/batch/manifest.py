"""The manifest: which region and policy period a file belongs to.

A CSV with the columns ``region, centrumgemeente, title, period, path``
(``corpora/regiovisies.csv``). ``path`` is a local file (relative to the
manifest's folder or to the working folder) or a URL. Several regions can share
one vision; a file that matches several rows gets all their regions, joined
with "; ".
"""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from genderscan.errors import InputError

COLUMNS = ("region", "centrumgemeente", "title", "period", "path")


@dataclass
class Row:
    region: str
    centrumgemeente: str
    title: str
    period: str
    path: str
    line: int


@dataclass
class Manifest:
    source: Path
    rows: list[Row] = field(default_factory=list)

    def local_path(self, row: Row) -> Path | None:
        """The file of ``row`` if its ``path`` names a local file (not a URL)."""
        if not row.path or re.match(r"^[a-z][a-z0-9+.-]*://", row.path, re.I):
            return None
        p = Path(row.path).expanduser()
        if p.is_absolute():
            return p
        beside = self.source.parent / p
        return beside if beside.exists() or not p.exists() else p

    def local_files(self) -> list[Path]:
        files: list[Path] = []
        for row in self.rows:
            p = self.local_path(row)
            if p is not None and p not in files:
                files.append(p)
        return files

    def match(self, path: Path) -> list[Row]:
        """The rows that describe ``path``: by their path column, else by title or region in the file name."""
        resolved = path.resolve()
        by_path = [r for r in self.rows if (lp := self.local_path(r)) is not None and (lp.resolve() == resolved or lp.name == path.name)]
        if by_path:
            return by_path
        stem = slug(path.stem)
        by_title = [r for r in self.rows if r.title and stem in (slug(r.title), slug(f"{r.title} {r.period}"))]
        if by_title:
            return by_title
        by_region = [r for r in self.rows if r.region and slug(r.region) in stem]
        # the longest region name wins ("zuid-holland-zuid" over "holland")
        if by_region:
            longest = max(len(slug(r.region)) for r in by_region)
            return [r for r in by_region if len(slug(r.region)) == longest]
        return []


def slug(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def load_manifest(path: Path) -> Manifest:
    if not path.is_file():
        raise InputError("manifest_not_found", path=str(path))
    try:
        with open(path, encoding="utf-8-sig", newline="") as fh:
            reader = csv.DictReader(fh)
            header = [h.strip() for h in reader.fieldnames or []]
            missing = [c for c in COLUMNS if c not in header]
            if missing:
                raise InputError("manifest_columns", path=str(path), missing=", ".join(missing), columns=", ".join(COLUMNS))
            rows = [
                Row(**{c: (raw.get(c) or "").strip() for c in COLUMNS}, line=reader.line_num)
                for raw in ({(k or "").strip(): v for k, v in r.items()} for r in reader)
            ]
    except (UnicodeDecodeError, csv.Error) as exc:
        raise InputError("manifest_unreadable", path=str(path), detail=str(exc)) from None
    return Manifest(source=path, rows=rows)

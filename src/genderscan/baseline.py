"""Baselines: accepted problems that ``genderscan check`` no longer reports.

A baseline is a JSON file (``genderscan baseline create``) with one entry per
accepted problem::

    {"genderscan_baseline": 1, "created_with": "0.1.0", "entries": [
      {"file": "docs/regiovisie.txt", "kind": "pitfall", "id": "valkuil-genderneutraal",
       "rule": "valkuil-genderneutraal/ongeacht-geslacht", "fingerprint": "3f1c0a9e5b7d2c41",
       "page": 3, "text": "Ons beleid is genderneutraal ..."}]}

- ``file`` is relative to the folder of the baseline file (so it works in any checkout).
- ``fingerprint`` is the first 16 hex digits of the SHA-256 of the sentence,
  case- and accent-folded with whitespace collapsed: re-flowing a paragraph
  or changing capitals keeps it, rewording the sentence does not.
- What a baseline can suppress: pitfall sentences (by pitfall, rule,
  fingerprint and page) and missing required items (by item and the required
  level). It cannot suppress a score below ``min-score``: lower the threshold
  in the configuration instead, so the accepted level stays visible.
- Matching: every entry suppresses at most one problem; entries on the same
  page are matched first, then the rest regardless of page (a sentence that
  moved to another page stays accepted; a second copy of it is new).
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import defaultdict
from pathlib import Path
from typing import Final, Literal

from pydantic import BaseModel, Field, ValidationError

from genderscan import __version__
from genderscan.errors import GenderscanError
from genderscan.suppress import fingerprint_text

BASELINE_VERSION: Final = 1
DEFAULT_BASELINE = "genderscan-baseline.json"


def fingerprint(sentence: str) -> str:
    return hashlib.sha256(fingerprint_text(sentence).encode("utf-8")).hexdigest()[:16]


class Entry(BaseModel):
    file: str
    kind: Literal["pitfall", "missing-item"]
    id: str = Field(description="Pitfall or item ID.")
    rule: str = Field(description="Rule that found the sentence; 'require' for a missing item.")
    fingerprint: str
    page: int | None = None
    text: str | None = Field(default=None, description="The sentence, for the reader of the file (not used to match).")

    def key(self) -> tuple[str, str, str, str]:
        return (self.kind, self.id, self.rule, self.fingerprint)


class BaselineFile(BaseModel):
    genderscan_baseline: Literal[1] = BASELINE_VERSION
    created_with: str = __version__
    entries: list[Entry] = Field(default_factory=list)


def file_key(path: str | Path, baseline_path: Path) -> str:
    """``path`` relative to the baseline's folder, with forward slashes."""
    rel = os.path.relpath(Path(path).resolve(), baseline_path.resolve().parent)
    return Path(rel).as_posix()


class Baseline:
    def __init__(self, path: Path, data: BaselineFile) -> None:
        self.path = path
        self.data = data
        self._by_file: dict[str, list[Entry]] = defaultdict(list)
        for entry in data.entries:
            self._by_file[entry.file].append(entry)

    @classmethod
    def load(cls, path: Path) -> Baseline:
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise GenderscanError("baseline_not_found", path=str(path)) from None
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise GenderscanError("baseline_invalid", path=str(path), detail=str(exc)) from None
        try:
            return cls(path, BaselineFile.model_validate(raw))
        except ValidationError as exc:
            err = exc.errors()[0]
            detail = f"{'.'.join(str(p) for p in err['loc'])}: {err['msg']}"
            raise GenderscanError("baseline_invalid", path=str(path), detail=detail) from None

    def match(self, file: str | Path, problems: list) -> list:
        """The problems of ``file`` that this baseline accepts (each entry used once)."""
        pool = list(self._by_file.get(file_key(file, self.path), []))
        accepted: dict[int, object] = {}
        candidates = [p for p in problems if p.baselinable]
        for same_page in (True, False):
            for problem in candidates:
                if id(problem) in accepted:
                    continue
                for i, entry in enumerate(pool):
                    if entry.key() == problem.key() and (not same_page or entry.page == problem.page):
                        del pool[i]
                        accepted[id(problem)] = problem
                        break
        return list(accepted.values())


def write(path: Path, entries: list[Entry]) -> None:
    data = BaselineFile(entries=sorted(entries, key=lambda e: (e.file, e.kind, e.id, e.page or 0, e.fingerprint)))
    from genderscan.atomic import write_text

    write_text(path, json.dumps(data.model_dump(), indent=2, ensure_ascii=False) + "\n")

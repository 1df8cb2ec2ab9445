"""Gold files as ``genderscan evaluate`` and ``genderscan train`` both read them.

The one listing of a gold corpus (a folder: its ``*.yaml`` files, sorted; else the
file itself) and the one test for an entry that is not labelled yet (``genderscan
label`` writes them with an empty ``kind``). Scored or trained on, such an entry
would count as a negative. YAML only: no stage, no front end.
"""

from __future__ import annotations

from pathlib import Path

import yaml


def gold_files(path: str | Path) -> list[Path]:
    """The gold files of ``path``: a folder's ``*.yaml`` files in sorted order, or the file itself."""
    path = Path(path)
    return sorted(path.glob("*.yaml")) if path.is_dir() else [path]


def read_gold_file(path: Path) -> object:
    """The parsed YAML of one gold file ([] when it is empty); the caller checks its shape."""
    return yaml.safe_load(path.read_text(encoding="utf-8")) or []


def unlabelled(raw: dict) -> bool:
    """An entry whose ``kind`` is there but empty has not been labelled yet (``genderscan label`` writes them)."""
    return "kind" in raw and not str(raw["kind"] or "").strip()


def count_unlabelled(path: str | Path) -> int:
    """How many entries of a gold file or folder are not labelled yet (empty ``kind``)."""
    total = 0
    for f in gold_files(path):
        data = read_gold_file(f)
        total += sum(1 for raw in data if isinstance(raw, dict) and unlabelled(raw)) if isinstance(data, list) else 0
    return total

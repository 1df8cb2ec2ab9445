"""Where the shared seed texts are (beside the repository, as in CI)."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def seed_dir() -> Path:
    for base in (ROOT.parent / "shared", ROOT.parent.parent / "shared"):
        if (base / "seeds").is_dir():
            return base / "seeds"
    pytest.skip("shared/seeds not found beside the repository")


def seed(prefix: str) -> Path:
    return next(seed_dir().glob(f"{prefix}_*.txt"))

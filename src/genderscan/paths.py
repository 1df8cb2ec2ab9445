"""Where genderscan finds its data (rules) in a checkout and in an installed wheel."""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent


def default_rules_dir() -> Path:
    """The checklist rules: ``<repo>/rules`` in a checkout, packaged copy in a wheel."""
    packaged = PACKAGE_DIR / "_data" / "rules"
    if packaged.is_dir():
        return packaged
    return PACKAGE_DIR.parent.parent / "rules"

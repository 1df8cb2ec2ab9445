"""genderscan: toetst beleidsstukken over huiselijk geweld op gendersensitiviteit.

Python API (docs/api.md)::

    import genderscan
    report = genderscan.analyse("regiovisie.pdf")   # a path or a string of text -> Report
    report.to_frame()                               # pandas DataFrame, one row per item and pitfall
    genderscan.batch(["a.pdf", "b.pdf"])            # pandas DataFrame, one row per document

The names are loaded on first use, so ``import genderscan`` (and the command line) stay fast.
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"

__all__ = ["Report", "__version__", "analyse", "batch"]


def __getattr__(name: str) -> Any:
    if name == "analyse":
        from genderscan.api import analyse

        return analyse
    if name == "batch":
        # genderscan.batch is also the batch package; importing it makes that package callable
        # (see genderscan/batch/__init__.py), so genderscan.batch(...) works either way.
        import importlib

        return importlib.import_module("genderscan.batch")
    if name == "Report":
        from genderscan.report.model import Report

        return Report
    raise AttributeError(f"module 'genderscan' has no attribute {name!r}")

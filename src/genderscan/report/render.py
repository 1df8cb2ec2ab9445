"""Renderer registry: format name -> function(Report, lang) -> str."""

from __future__ import annotations

from collections.abc import Callable

from genderscan.errors import GenderscanError
from genderscan.report.model import Report

Renderer = Callable[[Report, str], str]


def _renderers() -> dict[str, Renderer]:
    from genderscan.report import json_format, text

    return {"text": text.render, "json": json_format.render}


FORMATS = ("text", "json")


def render(report: Report, fmt: str = "text", lang: str = "nl", **options) -> str:
    renderers = _renderers()
    if fmt not in renderers:
        raise GenderscanError("unknown_format", format=fmt, choices=", ".join(renderers))
    return renderers[fmt](report, lang, **options)

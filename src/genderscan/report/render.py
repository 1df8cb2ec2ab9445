"""Renderer registry: format name -> function(Report, lang, **options) -> str."""

from __future__ import annotations

from collections.abc import Callable

from genderscan.errors import GenderscanError
from genderscan.report.model import Report

Renderer = Callable[[Report, str], str]


def _renderers() -> dict[str, Renderer]:
    from genderscan.report import csv_format, html, json_format, markdown, sarif, text

    return {
        "text": text.render,
        "markdown": markdown.render,
        "html": html.render,
        "json": json_format.render,
        "sarif": sarif.render,
        "csv": csv_format.render,
    }


FORMATS = ("text", "markdown", "html", "json", "sarif", "csv")


def render(report: Report, fmt: str = "text", lang: str = "nl", **options) -> str:
    renderers = _renderers()
    if fmt not in renderers:
        raise GenderscanError("unknown_format", format=fmt, choices=", ".join(renderers))
    return renderers[fmt](report, lang, **options)

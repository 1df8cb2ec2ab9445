"""Jinja2 environments for the Markdown and HTML templates in ``report/templates``."""

from __future__ import annotations

from functools import cache

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape


@cache
def environment(kind: str) -> Environment:
    """``html`` autoescapes everything; ``markdown`` escapes with :func:`md_escape` where the template says so."""
    from genderscan.report.view import fmt_score

    env = Environment(
        loader=PackageLoader("genderscan.report", "templates"),
        autoescape=select_autoescape(enabled_extensions=("html.j2",), default_for_string=False, default=False)
        if kind == "html"
        else False,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["md"] = md_escape
    env.filters["oneline"] = lambda text: " ".join(str(text).split())
    env.globals["fmt_score"] = fmt_score
    env.globals["text_bar"] = text_bar
    return env


_MD_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_[]<>|#"})


def md_escape(text: object) -> str:
    """Escape characters that Markdown (CommonMark/GFM) would read as markup; keeps text on one line."""
    return " ".join(str(text).split()).translate(_MD_SPECIAL)


def text_bar(score: float, width: int = 10) -> str:
    """A score 0-100 as a bar of block characters (for Markdown and the terminal)."""
    filled = max(0, min(width, round(score * width / 100)))
    return "█" * filled + "░" * (width - filled)

"""Jinja2 environments for the Markdown and HTML templates in ``report/templates``."""

from __future__ import annotations

from functools import cache

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from genderscan.escape import markdown_code, markdown_text


@cache
def environment(kind: str) -> Environment:
    """``html`` autoescapes everything; ``markdown`` escapes with :func:`~genderscan.escape.markdown_text` where the template says so."""
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
    env.filters["md"] = markdown_text
    env.filters["code"] = markdown_code
    env.filters["oneline"] = lambda text: " ".join(str(text).split())
    env.globals["fmt_score"] = fmt_score
    env.globals["text_bar"] = text_bar
    return env


def text_bar(score: float, width: int = 10) -> str:
    """A score 0-100 as a bar of block characters (for Markdown and the terminal)."""
    filled = max(0, min(width, round(score * width / 100)))
    return "█" * filled + "░" * (width - filled)

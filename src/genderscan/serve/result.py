"""The report page: the HTML report itself, in the page (no frame), with the server's header, download buttons and footer.

``templates/result.html.j2`` extends the report's own template (``genderscan/report/templates/report.html.j2``),
so the page shows exactly what ``genderscan analyse --format html`` writes, and the report's links (contents,
items, skip link), print (A4, numbered pages) and phone layout work as in the file. Everything in it is escaped
by the report's Jinja environment; its inline CSS is allowed by hash in the page's Content-Security-Policy.
"""

from __future__ import annotations

from functools import cache

from jinja2 import ChoiceLoader, Environment, PackageLoader

from genderscan.report.html import page_context
from genderscan.report.model import Report
from genderscan.report.templating import environment


@cache
def _environment() -> Environment:
    report = environment("html")
    assert report.loader is not None
    return report.overlay(loader=ChoiceLoader([PackageLoader("genderscan.serve", "templates"), report.loader]))


def result_page(report: Report, lang: str, **context) -> str:
    """The page for ``report``; ``context`` holds the server's own variables (t, here, downloads, ...)."""
    return _environment().get_template("result.html.j2").render(**page_context(report, lang), lang=lang, **context)

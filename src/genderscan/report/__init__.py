"""Reports: the Report model (the JSON contract), building it, and renderers.

``build_report`` turns a scored analysis into a :class:`Report`; ``render``
turns a Report into text in one of ``FORMATS``. Renderers know nothing about
how anything was computed.
"""

from __future__ import annotations

from genderscan.report.build import build_report
from genderscan.report.model import Report, json_schema
from genderscan.report.render import FORMATS, render

__all__ = ["FORMATS", "Report", "build_report", "json_schema", "render"]

"""The comparison page: what the template ``compare_result.html.j2`` shows of a :class:`~genderscan.compare.Comparison`.

The numbers come from :func:`genderscan.compare.compare_reports`; the downloads
are ``genderscan compare``'s own renderings (Markdown, JSON, text), so the page
and the command line never disagree.
"""

from __future__ import annotations

import base64
import re
from pathlib import Path

from genderscan.compare import Comparison, render_comparison
from genderscan import formats as output_formats
from genderscan.checklist import Checklist
from genderscan.i18n import checklist_texts, load, message
from genderscan.report.view import fmt_score

VERSIONS = ("old", "new")  # the form fields, in the order their errors are reported
#: (format, file extension, media type) of the comparison's downloads (genderscan.formats).
DOWNLOADS = tuple((f, output_formats.extension(f), output_formats.media_type(f)) for f in ("markdown", "json", "text"))


def _codes(checklist: Checklist | None) -> dict[str, str]:
    from genderscan.checklist import load_checklist

    try:
        return {item.id: item.code for item in (checklist or load_checklist()).items}
    except Exception:  # noqa: BLE001 - codes are decoration; the IDs are shown anyway
        return {}


def _change_class(change: float) -> str:
    return "up" if change > 0 else "down" if change < 0 else "same"


def comparison_context(cmp: Comparison, lang: str, checklist: Checklist | None = None) -> dict:
    """Template variables: the comparison, rows ready to show, and data: links to download it."""
    t = lambda code, **kw: message(code, lang, **kw)  # noqa: E731
    texts = checklist_texts(lang)
    titles = {k: (v or {}).get("title", k) for k, v in texts.get("items", {}).items()}
    flag_titles = {k: (v or {}).get("title", k) for part in ("pitfalls", "hints") for k, v in (texts.get(part) or {}).items()}
    codes = _codes(checklist)
    qualifier_names = texts.get("qualifiers") or {}
    levels = [t(f"batch_level_{n}") for n in range(3)]
    ui = load(lang, "ui")

    def num(x: float, signed: bool = False) -> str:
        """As in the reports: one decimal, the language's decimal separator ("60,0"; changes "+5,0", "-2,5", "+0,0")."""
        return f"{x:+.1f}".replace(".", ui.get("decimal", ".")) if signed else fmt_score(x, ui)

    def level(checked: bool, n: int) -> str:
        return levels[n] if checked else t("batch_not_checked")

    items = [
        {
            "id": i.id,
            "code": codes.get(i.id, ""),
            "title": titles.get(i.id, i.id),
            "old": level(i.checked, i.old_level),
            "new": level(i.checked, i.new_level),
            "old_level": i.old_level,
            "new_level": i.new_level,
            "checked": i.checked,
            "change": f"{i.change:+d}" if i.change else t("compare_unchanged"),
            "change_class": _change_class(i.change),
        }
        for i in cmp.items
    ]
    areas = [
        {"id": a.id, "label": t("serve_compare_area", area=a.id), "old": num(a.old_score), "new": num(a.new_score),
         "change": num(a.change, signed=True), "change_class": _change_class(a.change)}
        for a in cmp.areas
    ]

    def evidence(rows) -> list[dict]:
        return [
            {"item": e.item, "title": titles.get(e.item) or flag_titles.get(e.item, e.item), "code": codes.get(e.item, ""),
             "page": e.page, "section": e.section, "text": e.text.replace("\n", " "), "counted": e.counted,
             "qualifiers": ", ".join(qualifier_names.get(q, q) for q in e.qualifiers)}
            for e in rows
        ]

    stem = re.sub(r"[^\w.-]+", "_", Path(cmp.new.path).stem)[:80] or "vergelijking"
    downloads = []
    for fmt, ext, media in DOWNLOADS:
        data = base64.b64encode(render_comparison(cmp, fmt, lang).encode("utf-8")).decode()
        downloads.append({"format": fmt, "label": t(f"serve_format_{fmt}"), "filename": f"{stem}-genderscan-vergelijking.{ext}",
                          "href": f"data:{media};charset=utf-8;base64,{data}"})
    return {
        "cmp": cmp,
        "old_score": num(cmp.old_score),
        "new_score": num(cmp.new_score),
        "score_change": num(cmp.score_change, signed=True),
        "score_class": _change_class(cmp.score_change),
        "areas": areas,
        "items": items,
        "changed": sum(1 for i in cmp.items if i.change),
        "added": evidence(cmp.added_evidence),
        "removed": evidence(cmp.removed_evidence),
        "pitfalls_added": [{"id": p, "title": flag_titles.get(p, p)} for p in cmp.pitfalls_added],
        "pitfalls_removed": [{"id": p, "title": flag_titles.get(p, p)} for p in cmp.pitfalls_removed],
        "downloads": downloads,
    }

"""SARIF 2.1.0 renderer: gaps, pitfalls and hints as results for code-scanning viewers.

- One ``reportingDescriptor`` per checklist item, pitfall and hint; its ``id`` is
  the item/pitfall/hint ID, which is also the folder of its rules in ``rules/``.
  The rules that fired are listed per result in ``properties.rules``.
- One result per gap: an item at level 0 (``warning``) or level 1 (``note``),
  per pitfall that fires (``warning``) and per hint (``note``). Items at level 2
  and items without rules give no result.
- Location: the document, and where a sentence belongs to the result (the
  evidence, or for an absent item a sentence that was found but did not count)
  a region with the sentence as ``snippet``. For text and Markdown files whose
  content still matches the analysed file, the region has real line/column
  numbers in that file (decoded as the text reader decodes it, ``genderscan.textcodec``); otherwise ``charOffset``/``charLength`` are offsets in
  genderscan's extracted text (the ``start``/``end`` of the JSON report) and
  the page is in ``region.properties`` and in the message.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from typing import Any

from genderscan.errors import InputError
from genderscan.escape import sarif_uri
from genderscan.report.model import Report
from genderscan.report.view import EvidenceView, ItemView, build_view
from genderscan.textcodec import decode

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
TEXT_FORMATS = ("txt", "md", "markdown")


class _SourceLines:
    """Finds a sentence in the original text file to give SARIF line/column numbers."""

    def __init__(self, report: Report) -> None:
        self.text: str | None = None
        path = Path(report.document.path)
        if report.document.format not in TEXT_FORMATS:
            return
        try:
            data = path.read_bytes()
        except OSError:
            return
        if hashlib.sha256(data).hexdigest() != report.document.sha256:
            return
        try:
            self.text = decode(path, data)  # as the text reader read it
        except InputError:
            return

    def region(self, quote: str) -> dict[str, int] | None:
        if self.text is None:
            return None
        words = quote.split()
        if not words:
            return None
        match = re.search(r"\s+".join(re.escape(w) for w in words), self.text)
        if match is None:
            return None
        start_line, start_col = self._line_col(match.start())
        end_line, end_col = self._line_col(match.end())
        return {"startLine": start_line, "startColumn": start_col, "endLine": end_line, "endColumn": end_col}

    def _line_col(self, offset: int) -> tuple[int, int]:
        assert self.text is not None
        line = self.text.count("\n", 0, offset) + 1
        column = offset - (self.text.rfind("\n", 0, offset) + 1) + 1
        return line, column


def _location(uri: str, e: EvidenceView | None, lines: _SourceLines) -> dict[str, Any]:
    physical: dict[str, Any] = {"artifactLocation": {"uri": uri, "index": 0}}
    if e is not None:
        region: dict[str, Any] = lines.region(e.quote) or {"charOffset": e.start, "charLength": e.end - e.start}
        region["snippet"] = {"text": e.quote}
        region["properties"] = {"page": e.page, **({"section": e.section} if e.section else {})}
        physical["region"] = region
    return {"physicalLocation": physical}


def _fingerprint(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:32]


def _descriptor(id_: str, title: str, description: str, help_text: str, level: str, properties: dict[str, Any]) -> dict[str, Any]:
    descriptor: dict[str, Any] = {
        "id": id_,
        "shortDescription": {"text": title},
        "defaultConfiguration": {"level": level},
        "properties": properties,
    }
    if description:
        descriptor["fullDescription"] = {"text": description}
    if help_text:
        descriptor["help"] = {"text": help_text}
    return descriptor


def _item_help(item: ItemView, ui: dict[str, Any], recommendation: str) -> str:
    parts = [recommendation] if recommendation else []
    example = item.example or {}
    if example.get("text"):
        parts.append(f"{ui['example']}: \u201c{example['text']}\u201d" + (f" ({example['source']})" if example.get("source") else ""))
    if item.sources:
        parts.append(f"{ui['sources']}: {'; '.join(item.sources)}")
    return "\n\n".join(parts)


def build_sarif(report: Report, lang: str = "nl") -> dict[str, Any]:
    from genderscan.i18n import checklist_texts

    view = build_view(report, lang)
    ui = view.ui
    texts = checklist_texts(view.lang)
    uri = sarif_uri(report.document.path)
    lines = _SourceLines(report)

    rules: list[dict[str, Any]] = []
    index: dict[str, int] = {}
    for item in view.items:
        t = texts.get("items", {}).get(item.id, {})
        full = ItemView(**{**item.__dict__, "example": t.get("example")})
        index[item.id] = len(rules)
        rules.append(
            _descriptor(
                item.id,
                f"{item.code} {item.title}".strip(),
                item.question,
                _item_help(full, ui, t.get("recommendation", "")),
                "warning",
                {"code": item.code, "area": item.area, "weight": item.weight, "tags": ["checklist", f"area-{item.area}"]},
            )
        )
    for kind, flags in (("pitfall", texts.get("pitfalls", {})), ("hint", texts.get("hints", {}))):
        for flag_id, t in flags.items():
            index[flag_id] = len(rules)
            rules.append(
                _descriptor(
                    flag_id,
                    t.get("title", flag_id),
                    t.get("explanation", ""),
                    t.get("recommendation", ""),
                    "warning" if kind == "pitfall" else "note",
                    {"tags": [kind]},
                )
            )

    results: list[dict[str, Any]] = []

    def add(rule_id: str, level: str, message: str, evidence: list[EvidenceView], properties: dict[str, Any]) -> None:
        first = evidence[0] if evidence else None
        result: dict[str, Any] = {
            "ruleId": rule_id,
            "level": level,
            "kind": "fail",
            "message": {"text": message},
            "locations": [_location(uri, first, lines)],
            "partialFingerprints": {"genderscanResult/v1": _fingerprint(rule_id, first.quote if first else "")},
            "properties": properties | {"rules": sorted({e.rule for e in evidence})},
        }
        if rule_id in index:
            result["ruleIndex"] = index[rule_id]
        if len(evidence) > 1:
            result["relatedLocations"] = [
                {"id": n, **_location(uri, e, lines), "message": {"text": f"{ui['page_short']} {e.page}: {e.quote}"}}
                for n, e in enumerate(evidence[1:], start=1)
            ]
        results.append(result)

    for item in view.items:
        if not item.checked or item.level >= 2:
            continue
        status = item.status_label.lower()
        if item.recommendation:
            message = ui["sarif_gap"].format(code=item.code, title=item.title, status=status, recommendation=item.recommendation)
        else:
            message = ui["sarif_gap_short"].format(code=item.code, title=item.title, status=status)
        evidence = item.counted if item.level == 1 else item.not_counted
        if item.level == 0 and evidence:
            e = evidence[0]
            message += " " + ui["sarif_not_counted"].format(code=item.code, title=item.title, page=e.page, reason=", ".join(e.reasons))
        add(item.id, "warning" if item.level == 0 else "note", message, evidence, {"level": item.level, "status": item.status})

    for kind, flags in (("pitfall", view.pitfalls), ("hint", view.hints)):
        for flag in flags:
            page = flag.evidence[0].page if flag.evidence else "?"
            message = ui["sarif_pitfall"].format(code=flag.code, title=flag.title, page=page, explanation=flag.explanation).strip()
            add(flag.id, "warning" if kind == "pitfall" else "note", message, flag.evidence, {"kind": kind})

    run_extra: dict[str, Any] = {}
    if report.warnings:  # notices while reading (a damaged page, replaced bytes): SARIF's tool notifications
        run_extra["invocations"] = [
            {
                "executionSuccessful": True,
                "toolExecutionNotifications": [
                    {"level": "warning", "message": {"text": w.message}, "descriptor": {"id": w.code}} for w in report.warnings
                ],
            }
        ]
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                **run_extra,
                "tool": {
                    "driver": {
                        "name": "genderscan",
                        "version": report.tool.version,
                        "semanticVersion": report.tool.version,
                        "language": view.lang,
                        "rules": rules,
                    }
                },
                "artifacts": [
                    {
                        "location": {"uri": uri},
                        "hashes": {"sha-256": report.document.sha256},
                        "properties": {"format": report.document.format, "pages": report.document.pages},
                    }
                ],
                "columnKind": "unicodeCodePoints",
                "results": results,
                "properties": {
                    "score": report.score,
                    "areas": {a.id: a.score for a in report.areas},
                    **({"analysedAt": report.analysed_at} if report.analysed_at else {}),
                    **({"confidence": view.confidence} if view.confidence else {}),
                },
            }
        ],
    }


def render(report: Report, lang: str = "nl", **_: object) -> str:
    return json.dumps(build_sarif(report, lang), ensure_ascii=False, indent=2) + "\n"


__all__ = ["build_sarif", "render"]

"""``genderscan check``: thresholds for CI, with baselines and annotations.

A *problem* is one of:

- ``score``: the document score is below ``min-score`` (not baselinable);
- ``missing-item``: a required item is below its required level (level 1
  "genoemd" unless ``item:2`` asks for "uitgewerkt"); an item genderscan has
  no rules for yet also counts as missing, with its own message;
- ``pitfall``: one sentence that makes a pitfall fire (one problem per
  sentence). It is an *error* with ``fail-on-pitfall`` and a *warning*
  otherwise (shown, never failing).

Exit codes (as Vale and ruff): 0 when no error-level problem is left after the
baseline, 1 when one is (0 with ``--no-exit``), 2 on usage or input errors
(a bad flag, configuration, baseline or unreadable file), whatever the rest.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from genderscan.escape import github_data as _escape_data
from genderscan.escape import github_property as _escape_property
from genderscan.baseline import Baseline, Entry, file_key, fingerprint
from genderscan.errors import GenderscanError
from genderscan.i18n import message
from genderscan.report import Report
from genderscan.settings import Settings, resolve
from genderscan.suppress import Source

EXIT_OK, EXIT_FAIL, EXIT_ERROR = 0, 1, 2
CHECK_FORMATS = ("text", "json", "github", "sarif")
#: What a folder given to check is searched for.
DOCUMENT_SUFFIXES = (".pdf", ".docx", ".md", ".markdown", ".txt")


@dataclass(eq=False)
class Problem:
    kind: Literal["score", "missing-item", "pitfall"]
    id: str
    rule: str
    severity: Literal["error", "warning"]
    message: str
    page: int | None = None
    line: int | None = None
    text: str | None = None
    fingerprint: str = ""
    baselined: bool = False

    @property
    def baselinable(self) -> bool:
        return self.kind != "score"

    def key(self) -> tuple[str, str, str, str]:
        return (self.kind, self.id, self.rule, self.fingerprint)

    def as_dict(self) -> dict:
        return {k: getattr(self, k) for k in ("kind", "id", "rule", "severity", "message", "page", "line", "text", "fingerprint", "baselined")}


@dataclass
class FileResult:
    path: str
    settings: Settings | None = None
    report: Report | None = None
    problems: list[Problem] = field(default_factory=list)
    error: str | None = None

    @property
    def new(self) -> list[Problem]:
        return [p for p in self.problems if not p.baselined]

    @property
    def failed(self) -> bool:
        return any(p.severity == "error" for p in self.new)


def expand_paths(paths: list[str | Path]) -> list[Path]:
    """Files as given, folders searched (sorted) for documents; hidden folders skipped."""
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for found in sorted(path.rglob("*")):
                rel = found.relative_to(path).parts
                if found.is_file() and found.suffix.lower() in DOCUMENT_SUFFIXES and not any(p.startswith(".") for p in rel):
                    files.append(found)
        else:
            files.append(path)
    return files


def display_path(path: Path) -> str:
    """Relative to the working directory when below it (what CI annotations need)."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return str(path)


def problems_for(report: Report, settings: Settings, source: Source | None) -> list[Problem]:
    from genderscan.checklist import load_checklist

    lang = settings.config.lang
    checklist = load_checklist()
    thresholds = settings.thresholds
    problems: list[Problem] = []
    if thresholds.min_score is not None and report.score < thresholds.min_score:
        problems.append(
            Problem("score", "min-score", "min-score", "error", message("check_score_below", lang, score=report.score, min_score=thresholds.min_score))
        )
    items = {i.id: i for i in report.items}
    for item_id, required in thresholds.require.items():
        item = items.get(item_id)
        code = checklist.item(item_id).code if checklist.item(item_id) else item_id
        if item is None or not item.checked:
            text = message("check_item_not_checked", lang, item=item_id, item_code=code)
        elif item.level < required:
            text = message("check_missing_item", lang, item=item_id, item_code=code, level=item.level, required=required)
        else:
            continue
        problems.append(Problem("missing-item", item_id, "require", "error", text, fingerprint=f"level>={required}"))
    codes = {p.id: p.code for p in checklist.pitfalls}
    severity = "error" if thresholds.fail_on_pitfall else "warning"
    for pitfall in report.pitfalls:
        for ev in pitfall.evidence:
            text = message("check_pitfall", lang, pitfall=pitfall.id, pitfall_code=codes.get(pitfall.id, ""), sentence=ev.text)
            problems.append(
                Problem(
                    "pitfall",
                    pitfall.id,
                    ev.rule,
                    severity,
                    text,
                    page=ev.page,
                    line=source.line_of(ev.text) if source else None,
                    text=ev.text,
                    fingerprint=fingerprint(ev.text),
                )
            )
    return problems


class _Baselines:
    """Baseline files loaded once each."""

    def __init__(self) -> None:
        self._loaded: dict[Path, Baseline] = {}

    def get(self, path: Path) -> Baseline:
        path = path.resolve()
        if path not in self._loaded:
            self._loaded[path] = Baseline.load(path)
        return self._loaded[path]


def check_file(path: Path, settings: Settings, baselines: _Baselines | None = None, use_baseline: bool = True) -> FileResult:
    """Analyse one file and list its problems; input errors are recorded, not raised."""
    from genderscan.errors import InputError
    from genderscan.pipeline import analyse

    result = FileResult(display_path(path), settings)
    try:
        result.report = analyse(path, settings.config)
    except InputError as exc:
        result.error = exc.message(settings.config.lang)
        return result
    result.problems = problems_for(result.report, settings, Source.of(path))
    if use_baseline and settings.baseline is not None:
        for problem in (baselines or _Baselines()).get(settings.baseline).match(path, result.problems):
            problem.baselined = True
    return result


def run_check(
    paths: list[str | Path],
    flags: dict | None = None,
    config_path: str | Path | None = None,
    use_baseline: bool = True,
) -> list[FileResult]:
    """Check every file under ``paths`` with the settings found for it."""
    files = expand_paths(paths)
    if not files:
        raise GenderscanError("check_no_files", paths=" ".join(str(p) for p in paths))
    baselines = _Baselines()
    results = []
    for path in files:
        settings = resolve(path, flags, config_path=config_path)
        results.append(check_file(path, settings, baselines, use_baseline))
    return results


def exit_code(results: list[FileResult], no_exit: bool = False) -> int:
    if any(r.error for r in results):
        return EXIT_ERROR
    if any(r.failed for r in results) and not no_exit:
        return EXIT_FAIL
    return EXIT_OK


def baseline_entries(results: list[FileResult], baseline_path: Path) -> list[Entry]:
    entries = []
    for r in results:
        for p in r.problems:
            if p.baselinable:
                entries.append(
                    Entry(file=file_key(r.path, baseline_path), kind=p.kind, id=p.id, rule=p.rule, fingerprint=p.fingerprint, page=p.page, text=p.text)
                )
    return entries


# --- output formats -------------------------------------------------------------------------


def render(results: list[FileResult], fmt: str, lang: str) -> str:
    if fmt == "text":
        return render_text(results, lang)
    if fmt == "json":
        return render_json(results)
    if fmt == "github":
        return render_github(results, lang)
    if fmt == "sarif":
        return render_sarif(results, lang)
    raise GenderscanError("unknown_format", format=fmt, choices=", ".join(CHECK_FORMATS))


def _where(p: Problem) -> str:
    return f":{p.line}" if p.line is not None else ""


def _summary(results: list[FileResult], lang: str) -> str:
    errors = sum(1 for r in results for p in r.new if p.severity == "error")
    warnings = sum(1 for r in results for p in r.new if p.severity == "warning")
    baselined = sum(1 for r in results for p in r.problems if p.baselined)
    failed_input = sum(1 for r in results if r.error)
    key = "check_summary_error" if failed_input else "check_summary_fail" if errors else "check_summary_pass"
    return message(key, lang, files=len(results), errors=errors, warnings=warnings, baselined=baselined, unreadable=failed_input)


def render_text(results: list[FileResult], lang: str) -> str:
    labels = {"error": message("check_label_error", lang), "warning": message("check_label_warning", lang)}
    lines = []
    for r in results:
        if r.error:
            lines.append(f"{r.path}: {message('check_label_input', lang)}: {r.error}")
            continue
        lines.append(f"{r.path}: " + message("check_file_score", lang, score=r.report.score))
        for p in r.new:
            page = " " + message("check_page", lang, page=p.page) if p.page is not None and p.line is None else ""
            lines.append(f"{r.path}{_where(p)}: {labels[p.severity]} [{p.id}] {p.message}{page}")
    lines.append(_summary(results, lang))
    return "\n".join(lines) + "\n"


def render_json(results: list[FileResult]) -> str:
    files = []
    for r in results:
        entry: dict = {"path": r.path, "error": r.error}
        if r.report is not None:
            entry.update(
                score=r.report.score,
                passed=not r.failed,
                thresholds=r.settings.thresholds.model_dump() if r.settings else None,
                problems=[p.as_dict() for p in r.problems],
                report=r.report.model_dump(mode="json"),
            )
        files.append(entry)
    return json.dumps({"passed": exit_code(results) == EXIT_OK, "files": files}, indent=2, ensure_ascii=False) + "\n"




def annotation(level: str, path: str, title: str, text: str, line: int | None = None) -> str:
    """One GitHub workflow command: ``::error file=...,line=...,title=...::message``."""
    props = [f"file={_escape_property(path)}"]
    if line is not None:
        props.append(f"line={line}")
    props.append(f"title={_escape_property(title)}")
    return f"::{level} {','.join(props)}::{_escape_data(text)}"


def render_github(results: list[FileResult], lang: str) -> str:
    """Annotations: a line for text sources; PDFs/DOCX have no lines, the page goes in the message."""
    out = []
    for r in results:
        if r.error:
            out.append(annotation("error", r.path, "genderscan", r.error))
            continue
        for p in r.new:
            text = p.message
            if p.line is None and p.page is not None:
                text += " " + message("check_page", lang, page=p.page)
            out.append(annotation(p.severity, r.path, f"genderscan {p.id}", text, p.line))
    out.append(_summary(results, lang))
    return "\n".join(out) + "\n"


def render_sarif(results: list[FileResult], lang: str) -> str:
    """One SARIF log with the runs that the report registry's ``sarif`` renderer makes per file."""
    from genderscan.report import FORMATS
    from genderscan.report import render as render_report

    if "sarif" not in FORMATS:
        raise GenderscanError("check_sarif_unavailable")
    log: dict | None = None
    for r in results:
        if r.report is None:
            continue
        one = json.loads(render_report(r.report, "sarif", lang))
        if log is None:
            log = one
        else:
            log.setdefault("runs", []).extend(one.get("runs", []))
    return json.dumps(log or {"version": "2.1.0", "runs": []}, indent=2, ensure_ascii=False) + "\n"


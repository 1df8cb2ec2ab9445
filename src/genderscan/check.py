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
from collections.abc import Sequence
from typing import Literal

from genderscan.escape import github_data as _escape_data
from genderscan.escape import github_property as _escape_property
from genderscan.escape import terminal_text
from genderscan.baseline import Baseline, Entry, file_key, fingerprint
from genderscan.errors import GenderscanError
from genderscan.exitcodes import ExitCode
from genderscan.i18n import message
from genderscan.report import Report
from genderscan.settings import Settings, resolve
from genderscan.suppress import Source

CHECK_FORMATS = ("text", "json", "github", "sarif", "gitlab", "junit")
#: What a folder given to check is searched for.


@dataclass(eq=False)
class Problem:
    kind: Literal["score", "missing-item", "pitfall", "unknown-id"]
    id: str
    rule: str
    severity: Literal["error", "warning"]
    message: str
    page: int | None = None
    line: int | None = None
    text: str | None = None
    fingerprint: str = ""
    baselined: bool = False
    code: str = ""  # A1 … D2, P1 … P4
    title: str = ""  # the item's or pitfall's title, in the run's language
    advice: str = ""  # what to do
    explain: str = ""  # the ID for `genderscan rules explain`

    @property
    def baselinable(self) -> bool:
        return self.kind in ("missing-item", "pitfall")

    @property
    def heading(self) -> str:
        """``P3 Het beleid is genderneutraal`` (code and title), else the ID."""
        return f"{self.code} {self.title}".strip() or self.id

    def key(self) -> tuple[str, str, str, str]:
        return (self.kind, self.id, self.rule, self.fingerprint)

    def as_dict(self) -> dict:
        keys = ("kind", "id", "code", "title", "rule", "severity", "message", "advice", "explain", "page", "line", "text", "fingerprint", "baselined")
        return {k: getattr(self, k) for k in keys}


@dataclass
class FileResult:
    path: str
    settings: Settings | None = None
    report: Report | None = None
    problems: list[Problem] = field(default_factory=list)
    error: str | None = None
    skipped: bool = False  # not a policy document by the include/exclude globs: not analysed

    @property
    def new(self) -> list[Problem]:
        return [p for p in self.problems if not p.baselined]

    @property
    def failed(self) -> bool:
        return any(p.severity == "error" for p in self.new)


def expand_paths(paths: Sequence[str | Path]) -> list[Path]:
    """Files as given, folders searched (sorted) for documents other than web pages; hidden ones skipped."""
    from genderscan.ingest.scan import find_documents

    return find_documents(paths, web_pages=False)


def display_path(path: Path) -> str:
    """Relative to the working directory when below it (what CI annotations need)."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return str(path)


def problems_for(report: Report, settings: Settings, source: Source | None, require: dict[str, int] | None = None) -> list[Problem]:
    """The problems of one report under ``settings`` (``require`` replaces the configured items, for baselines)."""
    from genderscan.analyser import Analyser
    from genderscan.i18n import checklist_texts

    lang = settings.config.lang
    checklist = Analyser(settings=settings).checklist
    texts = checklist_texts(lang)
    item_texts = texts.get("items") or {}
    pitfall_texts = texts.get("pitfalls") or {}
    thresholds = settings.thresholds
    problems: list[Problem] = []
    if thresholds.min_score is not None and report.score < thresholds.min_score and require is None:  # noqa: SIM102
        problems.append(
            Problem(
                "score",
                "min-score",
                "min-score",
                "error",
                message("check_score_below", lang, score=_num(report.score, lang), min_score=_num(thresholds.min_score, lang)),
                advice=message("check_score_advice", lang, gaps=", ".join(_codes(report.gaps[:3], checklist))),
            )
        )
    items = {i.id: i for i in report.items}
    for item_id, required in (thresholds.require if require is None else require).items():
        item = items.get(item_id)
        known = checklist.item(item_id)
        code = known.code if known else item_id
        t = item_texts.get(item_id) or {}
        title = t.get("title", item_id)
        if item is None or not item.checked:
            text = message("check_item_not_checked", lang, item=item_id, item_code=code, title=title)
        elif item.level < required:
            text = message("check_missing_item", lang, item=item_id, item_code=code, title=title, level=item.level, required=required)
        else:
            continue
        problems.append(
            Problem(
                "missing-item", item_id, "require", "error", text, fingerprint=f"level>={required}",
                code=code, title=title, advice=t.get("recommendation", ""), explain=item_id,
            )  # fmt: skip
        )
    if require is not None:  # only the items asked for
        return problems
    codes = {p.id: p.code for p in checklist.pitfalls}
    severity: Literal["error", "warning"] = "error" if thresholds.fail_on_pitfall else "warning"
    for pitfall in report.pitfalls:
        t = pitfall_texts.get(pitfall.id) or {}
        title = t.get("title", pitfall.id)
        for ev in pitfall.evidence:
            text = message("check_pitfall", lang, pitfall=pitfall.id, pitfall_code=codes.get(pitfall.id, ""), title=title, sentence=ev.text)
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
                    code=codes.get(pitfall.id, ""),
                    title=title,
                    advice=t.get("recommendation", ""),
                    explain=ev.rule,
                )
            )
    for notice in report.warnings:
        if notice.code == "inline_unknown_id":
            problems.append(Problem("unknown-id", "inline-disable", "inline-disable", "warning", notice.message, explain=""))
    return problems


def _num(value: float, lang: str) -> str:
    """A score as the reports write it: one decimal, the language's separator (``60,0``)."""
    from genderscan.i18n import LANGUAGES, load
    from genderscan.report.view import fmt_score

    return fmt_score(value, load(lang if lang in LANGUAGES else "nl", "ui"))


def _codes(item_ids: list[str], checklist) -> list[str]:
    return [checklist.item(i).code if checklist.item(i) else i for i in item_ids]


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
    from genderscan.analyser import Analyser
    from genderscan.errors import InputError

    result = FileResult(display_path(path), settings)
    if path.is_file() and not settings.selects(path):  # a missing file stays an input error
        result.skipped = True
        return result
    try:
        result.report = Analyser(settings=settings).analyse(path)
    except InputError as exc:
        result.error = exc.message(settings.config.lang)
        return result
    result.problems = problems_for(result.report, settings, Source.of(path))
    if use_baseline and settings.baseline is not None:
        for problem in (baselines or _Baselines()).get(settings.baseline).match(path, result.problems):
            problem.baselined = True
    return result


def run_check(
    paths: Sequence[str | Path],
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


def checked(results: list[FileResult]) -> list[FileResult]:
    """The results of the files that were checked (not skipped by include/exclude)."""
    return [r for r in results if not r.skipped]


def exit_code(results: list[FileResult], no_exit: bool = False) -> int:
    if any(r.error for r in results):
        return ExitCode.ERROR
    if any(r.failed for r in results) and not no_exit:
        return ExitCode.FAILED
    return ExitCode.OK


def every_finding(result: FileResult) -> list[Problem]:
    """Every current finding of a checked file: each pitfall sentence and each item below level 2,
    at every level it misses (so that a later ``require`` of level 1 or 2 is accepted too)."""
    if result.report is None or result.settings is None:
        return []
    problems = [p for p in result.problems if p.kind == "pitfall"]
    for item in result.report.items:
        for required in range(item.level + 1, 3) if item.checked else (1, 2):
            problems += problems_for(result.report, result.settings, None, require={item.id: required})
    return problems


def baseline_entries(results: list[FileResult], baseline_path: Path) -> list[Entry]:
    """What ``baseline create`` records: every current finding of every checked file."""
    entries = []
    for r in checked(results):
        for p in every_finding(r):
            if p.baselinable:
                entries.append(
                    Entry(file=file_key(r.path, baseline_path), kind=p.kind, id=p.id, rule=p.rule, fingerprint=p.fingerprint, page=p.page, text=p.text)
                )
    return entries


# --- output formats -------------------------------------------------------------------------


def render(results: list[FileResult], fmt: str, lang: str) -> str:
    renderers = {"text": render_text, "json": render_json, "github": render_github, "sarif": render_sarif, "gitlab": render_gitlab, "junit": render_junit}
    if fmt not in renderers:
        raise GenderscanError("unknown_format", format=fmt, choices=", ".join(CHECK_FORMATS))
    return renderers[fmt](results, lang)


def _where(p: Problem) -> str:
    return f":{p.line}" if p.line is not None else ""


def _summary(results: list[FileResult], lang: str) -> str:
    done = checked(results)
    errors = sum(1 for r in done for p in r.new if p.severity == "error")
    warnings = sum(1 for r in done for p in r.new if p.severity == "warning")
    baselined = sum(1 for r in done for p in r.problems if p.baselined)
    failed_input = sum(1 for r in done if r.error)
    key = "check_summary_error" if failed_input else "check_summary_fail" if errors else "check_summary_pass"
    text = message(key, lang, files=len(done), errors=errors, warnings=warnings, baselined=baselined, unreadable=failed_input)
    skipped = len(results) - len(done)
    if skipped:
        text += " " + message("check_summary_skipped", lang, skipped=skipped)
    return text


def _policy_note(results: list[FileResult], lang: str) -> str | None:
    """Said once when the default policy was applied (no threshold set anywhere)."""
    from genderscan.analyser import Analyser

    for r in checked(results):
        if r.settings is not None and r.settings.default_policy:
            codes = ", ".join(_codes(list(r.settings.thresholds.require), Analyser(settings=r.settings).checklist))
            return message("check_default_policy", lang, require=codes)
    return None


def _page(p: Problem, lang: str) -> str:
    return " " + message("check_page", lang, page=p.page) if p.page is not None and p.line is None else ""


def _details(p: Problem, lang: str) -> list[str]:
    """The lines below a problem: what to do, and where to read more."""
    lines = []
    if p.advice:
        lines.append(message("check_advice", lang, advice=" ".join(p.advice.split())))
    if p.explain:
        lines.append(message("check_explain", lang, id=p.explain))
    return lines


def render_text(results: list[FileResult], lang: str) -> str:
    labels = {"error": message("check_label_error", lang), "warning": message("check_label_warning", lang)}
    lines = []
    note = _policy_note(results, lang)
    if note:
        lines.append(note)
    for r in results:
        if r.skipped:
            lines.append(f"{r.path}: {message('check_skipped', lang)}")
            continue
        if r.error:
            lines.append(f"{r.path}: {message('check_label_input', lang)}: {r.error}")
            continue
        assert r.report is not None  # neither skipped nor failed
        lines.append(f"{r.path}: " + message("check_file_score", lang, score=_num(r.report.score, lang)))
        for p in r.new:
            lines.append(f"{r.path}{_where(p)}: {labels[p.severity]} [{p.id}] {p.message}{_page(p, lang)}")
            lines.extend(f"    {d}" for d in _details(p, lang))
    lines.append(_summary(results, lang))
    return terminal_text("\n".join(lines)) + "\n"


def render_json(results: list[FileResult], lang: str = "nl") -> str:
    files = []
    for r in results:
        entry: dict = {"path": r.path, "error": r.error, "skipped": r.skipped}
        if r.report is not None:
            entry.update(
                score=r.report.score,
                passed=not r.failed,
                thresholds=r.settings.thresholds.model_dump() if r.settings else None,
                default_policy=bool(r.settings and r.settings.default_policy),
                problems=[p.as_dict() for p in r.problems],
                report=r.report.model_dump(mode="json"),
            )
        files.append(entry)
    return json.dumps({"passed": exit_code(results) == ExitCode.OK, "files": files}, indent=2, ensure_ascii=False) + "\n"


def annotation(level: str, path: str, title: str, text: str, line: int | None = None) -> str:
    """One GitHub workflow command: ``::error file=...,line=...,title=...::message``."""
    props = [f"file={_escape_property(path)}"]
    if line is not None:
        props.append(f"line={line}")
    props.append(f"title={_escape_property(title)}")
    return f"::{level} {','.join(props)}::{_escape_data(text)}"


def _full_message(p: Problem, lang: str) -> str:
    """The message, the page (no line), the advice and the pointer to `rules explain`, one per line."""
    return "\n".join([p.message + _page(p, lang), *_details(p, lang)])


def render_github(results: list[FileResult], lang: str) -> str:
    """Annotations titled with code and title; the message carries the advice and `rules explain`.
    PDFs/DOCX have no lines: the page goes in the message."""
    out = []
    note = _policy_note(results, lang)
    if note:
        out.append(f"::notice title=genderscan::{_escape_data(note)}")
    for r in checked(results):
        if r.error:
            out.append(annotation("error", r.path, "genderscan", r.error))
            continue
        for p in r.new:
            out.append(annotation(p.severity, r.path, f"genderscan {p.heading}", _full_message(p, lang), p.line))
    out.append(_summary(results, lang))
    return "\n".join(out) + "\n"


def _problem_fingerprint(path: str, p: Problem) -> str:
    import hashlib

    return hashlib.sha256("\x1f".join((path, p.kind, p.id, p.rule, p.fingerprint or p.message)).encode()).hexdigest()


def render_sarif(results: list[FileResult], lang: str) -> str:
    """SARIF 2.1.0 of the check: one result per problem, as thresholds and baseline decide.

    Errors and warnings keep their level; problems accepted by the baseline are included with a
    suppression (viewers hide them) and ``baselineState: unchanged``, new ones are ``new``.
    Unreadable files are tool notifications. ``help`` holds the advice and the `rules explain` command.
    """
    from genderscan import __version__

    rules: dict[str, dict] = {}
    out_results = []
    notifications = []
    for r in checked(results):
        if r.error:
            notifications.append({"level": "error", "message": {"text": r.error}, "locations": [{"physicalLocation": {"artifactLocation": {"uri": r.path}}}]})
            continue
        for p in r.problems:
            if p.id not in rules:
                rule: dict = {"id": p.id, "name": p.id, "shortDescription": {"text": p.heading}}
                help_lines = _details(p, lang)
                if help_lines:
                    rule["help"] = {"text": "\n".join(help_lines)}
                if p.code:
                    rule["properties"] = {"code": p.code}
                rules[p.id] = rule
            region: dict = {}
            if p.line is not None:
                region["startLine"] = p.line
            if p.text:
                region["snippet"] = {"text": p.text}
            location: dict = {"physicalLocation": {"artifactLocation": {"uri": r.path}}}
            if region:
                location["physicalLocation"]["region"] = region
            result: dict = {
                "ruleId": p.id,
                "level": p.severity,
                "message": {"text": _full_message(p, lang)},
                "locations": [location],
                "partialFingerprints": {"genderscan/v1": _problem_fingerprint(r.path, p)},
                "baselineState": "unchanged" if p.baselined else "new",
                "properties": {"kind": p.kind, **({"page": p.page} if p.page is not None else {}), **({"code": p.code} if p.code else {})},
            }
            if p.baselined:
                result["suppressions"] = [{"kind": "external", "justification": "genderscan baseline"}]
            out_results.append(result)
    run = {
        "tool": {"driver": {"name": "genderscan", "version": __version__, "rules": list(rules.values())}},
        "invocations": [{"executionSuccessful": not any(r.error for r in results), "exitCode": exit_code(results), "toolExecutionNotifications": notifications}],
        "results": out_results,
    }
    log = {"$schema": "https://json.schemastore.org/sarif-2.1.0.json", "version": "2.1.0", "runs": [run]}
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"


def render_gitlab(results: list[FileResult], lang: str) -> str:
    """GitLab Code Quality report (a JSON array): the new problems (after the baseline); errors are
    ``major``, warnings ``minor``, unreadable files ``blocker``."""
    issues = []
    for r in checked(results):
        if r.error:
            issues.append({"description": r.error, "check_name": "genderscan-input", "fingerprint": _problem_fingerprint(r.path, Problem("score", "input", "input", "error", r.error)),
                           "severity": "blocker", "location": {"path": r.path, "lines": {"begin": 1}}})  # fmt: skip
            continue
        for p in r.new:
            issues.append(
                {
                    "description": f"{p.heading}: {_full_message(p, lang)}" if p.code else _full_message(p, lang),
                    "check_name": p.id,
                    "fingerprint": _problem_fingerprint(r.path, p),
                    "severity": "major" if p.severity == "error" else "minor",
                    "location": {"path": r.path, "lines": {"begin": p.line or 1}},
                }
            )
    return json.dumps(issues, indent=2, ensure_ascii=False) + "\n"


def render_junit(results: list[FileResult], lang: str) -> str:
    """JUnit XML: one test case per file; a failure lists its error-level problems, warnings go to
    system-out, an unreadable file is an error, a file outside include/exclude is skipped."""
    import xml.etree.ElementTree as ET

    suites = ET.Element("testsuites", name="genderscan")
    suite = ET.SubElement(suites, "testsuite", name="genderscan check")
    counts = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    for r in results:
        counts["tests"] += 1
        case = ET.SubElement(suite, "testcase", classname="genderscan", name=r.path, file=r.path)
        if r.skipped:
            counts["skipped"] += 1
            ET.SubElement(case, "skipped", message=message("check_skipped", lang))
            continue
        if r.error:
            counts["errors"] += 1
            ET.SubElement(case, "error", message=r.error, type="input").text = r.error
            continue
        errors = [p for p in r.new if p.severity == "error"]
        warnings = [p for p in r.new if p.severity == "warning"]

        def block(problems: list[Problem]) -> str:
            return "\n\n".join(f"{p.heading}{_where(p)}: {_full_message(p, lang)}" for p in problems)

        if errors:
            counts["failures"] += 1
            ET.SubElement(case, "failure", message=errors[0].message, type=errors[0].kind).text = block(errors)
        out = message("check_file_score", lang, score=_num(r.report.score, lang)) if r.report else ""
        if warnings:
            out += "\n" + block(warnings)
        ET.SubElement(case, "system-out").text = out
    for key, value in counts.items():
        suite.set(key, str(value))
        suites.set(key, str(value))
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"

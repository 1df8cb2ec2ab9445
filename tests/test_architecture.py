"""The import direction of docs/architecture.md, checked on the source (ast, every import, also inside functions).

A unit is a top-level module or package of ``genderscan`` (``ingest``, ``rules``, ``check``, ...).
The table below is the rule; docs/architecture.md explains it.
"""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src" / "genderscan"

#: The front ends and the composition root: only they wire stages together.
FRONT_ENDS = {"cli", "serve", "batch", "check", "compare", "baseline", "api", "evaluate", "label", "analyser", "pipeline", "__main__"}
#: The pipeline's stages.
STAGES = {"ingest", "nlp", "rules", "scoring", "report"}
#: What a leaf module (a data model, a shared table, the worker runtime) may not import: any stage or front end.
LEAF = STAGES | FRONT_ENDS
#: unit -> units it must never import
FORBIDDEN: dict[str, set[str]] = {
    "document": LEAF,
    "findings": LEAF,
    "checklist": LEAF,
    "ingest": {"nlp", "rules", "scoring", "report"} | FRONT_ENDS,
    "nlp": {"ingest", "rules", "scoring", "report"} | FRONT_ENDS,
    "rules": {"ingest", "scoring", "report"} | FRONT_ENDS,
    # the aggregation layer (checklist logic declared in rules/checklist.yaml) sits between the
    # rules and scoring: the rule set runs its findings stages, scoring its scores stages
    "rules.aggregations": {"ingest", "nlp", "scoring", "report"} | FRONT_ENDS,
    "scoring": {"ingest", "nlp", "rules", "report"} | FRONT_ENDS,
    # report.model's DataFrame helpers use genderscan.api's require_pandas (a check for an optional package)
    "report": {"ingest", "nlp", "rules"} | (FRONT_ENDS - {"api"}),
    "workers": LEAF,
    "formats": LEAF,
    "exitcodes": LEAF,
    "textcodec": LEAF,
    "settings": {"ingest", "nlp", "scoring", "report"} | FRONT_ENDS,
    # the semantic layer reads the NLP stage's annotation and gives Findings; it knows nothing of rules, scoring or reports
    "semantic": {"ingest", "rules", "scoring", "report"} | FRONT_ENDS,
    # genderscan label is blind by design: it reads and cuts documents, never judges them
    "label": {"rules", "scoring", "report"} | FRONT_ENDS,
}
#: Only these may import the command line.
CLI_IMPORTERS = {"cli", "__main__"}


#: Sub-packages that are a layer of their own.
SUB_UNITS = {("rules", "aggregations")}


def unit_of(path: Path) -> str:
    rel = path.relative_to(SRC).with_suffix("")
    if tuple(rel.parts[:2]) in SUB_UNITS and len(rel.parts) > 2:
        return ".".join(rel.parts[:2])
    return rel.parts[0]


def imported_units(path: Path) -> set[tuple[str, int]]:
    """(genderscan unit, line) for every absolute or relative import in ``path``."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = ["genderscan", *path.relative_to(SRC).with_suffix("").parts[:-1]]
    if path.name == "__init__.py":
        package = ["genderscan", *path.relative_to(SRC).parent.parts]
    found: set[tuple[str, int]] = set()
    for node in ast.walk(tree):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package[: len(package) - node.level + 1] + ([base] if base else []))
            names = [f"{base}.{a.name}" for a in node.names] if base == "genderscan" else [base]
        for name in names:
            parts = name.split(".")
            if parts[0] == "genderscan" and len(parts) > 1:
                sub = tuple(parts[1:3])
                found.add((".".join(sub) if sub in SUB_UNITS else parts[1], node.lineno))
    return found


def violations() -> list[str]:
    out = []
    for path in sorted(SRC.rglob("*.py")):
        unit = unit_of(path)
        for target, line in sorted(imported_units(path)):
            if target == unit:
                continue
            where = f"{path.relative_to(SRC.parent)}:{line}"
            if target in FORBIDDEN.get(unit, set()):
                out.append(f"{where}: {unit} imports {target}")
            if target == "cli" and unit not in CLI_IMPORTERS:
                out.append(f"{where}: {unit} imports cli (only the command line may)")
    return out


def test_imports_follow_the_layers():
    assert violations() == []


def test_the_checker_sees_a_violation(tmp_path):
    """The checker itself: a planted import of the rules from ingest is found (also relative, also in a function)."""
    fake = tmp_path / "genderscan"
    (fake / "ingest").mkdir(parents=True)
    (fake / "ingest" / "bad.py").write_text("def f():\n    from ..rules import engine\n", encoding="utf-8")
    (fake / "report").mkdir()
    (fake / "report" / "bad.py").write_text("import genderscan.cli.common\n", encoding="utf-8")
    globals()["SRC"], old = fake, SRC
    try:
        found = violations()
    finally:
        globals()["SRC"] = old
    assert any("ingest imports rules" in v for v in found)
    assert any("report imports cli" in v for v in found)


def test_no_module_over_600_lines():
    """Split a module by responsibility before it grows past 600 lines (docs/architecture.md)."""
    long = {str(p.relative_to(SRC.parent)): n for p in SRC.rglob("*.py") if (n := len(p.read_text(encoding="utf-8").splitlines())) > 600}
    assert long == {}

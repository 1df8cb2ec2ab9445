"""One-off migration of the team's gold sets to the checklist's level-1 rule (issue 12).

The checklist now says: hedged (ambition) and attributed (quoted) evidence makes an
item "genoemd" (level 1), marked; negated evidence never counts. The gold sets
gold/, gold-b/ and gold-test/ were written under the old rule, where hedged and
attributed items went to ``found``. This script moves them, label by label:

- entries of kind ``hedged`` / ``attributed``: every item in ``found`` moves to
  ``counts`` and gets ``marks: {item: hedged|attributed}``;
- entries of kind ``passage``: their ``found`` items are ambitions (the labellers'
  notes say so for every one): they move the same way, marked ``hedged``;
- exceptions (EXCEPT): an attributed sentence whose content is an absence ("volgens
  GREVIO ontbreekt het aan training") keeps that item in ``found``, as negated.

Only the label fields change; texts, ids and notes stay. Run once from the repo root:
``python scripts/migrate_gold_level1.py``; a second run changes nothing.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

SETS = ["corpora/gold", "corpora/gold-b", "corpora/gold-test"]
#: (entry id, item) that stay in ``found``: the quoted content is itself a negation.
EXCEPT = {("c1-015", "deskundigheidsbevordering"), ("h-c1-10", "deskundigheidsbevordering")}
MARK = {"hedged": "hedged", "attributed": "attributed", "passage": "hedged"}


def flow(items: list[str]) -> str:
    return "[" + ", ".join(items) + "]"


def migrate_file(path: Path) -> int:
    entries = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    plan: dict[str, tuple[list[str], list[str], dict[str, str]]] = {}
    for e in entries:
        if "marks" in e or e.get("kind") not in MARK or not e.get("found"):
            continue
        move = [i for i in e["found"] if (e["id"], i) not in EXCEPT]
        if not move:
            continue
        counts = list(e.get("counts") or []) + [i for i in move if i not in (e.get("counts") or [])]
        found = [i for i in e["found"] if i not in move]
        plan[e["id"]] = (counts, found, {i: MARK[e["kind"]] for i in move})
    if not plan:
        return 0
    out, current = [], None
    for line in path.read_text(encoding="utf-8").splitlines(keepends=True):
        m = re.match(r"- id: (\S+)", line)
        if m:
            current = m.group(1)
        if current in plan and line.startswith("  counts:"):
            counts, found, marks = plan[current]
            out.append(f"  counts: {flow(counts)}\n")
            out.append("  marks: {" + ", ".join(f"{k}: {v}" for k, v in marks.items()) + "}\n")
            continue
        if current in plan and line.startswith("  found:"):
            out.append(f"  found: {flow(plan[current][1])}\n")
            continue
        out.append(line)
    path.write_text("".join(out), encoding="utf-8")
    return len(plan)


if __name__ == "__main__":
    for folder in SETS:
        for f in sorted(Path(folder).glob("*.yaml")):
            n = migrate_file(f)
            if n:
                print(f"{f}: {n} entries migrated")

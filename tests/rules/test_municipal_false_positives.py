"""Real Amsterdam municipal sentences (not about domestic violence) must hardly count any item.

Bound: across all 48 documents (1,310 sentences, one paragraph per sentence) at
most 5 counted findings in total, and no item counted in more than 2
documents. The assertion message lists every hit.
"""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path

import pytest

from genderscan.document import BlockKind, DocumentBuilder
from genderscan.nlp import annotate
from tests.conftest import SHARED

DATA = Path(os.environ.get("GENDERSCAN_SHARED", SHARED)) / "data" / "amsterdam-municipal-sentences" / "per-document-complex"
MAX_TOTAL = 5
MAX_DOCS_PER_ITEM = 2


@pytest.mark.skipif(not DATA.is_dir(), reason="shared data not present")
def test_amsterdam_sentences_count_at_most_a_handful(ruleset, nlp):
    hits = []
    docs_per_target: Counter[str] = Counter()
    for path in sorted(DATA.glob("*.txt")):
        lines = path.read_text(encoding="utf-8").splitlines()[2:]  # provenance header + blank line
        builder = DocumentBuilder(str(path), "", "txt")
        for line in lines:
            builder.add(BlockKind.paragraph, line)
        findings = [f for f in ruleset.run(annotate(builder.build(), nlp), nlp) if f.counted and f.kind == "item"]
        for target in {f.target for f in findings}:
            docs_per_target[target] += 1
        hits += [f"{path.name}: {f.target} ({f.rule}): {f.text}" for f in findings]
    listing = "\n".join(hits) or "(geen)"
    assert len(hits) <= MAX_TOTAL, f"{len(hits)} counted findings on non-violence municipal text:\n{listing}"
    assert all(n <= MAX_DOCS_PER_ITEM for n in docs_per_target.values()), listing

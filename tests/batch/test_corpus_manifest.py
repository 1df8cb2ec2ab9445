"""corpora/regiovisies.csv against Bijlage 1 of the seed report (Verwonderzoek 2023), row by row and column by column."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
MANIFEST = ROOT / "corpora" / "regiovisies.csv"
#: Seed 001 (Verwonderzoek 2023) in shared/seeds beside the checkout (or beside its parent, for a git worktree).
SEED = next(
    (p for folder in (ROOT.parent / "shared" / "seeds", ROOT.parent.parent / "shared" / "seeds") for p in sorted(folder.glob("001_*.txt"))),
    ROOT.parent / "shared" / "seeds" / "001.txt",
)
# the two documented normalisations (corpora/README.md); everything else is copied as the seed gives it
NORMALISED = {("9", "period"): ("2019-2013", "2019-2023"), ("2", "title"): ("Amsterdam- Amstelland", "Amsterdam-Amstelland")}


def _manifest() -> list[dict[str, str]]:
    with open(MANIFEST, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _seed_rows() -> list[dict[str, str]]:
    lines = SEED.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("## Bijlage 1."))
    header = [re.sub(r"<[^>]+>", "", h) for h in lines[start + 2].split("\t")]
    assert header == ["", "Regio", "Centrumgemeente(n)", "Respons", "Regiovisie"]
    rows = []
    for line in lines[start + 3 :]:
        if line.startswith("## "):
            break
        cells = line.split("\t")
        if not cells[0][:1].isdigit():
            continue
        cells += [""] * (5 - len(cells))
        vision = re.sub(r"<[^>]+>", "", cells[4]).strip()
        m = re.match(r"(.*?)\s+(\d{4}(?:\s*-\s*\d{4})?)$", vision)
        title, period = (m.group(1), re.sub(r"\s+", "", m.group(2))) if m else (vision, "")
        rows.append({"nr": cells[0], "region": cells[1], "centrumgemeente": cells[2], "response": "ja" if cells[3].strip() == "X" else "nee",
                     "title": title, "period": period})
    return rows


def test_manifest_shape():
    rows = _manifest()
    assert list(rows[0]) == ["region", "centrumgemeente", "title", "period", "path", "nr", "response"]
    assert len(rows) == 29 and len({(r["title"], r["period"]) for r in rows if r["title"]}) == 23


@pytest.mark.skipif(not SEED.is_file(), reason="shared/seeds (seed 001) is not beside this checkout")
def test_every_row_matches_bijlage_1():
    seed = _seed_rows()
    rows = _manifest()
    assert [r["nr"] for r in rows] == [s["nr"] for s in seed]
    for row, s in zip(rows, seed, strict=True):
        for column in ("region", "centrumgemeente", "response", "title", "period"):
            expected = s[column]
            if (s["nr"], column) in NORMALISED:
                raw, fixed = NORMALISED[s["nr"], column]
                assert expected == raw
                expected = fixed
            assert row[column] == expected, (s["nr"], column)

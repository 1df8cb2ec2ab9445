"""Fixtures for the check tests: a small sample repository with a pitfall rule pack."""

from __future__ import annotations


import pytest

PITFALL_RULE = """\
pitfall: valkuil-genderneutraal
message: "Het beleid noemt zich genderneutraal."
all:
  - [genderneutraal, sekseneutraal, "ongeacht geslacht"]
examples:
  match:
    - "Onze aanpak is genderneutraal."
"""

#: A short vision: A1 (oorzaak) and A2 (sekseverschillen) found, one P3 pitfall sentence.
VISION = """\
Regiovisie huiselijk geweld

Vrouwen worden veel vaker slachtoffer van partnergeweld dan mannen.

Genderongelijkheid is een belangrijke voedingsbodem voor partnergeweld.

Onze aanpak is genderneutraal: iedereen krijgt dezelfde hulp.
"""


@pytest.fixture
def repo(tmp_path, monkeypatch, nlp):
    """A folder like a user's repository: docs/visie.txt, a rule pack, no config yet; cwd = repo."""
    root = tmp_path / "repo"
    (root / "our-rules" / "valkuil-genderneutraal").mkdir(parents=True)
    (root / "our-rules" / "valkuil-genderneutraal" / "ongeacht.yaml").write_text(PITFALL_RULE, encoding="utf-8")
    (root / "docs").mkdir()
    (root / "docs" / "visie.txt").write_text(VISION, encoding="utf-8")
    monkeypatch.chdir(root)
    for name in list(__import__("os").environ):
        if name.startswith("GENDERSCAN_"):
            monkeypatch.delenv(name)
    return root


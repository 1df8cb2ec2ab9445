from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def nlp():
    from genderscan.nlp import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def ruleset():
    from genderscan.rules.engine import default_ruleset

    return default_ruleset()

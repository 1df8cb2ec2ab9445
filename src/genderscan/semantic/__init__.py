"""The semantic recall layer: a stage beside the rules that finds paraphrases the word lists miss.

Candidate sentences (domain vocabulary, :mod:`.candidates`) are embedded with an
offline multilingual sentence encoder (:mod:`.encoder`) and judged per target by
a small classifier shipped in the package (:mod:`.model`, trained by
``genderscan train``, :mod:`.train`). Each hit is a normal Finding with rule
``semantisch/<target>`` and an explanation (probability, nearest labelled
example). This package knows nothing of scoring or reports.
"""

from __future__ import annotations

from genderscan.semantic.layer import RULE_PREFIX, run
from genderscan.semantic.model import MODEL_FILE, SemanticModel, load_model, model_fingerprint

__all__ = ["MODEL_FILE", "RULE_PREFIX", "SemanticModel", "load_model", "model_fingerprint", "run"]

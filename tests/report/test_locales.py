"""Renderer labels exist in both languages with the same keys and placeholders."""

from __future__ import annotations

import re

from genderscan.i18n import load


def _flatten(d, prefix=""):
    for k, v in d.items():
        if isinstance(v, dict):
            yield from _flatten(v, f"{prefix}{k}.")
        else:
            yield f"{prefix}{k}", v


def test_ui_keys_and_placeholders_match():
    nl, en = dict(_flatten(load("nl", "ui"))), dict(_flatten(load("en", "ui")))
    assert set(nl) == set(en)
    for key, value in nl.items():
        if isinstance(value, str):
            assert set(re.findall(r"{(\w+)}", value)) == set(re.findall(r"{(\w+)}", en[key])), key
    assert len(nl["months"]) == len(en["months"]) == 12

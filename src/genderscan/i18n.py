"""Texts per language, loaded from ``locales/<lang>/*.yaml``.

Dutch (``nl``) is the default; English (``en``) is complete alongside it. Code
never holds user-facing sentences: it asks for them by key.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import yaml

LANGUAGES = ("nl", "en")
DEFAULT_LANG = "nl"


def check_lang(lang: str) -> str:
    if lang not in LANGUAGES:
        from genderscan.errors import GenderscanError

        raise GenderscanError("unknown_language", lang=lang, choices=", ".join(LANGUAGES))
    return lang


@cache
def load(lang: str, name: str) -> dict[str, Any]:
    """Load ``locales/<lang>/<name>.yaml`` from the installed package."""
    path = resources.files("genderscan") / "locales" / lang / f"{name}.yaml"
    with path.open(encoding="utf-8") as fh:
        return yaml.safe_load(fh) or {}


class Text:
    """A message by code, to be put into another message in the reader's language."""

    def __init__(self, code: str, **params: Any) -> None:
        self.code, self.params = code, params

    def __str__(self) -> str:
        return message(self.code, DEFAULT_LANG, **self.params)

    def __repr__(self) -> str:  # exception reprs show the Dutch text
        return repr(str(self))


@cache
def messages(lang: str) -> dict[str, str]:
    """All messages of ``lang``: ``messages.yaml`` plus every ``messages-*.yaml`` (one per stage)."""
    folder = resources.files("genderscan") / "locales" / lang
    merged: dict[str, str] = {}
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.startswith("messages") and entry.name.endswith(".yaml"):
            merged.update(load(lang, entry.name.removesuffix(".yaml")))
    return merged


def message(code: str, lang: str = DEFAULT_LANG, /, **params: Any) -> str:
    """The message for ``code`` in ``lang`` with ``params`` filled in."""
    texts = messages(lang if lang in LANGUAGES else DEFAULT_LANG)
    template = texts.get(code) or messages(DEFAULT_LANG).get(code) or code
    params = {k: message(v.code, lang, **v.params) if isinstance(v, Text) else v for k, v in params.items()}
    try:
        return template.format(**params)
    except (KeyError, IndexError):
        return template


def checklist_texts(lang: str = DEFAULT_LANG) -> dict[str, Any]:
    """Titles, explanations and recommendations of the checklist items."""
    return load(lang, "checklist")

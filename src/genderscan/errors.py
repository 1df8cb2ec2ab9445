"""User-facing errors.

Every mistake a user can make (a missing file, an unreadable PDF, a malformed
rule file) raises a :class:`GenderscanError` whose ``code`` names a message in
``locales/<lang>/messages.yaml``. The CLI prints that message (no traceback) and
exits with code 2; batch runs record it per file and go on.
"""

from __future__ import annotations

from typing import Any

from genderscan.exitcodes import ExitCode


class GenderscanError(Exception):
    """An error caused by the input or the command line, not by a bug."""

    exit_code = ExitCode.ERROR

    def __init__(self, code: str, **params: Any) -> None:
        self.code = code
        self.params = params
        super().__init__(f"{code}: {params}")

    def message(self, lang: str = "nl") -> str:
        from genderscan.i18n import message

        return message(self.code, lang, **self.params)


class InputError(GenderscanError):
    """The document cannot be read (missing, unsupported, scanned, encrypted, empty, corrupt)."""


class RuleError(GenderscanError):
    """A rule file is malformed or refers to something unknown."""

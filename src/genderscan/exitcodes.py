"""The exit codes of every genderscan command (docs/ci.md)."""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """What a command's exit status means; the same for analyse, batch, compare, check, baseline and serve."""

    OK = 0
    #: ``check``: a threshold failed (an error-level problem is left); ``rules test``: an example failed.
    FAILED = 1
    #: an input or usage error: unknown flag, item, rule, format or language, bad configuration, unreadable
    #: document (``batch``: one or more files failed), a server that cannot start.
    ERROR = 2
    #: stopped with Ctrl+C (SIGINT's 128 + 2).
    INTERRUPTED = 130

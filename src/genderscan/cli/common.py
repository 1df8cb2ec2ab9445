"""Shared CLI plumbing: error handling and exit codes (0 ok, 1 threshold failed, 2 input/usage error)."""

from __future__ import annotations

import sys
from pathlib import Path

import typer
from rich.console import Console

from genderscan.errors import GenderscanError

EXIT_OK, EXIT_FAIL, EXIT_ERROR = 0, 1, 2

err_console = Console(stderr=True, highlight=False, soft_wrap=True)

LANG_OPTION = typer.Option("nl", "--lang", help="Taal van rapport en meldingen: nl of en.")


def run_safely(app: typer.Typer) -> int:
    """Run the app; a GenderscanError becomes one message on stderr and exit code 2."""
    try:
        code = app(standalone_mode=False)  # click returns typer.Exit's code here instead of raising
        if isinstance(code, int):
            return code
    except GenderscanError as exc:
        from rich.markup import escape  # a file name such as "a[/x].pdf" is text, not markup

        err_console.print(f"[bold red]genderscan:[/bold red] {escape(exc.message(current_lang()))}", markup=True)
        return exc.exit_code
    except typer.Exit as exc:
        return exc.exit_code
    except typer.Abort:
        err_console.print("Afgebroken.")
        return EXIT_ERROR
    except Exception as exc:  # click usage errors
        import click

        # typer >= 0.26 vendors click (typer._click): recognise its usage errors too
        if isinstance(exc, click.exceptions.ClickException) or type(exc).__module__.startswith("typer._click"):
            exc.show()
            return EXIT_ERROR
        raise
    return EXIT_OK


def current_lang() -> str:
    """The --lang given on the command line (for messages raised before options are parsed)."""
    argv = sys.argv
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1] if argv[i + 1] in ("nl", "en") else "nl"
        if arg.startswith("--lang="):
            value = arg.split("=", 1)[1]
            return value if value in ("nl", "en") else "nl"
    return "nl"


def write_output(text: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(text)
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise GenderscanError("cannot_write", path=str(output), detail=exc.strerror or str(exc)) from None

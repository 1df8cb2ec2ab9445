"""Shared CLI plumbing: error handling, the exit codes of :class:`genderscan.exitcodes.ExitCode`, the Analyser of a command."""

from __future__ import annotations

import sys
from pathlib import Path

import typer
from rich.console import Console

from genderscan.analyser import Analyser
from genderscan.errors import GenderscanError
from genderscan.exitcodes import ExitCode
from genderscan.i18n import LANGUAGES


err_console = Console(stderr=True, highlight=False, soft_wrap=True)

#: Set by a command that has already told the user it was interrupted (batch), so no second line follows.
interrupt_reported = False
#: The language a command resolved from its configuration (genderscan.toml, GENDERSCAN_LANG), for the
#: messages of errors raised after that; ``--lang`` on the command line still wins.
resolved_lang: str | None = None


def remember_lang(lang: str) -> str:
    """Record the command's resolved language for later error messages; returns it."""
    global resolved_lang
    resolved_lang = lang if lang in LANGUAGES else None
    return lang

LANG_OPTION = typer.Option("nl", "--lang", help="Taal van rapport en meldingen: nl of en.")
#: For commands that read genderscan.toml: not given = the configuration's language (default nl).
CONFIG_LANG_OPTION = typer.Option(None, "--lang", help="Taal van rapport en meldingen: nl of en (standaard: uit genderscan.toml, anders nl).", show_default=False)
CONFIG_OPTION = typer.Option(None, "--config", help="Gebruik dit configuratiebestand in plaats van genderscan.toml of pyproject.toml te zoeken.")


def make_analyser(
    target: Path | None, *, lang: str | None, model: str | None, rules: list[Path], config_file: Path | None, cache=None, semantic: bool | None = None
) -> Analyser:
    """The :class:`~genderscan.analyser.Analyser` of a command, its settings resolved as ``check`` resolves
    them: genderscan.toml / [tool.genderscan] (found from ``target``'s folder up, or ``--config``) <
    GENDERSCAN_* environment < these flags. Used by analyse, batch, compare, serve and evaluate."""
    flags = {"lang": lang, "model": model, "rules": [str(r) for r in rules], "semantic": semantic}
    analyser = Analyser.resolve(target, flags=flags, config_file=config_file, cache=cache)
    remember_lang(analyser.config.lang)
    return analyser


def run_safely(app: typer.Typer) -> int:
    """Run the app; a GenderscanError becomes one message on stderr and exit code 2."""
    global resolved_lang
    resolved_lang = None  # a fresh run (the tests run several in one process)
    try:
        code = app(standalone_mode=False)  # click returns typer.Exit's code here instead of raising
        if isinstance(code, int):
            if code == ExitCode.INTERRUPTED and not interrupt_reported:  # typer turns Ctrl+C into a silent 130
                _say_interrupted()
            return code
    except GenderscanError as exc:
        from rich.markup import escape  # a file name such as "a[/x].pdf" is text, not markup

        from genderscan.escape import terminal_text

        err_console.print(f"[bold red]genderscan:[/bold red] {escape(terminal_text(exc.message(current_lang())))}", markup=True)
        return exc.exit_code
    except typer.Exit as exc:
        return exc.exit_code
    except (StdoutClosed, BrokenPipeError):
        _silence_stdout()
        return ExitCode.OK
    except typer.Abort:
        err_console.print("Afgebroken.")
        return ExitCode.ERROR
    except KeyboardInterrupt:  # Ctrl+C outside a batch's own handling: one line, no traceback
        _say_interrupted()
        return ExitCode.INTERRUPTED
    except Exception as exc:  # click usage errors
        import click

        # typer >= 0.26 vendors click (typer._click): recognise its usage errors too
        if isinstance(exc, click.exceptions.ClickException) or type(exc).__module__.startswith("typer._click"):
            exc.show()  # type: ignore[attr-defined]
            return ExitCode.ERROR
        raise
    return ExitCode.OK


def _say_interrupted() -> None:
    from genderscan.i18n import message

    err_console.print(message("interrupted", current_lang()), markup=False)


def current_lang() -> str:
    """The language of an error message: ``--lang`` on the command line (also for errors raised before
    options are parsed), else the language the command resolved from its configuration, else nl."""
    argv = sys.argv
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1] if argv[i + 1] in LANGUAGES else "nl"
        if arg.startswith("--lang="):
            value = arg.split("=", 1)[1]
            return value if value in LANGUAGES else "nl"
    return resolved_lang or "nl"


def known_format(fmt: str, choices: tuple[str, ...]) -> str:
    """``fmt`` when it is one of ``choices``, else the error ``unknown_format`` (exit code 2)."""
    if fmt not in choices:
        raise GenderscanError("unknown_format", format=fmt, choices=", ".join(choices))
    return fmt


def infer_format(fmt: str | None, output: Path | None, choices: tuple[str, ...], default: str = "text") -> str:
    """The format: ``-f`` when given, else from the extension of ``-o`` (``rapport.html`` -> html), else ``default``.

    A ``-f`` that is no format of this command (``choices``) is ``unknown_format``; an extension that
    names none is a usage error (so ``-o rapport.pdf`` does not silently write plain text into a ``.pdf``).
    """
    from genderscan import formats

    if fmt:
        return known_format(formats.canonical(fmt), choices)
    if output is None or not output.suffix:
        return default
    inferred = formats.by_suffix(output.suffix)
    if inferred is None or inferred not in choices:
        known = ", ".join(formats.suffixes_of(choices))
        raise GenderscanError("unknown_output_suffix", suffix=output.suffix, suffixes=known)
    return inferred


class StdoutClosed(Exception):
    """The reader of stdout went away (``genderscan analyse x | head -1``): stop quietly."""


def write_output(text: str, output: Path | None) -> None:
    """The report to ``output`` (atomically: all or nothing) or to stdout.

    A broken pipe on stdout ends the program quietly (:class:`StdoutClosed`); any other
    write error (a full device) is ``cannot_write`` with exit code 2.
    """
    if output is not None:
        from genderscan.atomic import write_text

        write_text(output, text)
        return
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        raise StdoutClosed from None
    except OSError as exc:
        from genderscan.atomic import cannot_write

        _silence_stdout()
        raise cannot_write("stdout", exc) from None


def _silence_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's final flush cannot fail (and print a traceback) again."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):  # no real file descriptor (a test's captured stdout)
        pass

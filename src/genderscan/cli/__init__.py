"""The genderscan command line (typer). Commands wire the stages; no logic of their own."""

from __future__ import annotations

import sys

import typer

from genderscan import __version__
from genderscan.cli import analyse as _analyse
from genderscan.cli import batch as _batch
from genderscan.cli import compare as _compare
from genderscan.cli import baseline as _baseline
from genderscan.cli import check as _check
from genderscan.cli import config as _config
from genderscan.cli import evaluate as _evaluate
from genderscan.cli import label as _label
from genderscan.cli import rules as _rules
from genderscan.cli import schema as _schema
from genderscan.cli import serve as _serve
from genderscan.cli import train as _train
from genderscan.cli.common import run_safely

app = typer.Typer(
    name="genderscan",
    help="Toetst beleidsstukken over huiselijk geweld op gendersensitiviteit, item voor item, met bewijs.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"genderscan {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Toon de versie en stop."),
) -> None:
    """genderscan: hoe gendersensitief is uw regiovisie?"""


app.command("analyse")(_analyse.analyse)
app.command("schema")(_schema.schema)
app.command("batch")(_batch.batch)
app.command("compare")(_compare.compare)
app.command("check")(_check.check)
app.command("config")(_config.config)
app.add_typer(_baseline.app, name="baseline")
app.command("serve")(_serve.serve)
app.add_typer(_rules.app, name="rules")
app.command("evaluate")(_evaluate.evaluate)
app.command("label")(_label.label)
app.command("train")(_train.train)


def main() -> None:
    sys.exit(run_safely(app))

"""``genderscan config [PATH]``: the effective configuration and where each value came from."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from genderscan.i18n import message
from genderscan.settings import DEFAULT_SOURCE, KEYS, env_name, resolve


def config(
    path: Path | None = typer.Argument(None, help="Het document of de map waarvoor de configuratie geldt (standaard: de huidige map).", show_default=False),
    config_file: Path | None = typer.Option(None, "--config", help="Gebruik dit configuratiebestand in plaats van te zoeken."),
    fmt: str = typer.Option("text", "--format", "-f", help="text of json."),
    lang: str | None = typer.Option(None, "--lang", help="Taal: nl of en."),
) -> None:
    """Toon de geldende configuratie en waar elke waarde vandaan komt (bestand, omgeving, standaard)."""
    settings = resolve(path, {"lang": lang}, config_path=config_file)
    lang = settings.config.lang
    rows = [{"key": k, "value": settings.values[k], "source": settings.sources[k], "env": env_name(k)} for k in KEYS]
    if fmt == "json":
        policy = {"active": settings.default_policy, "require": list(settings.thresholds.require) if settings.default_policy else []}
        data = {"config_file": str(settings.config_file) if settings.config_file else None, "settings": rows, "default_policy": policy}
        typer.echo(json.dumps(data, indent=2, ensure_ascii=False))
        return
    if fmt != "text":
        from genderscan.errors import GenderscanError

        raise GenderscanError("unknown_format", format=fmt, choices="text, json")
    found = str(settings.config_file) if settings.config_file else message("config_no_file", lang)
    typer.echo(message("config_file_used", lang, path=found))
    width = max(len(k) for k in KEYS)
    for row in rows:
        value = _show(row["value"])
        source = message("config_source_default", lang) if row["source"] == DEFAULT_SOURCE else row["source"]
        typer.echo(f"{row['key']:<{width}} = {value:<30} # {source}")
    if settings.default_policy:
        typer.echo(message("config_default_policy_on", lang, require=", ".join(settings.values["default-require"])))
    else:
        typer.echo(message("config_default_policy_off", lang))


def _show(value: object) -> str:
    if value is None:
        return "-"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)

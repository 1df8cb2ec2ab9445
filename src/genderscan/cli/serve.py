"""``genderscan serve``: start the local web page (upload a document, read the report)."""

from __future__ import annotations

import ipaddress
import logging
from pathlib import Path

import typer

from genderscan.cli.common import CONFIG_OPTION, make_analyser
from genderscan.exitcodes import ExitCode
from genderscan.i18n import message
from genderscan.workers import DEFAULT_MEMORY_MB, DEFAULT_TIMEOUT_SECONDS, WorkerLimits

LOOPBACK_NAMES = ["127.0.0.1", "localhost", "::1", "[::1]"]


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _allowed_hosts(host: str, extra: list[str]) -> list[str]:
    """The Host names a request may carry: loopback, the bind address, this computer's names, and ``extra``."""
    import socket

    names = [*LOOPBACK_NAMES, *extra]
    if host not in ("0.0.0.0", "::", "[::]", ""):
        names.append(host.strip("[]"))
    try:
        hostname = socket.gethostname()
        names += [hostname, socket.getfqdn()]
        names += [str(info[4][0]) for info in socket.getaddrinfo(hostname, None)]
    except OSError:
        pass
    return list(dict.fromkeys(n for n in names if n))


def serve(
    host: str = typer.Option("127.0.0.1", "--host", help="Adres om op te luisteren. Standaard alleen deze computer (127.0.0.1); een ander adres vraagt --allow-remote."),
    port: int = typer.Option(8000, "--port", "-p", help="Poort (1-65535)."),
    max_size: float = typer.Option(50, "--max-size", help="Grootste toegestane upload in MB."),
    workers: int = typer.Option(
        1, "--workers",
        help="Aantal analyseprocessen (elk laadt het taalmodel één keer, ca. 110 MB). 0 = in het serverproces zelf.",
    ),
    model: str | None = typer.Option(None, "--model", help="Een geïnstalleerd spaCy-model; standaard het ingebouwde model."),
    rules: list[Path] = typer.Option([], "--rules", help="Extra regelmap (mag vaker)."),
    semantic: bool | None = typer.Option(None, "--semantic/--no-semantic", help="Met of zonder de semantische laag (standaard aan; uit = alleen de regels).", show_default=False),
    open_browser: bool = typer.Option(False, "--open", help="Open de pagina in de webbrowser zodra de server klaar is."),
    timeout: float = typer.Option(DEFAULT_TIMEOUT_SECONDS, "--timeout", help="Grootste tijd per analyse in seconden; daarna krijgt de gebruiker een melding. 0 = geen grens."),
    worker_memory: int = typer.Option(DEFAULT_MEMORY_MB, "--worker-memory", help="Grootste geheugen (adresruimte) per analyseproces in MB. 0 = geen grens."),
    upload_timeout: float = typer.Option(120, "--upload-timeout", help="Het hele bestand moet binnen zoveel seconden binnen zijn. 0 = geen grens."),
    header_timeout: float = typer.Option(10, "--header-timeout", help="De kop van een verzoek moet binnen zoveel seconden binnen zijn."),
    allow_remote: bool = typer.Option(False, "--allow-remote", help="Sta een --host toe die andere computers kunnen bereiken (vereist een toegangscode)."),
    token: str | None = typer.Option(None, "--token", envvar="GENDERSCAN_TOKEN", help="Toegangscode bij --allow-remote (standaard een willekeurige, die getoond wordt).", show_default=False),
    allowed_host: list[str] = typer.Option([], "--allowed-host", help="Extra hostnaam waaronder de server bereikbaar is (bij --allow-remote; mag vaker)."),
    config_file: Path | None = CONFIG_OPTION,
) -> None:
    """Start de webpagina: sleep een document erop en lees het rapport. Het document blijft op deze server."""
    import secrets

    from genderscan.errors import GenderscanError
    from genderscan.serve.server import StartupFailed, bind, check_port
    from genderscan.serve.server import run as run_server
    from genderscan.serve.upload import MB

    # every usage error before anything slow (the model, the workers)
    check_port(port)
    if timeout < 0 or worker_memory < 0 or upload_timeout < 0 or header_timeout < 0:
        raise GenderscanError("limit_negative", option=next(n for n, v in (("--timeout", timeout), ("--worker-memory", worker_memory),
                                                                           ("--upload-timeout", upload_timeout), ("--header-timeout", header_timeout)) if v < 0))
    loopback = _is_loopback(host)
    if not loopback and not allow_remote:
        raise GenderscanError("serve_remote_needs_flag", host=host)
    # genderscan.toml / [tool.genderscan] from the working directory up < GENDERSCAN_* < these flags
    config = make_analyser(None, lang=None, model=model, rules=rules, config_file=config_file, semantic=semantic).config
    access_token = None
    if not loopback:
        access_token = token or secrets.token_urlsafe(24)
    sock = bind(host, port)

    from genderscan.serve import Settings, create_app

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    settings = Settings(
        max_bytes=int(max_size * MB),
        workers=max(0, workers),
        config=config,
        allowed_hosts=LOOPBACK_NAMES if loopback else _allowed_hosts(host, allowed_host),
        limits=WorkerLimits(seconds=timeout or None, memory_mb=worker_memory or None),
        upload_seconds=upload_timeout or None,
        access_token=access_token,
    )
    url_host = f"[{host}]" if ":" in host and not host.startswith("[") else host
    url = f"http://{url_host}:{port}/"
    if open_browser:
        import threading
        import webbrowser

        threading.Timer(1.5, webbrowser.open, args=(url if loopback else f"{url}?token={access_token}",)).start()
    typer.echo(f"genderscan: {url}  (Ctrl+C stopt de server)")
    if access_token:
        typer.echo(message("serve_remote_started", "nl", token=access_token))
        typer.echo(message("serve_remote_link", "nl", url=f"{url}?token={access_token}"))
    # access_log off: only file name and size are logged (by genderscan.serve), never paths or addresses.
    try:
        run_server(create_app(settings), sock, settings.tmp_root, header_seconds=header_timeout)
    except StartupFailed:
        raise typer.Exit(ExitCode.ERROR) from None

"""``genderscan serve``: start the local web page (upload a document, read the report)."""

from __future__ import annotations

import ipaddress
import logging
from pathlib import Path

import typer

from genderscan.cli.common import semantic_setting
from genderscan.config import Config

LOOPBACK_NAMES = ["127.0.0.1", "localhost", "::1", "[::1]"]


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def serve(
    host: str = typer.Option("127.0.0.1", "--host", help="Adres om op te luisteren. Standaard alleen deze computer (127.0.0.1)."),
    port: int = typer.Option(8000, "--port", "-p", help="Poort."),
    max_size: float = typer.Option(50, "--max-size", help="Grootste toegestane upload in MB."),
    workers: int = typer.Option(
        1, "--workers",
        help="Aantal analyseprocessen (elk laadt het taalmodel één keer, ca. 110 MB). 0 = in het serverproces zelf.",
    ),
    model: str | None = typer.Option(None, "--model", help="Een geïnstalleerd spaCy-model; standaard het ingebouwde model."),
    rules: list[Path] = typer.Option([], "--rules", help="Extra regelmap (mag vaker)."),
    semantic: bool | None = typer.Option(None, "--semantic/--no-semantic", help="Met of zonder de semantische laag (standaard aan; uit = alleen de regels).", show_default=False),
    open_browser: bool = typer.Option(False, "--open", help="Open de pagina in de webbrowser zodra de server klaar is."),
) -> None:
    """Start de webpagina: sleep een document erop en lees het rapport. Het document blijft op deze server."""
    import uvicorn

    from genderscan.serve import Settings, create_app
    from genderscan.serve.upload import MB

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    loopback = _is_loopback(host)
    settings = Settings(
        max_bytes=int(max_size * MB),
        workers=max(0, workers),
        config=Config(model=model, rules=[str(r) for r in rules], **semantic_setting(semantic)),
        allowed_hosts=LOOPBACK_NAMES if loopback else None,
    )
    url_host = f"[{host}]" if ":" in host and not host.startswith("[") else host
    url = f"http://{url_host}:{port}/"
    if not loopback:
        logging.getLogger("genderscan.serve").warning(
            "listening on %s: other computers can reach this page; put it behind HTTPS and access control", host
        )
    if open_browser:
        import threading
        import webbrowser

        threading.Timer(1.5, webbrowser.open, args=(url,)).start()
    typer.echo(f"genderscan: {url}  (Ctrl+C stopt de server)")
    # access_log off: only file name and size are logged (by genderscan.serve), never paths or addresses.
    uvicorn.run(create_app(settings), host=host, port=port, access_log=False, log_level="info", server_header=False)

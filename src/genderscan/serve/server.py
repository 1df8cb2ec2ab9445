"""Running the app with uvicorn: the socket is bound before the model loads, slow clients are cut off,
and every exit the process can see removes the uploads.

- :func:`bind` opens the listening socket first, so a port in use is one clear message
  (exit 2) before the spaCy pipeline is loaded.
- :class:`HeaderTimeoutH11` closes a connection whose request line and headers have not
  arrived within ``header_seconds`` (slowloris); uvicorn's own keep-alive timer is
  cancelled by any byte and so does not catch a client that sends one byte at a time.
  The body has its own limit in :mod:`genderscan.serve.upload` (``upload_seconds``).
- Exits: Ctrl+C and SIGTERM (uvicorn's graceful shutdown, then the app's lifespan),
  SIGHUP (closing the terminal; turned into SIGTERM), and any exception: each ends with
  :func:`genderscan.serve.guard.remove_uploads` and stops the workers. SIGKILL cannot be
  seen: the workers then end through the parent-death signal, and the next start
  removes the upload folders left behind.
"""

from __future__ import annotations

import asyncio
import atexit
import logging
import os
import signal
import socket

from uvicorn.protocols.http.h11_impl import H11Protocol

from genderscan.errors import GenderscanError
from genderscan.serve.guard import remove_uploads

log = logging.getLogger("genderscan.serve")
DEFAULT_HEADER_SECONDS = 10.0


class HeaderTimeoutH11(H11Protocol):
    """uvicorn's h11 protocol with a deadline for the request head (request line + headers)."""

    header_seconds: float = DEFAULT_HEADER_SECONDS

    def connection_made(self, transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._head_timer: asyncio.TimerHandle | None = None
        self._arm_head_timer()

    def _arm_head_timer(self) -> None:
        self._cancel_head_timer()
        if self.header_seconds:
            self._head_timer = self.loop.call_later(self.header_seconds, self._head_too_slow)

    def _cancel_head_timer(self) -> None:
        timer = getattr(self, "_head_timer", None)
        if timer is not None:
            timer.cancel()
            self._head_timer = None

    def _waiting_for_head(self) -> bool:
        return self.cycle is None or self.cycle.response_complete

    def handle_events(self) -> None:
        super().handle_events()
        if not self._waiting_for_head():
            self._cancel_head_timer()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        if not self.transport.is_closing() and self._waiting_for_head():
            self._arm_head_timer()  # the next request on this connection gets the same deadline

    def connection_lost(self, exc) -> None:
        self._cancel_head_timer()
        super().connection_lost(exc)

    def _head_too_slow(self) -> None:
        self._head_timer = None
        if self._waiting_for_head() and not self.transport.is_closing():
            log.info("closed a connection that sent no complete request within %g s", self.header_seconds)
            self.transport.close()


def check_port(port: int) -> None:
    if not 1 <= port <= 65535:
        raise GenderscanError("serve_bad_port", port=port)


def bind(host: str, port: int) -> socket.socket:
    """The listening socket (before anything slow happens); GenderscanError when that is impossible."""
    check_port(port)
    try:
        infos = socket.getaddrinfo(host.strip("[]"), port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
        family, kind, proto, _, address = infos[0]
        sock = socket.socket(family, kind, proto)
        try:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            if family == socket.AF_INET6 and hasattr(socket, "IPPROTO_IPV6"):
                sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
            sock.bind(address)
            sock.listen(128)
            sock.set_inheritable(False)
        except OSError:
            sock.close()
            raise
    except (OSError, OverflowError) as exc:
        detail = getattr(exc, "strerror", None) or str(exc)
        raise GenderscanError("serve_port_in_use", host=host, port=port, detail=detail) from None
    return sock


def run(app, sock: socket.socket, tmp_root: str | None, header_seconds: float = DEFAULT_HEADER_SECONDS) -> None:
    """Serve ``app`` on ``sock`` until stopped; the uploads are removed on every exit this process sees."""
    import uvicorn

    protocol = type("GenderscanH11", (HeaderTimeoutH11,), {"header_seconds": header_seconds})
    cleanup = lambda: remove_uploads(tmp_root)  # noqa: E731
    atexit.register(cleanup)
    if hasattr(signal, "SIGHUP"):  # the terminal was closed: shut down like Ctrl+C instead of dying on the spot
        signal.signal(signal.SIGHUP, lambda *_: os.kill(os.getpid(), signal.SIGTERM))
    config = uvicorn.Config(app, access_log=False, log_level="info", server_header=False, http=protocol,
                            timeout_keep_alive=5, timeout_graceful_shutdown=5)
    server = uvicorn.Server(config)
    try:
        server.run(sockets=[sock])
    except KeyboardInterrupt:  # uvicorn re-raises Ctrl+C after its shutdown: the documented way to stop, exit 0
        pass
    except SystemExit:  # uvicorn's exit after a failed start-up; the reason (one line) is logged
        if server.started:
            raise
    finally:
        cleanup()
        sock.close()
    if not server.started:  # the start-up error (one line) was logged by uvicorn
        raise StartupFailed


class StartupFailed(Exception):
    """The app could not start (e.g. the model is not installed); the reason has been logged."""


__all__ = ["DEFAULT_HEADER_SECONDS", "HeaderTimeoutH11", "bind", "check_port", "run"]

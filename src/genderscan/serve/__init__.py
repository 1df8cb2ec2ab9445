"""``genderscan serve``: a local web page to drop a document on and read its report.

See docs/serve.md. :func:`create_app` builds the ASGI application (Starlette);
the analysis runs in worker processes that load the spaCy pipeline once each.
"""

from __future__ import annotations

from genderscan.serve.app import Settings, create_app

__all__ = ["Settings", "create_app"]

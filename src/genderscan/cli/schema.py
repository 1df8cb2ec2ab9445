"""``genderscan schema``: the JSON Schema of the report contract."""

from __future__ import annotations

import json

from genderscan.report import json_schema


def schema() -> None:
    """Print de JSON Schema van het JSON-rapport (schema_version 1.0)."""
    print(json.dumps(json_schema(), indent=2, ensure_ascii=False))

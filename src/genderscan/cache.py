"""A content-addressed cache for ingested documents and reports.

Two layers, so that changing the rules re-scores without re-reading PDFs:

- ``documents/``: the ingested :class:`~genderscan.document.Document`, keyed by
  the file's SHA-256 and the *ingest fingerprint* (genderscan version + the
  source of ``genderscan/ingest`` and ``genderscan/document.py``).
- ``reports/``: the :class:`~genderscan.report.Report`, keyed by the file's
  SHA-256, the genderscan version, the *code fingerprint* (every source and
  data file of the package), the *rules fingerprint* (every rule file that is
  loaded) and the whole run configuration (language, model, disabled rules, weights, ...).

The cache never stores anything derived from the file's name or location: the
same bytes under another name are a hit, and the path in a cached result is
replaced by the current one. Entries are JSON files written atomically, so
several worker processes can share one cache folder.

This module imports no spaCy: the batch command looks results up here before
it starts any worker.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from functools import cache
from pathlib import Path

from genderscan import __version__
from genderscan.atomic import replace_atomically
from genderscan.config import Config
from genderscan.document import Document
from genderscan.errors import InputError
from genderscan.limits import MESSAGES as LIMIT_MESSAGES
from genderscan.paths import PACKAGE_DIR, default_rules_dir
from genderscan.report import Report

#: Environment variable that overrides the default cache folder.
CACHE_ENV = "GENDERSCAN_CACHE_DIR"


def default_cache_dir() -> Path:
    """``$GENDERSCAN_CACHE_DIR``, else ``$XDG_CACHE_HOME/genderscan``, else ``~/.cache/genderscan``."""
    if os.environ.get(CACHE_ENV):
        return Path(os.environ[CACHE_ENV])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "genderscan"


def file_sha256(path: str | Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _hash_files(files: list[Path], root: Path) -> str:
    digest = hashlib.sha256()
    for f in sorted(files):
        digest.update(str(f.relative_to(root)).encode())
        digest.update(b"\0")
        digest.update(f.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()


@cache
def ingest_fingerprint() -> str:
    """Changes when the ingest code (or the Document model) changes."""
    files = [*(PACKAGE_DIR / "ingest").rglob("*.py"), PACKAGE_DIR / "document.py"]
    return hashlib.sha256(f"{__version__}|{_hash_files(files, PACKAGE_DIR)}".encode()).hexdigest()[:16]


@cache
def code_fingerprint() -> str:
    """Changes when any module or packaged data (NLP triggers, texts) of genderscan changes."""
    files = [
        f
        for f in PACKAGE_DIR.rglob("*")
        if f.is_file() and f.suffix in (".py", ".yaml", ".yml", ".json", ".html", ".txt") and "_data" not in f.parts and "__pycache__" not in f.parts
    ]
    return hashlib.sha256(f"{__version__}|{_hash_files(files, PACKAGE_DIR)}".encode()).hexdigest()[:16]


@cache
def _rules_dir_fingerprint(root: str) -> str:
    path = Path(root)
    if not path.is_dir():
        return "missing"
    files = [f for f in path.rglob("*") if f.is_file() and f.suffix in (".yaml", ".yml")]
    return _hash_files(files, path)


def rules_fingerprint(config: Config) -> str:
    """Changes when any rule file (built-in or from ``config.rules``) or the checklist changes."""
    roots = [default_rules_dir(), *map(Path, config.rules)]
    parts = [_rules_dir_fingerprint(str(r.resolve())) for r in roots]
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:16]


def semantic_fingerprint(config: Config) -> str:
    """The semantic model's hash when the layer is on ('off' otherwise)."""
    if not config.semantic:
        return "off"
    from genderscan.semantic.model import model_fingerprint

    return model_fingerprint()


def report_key(sha256: str, config: Config) -> str:
    # every setting, so a field added to Config later can never serve a stale report
    settings = json.dumps(config.model_dump(mode="json", exclude={"limits"}), sort_keys=True, default=str)
    raw = f"{sha256}|{__version__}|{code_fingerprint()}|{rules_fingerprint(config)}|{semantic_fingerprint(config)}|{settings}"
    return hashlib.sha256(raw.encode()).hexdigest()


def document_key(sha256: str) -> str:
    return f"{sha256}-{ingest_fingerprint()}"


class Cache:
    """The on-disk cache. ``Cache(None)`` (``--no-cache``) stores and finds nothing."""

    def __init__(self, root: str | Path | None) -> None:
        self.root = Path(root) if root is not None else None
        self.stats: Counter[str] = Counter()

    @property
    def enabled(self) -> bool:
        return self.root is not None

    def _path(self, kind: str, key: str) -> Path:
        assert self.root is not None
        return self.root / kind / key[:2] / f"{key}.json"

    def _read(self, kind: str, key: str) -> str | None:
        if self.root is None:
            return None
        try:
            return self._path(kind, key).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return None

    def _write(self, kind: str, key: str, text: str) -> None:
        if self.root is None:
            return
        target = self._path(kind, key)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            replace_atomically(target, lambda fh: fh.write(text))  # the temporary file is removed on failure
        except OSError:
            # A cache that cannot be written only costs time; the analysis goes on.
            self.stats["write_errors"] += 1

    # -- documents ---------------------------------------------------------
    def get_document(self, sha256: str, path: str) -> Document | None:
        text = self._read("documents", document_key(sha256))
        if text is None:
            return None
        try:
            document = Document.model_validate_json(text)
        except ValueError:
            return None
        self.stats["document_hits"] += 1
        document.path = path
        return document

    def put_document(self, document: Document) -> None:
        self._write("documents", document_key(document.sha256), document.model_dump_json())

    # -- input errors (a scanned or corrupt file stays so until its bytes change) --
    def get_failure(self, sha256: str, path: str) -> InputError | None:
        text = self._read("failures", document_key(sha256))
        if text is None:
            return None
        try:
            data = json.loads(text)
            params = {**data["params"], **({"path": path} if "path" in data["params"] else {})}
            error = InputError(data["code"], **params)
        except (ValueError, KeyError, TypeError):
            return None
        self.stats["failure_hits"] += 1
        return error

    def put_failure(self, sha256: str, error: InputError) -> None:
        """Remember an input error, except a refusal for a limit: a raised limit must be able to read the file next time."""
        if error.code in LIMIT_MESSAGES.values():
            return
        params = {k: v for k, v in error.params.items() if isinstance(v, str | int | float)}
        self._write("failures", document_key(sha256), json.dumps({"code": error.code, "params": params}))

    # -- reports -----------------------------------------------------------
    def get_report(self, sha256: str, config: Config, path: str) -> Report | None:
        """The cached report, or None; a report of a document with more pages than
        ``config.limits`` allows is a miss (the analysis then refuses the document)."""
        text = self._read("reports", report_key(sha256, config))
        if text is None:
            return None
        try:
            report = Report.model_validate_json(text)
        except ValueError:
            return None
        if report.document.pages > config.limits.max_pages:
            return None
        self.stats["report_hits"] += 1
        return report.model_copy(update={"document": report.document.model_copy(update={"path": path})})

    def put_report(self, sha256: str, config: Config, report: Report) -> None:
        self._write("reports", report_key(sha256, config), report.model_dump_json())

    # -- anything else (e.g. the batch heatmap) ----------------------------
    def get_blob(self, kind: str, key: str) -> str | None:
        return self._read(kind, key)

    def put_blob(self, kind: str, key: str, text: str) -> None:
        self._write(kind, key, text)

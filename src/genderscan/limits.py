"""Resource limits for reading input: one policy, documented in ``docs/limits.md``.

genderscan reads documents written by others (also uploads through ``genderscan
serve``), so reading is bounded: a document that exceeds a limit is an
:class:`~genderscan.errors.InputError` (``limit_exceeded``, exit code 2) that
names the limit and how to raise it, never a crash or an exhausted machine.

Every limit has a setting (``genderscan.toml`` / ``[tool.genderscan]``, read by
``genderscan check``) and an environment variable ``GENDERSCAN_<SETTING>``
(every command, including ``analyse``, ``batch``, ``compare`` and ``serve``).
"""

from __future__ import annotations

import os
import zipfile
import zlib
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from genderscan.errors import GenderscanError, InputError

MB = 1024 * 1024
#: How much of an archive member is decompressed at a time while counting its real size.
CHUNK = 1 * MB


class Limits(BaseModel):
    """The input limits of one run. Field name = setting with ``_`` for ``-``."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    max_pages: int = Field(default=1000, ge=1, description="Pages per document (PDF; DOCX by page breaks).")
    max_characters: int = Field(default=3_000_000, ge=1, description="Characters of text extracted per document.")
    max_archive_member_mb: int = Field(default=16, ge=1, description="Expanded size of one part of a DOCX archive, in MB.")
    max_archive_total_mb: int = Field(default=128, ge=1, description="Expanded size of all parts of a DOCX archive together, in MB.")
    max_pdf_stream_mb: int = Field(default=64, ge=1, description="Expanded size of one compressed PDF stream that is not an image (page contents, fonts), in MB.")

    @classmethod
    def from_environment(cls, env: Mapping[str, str] | None = None) -> Limits:
        """The defaults, overridden by ``GENDERSCAN_MAX_*`` environment variables that are set."""
        values = environment_values(map(setting, cls.model_fields), lambda _, raw: parse_limit(raw), env)
        return cls(**{key.replace("-", "_"): value for key, value in values.items()})


def setting(name: str) -> str:
    """``max_pages`` -> ``max-pages`` (the key in genderscan.toml)."""
    return name.replace("_", "-")


#: Every setting has an environment variable: this prefix + the key in upper case, ``-`` -> ``_``.
ENV_PREFIX = "GENDERSCAN_"


def env_name(key: str) -> str:
    """``max-pages`` (or ``max_pages``) -> ``GENDERSCAN_MAX_PAGES``."""
    return ENV_PREFIX + key.upper().replace("-", "_")


def environment_values(keys: Iterable[str], parse: Callable[[str, str], Any], env: Mapping[str, str] | None = None) -> dict[str, Any]:
    """``parse(key, raw)`` of the ``GENDERSCAN_<KEY>`` variable of each of ``keys`` that is set (an empty
    value counts as not set); a ValueError is the error ``config_invalid_value`` naming the variable.

    The one reader of settings from the environment: :func:`genderscan.settings.resolve` (every key),
    :meth:`Limits.from_environment` and :func:`genderscan.config.semantic_default` (the Python API).
    """
    env = os.environ if env is None else env
    values: dict[str, Any] = {}
    for key in keys:
        raw = env.get(env_name(key))
        if raw is not None and raw.strip():
            try:
                values[key] = parse(key, raw)
            except ValueError as exc:
                raise GenderscanError("config_invalid_value", path=env_name(key), key=key, detail=str(exc)) from None
    return values


#: The settings, as written in genderscan.toml.
SETTINGS = tuple(setting(n) for n in Limits.model_fields)


def parse_limit(value: object) -> int:
    """A whole number > 0: a TOML integer, or a text such as ``"2000"``; else ValueError."""
    if isinstance(value, str):
        text = value.strip().replace("_", "")
        value = int(text) if text.isdigit() else None
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValueError("verwacht een geheel getal groter dan 0")
    return value


#: Message code per limit (``locales/*/messages-limits.yaml``).
MESSAGES = {
    "max_pages": "limit_pages",
    "max_characters": "limit_characters",
    "max_archive_member_mb": "limit_archive_member",
    "max_archive_total_mb": "limit_archive_total",
    "max_pdf_stream_mb": "limit_pdf_stream",
}


def exceeded(path: str, name: str, limit: int, **params: object) -> InputError:
    """The error for a document over limit ``name`` (a field of :class:`Limits`)."""
    return InputError(MESSAGES[name], path=path, setting=setting(name), maximum=limit, env=env_name(name), **params)


def check_archive(path: str, data: bytes, limits: Limits) -> None:
    """Refuse a ZIP (DOCX) whose members expand beyond the limits, without expanding it in memory.

    The sizes in the ZIP headers are checked first (cheap); then every member is
    decompressed in chunks of :data:`CHUNK` and counted, because headers can lie.
    """
    import io

    member_max = limits.max_archive_member_mb * MB
    total_max = limits.max_archive_total_mb * MB
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError):
        return  # the reader reports a broken archive
    with archive:
        infos = archive.infolist()
        declared = 0
        for info in infos:
            if info.file_size > member_max:
                raise exceeded(path, "max_archive_member_mb", limits.max_archive_member_mb, member=info.filename)
            declared += info.file_size
            if declared > total_max:
                raise exceeded(path, "max_archive_total_mb", limits.max_archive_total_mb)
        total = 0
        for info in infos:
            if info.is_dir():
                continue
            size = 0
            try:
                with archive.open(info) as fh:
                    while chunk := fh.read(CHUNK):
                        size += len(chunk)
                        total += len(chunk)
                        if size > member_max:
                            raise exceeded(path, "max_archive_member_mb", limits.max_archive_member_mb, member=info.filename)
                        if total > total_max:
                            raise exceeded(path, "max_archive_total_mb", limits.max_archive_total_mb)
            except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError, OSError, RuntimeError, ValueError, zlib.error):
                return  # damaged or encrypted member: the reader reports it


class CharacterBudget:
    """Counts extracted characters and raises as soon as a document goes over ``max_characters``."""

    def __init__(self, path: str, limits: Limits) -> None:
        self.path, self.limit, self.used = path, limits.max_characters, 0

    def add(self, count: int) -> None:
        self.used += count
        if self.used > self.limit:
            raise exceeded(self.path, "max_characters", self.limit)


def check_pages(path: str, pages: int, limits: Limits) -> None:
    if pages > limits.max_pages:
        raise exceeded(path, "max_pages", limits.max_pages, found=pages)


def check_characters(path: str, characters: int, limits: Limits) -> None:
    if characters > limits.max_characters:
        raise exceeded(path, "max_characters", limits.max_characters)

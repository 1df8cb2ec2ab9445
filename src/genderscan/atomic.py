"""Writing output files atomically: a temporary file beside the target, then ``os.replace``.

Every file genderscan writes (``analyse -o``, the outputs of ``batch --out``,
``check --sarif``, baselines, cache entries) goes through :func:`open_atomic` or
:func:`write_text`, so a reader never sees half a report: the target holds either
the old content or the complete new one. When the write fails (a full disk, no
permission) the temporary file is removed and a
:class:`~genderscan.errors.GenderscanError` ``cannot_write`` names the target and
the reason (exit code 2). :func:`replace_atomically` is the same without the
conversion, for callers that treat a failed write as harmless (the cache). A target
that exists and is not a regular file (``/dev/stdout``, a named pipe) is written in
place: renaming over it would replace the device.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from genderscan.errors import GenderscanError

TEMP_SUFFIX = ".tmp"


def temp_path(target: Path) -> Path:
    """A fresh hidden name beside ``target`` (same folder, so the rename stays on one file system)."""
    return target.with_name(f".{target.name}.{secrets.token_hex(4)}{TEMP_SUFFIX}")


@contextmanager
def _replacing(target: Path, *, binary: bool, newline: str | None, fsync: bool) -> Iterator[IO]:
    if target.is_dir():
        raise IsADirectoryError(21, os.strerror(21) if hasattr(os, "strerror") else "Is a directory", str(target))
    if target.exists() and not target.is_file():
        # /dev/stdout, /dev/null, a named pipe: write in place (renaming over a device would replace it)
        with open(target, "wb" if binary else "w", **({} if binary else {"encoding": "utf-8", "newline": newline})) as fh:  # type: ignore[call-overload]
            yield fh
        return
    tmp = temp_path(target)
    # O_EXCL: never follow a planted link; mode 0o666 minus the umask, like an ordinary new file.
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
    try:
        with os.fdopen(fd, "wb" if binary else "w", **({} if binary else {"encoding": "utf-8", "newline": newline})) as fh:  # type: ignore[call-overload]
            yield fh
            fh.flush()
            if fsync:
                os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def replace_atomically(target: str | Path, write: Callable[[IO], object], *, binary: bool = False,
                       newline: str | None = None, fsync: bool = False) -> None:
    """Call ``write(fh)`` on a temporary file beside ``target`` and rename it; raises OSError (temp file removed)."""
    with _replacing(Path(target), binary=binary, newline=newline, fsync=fsync) as fh:
        write(fh)


def cannot_write(target: str | Path, exc: OSError) -> GenderscanError:
    return GenderscanError("cannot_write", path=str(target), detail=exc.strerror or str(exc))


@contextmanager
def open_atomic(target: str | Path, *, newline: str | None = None, binary: bool = False) -> Iterator[IO]:
    """``with open_atomic(path) as fh: fh.write(...)``: all or nothing; GenderscanError ``cannot_write`` on failure."""
    target = Path(target)
    try:
        with _replacing(target, binary=binary, newline=newline, fsync=True) as fh:
            yield fh
    except OSError as exc:
        raise cannot_write(target, exc) from None


def write_text(target: str | Path, text: str, *, newline: str | None = None) -> Path:
    """Write ``text`` (UTF-8) to ``target`` atomically; GenderscanError ``cannot_write`` on failure."""
    with open_atomic(target, newline=newline) as fh:
        fh.write(text)
    return Path(target)


__all__ = ["open_atomic", "replace_atomically", "temp_path", "write_text", "cannot_write"]

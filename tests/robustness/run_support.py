"""Shared by the test_run_* and test_serve_* robustness tests: small inputs, running the CLI, leftovers."""

from __future__ import annotations

import os
import subprocess
import sys
import time

from pathlib import Path

from tests.conftest import cli  # noqa: F401 - the in-process CLI; test modules import it to override this folder's subprocess cli

SRC = Path(__file__).resolve().parents[2] / "src"
TEXT = (
    "Regiovisie huiselijk geweld en kindermishandeling.\n\n"
    "Genderongelijkheid is een belangrijke voedingsbodem voor partnergeweld. "
    "Veilig Thuis registreert alle meldingen uitgesplitst naar geslacht van slachtoffer en pleger.\n"
)


def write_texts(folder: Path, *names: str) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n, name in enumerate(names):
        path = folder / name
        path.write_text(f"{TEXT}\nDocument {n}: {name}.\n", encoding="utf-8")
        paths.append(path)
    return paths


def env(**extra: str) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(SRC) + os.pathsep + os.environ.get("PYTHONPATH", ""), **extra}


def genderscan(*args, cwd: Path | None = None, extra_env: dict | None = None, **kwargs) -> subprocess.Popen:
    """``python -m genderscan ARGS`` as its own process group (as a shell starts it)."""
    return subprocess.Popen(
        [sys.executable, "-m", "genderscan", *map(str, args)], cwd=cwd, env=env(**(extra_env or {})),
        start_new_session=True, **kwargs,
    )


def leftovers(folder: Path) -> list[Path]:
    """Temporary files that an interrupted or failed write could leave behind."""
    return [p for p in folder.rglob("*") if p.name.endswith(".tmp") or p.stat().st_size == 0 and p.is_file()]


def children(pid: int) -> list[int]:
    """Direct child processes of ``pid`` (Linux /proc)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def alive(pid: int) -> bool:
    """True while ``pid`` runs (a zombie counts as gone)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def wait_until(condition, seconds: float = 60.0, step: float = 0.1) -> bool:
    """Poll ``condition`` (a liveness bound, not a speed requirement)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(step)
    return condition()


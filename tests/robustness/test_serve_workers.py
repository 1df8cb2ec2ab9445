"""Fault isolation in ``genderscan serve`` (issue 13): a worker that crashes, hangs or runs out of memory
fails only its own upload; the worker is replaced and the other uploads are answered normally. Real worker
processes behind the test client."""

from __future__ import annotations

import os
import sys
from concurrent.futures import ThreadPoolExecutor

import pytest
from starlette.testclient import TestClient

from genderscan.serve import Settings, create_app
from genderscan.workers import CRASH_ENV, HANG_ENV, MEMORY_HOOK_ENV, WorkerLimits
from tests.robustness.run_support import TEXT, alive, wait_until

linux = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="RLIMIT_AS, /proc")


@pytest.fixture(scope="module")
def uploads(tmp_path_factory):
    return tmp_path_factory.mktemp("uploads")


@pytest.fixture(scope="module")
def server(uploads):
    """Two worker processes, a 10 s time limit (generous: the machine may be busy) and a 1500 MB memory limit; fault hooks on three file names."""
    hooks = {CRASH_ENV: "crash.txt", HANG_ENV: "traag.txt", MEMORY_HOOK_ENV: "groot.txt"}
    saved = {k: os.environ.get(k) for k in hooks}
    os.environ.update(hooks)  # inherited by the spawned workers
    app = create_app(Settings(workers=2, tmp_root=str(uploads), limits=WorkerLimits(seconds=10, memory_mb=1500)))
    try:
        with TestClient(app) as client:
            yield client, app.state.analyser
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def _post(client, name: str):
    return client.post("/api/analyse", files={"file": (name, f"{TEXT}\n{name}\n".encode(), "text/plain")})


@pytest.mark.parametrize(("name", "status", "code", "text"), [
    ("crash.txt", 500, "analysis_crashed", "De analyse van 'crash.txt' is onverwacht gestopt"),
    ("traag.txt", 422, "analysis_timeout", "De analyse van 'traag.txt' duurde langer dan de grens van 10 seconden"),
    pytest.param("groot.txt", 422, "analysis_memory", "meer geheugen nodig dan de grens van 1500 MB", marks=linux),
])
def test_a_failing_worker_costs_only_its_own_upload(server, uploads, name, status, code, text):
    client, analyser = server
    before = set(analyser.pids)
    with ThreadPoolExecutor(max_workers=3) as pool:
        bad = pool.submit(_post, client, name)
        good = [pool.submit(_post, client, f"goed-{n}.txt") for n in range(3)]
        responses = [bad.result(timeout=120), *(g.result(timeout=120) for g in good)]
    assert responses[0].status_code == status
    assert responses[0].json()["error"]["code"] == code and text in responses[0].json()["error"]["message"]
    assert [r.status_code for r in responses[1:]] == [200, 200, 200], [r.text[:300] for r in responses[1:]]
    assert [r.json()["document"]["path"] for r in responses[1:]] == ["goed-0.txt", "goed-1.txt", "goed-2.txt"]
    # the failed worker was replaced: two workers again, one of them new, and the next upload is served
    assert wait_until(lambda: len(analyser.pids) == 2 and set(analyser.pids) != before, 120)
    assert _post(client, "daarna.txt").status_code == 200
    assert list(uploads.iterdir()) == []


@linux
def test_workers_stop_with_the_server(uploads):
    app = create_app(Settings(workers=1, tmp_root=str(uploads)))
    with TestClient(app) as client:
        assert _post(client, "visie.txt").status_code == 200
        pids = app.state.analyser.pids
        assert pids and all(alive(p) for p in pids)
    assert wait_until(lambda: not any(alive(p) for p in pids), 30)


def test_stale_upload_folders_are_removed_at_start(tmp_path, nlp):
    gone = tmp_path / "genderscan-upload-999999999-abc"  # a server that no longer runs
    (gone / "file").mkdir(parents=True)
    (gone / "file" / "upload.pdf").write_bytes(b"%PDF-1.7 vertrouwelijk")
    running = tmp_path / f"genderscan-upload-{os.getppid()}-def"  # a server that still runs: not ours to touch
    running.mkdir()
    other = tmp_path / "iets-anders"
    other.mkdir()
    with TestClient(create_app(Settings(workers=0, tmp_root=str(tmp_path)))):
        assert sorted(p.name for p in tmp_path.iterdir()) == sorted([running.name, other.name])

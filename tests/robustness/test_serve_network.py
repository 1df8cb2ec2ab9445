"""``genderscan serve`` as a real process on 127.0.0.1 (issue 13): slow clients are cut off, a client that goes
away costs one log line, and the uploads and workers go with the server."""

from __future__ import annotations

import json
import signal
import socket
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

from tests.robustness.run_support import alive, children, genderscan, wait_until

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="signals and /proc")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _start(tmp: Path, *options: str):
    tmp.mkdir(parents=True, exist_ok=True)
    port = _free_port()
    log = (tmp.parent / f"server-{port}.log").open("w+")
    proc = genderscan("serve", "--port", port, "--workers", "1", *options, extra_env={"TMPDIR": str(tmp)},
                      stdout=log, stderr=subprocess.STDOUT)

    def healthy() -> bool:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/health", timeout=2) as r:
                return r.status == 200
        except OSError:
            return proc.poll() is not None

    assert wait_until(healthy, 120, 0.3) and proc.poll() is None, Path(log.name).read_text()
    return proc, port, Path(log.name)


HEAD = ("POST /api/analyse HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: multipart/form-data; boundary=xx\r\n"
        "Content-Length: 100000\r\n\r\n")
PART = b'--xx\r\nContent-Disposition: form-data; name="file"; filename="langzaam.txt"\r\n\r\nRegiovisie '


def _uploads(tmp: Path) -> list[Path]:
    return list(tmp.glob("genderscan-upload-*"))


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("serve") / "tmp"
    proc, port, log = _start(tmp, "--upload-timeout", "2", "--header-timeout", "1")
    yield proc, port, log, tmp
    if proc.poll() is None:
        proc.kill()
        proc.wait(timeout=30)


def test_a_request_head_that_never_ends_is_cut_off(server):
    _, port, _, _ = server
    with socket.create_connection(("127.0.0.1", port), timeout=60) as s:
        s.sendall(b"POST /api/analyse HTTP/1.1\r\nHost: 127.0.0.1\r\n")  # and then nothing more
        assert s.recv(1024) == b""  # the server closed the connection


def test_a_body_that_arrives_too_slowly_gets_408(server):
    _, port, _, tmp = server
    with socket.create_connection(("127.0.0.1", port), timeout=60) as s:
        s.sendall(HEAD.format(port=port).encode() + PART)
        reply = b""
        while b"\r\n\r\n" not in reply or not reply.rstrip().endswith(b"}"):
            chunk = s.recv(65536)
            if not chunk:
                break
            reply += chunk
    status, _, body = reply.partition(b"\r\n\r\n")
    assert status.startswith(b"HTTP/1.1 408")
    assert json.loads(body)["error"]["code"] == "upload_timeout"
    assert _uploads(tmp) == []


def test_a_client_that_goes_away_costs_one_log_line(server):
    proc, port, log, tmp = server
    before = log.read_text()
    with socket.create_connection(("127.0.0.1", port), timeout=60) as s:
        s.sendall(HEAD.format(port=port).encode() + PART)
    assert wait_until(lambda: "went away" in log.read_text(), 30)
    new = log.read_text()[len(before):]
    assert [line for line in new.splitlines() if line.strip()] == [next(line for line in new.splitlines() if "the client went away during an upload" in line)]
    assert "Traceback" not in new and "ERROR" not in new
    assert wait_until(lambda: _uploads(tmp) == [], 10)


def test_sigterm_with_an_upload_in_flight_removes_it_and_stops_the_workers(tmp_path):
    tmp = tmp_path / "tmp"
    proc, port, log = _start(tmp, "--upload-timeout", "600")  # the upload is still in flight when the server stops
    workers = children(proc.pid)
    with socket.create_connection(("127.0.0.1", port), timeout=60) as s:
        s.sendall(HEAD.format(port=port).encode() + PART)
        assert wait_until(lambda: len(_uploads(tmp)) == 1, 10)
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=60) in (0, -signal.SIGTERM)  # uvicorn ends by re-raising the signal it caught
    assert _uploads(tmp) == []
    assert workers and wait_until(lambda: not any(alive(w) for w in workers), 30)
    assert "Traceback" not in log.read_text()


def test_sigkill_of_the_server_takes_its_workers_and_the_next_start_removes_the_uploads(tmp_path):
    tmp = tmp_path / "tmp"
    proc, port, _ = _start(tmp)
    workers = children(proc.pid)
    with socket.create_connection(("127.0.0.1", port), timeout=60) as s:
        s.sendall(HEAD.format(port=port).encode() + PART)
        assert wait_until(lambda: len(_uploads(tmp)) == 1, 10)
        proc.kill()
        proc.wait(timeout=30)
    assert workers and wait_until(lambda: not any(alive(w) for w in workers), 30)
    left = _uploads(tmp)
    assert len(left) == 1  # SIGKILL cannot be seen ...
    again, _, log = _start(tmp)
    try:
        assert _uploads(tmp) == []  # ... so the next start removes it
        assert "removed 1 upload folder" in log.read_text()
    finally:
        again.send_signal(signal.SIGINT)
        assert again.wait(timeout=60) == 0


def test_a_start_up_error_is_one_line_and_exit_2(tmp_path):
    proc = genderscan("serve", "--port", _free_port(), "--model", "nl_bestaat_niet", extra_env={"TMPDIR": str(tmp_path)},
                      stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    output, _ = proc.communicate(timeout=120)
    assert proc.returncode == 2
    assert "Het spaCy-model 'nl_bestaat_niet' is niet geïnstalleerd" in output
    assert "Traceback" not in output

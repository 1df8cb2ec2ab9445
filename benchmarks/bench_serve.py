"""Bounded load test of `genderscan serve`: N concurrent uploads of the example PDF on loopback.

    PYTHONPATH=src python benchmarks/bench_serve.py [--uploads 20] [--workers 2] [--timeout 300]

Starts the server itself on a free port of 127.0.0.1 (never another host), sends the
uploads all at once, checks every response against `genderscan analyse --format json`
for the same file, and reports throughput, latency and the peak memory of the server
and its worker processes (sum of resident memory, sampled every 50 ms). Bounded: at most
100 uploads and --timeout seconds in total; the server is stopped at the end.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "regiovisie-voorbeeld.pdf"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def tree_rss_kib(pid: int) -> int:
    """Resident memory of ``pid`` and all its descendants (KiB), from /proc."""
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
            for task in Path(f"/proc/{p}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
        except (FileNotFoundError, ProcessLookupError, PermissionError):
            continue
    return total


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--uploads", type=int, default=20)
    ap.add_argument("--workers", type=int, default=min(2, os.cpu_count() or 1))
    ap.add_argument("--timeout", type=float, default=300)
    ap.add_argument("--file", type=Path, default=EXAMPLE)
    args = ap.parse_args()
    uploads = max(1, min(args.uploads, 100))
    data = args.file.read_bytes()
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in [str(ROOT / "src"), os.environ.get("PYTHONPATH", "")] if p)}

    expected = json.loads(subprocess.run(
        [sys.executable, "-m", "genderscan", "analyse", str(args.file), "--format", "json"],
        check=True, capture_output=True, text=True, env=env,
    ).stdout)
    want = [(i["id"], i["status"], i["level"]) for i in expected["items"]]

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    started = time.perf_counter()
    server = subprocess.Popen(
        [sys.executable, "-m", "genderscan", "serve", "--host", "127.0.0.1", "--port", str(port), "--workers", str(args.workers)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env,
    )
    peak = [0]
    stop = threading.Event()

    def sample() -> None:
        while not stop.is_set():
            peak[0] = max(peak[0], tree_rss_kib(server.pid))
            time.sleep(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    try:
        deadline = time.monotonic() + args.timeout
        while True:
            try:
                if httpx.get(base + "/api/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                print("server did not start", file=sys.stderr)
                return 2
            time.sleep(0.2)
        ready = time.perf_counter() - started
        idle_rss = tree_rss_kib(server.pid)

        def one(n: int) -> tuple[float, int, bool]:
            t0 = time.perf_counter()
            r = httpx.post(base + "/api/analyse", files={"file": (f"visie-{n}.pdf", data, "application/pdf")},
                           timeout=max(1.0, deadline - time.monotonic()))
            ok = r.status_code == 200 and [(i["id"], i["status"], i["level"]) for i in r.json()["items"]] == want
            return time.perf_counter() - t0, r.status_code, ok

        single = [one(-1 - k)[0] for k in range(2)]  # one at a time, warm: the latency of a lone user

        t0 = time.perf_counter()
        with ThreadPoolExecutor(max_workers=uploads) as pool:
            results = list(pool.map(one, range(uploads)))
        wall = time.perf_counter() - t0
    finally:
        stop.set()
        sampler.join()
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()

    latencies = sorted(r[0] for r in results)
    correct = sum(r[2] for r in results)
    summary = {
        "uploads": uploads,
        "workers": args.workers,
        "file_bytes": len(data),
        "server_ready_s": round(ready, 2),
        "wall_s": round(wall, 2),
        "throughput_docs_per_s": round(uploads / wall, 2),
        "single_upload_s": round(min(single), 2),
        "load_average_1min": round(os.getloadavg()[0], 2),
        "latency_s": {"p50": round(statistics.median(latencies), 2),
                      "p95": round(latencies[max(0, int(0.95 * len(latencies)) - 1)], 2),
                      "max": round(latencies[-1], 2)},
        "status_codes": sorted({r[1] for r in results}),
        "correct": f"{correct}/{uploads}",
        "rss_idle_mib": round(idle_rss / 1024, 1),
        "rss_peak_mib": round(peak[0] / 1024, 1),
        "cpus": os.cpu_count(),
    }
    print(json.dumps(summary, indent=2))
    return 0 if correct == uploads else 1


if __name__ == "__main__":
    sys.exit(main())

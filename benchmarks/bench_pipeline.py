"""Benchmark ``genderscan analyse`` end to end: time per stage, pages/s and start-up.

Generates a 60-page two-column regiovisie-like PDF (running header and footer,
headings, justified Dutch text from examples/regiovisie-voorbeeld.txt; the
generator of benchmarks/bench_batch.py) and measures:

- per stage (ingest, nlp, rules, scoring+report) for the first document in a
  fresh process, as ``genderscan analyse`` runs it: the spaCy pipeline and the
  compiled rules are built before the clock starts and reported separately
  (``setup``); one-time caches that fill during the first document (lemma and
  compound dictionaries, per-word term matches) count in their stage;
- the same stages warm: best of ``--repeat`` runs on the same file in one
  process (what ``genderscan batch`` and ``serve`` pay per document once warm;
  the NLP stage then finds most words in its caches);
- the real command ``python -m genderscan analyse FILE -f json -o …`` (process
  wall time, best of ``--repeat``), and pages/s of it;
- start-up: ``genderscan --help`` and ``genderscan analyse missing.pdf`` (an
  input error), process wall time, best of ``--repeat``.

Wall and CPU time are printed with the load average, since the development
machine is shared. Run:

    PYTHONPATH=src python benchmarks/bench_pipeline.py [--repeat 5] [--pages 60] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STAGES = ("ingest", "nlp", "rules", "semantic", "score_and_report")
LABELS = {"ingest": "ingest", "nlp": "nlp", "rules": "rules", "semantic": "semantic layer (incl. encoder load on the first document)", "score_and_report": "scoring + report"}


def make_input(path: Path, pages: int) -> Path:
    if not path.exists():
        sys.path.insert(0, str(ROOT / "benchmarks"))
        from bench_batch import make_pdf

        path.parent.mkdir(parents=True, exist_ok=True)
        make_pdf(path, "Twente", seed=7, pages=pages)
    return path


def stage_run(path: Path, nlp, ruleset) -> tuple[dict[str, float], dict[str, float], int]:
    """(wall seconds, CPU seconds) per stage for one analysis, and the page count."""
    from genderscan.config import Config
    from genderscan.ingest import read_document
    from genderscan.nlp import annotate
    from genderscan.report import build_report
    from genderscan.scoring import score

    marks = [(time.perf_counter(), time.process_time())]
    document = read_document(path)
    marks.append((time.perf_counter(), time.process_time()))
    annotated = annotate(document, nlp)
    marks.append((time.perf_counter(), time.process_time()))
    findings = ruleset.run(annotated, nlp)
    marks.append((time.perf_counter(), time.process_time()))
    if Config().semantic:  # GENDERSCAN_SEMANTIC=0: rule-only, as before the semantic layer
        from genderscan.pipeline import add_semantic

        findings = add_semantic(annotated, ruleset, findings)
    marks.append((time.perf_counter(), time.process_time()))
    build_report(document, score(findings, ruleset.checklist, ruleset.checked_items()), "nl")
    marks.append((time.perf_counter(), time.process_time()))
    wall = {s: marks[i + 1][0] - marks[i][0] for i, s in enumerate(STAGES)}
    cpu = {s: marks[i + 1][1] - marks[i][1] for i, s in enumerate(STAGES)}
    return wall, cpu, len(document.pages)


def child(path: Path, repeat: int) -> dict:
    """Runs in a fresh process: setup, the first (cold) analysis, then ``repeat`` warm ones."""
    sys.path.insert(0, str(ROOT / "src"))
    t0, c0 = time.perf_counter(), time.process_time()
    from genderscan.config import Config
    from genderscan.nlp import load_pipeline
    from genderscan.pipeline import ruleset_for

    nlp = load_pipeline()
    ruleset = ruleset_for(Config())
    ruleset.compiled(nlp)
    setup = {"wall": time.perf_counter() - t0, "cpu": time.process_time() - c0}
    cold_wall, cold_cpu, pages = stage_run(path, nlp, ruleset)
    warm_wall = {s: float("inf") for s in STAGES}
    warm_cpu = {s: float("inf") for s in STAGES}
    for _ in range(repeat):
        wall, cpu, _ = stage_run(path, nlp, ruleset)
        for s in STAGES:
            warm_wall[s] = min(warm_wall[s], wall[s])
            warm_cpu[s] = min(warm_cpu[s], cpu[s])
    return {"pages": pages, "setup": setup, "cold": {"wall": cold_wall, "cpu": cold_cpu}, "warm": {"wall": warm_wall, "cpu": warm_cpu}}


def command_times(args: list[str], repeat: int, expect: tuple[int, ...] = (0,)) -> dict:
    """Process wall time (best and median) and CPU time (best) of ``python -m genderscan ARGS``."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src") + os.pathsep + os.environ.get("PYTHONPATH", "")}
    walls, cpus = [], []
    for _ in range(repeat):
        before = os.times()
        started = time.perf_counter()
        proc = subprocess.run([sys.executable, "-m", "genderscan", *args], env=env, capture_output=True, text=True)
        walls.append(time.perf_counter() - started)
        after = os.times()
        cpus.append((after.children_user - before.children_user) + (after.children_system - before.children_system))
        if proc.returncode not in expect:
            raise SystemExit(f"genderscan {' '.join(args)} exited {proc.returncode}:\n{proc.stderr}")
    return {"best": min(walls), "median": statistics.median(walls), "cpu_best": min(cpus)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=60)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--data", type=Path, default=Path("/tmp/genderscan-bench"))
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child, args.repeat)))
        return

    path = make_input(args.data / f"pipeline-{args.pages}.pdf", args.pages)
    load_start = os.getloadavg()
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src") + os.pathsep + os.environ.get("PYTHONPATH", "")}
    proc = subprocess.run([sys.executable, __file__, "--child", str(path), "--repeat", str(args.repeat)], env=env, capture_output=True, text=True, check=True)
    stages = json.loads(proc.stdout)
    with tempfile.TemporaryDirectory() as tmp:
        analyse = command_times(["analyse", str(path), "-f", "json", "-o", str(Path(tmp) / "report.json")], args.repeat)
        missing = command_times(["analyse", str(Path(tmp) / "missing.pdf")], args.repeat, expect=(2,))
    helps = command_times(["--help"], args.repeat)
    results = {
        "file": str(path),
        "pages": stages["pages"],
        "cpus": os.cpu_count(),
        "load_average_start": load_start,
        "load_average_end": os.getloadavg(),
        "stages": stages,
        "analyse_command": analyse,
        "startup_help": helps,
        "startup_missing_file": missing,
    }
    if args.json:
        print(json.dumps(results, indent=2))
        return
    pages = stages["pages"]
    load = lambda xs: ", ".join(f"{x:.1f}" for x in xs)  # noqa: E731
    print(f"{pages}-page two-column PDF ({path}); {results['cpus']} CPUs; load average {load(load_start)} at start, {load(results['load_average_end'])} at end")
    print(f"setup (spaCy pipeline + compiled rules, once per process): {stages['setup']['wall']:.2f} s wall, {stages['setup']['cpu']:.2f} s CPU")
    print()
    print("| stage | first document, wall (s) | first document, CPU (s) | warm, best wall (s) | warm, best CPU (s) |")
    print("|---|---:|---:|---:|---:|")
    for s in STAGES:
        print(f"| {LABELS[s]} | {stages['cold']['wall'][s]:.2f} | {stages['cold']['cpu'][s]:.2f} | {stages['warm']['wall'][s]:.2f} | {stages['warm']['cpu'][s]:.2f} |")
    cold_total = sum(stages["cold"]["wall"].values())
    warm_total = sum(stages["warm"]["wall"].values())
    print(f"| **total** | **{cold_total:.2f}** ({pages / cold_total:.0f} pages/s) | {sum(stages['cold']['cpu'].values()):.2f} | **{warm_total:.2f}** ({pages / warm_total:.0f} pages/s) | {sum(stages['warm']['cpu'].values()):.2f} |")
    print()
    print("| command (process wall time) | best (s) | median (s) | CPU, best (s) |")
    print("|---|---:|---:|---:|")
    print(f"| `genderscan analyse` {pages} pages, `-f json` | {analyse['best']:.2f} ({pages / analyse['best']:.0f} pages/s) | {analyse['median']:.2f} | {analyse['cpu_best']:.2f} |")
    print(f"| `genderscan --help` | {helps['best']:.2f} | {helps['median']:.2f} | {helps['cpu_best']:.2f} |")
    print(f"| `genderscan analyse missing.pdf` (exit 2) | {missing['best']:.2f} | {missing['median']:.2f} | {missing['cpu_best']:.2f} |")


if __name__ == "__main__":
    main()

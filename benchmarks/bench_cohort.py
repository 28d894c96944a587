"""Cohort throughput: nights per minute on a LocalCluster of 1 and 2 workers, on the same nights.

Targets (issue 13): speed-up >= 1.7x from 1 to 2 workers on 2 cores; the per-night cost in the
batch (worker-seconds per night, files written included) within 20 % of the same work done
in-process (``score_entry``: read, detect, score, JSON and per-LM Parquet). Also the peak
memory (RSS) of each worker and the cluster's start-up time. Runs alternate (1, 2, 1, 2 ...)
and the best of each is kept, since the machine may be shared.

    python benchmarks/bench_cohort.py [--nights 12] [--hours 8] [--repeats 2]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import resource
import shutil
import tempfile
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

from plmscope.cohort import cohort_from, score_many  # noqa: E402
from plmscope.cohort.cluster import close_client, local_client  # noqa: E402
from plmscope.cohort.task import score_entry  # noqa: E402
from plmscope.rules import WASM2016  # noqa: E402
from plmscope.simulate import simulate_night, write_simulation  # noqa: E402

OUT = Path(__file__).parent / "out"
PROFILES = ("plmd", "healthy", "rls", "apnea", "demo", "hypnic")


def cohort_folder(nights: int, hours: float) -> Path:
    """``nights`` simulated nights (several profiles and seeds), written once and cached."""
    folder = OUT / f"cohort-{nights}x{hours:g}h"
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(nights):
        path = folder / f"night{i:03d}.edf"
        if not path.exists():
            write_simulation(simulate_night(PROFILES[i % len(PROFILES)], seed=500 + i, hours=hours), path)
    return folder


def peak_rss_mb() -> float:
    """Peak resident memory of this process (MiB); run on each worker."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def in_process_seconds(cohort) -> float:
    """Seconds per night of the per-night task done in this process, one night after another."""
    score_entry(cohort.entries[0], WASM2016)  # warm: imports and caches, as a worker's preload does
    started = time.perf_counter()
    for entry in cohort.entries:
        assert score_entry(entry, WASM2016).ok
    return (time.perf_counter() - started) / len(cohort.entries)


def warm(entry) -> bool:
    """One night on a worker before timing (first-call costs, as in-process timing excludes them)."""
    return score_entry(entry, WASM2016).ok


def batch_run(cohort, workers: int) -> dict:
    """One batch on a fresh LocalCluster: start-up, the nights' wall time, fixed costs, peak RSS.

    The nights' time runs from the batch's first progress call (plan made, nothing submitted)
    to its last night written; the table and summary written after it are the fixed cost.
    """
    t0 = time.perf_counter()
    client = local_client(workers, 1, "4GB", dashboard=False)
    client.wait_for_workers(workers)
    assert all(client.run(warm, cohort.entries[0]).values())
    startup = time.perf_counter() - t0
    out = Path(tempfile.mkdtemp(prefix="bench-cohort-"))
    stamps: list[float] = []
    try:
        started = time.perf_counter()
        table = score_many(cohort, client=client, out=out, progress=lambda _state: stamps.append(time.perf_counter()))
        total = time.perf_counter() - started
        assert (table["status"] == "ok").all(), table["reason"].tolist()
        peaks = sorted(client.run(peak_rss_mb).values())
        in_task = [json.loads(p.read_text())["elapsed_s"] for p in (out / "nights").glob("*.row.json")]
    finally:
        close_client(client)
        shutil.rmtree(out, ignore_errors=True)
    n = len(cohort.entries)
    wall = stamps[-1] - stamps[0]
    return {"workers": workers, "startup_s": startup, "wall_s": wall, "per_min": n / wall * 60.0,
            "worker_s_per_night": wall * workers / n, "peak_mb": peaks, "fixed_s": total - wall,
            "in_task_s": sum(in_task) / len(in_task)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nights", type=int, default=12)
    parser.add_argument("--hours", type=float, default=8.0)
    parser.add_argument("--repeats", type=int, default=2)
    args = parser.parse_args()
    cohort = cohort_from(cohort_folder(args.nights, args.hours))
    print(f"{len(cohort.entries)} simulated nights of {args.hours:g} h (2 legs, 256 Hz); "
          f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")

    rounds = []
    for _ in range(args.repeats):  # each round side by side: in-process, 1 worker, 2 workers
        rounds.append({"local": in_process_seconds(cohort), 1: batch_run(cohort, 1), 2: batch_run(cohort, 2)})
    best = max(rounds, key=lambda r: r[2]["per_min"] / r[1]["per_min"])

    print(f"\n{'best round (by speed-up)':<28}{'1 worker':>12}{'2 workers':>12}")
    rows = (
        ("nights per minute", "per_min", ".1f"),
        ("wall time of the nights s", "wall_s", ".2f"),
        ("worker-seconds per night", "worker_s_per_night", ".3f"),
        ("task time on the worker s", "in_task_s", ".3f"),
        ("cluster start-up s", "startup_s", ".2f"),
        ("plan + table + summary s", "fixed_s", ".2f"),
    )
    for label, key, spec in rows:
        print(f"{label:<28}{best[1][key]:>12{spec}}{best[2][key]:>12{spec}}")
    print(f"{'peak RSS per worker MiB':<28}{max(best[1]['peak_mb']):>12.0f}{max(best[2]['peak_mb']):>12.0f}")
    print(f"in-process, one night after another (same round): {best['local']:.3f} s per night")

    speedups = [r[2]["per_min"] / r[1]["per_min"] for r in rounds]
    overheads = [r[1]["worker_s_per_night"] / r["local"] - 1.0 for r in rounds]
    scheduling = [r[1]["worker_s_per_night"] / r[1]["in_task_s"] - 1.0 for r in rounds]
    print("\nper round: " + "; ".join(
        f"speed-up {s_:.2f}x, overhead {100 * o:+.0f} % (outside the task {100 * c:+.0f} %)"
        for s_, o, c in zip(speedups, overheads, scheduling)
    ))
    print(f"speed-up 1 -> 2 workers: best {max(speedups):.2f}x, median {statistics.median(speedups):.2f}x (target >= 1.7x)")
    print(f"batch overhead per night vs in-process: best {100 * min(overheads):+.1f} %, median "
          f"{100 * statistics.median(overheads):+.1f} % (target <= 20 %); of it outside the task "
          f"(scheduling, transfer, writing): median {100 * statistics.median(scheduling):+.1f} %")
    print(f"load average at the end {os.getloadavg()[0]:.1f}")

if __name__ == "__main__":
    main()

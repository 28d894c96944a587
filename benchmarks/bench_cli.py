"""Whole-process speed and memory of the command line, against psgscoring in the same run.

1. Start-up: ``plmscope --help`` and ``--version`` (median of 5), beside a bare ``python -c pass``.
2. ``plmscope score NIGHT.edf --json OUT.json`` on an 8 h, 256 Hz night against psgscoring's
   whole process (mne ``read_raw_edf`` of the two legs + ``psgscoring.plm.analyze_plm``),
   alternating A B C A B C, median of 3 each; the ratio of the medians. Both as a user runs it
   (the summary printed on the terminal) and with ``-q`` (nothing printed).
3. Peak memory (RSS of the process, from the kernel's accounting) for 1, 8 and 24 h at 256 Hz and
   for 128-1024 Hz at 8 h, with the bytes per leg sample above a bare interpreter with plmscope's
   imports loaded.
4. In-process: ten 1 h nights scored in one loop against the sum of each night's own work (each
   night timed alone, best of 3, after a warm-up): the loop pays no per-call import or set-up.

Nights are simulated once (profile "demo") and cached under benchmarks/out/ (gitignored).
psgscoring and mne come from .venv-bench (``make bench``); without them part 2 says so.

    python benchmarks/bench_cli.py [--quick]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

OUT = Path(__file__).parent / "out"
BIN = Path(sys.executable).parent
PEER = Path(__file__).with_name("peer_psgscoring.py")


def night(hours: float, fs: float, seed: int = 7) -> Path:
    """A simulated night (EDF+), written once by ``plmscope simulate``."""
    path = OUT / f"cli-demo-{hours:g}h-{fs:g}Hz-seed{seed}.edf"
    if not path.exists():
        OUT.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [str(BIN / "plmscope"), "simulate", str(path), "--profile", "demo", "--seed", str(seed),
             "--hours", str(hours), "--fs", str(fs), "--mains", "50"],
            check=True, capture_output=True,
        )  # fmt: skip
    return path


def run(cmd: list[str]) -> tuple[float, float, float]:
    """(wall s, cpu s, peak RSS MiB) of one whole process, from os.wait4's accounting."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed: {proc.stderr.read().decode()[-500:]}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024.0


def median_of(cmd: list[str], n: int) -> tuple[float, float, float]:
    """Medians of wall, cpu and peak RSS over ``n`` runs after one warm-up."""
    run(cmd)
    runs = [run(cmd) for _ in range(n)]
    return tuple(statistics.median(r[i] for r in runs) for i in range(3))  # type: ignore[return-value]


def startup(n: int) -> None:
    print("## 1. Start-up (whole process, median of 5)")
    print(f"{'command':34s} {'wall s':>8s} {'peak MiB':>8s}")
    for name, cmd in (
        ("python -c pass", [sys.executable, "-c", "pass"]),
        ("plmscope --version", [str(BIN / "plmscope"), "--version"]),
        ("plmscope --help", [str(BIN / "plmscope"), "--help"]),
    ):
        wall, _, rss = median_of(cmd, n)
        print(f"{name:34s} {wall:8.3f} {rss:8.0f}")


def versus_psgscoring(path: Path, n: int) -> None:
    print(f"\n## 2. Whole process on {path.name}: plmscope vs psgscoring (alternating, median of {n})")
    out = OUT / "cli-result.json"
    ours_cmd = [str(BIN / "plmscope"), "score", str(path), "--json", str(out)]
    quiet_cmd = [*ours_cmd, "-q"]
    peer_cmd = [sys.executable, str(PEER), str(path)]
    try:
        import psgscoring  # noqa: F401
        import mne  # noqa: F401
    except ImportError:
        for name, cmd in (("plmscope", ours_cmd), ("plmscope -q", quiet_cmd)):
            wall, cpu, rss = median_of(cmd, n)
            print(f"{name}: {wall:.3f} s wall, {cpu:.3f} s cpu, {rss:.0f} MiB")
        print("psgscoring/mne not installed (run via `make bench`)")
        return
    commands = {"plmscope": ours_cmd, "plmscope -q": quiet_cmd, "psgscoring": peer_cmd}
    for cmd in commands.values():
        run(cmd)  # warm-up
    rows: dict[str, list] = {name: [] for name in commands}
    for _ in range(n):
        for name, cmd in commands.items():
            rows[name].append(run(cmd))
    med = {name: [statistics.median(r[i] for r in got) for i in range(3)] for name, got in rows.items()}
    print(f"{'':12s} {'wall s':>8s} {'cpu s':>8s} {'peak MiB':>8s}")
    for name, (wall, cpu, rss) in med.items():
        print(f"{name:12s} {wall:8.3f} {cpu:8.3f} {rss:8.0f}")
    peer = med["psgscoring"]
    for name in ("plmscope", "plmscope -q"):
        print(f"{name} is {peer[0] / med[name][0]:.2f}x faster than psgscoring (wall), "
              f"{peer[1] / med[name][1]:.2f}x (cpu)")  # fmt: skip


def memory_table(quick: bool) -> None:
    print("\n## 3. Peak memory of `plmscope score NIGHT --json OUT` (whole process, median of 3)")
    base = median_of([sys.executable, "-c", "import plmscope.cli, plmscope.pipeline, plmscope.export.result"], 3)
    print(f"imports alone: {base[2]:.0f} MiB")
    print(f"{'hours':>6s} {'Hz':>6s} {'leg samples':>12s} {'wall s':>8s} {'peak MiB':>8s} {'bytes/sample':>13s}")
    cases = [(1, 256), (8, 256), (8, 128), (8, 512)] if quick else [
        (1, 256), (8, 256), (24, 256), (8, 128), (8, 512), (8, 1024)]  # fmt: skip
    for hours, fs in cases:
        path = night(hours, fs)
        wall, _, rss = median_of(
            [str(BIN / "plmscope"), "score", str(path), "--json", str(OUT / "cli-mem.json"), "-q"], 3
        )
        samples = hours * 3600 * fs  # per leg
        per = (rss - base[2]) * 1024 * 1024 / samples
        print(f"{hours:6g} {fs:6g} {samples:12.3g} {wall:8.3f} {rss:8.0f} {per:13.1f}")


LOOP = """
import sys, time
import plmscope.pipeline as p
paths = sys.argv[1:]
p.score(paths[0])  # warm-up: the one-time lazy imports happen here, not in the loop
alone = []
for path in paths:
    best = float("inf")
    for _ in range(3):
        t = time.perf_counter(); p.score(path); best = min(best, time.perf_counter() - t)
    alone.append(best)
loop = float("inf")
for _ in range(3):
    t = time.perf_counter()
    for path in paths:
        p.score(path)
    loop = min(loop, time.perf_counter() - t)
print(f"{sum(alone):.3f} {loop:.3f}")
"""


def in_process_loop() -> None:
    print("\n## 4. In-process: ten 1 h nights in one loop vs the sum of their work")
    paths = [str(night(1.0, 256.0, seed=100 + i)) for i in range(10)]
    done = subprocess.run([sys.executable, "-c", LOOP, *paths], capture_output=True, text=True, check=True)
    work, loop = (float(v) for v in done.stdout.split())
    print(f"sum of each night alone (best of 3): {work:.3f} s; the loop (best of 3): {loop:.3f} s; "
          f"ratio {loop / work:.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer nights in the memory table")
    args = parser.parse_args()
    if shutil.which("plmscope", path=str(BIN)) is None:
        sys.exit(f"plmscope is not installed in {BIN}")
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f} at the start")
    startup(5)
    versus_psgscoring(night(8.0, 256.0), 3)
    memory_table(args.quick)
    in_process_loop()
    print(f"\nload average at the end: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()

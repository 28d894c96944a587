"""plmscope and PLMScoRe side by side on the same scoring: every index both report.

PLMScoRe (R, Stephany Fulda, MIT; ../shared/peers/PLMScoRe or $PLMSCORE_DIR) derives the WASM
2016 indices from leg movements, stages, arousals and respiratory events scored in a RemLogic
event export. Here the "scorer" is the simulator: each night's true monolateral LMs, hypnogram,
apneas/hypopneas and arousals are written as a RemLogic export (``plmscope.export.write_remlogic``,
no lights markers: PLMScoRe's batch driver scores from the first to the last epoch), then

  * PLMScoRe scores it (``Rscript run_plmscore.R``), and
  * plmscope scores the same file alone (``plmscope.score(path)``), by default and under
    ``wasm2016-somas``.

Nights: simulated profiles at seeds never used in tests, plus "scorer" nights drawn at random
with many short intervals, long and bilateral LMs and LMs at breathing events' ends (the cases
where scorers differ). Needs base R (``apt-get install r-base-core``; ``make bench`` installs it
when root); without it the benchmark says so and stops.

    .venv-bench/bin/python benchmarks/bench_plmscore.py [--hours 8] [--stress 4]
"""

from __future__ import annotations

import argparse
import math
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd

import plmscope
from plmscope.export import write_remlogic
from plmscope.night import Hypnogram
from plmscope.simulate import simulate_night

def find_peer() -> Path:
    """$PLMSCORE_DIR, else the first ``shared/peers/PLMScoRe`` above this checkout."""
    if os.environ.get("PLMSCORE_DIR"):
        return Path(os.environ["PLMSCORE_DIR"])
    for parent in Path(__file__).resolve().parents:
        if (parent / "shared/peers/PLMScoRe/run_plmscore.R").is_file():
            return parent / "shared/peers/PLMScoRe"
    return Path("shared/peers/PLMScoRe")


PEER = find_peer()
LOCATIONS = ("LAntib1-LAntib2", "RAntib1-RAntib2")
NIGHTS = (("plmd", 501), ("plmd", 502), ("rls", 503), ("apnea", 504), ("apnea", 505), ("demo", 506), ("hypnic", 507))


def stat(table: pd.DataFrame, lm_type: str, statistic: str, column: str) -> float:
    row = table[(table["LMtype"] == lm_type) & (table["Statistic"] == statistic)]
    return float(row[column].iloc[0]) if len(row) else math.nan


def per_hour(table: pd.DataFrame, count: float, column: str = "TST") -> float:
    hours = stat(table, "Sleep/Wake", "duration; s", column) / 3600.0
    return count / hours if hours > 0 else math.nan


def counted(table: pd.DataFrame, types: tuple[str, ...], column: str = "TST") -> float:
    return sum(stat(table, t, "number", column) for t in types)


def mean_of(table: pd.DataFrame, types: tuple[str, ...], column: str = "TST") -> float:
    numbers = [stat(table, t, "number", column) for t in types]
    means = [stat(table, t, "duration; mean", column) for t in types]
    total = sum(numbers)
    return sum(n * m for n, m in zip(numbers, means) if n) / total if total else math.nan


#: (index, plmscope value, PLMScoRe value, tolerance, what the PLMScoRe value is).
def comparisons(result, peer: pd.DataFrame) -> list[tuple[str, float, float, float, str]]:
    ind = result.indices
    rows = [
        ("TST (h)", result.sleep["tst_h"], stat(peer, "Sleep/Wake", "duration; s", "TST") / 3600, 1e-9, "Sleep/Wake TST"),
        ("wake in bed (h)", result.sleep["wake_h"], stat(peer, "Sleep/Wake", "duration; s", "Wake") / 3600, 1e-9, "Sleep/Wake Wake"),
        ("LMS index", ind["lms_index"], per_hour(peer, counted(peer, ("CLM", "nonCLM"))), 1e-9, "(CLM + nonCLM) / TST"),
        ("CLMS index", ind["clms_index"], stat(peer, "CLM", "no./hour", "TST"), 1e-9, "CLM"),
        ("PLMS index", ind["plms_index"], stat(peer, "PLM", "no./hour", "TST"), 1e-9, "PLM"),
        ("PLMS index NREM", ind["plms_index_nrem"], stat(peer, "PLM", "no./hour", "NREM"), 1e-9, "PLM, NREM"),
        ("PLMS index REM", ind["plms_index_rem"], stat(peer, "PLM", "no./hour", "REM"), 1e-9, "PLM, REM"),
        ("PLMW index", ind["plmw_index"], stat(peer, "PLM", "no./hour", "Wake"), 1e-9, "PLM, Wake"),
        ("PLMS index without resp. LMs", ind["plms_nr_index"], stat(peer, "PLMnr", "no./hour", "TST"), 1e-9, "PLMnr"),
        ("PLMS-arousal index", ind["plms_arousal_index"], stat(peer, "PLMa", "no./hour", "TST"), 1e-9, "PLMa"),
        ("respiratory CLM index", ind["respiratory_clms_index"], stat(peer, "CLMr", "no./hour", "TST"), 1e-9, "CLMr"),
        ("periodicity index (PLM/CLM)", ind["periodicity_index"], stat(peer, "PI", "no./hour", "TST"), 0.005, "PI (rounded to 0.01)"),
    ]
    for leg, prefix in (("left", "l_"), ("right", "r_"), ("bilateral", "b_")):
        rows += [
            (f"CLMS index, {leg}", ind[f"clms_index_{leg}"], stat(peer, f"{prefix}CLM", "no./hour", "TST"), 1e-9, f"{prefix}CLM"),
            (f"PLMS index, {leg}", ind[f"plms_index_{leg}"], stat(peer, f"{prefix}PLM", "no./hour", "TST"), 1e-9, f"{prefix}PLM"),
        ]
    rows += [
        # durations and IMIs to the microsecond: the export's resolution (R's POSIXct keeps ~0.1 µs)
        ("mean CLM duration (s)", ind["mean_duration_clm_s"], mean_of(peer, ("CLM",)), 1e-6, "CLM duration; mean"),
        ("mean PLM duration (s)", ind["mean_duration_plm_s"], mean_of(peer, ("PLM",)), 1e-6, "PLM duration; mean"),
        ("mean LM duration (s)", ind["mean_duration_lm_s"], mean_of(peer, ("CLM", "nonCLM")), 1e-6, "CLM + nonCLM duration"),
        ("PLMs in sleep", ind["n_plms_sleep"], stat(peer, "PLM", "number", "TST"), 0, "PLM number"),
        ("PLMs in wake", ind["n_plmw"], stat(peer, "PLM", "number", "Wake"), 0, "PLM number, Wake"),
    ]
    return rows


def peer_imi_rows(result, peer: pd.DataFrame) -> list[tuple[str, float, float, float, str]]:
    """IMI statistics: PLMScoRe takes every IMI between two CLMs (any length); plmscope's own
    ln(IMI) keeps those ≤ 90 s. Shown both ways: plmscope's movements by PLMScoRe's definition."""
    mov = result.movements
    imi = mov["imi"].to_numpy(float)
    prev_clm = np.r_[False, mov["candidate"].to_numpy(bool)[:-1]]
    ok = np.isfinite(imi) & mov["candidate"].to_numpy(bool) & prev_clm & mov["in_sleep"].to_numpy(bool)
    return [
        ("IMIs < 10 s in sleep", float((ok & (imi < 10)).sum()), stat(peer, "IMI", "<10s; number", "TST"), 0, "IMI <10s number"),
        ("IMIs 10-90 s in sleep", float((ok & (imi >= 10) & (imi <= 90)).sum()), stat(peer, "IMI", "10-90s; number", "TST"), 0, "IMI 10-90s number"),
        ("geometric mean IMI, all lengths (s)", float(np.exp(np.mean(np.log(imi[ok])))) if ok.any() else math.nan,
         stat(peer, "IMI", "log; mean", "TST"), 1e-6, "exp(mean ln IMI)"),
        ("plmscope ln(IMI) mean, IMI <= 90 s", result.indices["ln_imi_mean"] or math.nan,
         math.log(stat(peer, "IMI", "log; mean", "TST")), math.inf, "ln of PLMScoRe's, all lengths (definitions differ)"),
    ]  # fmt: skip


def stress_night(seed: int, hours: float) -> tuple[Hypnogram, pd.DataFrame, pd.DataFrame, object]:
    """A scorer's night drawn at random: dense short intervals, long and bilateral LMs, LMs at the
    ends of breathing events and around arousals, on a simulated hypnogram."""
    rng = np.random.default_rng(seed)
    base = simulate_night("healthy", seed=seed, hours=hours).night
    duration = base.duration
    n = 4000
    gaps = np.where(rng.random(n) < 0.2, rng.uniform(2, 9.9, n), rng.uniform(12, 45, n))
    long_gap = rng.random(n) < 0.08
    gaps[long_gap] += rng.uniform(60, 200, int(long_gap.sum()))
    onsets = 60 + np.cumsum(gaps)
    onsets = onsets[onsets < duration - 30]
    lengths = np.where(rng.random(onsets.size) < 0.06, rng.uniform(10.2, 14, onsets.size), rng.uniform(0.5, 4.5, onsets.size))
    legs = np.where(rng.random(onsets.size) < 0.5, "left", "right")
    lms = pd.DataFrame({"leg": legs, "onset": onsets, "offset": onsets + lengths})
    partner = rng.random(onsets.size) < 0.3
    shift = rng.uniform(-0.4, 1.2, onsets.size)
    other = pd.DataFrame({
        "leg": np.where(legs == "left", "right", "left")[partner],
        "onset": (onsets + shift)[partner],
        "offset": (onsets + shift + rng.uniform(0.5, 3.0, onsets.size))[partner],
    })  # fmt: skip
    lms = pd.concat([lms, other]).sort_values("onset", ignore_index=True)
    # same-leg LMs closer than 0.5 s are one LM to PLMScoRe (it merges them): keep scorings clean
    for leg in ("left", "right"):
        rows = lms[lms["leg"] == leg]
        gap = rows["onset"].to_numpy()[1:] - rows["offset"].to_numpy()[:-1]
        lms = lms.drop(rows.index[1:][gap < 0.6])
    starts = rng.uniform(0, duration - 60, int(hours * 12))
    ends = starts + rng.uniform(10, 40, starts.size)
    near = rng.choice(lms["onset"].to_numpy(), size=starts.size)
    ends = np.where(rng.random(starts.size) < 0.5, near - rng.uniform(-1, 9, starts.size), ends)
    starts = np.minimum(starts, ends - 10)
    arousal_at = rng.choice(lms["offset"].to_numpy(), size=int(hours * 20)) + rng.uniform(-1, 1.5, int(hours * 20))
    events = pd.DataFrame({
        "onset": np.r_[starts, arousal_at], "duration": np.r_[ends - starts, rng.uniform(3, 12, arousal_at.size)],
        "event": ["apnea"] * starts.size + ["arousal"] * arousal_at.size, "leg": None, "label": "",
    }).sort_values("onset", ignore_index=True)  # fmt: skip
    return base.hypnogram, events[events["onset"] >= 0], lms, base.start


def run_peer(events_file: Path, out: Path) -> pd.DataFrame:
    done = subprocess.run(
        ["Rscript", str(PEER / "run_plmscore.R"), str(PEER / "R") + "/", str(events_file), str(out), *LOCATIONS],
        capture_output=True, text=True, timeout=600,
    )
    if done.returncode != 0:
        lines = [line.strip() for line in (done.stderr + done.stdout).splitlines() if line.strip()]
        error = [line for line in lines if line.startswith(("Error", "Calls"))] or lines[-2:]
        raise RuntimeError(" / ".join(error))
    return pd.read_csv(out)


def agree(a: float, b: float, tolerance: float) -> bool:
    a = math.nan if a is None else float(a)
    if math.isnan(a) or math.isnan(b):
        return math.isnan(a) and math.isnan(b) or (math.isnan(b) and a == 0)
    return abs(a - b) <= max(tolerance, 1e-9 * max(abs(a), abs(b)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--hours", type=float, default=8.0)
    parser.add_argument("--stress", type=int, default=4, help="random scorer nights")
    args = parser.parse_args()
    if shutil.which("Rscript") is None or not (PEER / "run_plmscore.R").is_file():
        print(f"skipped: PLMScoRe needs base R (apt-get install r-base-core) and its sources in {PEER}")
        return
    nights = []
    for profile, seed in NIGHTS:
        sim = simulate_night(profile, seed=seed, hours=args.hours)
        events = sim.night.events[~sim.night.events["event"].isin(["lights_off", "lights_on"])]
        nights.append((f"{profile} {seed}", sim.night.hypnogram, events, sim.truth, sim.night.start))
    for k in range(args.stress):
        nights.append((f"scorer {k + 1}", *stress_night(900 + k, args.hours)))

    table: list[dict] = []
    summary = []
    with tempfile.TemporaryDirectory(prefix="plmscore-") as folder:
        for name, hypnogram, events, lms, start in nights:
            path = write_remlogic(Path(folder) / f"{name.replace(' ', '_')}-Events.txt", hypnogram, events,
                                  lms=lms[["leg", "onset", "offset"]], start=start)  # fmt: skip
            ours = plmscope.score(path)
            somas = plmscope.score(path, rules="wasm2016-somas")
            try:
                peer = run_peer(path, Path(folder) / f"{path.stem}.csv")
            except RuntimeError as exc:
                summary.append((name, ours.indices["plms_index"], None, f"PLMScoRe stopped: {exc}"))
                continue
            rows = comparisons(ours, peer) + peer_imi_rows(ours, peer)
            differ = [r[0] for r in rows if not agree(r[1], r[2], r[3])]
            somas_plms = somas.indices["plms_index"]
            summary.append((name, ours.indices["plms_index"], stat(peer, "PLM", "no./hour", "TST"),
                            f"{len(rows) - len(differ)}/{len(rows)} agree" + (f"; differ: {', '.join(differ)}" if differ else "")
                            + f"; SOMAS reading PLMS {somas_plms:.2f}"))  # fmt: skip
            for label, a, b, tol, what in rows:
                table.append({"night": name, "index": label, "plmscope": a, "PLMScoRe": b, "agree": agree(a, b, tol), "PLMScoRe row": what})

    print("\n## plmscope vs PLMScoRe, per night (PLMS index per hour of sleep)\n")
    print("| night | plmscope | PLMScoRe | outcome |\n|---|---:|---:|---|")
    for name, a, b, outcome in summary:
        print(f"| {name} | {a:.3f} | {'–' if b is None else f'{b:.3f}'} | {outcome} |")
    frame = pd.DataFrame(table)
    if frame.empty:
        return
    print("\n## Every index, over all nights PLMScoRe scored\n")
    print("| index | PLMScoRe row | nights agreeing | largest difference |\n|---|---|---:|---:|")
    for label, group in frame.groupby("index", sort=False):
        diff = (group["plmscope"].astype(float) - group["PLMScoRe"].astype(float)).abs().max()
        print(f"| {label} | {group['PLMScoRe row'].iloc[0]} | {int(group['agree'].sum())}/{len(group)} | {diff:.3g} |")


if __name__ == "__main__":
    main()

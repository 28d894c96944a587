"""Write a simulated ankle night: one CSV per leg (a layout plmscope reads) and its truth as JSON.

``OUT/left.csv``, ``OUT/right.csv`` (the legs simulated) and ``OUT/truth.json``: every true
LM per leg, the posture changes (never LMs), the sleep period and the true sleep/wake per
30 s epoch, and the indices that scoring the true LMs with the true sleep gives.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from plmscope.errors import PlmscopeInputError
from plmscope.export.accel_csv import LAYOUTS, write_accel_csv
from plmscope.export.atomic import write_atomic
from plmscope.night import ScoringContext
from plmscope.rules import WASM2016
from plmscope.scoring import score_night
from plmscope.scoring.result import plain, records
from plmscope.simulate.accel.simulator import SimulatedAccelNight

CSV_LAYOUTS = LAYOUTS
TRUTH_NAME = "truth.json"


def truth_indices(sim: SimulatedAccelNight, rules=WASM2016) -> dict:
    """The indices of the true LMs scored with the true sleep (what an ideal detector would give)."""
    context = ScoringContext(
        duration=sim.night.duration, hypnogram=sim.hypnogram, legs=tuple(sim.night.legs), hypnogram_source="simulated"
    )
    return score_night(context, sim.truth, rules=rules).indices


def truth_dict(sim: SimulatedAccelNight) -> dict:
    """Everything that is really in the simulated night, JSON-ready."""
    tl = sim.timeline
    return {
        "profile": sim.profile,
        "seed": sim.seed,
        "params": plain(sim.params),
        "start": sim.night.start.isoformat() if sim.night.start else None,
        "duration_s": sim.night.duration,
        "sleep": {
            "sleep_onset_s": tl.sleep_onset,
            "final_awakening_s": tl.final_awakening,
            "out_of_bed_s": tl.out_of_bed,
            "wake_bouts": [list(b) for b in tl.wake_bouts],
            "tst_h": tl.sleep_seconds() / 3600.0,
            "epoch_s": sim.hypnogram.epoch_s,
            "stages": [str(s) for s in sim.hypnogram.stages],
        },
        "lms": records(sim.truth),
        "posture_changes": records(sim.postures),
        "decoys": records(sim.decoys),
        "indices": plain(truth_indices(sim)),
    }


def write_accel_simulation(
    sim: SimulatedAccelNight, out: str | Path, *, layout: str = "time"
) -> dict[str, Path]:
    """Write the legs of ``sim`` as CSVs in ``layout`` and ``truth.json`` into the folder ``out``.

    Returns the paths written: ``{"left": ..., "right": ..., "truth": ...}``.
    """
    folder = Path(out)
    if folder.exists() and not folder.is_dir():
        raise PlmscopeInputError("is a file; the accelerometer simulation writes a folder (left.csv, right.csv, truth.json)", path=str(folder))
    if layout not in LAYOUTS:
        raise PlmscopeInputError(f"unknown CSV layout {layout!r}; choose one of: {', '.join(LAYOUTS)}")
    written: dict[str, Path] = {}
    for leg, signal in sim.night.legs.items():
        written[leg] = write_accel_csv(folder / f"{leg}.csv", signal.data, signal.sf, layout=layout, start=sim.night.start)
    written["truth"] = write_atomic(folder / TRUTH_NAME, json.dumps(truth_dict(sim), indent=1, allow_nan=False) + "\n")
    return written


def read_accel_truth(path: str | Path) -> dict:
    """The truth written by :func:`write_accel_simulation` (a folder or its truth.json), LMs as a table."""
    path = Path(path)
    data = json.loads((path / TRUTH_NAME if path.is_dir() else path).read_text())
    data["lms"] = pd.DataFrame.from_records(data["lms"])
    data["posture_changes"] = pd.DataFrame.from_records(data["posture_changes"])
    return data

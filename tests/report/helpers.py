"""Helpers for the report tests: a short hand-made night (20 min, both legs, 256 Hz).

The leg movements are placed by hand: a periodic series on the left leg (two of them joined
by the right leg), sleep-onset movements, a long movement, one after an apnea, an isolated
one and a short-interval pair; the EMG carries a burst wherever a movement was placed.
"""

from __future__ import annotations

import datetime as dt
import re

import numpy as np
import pandas as pd

from plmscope.night import Hypnogram, Night, Signal
from plmscope.pipeline import NightScore, night_score
from plmscope.rules import WASM2016, RuleSet
from plmscope.scoring import score_night

SF = 256.0
DURATION_S = 1200.0
PATIENT = "Zebulon Quillfeather-Testperson"

# (leg, onset, offset) in seconds
MONOLATERAL = [
    ("left", 130.0, 131.5),
    ("right", 142.0, 143.0),
    ("left", 155.0, 156.0),  # sleep onset
    *[("left", t, t + 2.0) for t in (300.0, 325.0, 350.0, 375.0, 400.0, 425.0, 450.0)],  # series
    ("right", 350.5, 352.0),
    ("right", 400.2, 401.5),  # joined to the series' left LMs
    ("right", 700.0, 713.0),  # too long to be a candidate
    ("left", 896.0, 898.0),
    ("right", 896.3, 897.5),  # right after the apnea
    ("left", 1000.0, 1001.5),  # isolated
    ("right", 1060.0, 1061.0),
    ("right", 1065.0, 1066.0),  # short interval
]
STAGES = (
    ["W"] * 4
    + ["N1"] * 2
    + ["N2"] * 10
    + ["N3"] * 6
    + ["N2"] * 4
    + ["R"] * 6
    + ["N2"] * 6
    + ["W"] * 2
)
EVENTS = pd.DataFrame(
    {
        "onset": [60.0, 880.0, 905.0, 1150.0],
        "duration": [0.0, 14.0, 5.0, 0.0],
        "event": ["lights_off", "apnea", "arousal", "lights_on"],
        "leg": [None, None, None, None],
        "label": ["Lights Off", "Obstructive Apnea", "Arousal", "Lights On"],
    }
)


def emg(leg: str, monolateral: pd.DataFrame, seed: int) -> np.ndarray:
    """Quiet EMG (±1.5 µV) with a 40 µV burst during each of this leg's movements."""
    rng = np.random.default_rng(seed)
    data = rng.normal(0.0, 1.5, int(DURATION_S * SF)).astype(np.float32)
    for onset, offset in monolateral.loc[monolateral["leg"] == leg, ["onset", "offset"]].to_numpy():
        i0, i1 = int(onset * SF), int(offset * SF)
        data[i0:i1] += rng.normal(0.0, 40.0, i1 - i0).astype(np.float32)
    return data


def image_sources(html: str) -> list[str]:
    """The src of every <img> in the page."""
    return re.findall(r'<img[^>]*\bsrc="([^"]+)"', html)


def hand_made_night(monolateral: pd.DataFrame) -> Night:
    """The 20-min night with EMG bursts where ``monolateral`` places movements."""
    legs = {
        leg: Signal(label=f"Leg {leg[0].upper()}", data=emg(leg, monolateral, seed), sf=SF)
        for seed, leg in enumerate(("left", "right"))
    }
    return Night(
        legs=legs,
        duration=DURATION_S,
        hypnogram=Hypnogram(stages=np.array(STAGES, dtype="<U2")),
        events=EVENTS,
        start=dt.datetime(2026, 3, 14, 23, 10, 0),
        source=f"/data/{PATIENT.replace(' ', '_')}.edf",
        hypnogram_source="annotations",
        identity={"patient": PATIENT, "recording": "Startdate 14-MAR-2026 LAB-7"},
    )


def scored_night(
    night: Night,
    monolateral: pd.DataFrame,
    *,
    rules: RuleSet = WASM2016,
    unscorable: pd.DataFrame | None = None,
) -> NightScore:
    """The NightScore of ``night`` with hand-placed movements (scored as if from a file)."""
    result = score_night(night.context, monolateral, rules=rules, unscorable=unscorable)
    return night_score(night, result, None, "file")

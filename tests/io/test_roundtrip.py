"""A night built in memory, written as EDF+ with edfio, reads back the same."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import edfio
import numpy as np
import pandas as pd

from plmscope.io import read_night
from plmscope.night import Hypnogram, Night, Signal

from .conftest import SF, emg

SPAN_UV = 1000.0
STAGE_TEXT = {
    "W": "Sleep stage W",
    "N1": "Sleep stage N1",
    "N2": "Sleep stage N2",
    "N3": "Sleep stage N3",
    "R": "Sleep stage R",
    "?": "Sleep stage ?",
}


def night_in_memory() -> Night:
    legs = {
        side: Signal(label, emg(seed=i).astype(np.float32), SF)
        for i, (side, label) in enumerate([("left", "Leg L"), ("right", "Leg R")])
    }
    events = pd.DataFrame(
        {
            "onset": [4.0, 31.25, 47.5, 62.0, 95.0, 176.0],
            "duration": [0.0, 1.5, 12.0, 3.0, 0.8, 0.0],
            "event": pd.Series(
                ["lights_off", "leg_movement", "apnea", "arousal", "leg_movement", "lights_on"],
                dtype=object,
            ),
            "leg": pd.Series([None, "left", None, None, "right", None], dtype=object),
            "label": pd.Series(
                [
                    "Lights off",
                    "LM left",
                    "Obstructive Apnea",
                    "Arousal",
                    "Limb Movement (Right)",
                    "Lights on",
                ],
                dtype=object,
            ),
        }
    )
    stages = np.array(["W", "N1", "N2", "N2", "R", "?"])
    return Night(
        legs=legs,
        duration=180.0,
        hypnogram=Hypnogram(stages),
        events=events,
        start=dt.datetime(2024, 5, 6, 23, 15, 0),
        ecg=Signal("ECG", emg(seed=9).astype(np.float32), SF),
    )


def write_night(night: Night, path: Path) -> None:
    channels = [*night.legs.values(), night.ecg]
    signals = [
        edfio.EdfSignal(
            s.data.astype(np.float64),
            s.sf,
            label=s.label,
            physical_dimension="uV",
            physical_range=(-SPAN_UV, SPAN_UV),
        )
        for s in channels
    ]
    notes = [
        edfio.EdfAnnotation(o, d, t)
        for o, d, t in night.events[["onset", "duration", "label"]].itertuples(index=False)
    ]
    notes += [
        edfio.EdfAnnotation(i * 30.0, 30.0, STAGE_TEXT[s])
        for i, s in enumerate(night.hypnogram.stages)
    ]
    edfio.Edf(
        signals,
        annotations=notes,
        recording=edfio.Recording(startdate=night.start.date()),
        starttime=night.start.time(),
    ).write(path)


def test_night_round_trip(tmp_path) -> None:
    original = night_in_memory()
    path = tmp_path / "roundtrip.edf"
    write_night(original, path)
    back = read_night(path)
    step = 2 * SPAN_UV / 65535
    for side, signal in original.legs.items():
        assert back.legs[side].label == signal.label and back.legs[side].sf == signal.sf
        np.testing.assert_allclose(back.legs[side].data, signal.data, atol=step)
    np.testing.assert_allclose(back.ecg.data, original.ecg.data, atol=step)
    assert back.duration == original.duration and back.start == original.start
    np.testing.assert_array_equal(back.hypnogram.stages, original.hypnogram.stages)
    assert back.hypnogram_source == "annotations"
    pd.testing.assert_frame_equal(back.events, original.events)
    assert back.unknown_labels == [] and back.gaps == [] and back.warnings == []

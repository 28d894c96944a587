"""Leg movements of a whole night: every leg present, with the ECG and the recording gaps."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..errors import PlmscopeInputError
from ..night import Night
from ..rules import WASM2016, RuleSet
from .ecg import heartbeats_from_ecg
from .leg import leg_movements_uv
from .result import LegMovements, NightDetection, empty_movements, empty_unscorable
from .settings import DEFAULT_SETTINGS, DetectorSettings

_REASON_WORDS = {"noisy": "noisy signal", "flat": "flat signal", "missing": "no recording"}
RECOMMENDED_SF = 200.0  # SCORING_RULES.md §1: leg EMG sampled at 200 Hz or more


def _length(seconds: float) -> str:
    """A duration in words: minutes, or seconds when under one minute."""
    return f"{seconds / 60:.0f} min" if seconds >= 60 else f"{seconds:.0f} s"


def detect_night(
    night: Night, rules: RuleSet = WASM2016, *, settings: DetectorSettings | None = None
) -> NightDetection:
    """Detect leg movements on each leg of ``night``; gaps (EDF+D) are unscorable."""
    settings = settings or DEFAULT_SETTINGS
    if not night.legs:
        raise PlmscopeInputError(f"{night.source or 'night'}: no leg EMG channel to detect on")
    beats = None
    if night.ecg is not None:
        beats = heartbeats_from_ecg(night.ecg.data, night.ecg.sf, settings)
    legs = {
        name: leg_movements_uv(
            np.asarray(signal.data, dtype=np.float32), signal.sf, rules, settings,
            leg=name, beat_times=beats, mains_hz="auto", gaps=night.gaps,
        )
        for name, signal in night.legs.items()
    }
    return NightDetection(
        legs=legs,
        monolateral=_joined([leg.movements for leg in legs.values()], empty_movements(), "onset"),
        unscorable=_joined([leg.unscorable for leg in legs.values()], empty_unscorable(), "start"),
        settings={name: leg.settings for name, leg in legs.items()},
        warnings=night_warnings(legs),
        notes=night_notes(legs),
    )


def _joined(tables: list[pd.DataFrame], empty: pd.DataFrame, by: str) -> pd.DataFrame:
    """Tables of both legs as one, sorted by time."""
    tables = [t for t in tables if len(t)]
    if not tables:
        return empty
    return pd.concat(tables, ignore_index=True).sort_values(by, kind="stable", ignore_index=True)


def night_warnings(legs: dict[str, LegMovements]) -> list[str]:
    """Plain sentences about what limits the result: low sampling rate, unscorable time."""
    out = []
    for name, leg in legs.items():
        s = leg.settings
        if s["sf"] < RECOMMENDED_SF:
            out.append(
                f"{name} leg: sampled at {s['sf']:g} Hz, below the recommended {RECOMMENDED_SF:g} Hz; "
                f"EMG band used: {s['band_hz'][0]:g}–{s['band_hz'][1]:g} Hz"
            )
        bad = leg.unscorable
        for reason, seconds in (bad["end"] - bad["start"]).groupby(bad["reason"]).sum().items():
            out.append(f"{name} leg: {_length(seconds)} unscorable ({_REASON_WORDS[reason]})")
    return out


def night_notes(legs: dict[str, LegMovements]) -> list[str]:
    """Plain sentences about what the detector removed before finding movements."""
    out = []
    for name, leg in legs.items():
        ecg = leg.settings["ecg"]
        if ecg["source"] != "none":
            via = "the ECG channel" if ecg["source"] == "ecg channel" else "its regular spikes"
            out.append(
                f"{name} leg: heartbeat artefact (about {ecg['leak_uv']:.0f} µV) removed using {via}"
            )
    hum = sorted({leg.settings["mains_hz"] for leg in legs.values() if leg.settings["mains_hz"]})
    out += [f"mains hum at {f:g} Hz removed" for f in hum]
    return out

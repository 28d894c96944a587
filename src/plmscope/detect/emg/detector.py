"""The tibialis EMG detector of a whole night: every leg present, with the ECG and the gaps."""

from __future__ import annotations

import os
from concurrent.futures import Executor, Future, ThreadPoolExecutor
from dataclasses import dataclass, field

import numpy as np

from plmscope.detect.base import Detection, empty_unscorable, joined
from plmscope.detect.emg.ecg import heartbeats_from_ecg
from plmscope.detect.emg.leg import leg_envelope, movements_from_envelope
from plmscope.detect.emg.result import LegMovements, empty_movements
from plmscope.detect.emg.settings import DEFAULT_SETTINGS, DetectorSettings
from plmscope.errors import PlmscopeInputError
from plmscope.night import Night
from plmscope.rules import WASM2016, RuleSet

_REASON_WORDS = {"noisy": "noisy signal", "flat": "flat signal", "missing": "no recording"}
RECOMMENDED_SF = 200.0  # SCORING_RULES.md §1: leg EMG sampled at 200 Hz or more


def _length(seconds: float) -> str:
    """A duration in words: minutes, or seconds when under one minute."""
    return f"{seconds / 60:.0f} min" if seconds >= 60 else f"{seconds:.0f} s"


@dataclass(frozen=True)
class EmgDetector:
    """Leg movements in tibialis anterior EMG (SCORING_RULES.md §1), one leg at a time.

    Band-pass and mains notch, rectified envelope, a running resting level, +8/+2 µV
    hysteresis with a 0.5 s hold, the WASM morphology check, heartbeats left out (beats from
    the ECG channel, else from regular spikes in the leg), unscorable time where the resting
    level rises more than 15 µV above the night's quiet level. The numbers come from ``rules``;
    the signal-shaping constants from ``settings``.

    Examples
    --------
    >>> from plmscope.simulate import simulate_night
    >>> night = simulate_night("plmd", seed=1, hours=0.25).night
    >>> detection = EmgDetector().detect(night)
    >>> detection.kind, sorted(detection.settings)
    ('psg', ['left', 'right'])
    """

    rules: RuleSet = WASM2016
    settings: DetectorSettings = field(default=DEFAULT_SETTINGS)
    kind: str = "psg"
    threads: int | None = None  # channels filtered side by side; None: two, or one on a 1-core machine

    def detect(self, night: Night) -> Detection:
        """Detect leg movements on each leg of ``night``; gaps (EDF+D) are unscorable.

        The filtering runs on a second thread as well (the ECG and the first leg split between
        both, the other legs beside the first legs' second halves; numpy and the FFT release the
        GIL), so a two-core machine detects a night in well under the time of one; ``threads=1``
        keeps it to one core (as a cohort worker with one thread per night wants).
        """
        if not night.legs:
            raise PlmscopeInputError(f"{night.source or 'night'}: no leg EMG channel to detect on")
        threads = self.threads or min(2, os.cpu_count() or 1)
        names = list(night.legs)
        if threads <= 1:
            beats = self._beats(night)
            legs = self._second_halves(night, names, {}, beats)
        else:
            # two lanes. The ECG's beats come first (the legs' filtering takes the heartbeat
            # off at them), then the first leg: both filtered on both threads (the FFT releases
            # the GIL). Then the worker filters the other legs while this thread finds each
            # leg's movements; one second half (the largest temporaries) at a time keeps the
            # peak near one core's.
            with ThreadPoolExecutor(max_workers=1) as pool:
                beats = self._beats(night, pool)
                first, *rest = names
                envelope = self._envelope(night, first, beats, pool)
                envelopes: dict[str, Future] = {name: Future() for name in rest}
                filtering = pool.submit(self._filter_all, night, list(envelopes.items()), beats)
                try:
                    legs = {first: self._movements(night, first, envelope, beats)}
                    del envelope
                    legs |= self._second_halves(night, rest, envelopes, beats)
                finally:
                    for job in envelopes.values():
                        job.cancel()  # the worker stops at the next leg when this lane failed
                filtering.result()
        legs = {name: legs[name] for name in names}
        return Detection(
            kind=self.kind,
            monolateral=joined([leg.movements for leg in legs.values()], empty_movements(), "onset"),
            unscorable=joined([leg.unscorable for leg in legs.values()], empty_unscorable(), "start"),
            settings={name: leg.settings for name, leg in legs.items()},
            per_leg={name: leg.summary().iloc[0].to_dict() for name, leg in legs.items()},
            warnings=night_warnings(legs),
            notes=night_notes(legs),
        )

    def _beats(self, night: Night, helper: Executor | None = None) -> np.ndarray | None:
        """R-peak times (s, to a fraction of a sample) from the ECG channel, or None without one."""
        if night.ecg is None:
            return None
        return heartbeats_from_ecg(np.asarray(night.ecg.data), night.ecg.sf, self.settings, helper)

    def _envelope(self, night: Night, name: str, beats: np.ndarray | None, helper: Executor | None = None):
        signal = night.legs[name]
        return leg_envelope(np.asarray(signal.data), signal.sf, self.settings, "auto", beats, helper=helper)

    def _filter_all(self, night: Night, envelopes: list[tuple[str, Future]], beats: np.ndarray | None) -> None:
        """The worker lane: every leg's filtered blocks into its future, in the legs' order."""
        for name, job in envelopes:
            if not job.set_running_or_notify_cancel():
                return
            try:
                job.set_result(self._envelope(night, name, beats))
            except BaseException as exc:  # the other lane raises it where it waits for this leg
                job.set_exception(exc)
                return

    def _second_halves(
        self, night: Night, names: list[str], envelopes: dict[str, Future], beats: np.ndarray | None
    ) -> dict[str, LegMovements]:
        """The movements of the legs ``names``, one after the other (their filtered blocks from
        ``envelopes`` when the other lane makes them, else made here)."""
        legs = {}
        for name in names:
            job = envelopes.pop(name, None)
            envelope = job.result() if job is not None else self._envelope(night, name, beats)
            del job  # the blocks go as soon as this leg's second half is done with them
            legs[name] = self._movements(night, name, envelope, beats)
            del envelope
        return legs

    def _movements(self, night: Night, name: str, envelope, beats: np.ndarray | None) -> LegMovements:
        return movements_from_envelope(
            envelope, self.rules, self.settings, leg=name, beat_times=beats, gaps=night.gaps
        )


def detect_night(
    night: Night, rules: RuleSet = WASM2016, *, settings: DetectorSettings | None = None
) -> Detection:
    """Detect leg movements on each leg of ``night`` with the EMG detector.

    Examples
    --------
    >>> from plmscope.simulate import simulate_night
    >>> detection = detect_night(simulate_night("healthy", seed=2, hours=0.25).night)
    >>> list(detection.summary()["leg"])
    ['left', 'right']
    """
    return EmgDetector(rules, settings or DEFAULT_SETTINGS).detect(night)


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

"""The ankle-accelerometer detector of a whole night: movements, posture changes, sleep, wear."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from plmscope.detect.accel.gravity import unit
from plmscope.detect.accel.leg import MOVEMENT_COLUMNS, LegAccel, leg_movements
from plmscope.detect.accel.posture import posture_flags, posture_spans
from plmscope.detect.accel.restless import restless_moves
from plmscope.detect.accel.settings import DEFAULT_ACCEL_SETTINGS, AccelSettings
from plmscope.detect.accel.sleep import SleepDiary, SleepEstimate, estimate_sleep
from plmscope.detect.accel.wear import looks_like_wrist
from plmscope.detect.base import Detection, empty_unscorable, joined, unscorable_minutes
from plmscope.errors import PlmscopeInputError
from plmscope.night import ACCELEROMETER, Night
from plmscope.rules import WASM2016, RuleSet

LOWEST_RATE_HZ = 20.0  # leg movements of 0.5 s need at least this; 25–100 Hz are usual
ESTIMATE_WARNING = (
    "estimated from ankle accelerometers: leg movements are found from movement, not from muscle "
    "activity (EMG), and sleep from stillness, not from brain signals; one night can mislead, and "
    "an EMG sleep study is what confirms periodic limb movements in sleep"
)


def empty_accel_movements() -> pd.DataFrame:
    types = {"leg": "object", "long": "bool"}
    return pd.DataFrame({c: pd.Series(dtype=types.get(c, "float64")) for c in MOVEMENT_COLUMNS})


def _rows(leg: str, spans, reason: str) -> pd.DataFrame:
    spans = list(spans)
    return pd.DataFrame(
        {"leg": [leg] * len(spans), "start": [float(a) for a, _ in spans], "end": [float(b) for _, b in spans],
         "reason": [reason] * len(spans)}
    )


def _length(seconds: float) -> str:
    return f"{seconds / 3600:.1f} h" if seconds >= 5400 else f"{seconds / 60:.0f} min" if seconds >= 60 else f"{seconds:.0f} s"


@dataclass(frozen=True)
class AccelDetector:
    """Leg movements from ankle accelerometers, scored by the same rules as EMG (an estimate).

    Per leg: band-pass 0.3–8 Hz (gravity and offsets out, no calibration needed), vector
    magnitude, hysteresis thresholds from that night's own noise floor (onset within 15–200 mg,
    offset half-way), a 0.5 s offset hold (so fragments less than 0.5 s apart are one movement)
    and a 0.5 s minimum. Posture changes and whole-body movements (gravity stays turned, both
    legs move) are counted apart and never as LMs; gaps and time the sensor was not worn are
    unscorable. Sleep is estimated (HDCZA window and wake bouts) unless ``diary`` gives
    the bedtime and rise time. A sensor that behaved like a wrist's is named in the warnings.

    Examples
    --------
    >>> from plmscope.simulate.accel import simulate_accel_night
    >>> night = simulate_accel_night("plmd", seed=1, hours=1.0, fs=25.0).night
    >>> detection = AccelDetector().detect(night)
    >>> detection.kind, detection.hypnogram_source, sorted(detection.per_leg)
    ('accelerometer', 'accelerometer', ['left', 'right'])
    """

    rules: RuleSet = WASM2016
    settings: AccelSettings = field(default=DEFAULT_ACCEL_SETTINGS)
    diary: SleepDiary | None = None
    kind: str = ACCELEROMETER

    def detect(self, night: Night) -> Detection:
        """Movements, posture changes, unscorable time and the estimated sleep of ``night``."""
        if not night.legs:
            raise PlmscopeInputError(f"{night.source or 'night'}: no leg accelerometer to detect on")
        if night.kind != ACCELEROMETER:
            raise PlmscopeInputError(
                f"{night.source or 'night'}: the legs are EMG, not acceleration: use the EMG detector"
            )
        s = self.settings
        legs = {name: leg_movements(sig, name, night.gaps, self.rules, s) for name, sig in night.legs.items()}
        table = {name: leg.movements for name, leg in legs.items()}
        flags = posture_flags(table, s)
        postures = posture_spans(table, flags, s.posture_pad_s)
        not_worn = {name: leg.not_worn for name, leg in legs.items()}
        excluded = [(o, d) for o, d in night.gaps] + [(a, b - a) for spans in not_worn.values() for a, b in spans]
        worn = [leg.seconds for name, leg in legs.items() if not _all_not_worn(leg)] or [leg.seconds for leg in legs.values()]
        lms = {name: table[name][~flags[name]].reset_index(drop=True) for name in legs}
        restless = restless_moves(lms.values(), postures, self.rules)
        sleep = estimate_sleep(
            worn, night.duration, excluded, s, diary=self.diary, start=night.start,
            restless=list(zip(restless["onset"], restless["offset"], strict=True)),
        )
        unscorable = self._unscorable(night, legs)
        wrist = {name: _wrist_check(leg, sleep, s) for name, leg in legs.items()}
        return Detection(
            kind=self.kind,
            monolateral=joined(list(lms.values()), empty_accel_movements(), "onset"),
            unscorable=unscorable,
            settings={name: leg.settings for name, leg in legs.items()},
            per_leg={
                name: {
                    "leg": name,
                    "n_lms": int(len(lms[name])),
                    "n_posture_movements": int(flags[name].sum()),
                    "recording_min": leg.duration / 60.0,
                    "unscorable_min": unscorable_minutes(unscorable[unscorable["leg"] == name]),
                    "not_worn_min": sum(b - a for a, b in leg.not_worn) / 60.0,
                    "noise_floor_mg": leg.settings["noise_floor_mg"],
                    "onset_mg": leg.settings["onset_mg"],
                    "offset_mg": leg.settings["offset_mg"],
                    "off_plane": wrist[name][1],
                }
                for name, leg in legs.items()
            },
            warnings=self._warnings(legs, unscorable, sleep, wrist),
            notes=self._notes(legs, postures, sleep),
            hypnogram=sleep.hypnogram,
            hypnogram_source=sleep.source,
            lights=sleep.lights,
            findings={
                "posture_changes": {
                    "count": int(len(postures)),
                    "periods": postures.round(3).to_dict(orient="records"),
                },
                "sleep_estimate": sleep.to_dict(),
                "placement": {name: ("wrist-like" if w[0] else "ankle-like or unknown") for name, w in wrist.items()},
            },
        )

    def _unscorable(self, night: Night, legs: dict[str, LegAccel]) -> pd.DataFrame:
        """Gaps (every leg) and time a sensor was not worn (its leg).

        Posture changes are not unscorable: they are counted apart and their movements are not
        LMs, but a PLM series runs on across a turn in bed, as it would on EMG.
        """
        rows = []
        for name, leg in legs.items():
            rows.append(_rows(name, [(o, o + d) for o, d in night.gaps], "gap"))
            rows.append(_rows(name, leg.not_worn, "not worn"))
        return joined(rows, empty_unscorable(), "start")

    def _warnings(self, legs, unscorable, sleep: SleepEstimate, wrist) -> list[str]:
        out = [ESTIMATE_WARNING]
        for name, leg in legs.items():
            if leg.settings["sf"] < LOWEST_RATE_HZ:
                out.append(f"{name} leg: sampled at {leg.settings['sf']:g} Hz, below {LOWEST_RATE_HZ:g} Hz: short movements are missed")
            worn_off = sum(b - a for a, b in leg.not_worn)
            if worn_off:
                out.append(
                    f"{name} leg: the sensor did not move at all for {_length(worn_off)} (gravity constant): "
                    "it was probably not worn (lying on a table or a bedside); that time is not scored"
                )
            if wrist[name][0]:
                out.append(
                    f"{name} leg: the sensor turned like a wrist's, not an ankle's (gravity left the plane an "
                    f"ankle keeps in bed; off-plane share {wrist[name][1]:.2f}): a wrist or a phone on the "
                    "mattress cannot count leg movements, so these numbers may not describe the legs"
                )
        gaps = unscorable[unscorable["reason"] == "gap"].drop_duplicates(["start", "end"])
        if len(gaps):
            out.append(f"{len(gaps)} gap(s) in the data ({_length(float((gaps['end'] - gaps['start']).sum()))}): not scored, not counted as 'no movements'")
        if sleep.window is None:
            out.append("no sleep period could be found (no 30 min of rest): sleep time is unknown and indices per hour of sleep cannot be given")
        return out

    def _notes(self, legs, postures: pd.DataFrame, sleep: SleepEstimate) -> list[str]:
        out = []
        minutes = float((postures["offset"] - postures["onset"]).sum() / 60) if len(postures) else 0.0
        out.append(
            f"{len(postures)} posture changes or whole-body movements (turning over, getting up) were told apart "
            f"from leg movements: counted on their own ({minutes:.0f} min in all), never as LMs"
        )
        for name, leg in legs.items():
            st = leg.settings
            out.append(
                f"{name} leg: movement onset at {st['onset_mg']:.0f} mg and offset at {st['offset_mg']:.0f} mg "
                f"(noise floor {st['noise_floor_mg']:.0f} mg; band {st['band_hz'][0]:g}–{st['band_hz'][1]:g} Hz)"
            )
        if sleep.window is not None:
            a, b = sleep.window
            awake = sum(end - start for start, end in sleep.wake_bouts) / 60
            out.append(
                f"sleep estimated: {sleep.method}; sleep period {a / 3600:.2f}–{b / 3600:.2f} h after the start; "
                f"{len(sleep.wake_bouts)} wake bout(s) inside it ({awake:.0f} min) where restless moves came in a "
                "cluster (turns, long or irregular movements; leg movements of a periodic run never count)"
            )
        return out


def _all_not_worn(leg: LegAccel) -> bool:
    return sum(b - a for a, b in leg.not_worn) >= 0.9 * leg.duration


def _wrist_check(leg: LegAccel, sleep: SleepEstimate, settings: AccelSettings) -> tuple[bool, float, float]:
    """Is this sensor's gravity, minute by minute in the sleep period, spread like a wrist's?"""
    seconds = leg.seconds
    lo, hi = (sleep.window or (0.0, leg.duration))
    part = seconds[int(lo) : int(hi)]
    n = len(part) // 60
    if n < 30:
        return False, 0.0, 0.0
    minutes = unit(part[: n * 60].reshape(n, 60, 3).mean(axis=1))
    wrist, least, middle = looks_like_wrist(minutes, settings)
    return wrist, round(least, 4), round(middle, 4)

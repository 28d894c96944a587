"""Accelerometer files of one night (one per ankle) -> a :class:`~plmscope.night.Night`.

Each leg's signal is its three axes in g, shape ``(n, 3)``, at the file's own rate. Two files
are put on one clock: by their start times when both have one (the night is the time both
recorded), else from their first samples. Gaps of either file are gaps of the night (time that
is never scored). Sleep is left unstaged here: the accelerometer detector estimates it, unless a
hypnogram is given.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path, PurePath

import numpy as np

from plmscope.errors import PlmscopeInputError
from plmscope.io.accel.read import read_accel_file
from plmscope.io.accel.recording import AccelRecording
from plmscope.io.edf_annotations import empty_annotations
from plmscope.io.read import EventsInput, HypnogramInput, night_annotations
from plmscope.night import EPOCH_S, LEGS, Night, Signal

#: Files whose clocks or lengths differ by more than this are trimmed with a warning.
ALIGN_NOTE_S = 60.0
WRIST_WORDS = ("wrist", "arm", "hand")

AccelInput = str | Path | Mapping[str, "str | Path | AccelRecording"] | AccelRecording


def _legs_of(data: AccelInput, leg: str) -> dict[str, object]:
    """{leg: path or recording} from a mapping of legs or one file for ``leg``."""
    if isinstance(data, Mapping):
        legs = {str(k).strip().lower(): v for k, v in data.items() if v is not None}
        odd = sorted(set(legs) - set(LEGS))
        if odd or not legs:
            raise PlmscopeInputError(
                f"accelerometer files are given per leg: keys 'left' and/or 'right', got {sorted(data)}"
            )
        return {k: legs[k] for k in LEGS if k in legs}
    if leg not in LEGS:
        raise PlmscopeInputError(f"leg must be 'left' or 'right', got {leg!r}")
    return {leg: data}


def _trim(recs: dict[str, AccelRecording]) -> tuple[dict[str, AccelRecording], dt.datetime | None, list[str]]:
    """The recordings cut to the time all of them cover; the common start; what was cut."""
    notes: list[str] = []
    starts = {leg: rec.start for leg, rec in recs.items()}
    if len(recs) == 1:
        return recs, next(iter(starts.values())), notes
    if all(s is not None for s in starts.values()):
        begin = max(starts.values())
        end = min(rec.start + dt.timedelta(seconds=rec.duration) for rec in recs.values())
        if end <= begin:
            raise PlmscopeInputError(
                "the left and right files do not overlap in time "
                + " and ".join(f"({leg} from {s:%Y-%m-%d %H:%M})" for leg, s in starts.items())
            )
        offsets = {leg: (begin - s).total_seconds() for leg, s in starts.items()}
    else:
        begin = None
        offsets = {leg: 0.0 for leg in recs}
        end_s = min(rec.duration for rec in recs.values())
    out = {}
    for leg, rec in recs.items():
        first = int(round(offsets[leg] * rec.sf))
        length = (end - begin).total_seconds() if begin is not None else end_s
        last = first + int(round(length * rec.sf))
        cut = (len(rec.xyz) - (last - first)) / rec.sf
        if cut > ALIGN_NOTE_S:
            notes.append(f"{leg} leg: {cut / 60:.0f} min outside the time both legs recorded are not used")
        gaps = [
            (max(o - offsets[leg], 0.0), d - max(offsets[leg] - o, 0.0))
            for o, d in rec.gaps
            if o + d > offsets[leg] and o - offsets[leg] < length
        ]
        out[leg] = AccelRecording(
            xyz=rec.xyz[first:last], sf=rec.sf, source=rec.source, format=rec.format, unit=rec.unit,
            start=begin, gaps=gaps, device=rec.device, placement=rec.placement, warnings=rec.warnings,
        )
    if begin is None and len({round(r.duration) for r in recs.values()}) > 1:
        notes.append("the files carry no clock time: their first samples are taken as simultaneous")
    return out, begin, notes


def merged_gaps(recs: dict[str, AccelRecording]) -> list[tuple[float, float]]:
    """The gaps of every leg as one sorted list of (onset, duration), overlaps joined."""
    spans = sorted((o, o + d) for rec in recs.values() for o, d in rec.gaps if d > 0)
    out: list[list[float]] = []
    for start, end in spans:
        if out and start <= out[-1][1]:
            out[-1][1] = max(out[-1][1], end)
        else:
            out.append([start, end])
    return [(round(s, 6), round(e - s, 6)) for s, e in out]


def placement_notes(recs: dict[str, AccelRecording]) -> list[str]:
    """Warnings when a file's own metadata says it was worn elsewhere than on this leg's ankle."""
    notes = []
    for leg, rec in recs.items():
        words = rec.placement.lower()
        if not words:
            continue
        if any(w in words for w in WRIST_WORDS):
            notes.append(
                f"{leg} leg: the file says the sensor was worn on the {rec.placement!r}: a wrist "
                "sensor cannot count leg movements; the result describes arm movements, not legs"
            )
        other = "right" if leg == "left" else "left"
        if other in words and leg not in words:
            notes.append(f"{leg} leg: the file says it was worn on the {other} side ({rec.placement!r})")
    return notes


def read_accel_night(
    data: AccelInput,
    *,
    leg: str = "left",
    sf: float | None = None,
    unit: str | None = None,
    hypnogram: HypnogramInput = None,
    events: EventsInput = None,
) -> Night:
    """Read one night of ankle accelerometers: ``{"left": path, "right": path}`` or one path for ``leg``.

    ``sf`` is the rate of a CSV without times, ``unit`` the unit of a CSV that does not say it.
    The legs are three-axis acceleration in g (``night.legs[leg].data``, shape ``(n, 3)``).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "right_ankle.csv"
    >>> z = 1 + np.random.default_rng(1).normal(0, 0.005, 50 * 120)
    >>> _ = path.write_text("x,y,z\\n" + "\\n".join(f"0,0,{v:.4f}" for v in z) + "\\n")
    >>> night = read_accel_night(path, leg="right", sf=50)
    >>> night.kind, list(night.legs), night.legs["right"].data.shape, night.duration
    ('accelerometer', ['right'], (6000, 3), 120.0)
    """
    given = _legs_of(data, leg)
    recs = {
        side: value if isinstance(value, AccelRecording) else read_accel_file(value, sf=sf, unit=unit)
        for side, value in given.items()
    }
    recs, start, notes = _trim(recs)
    duration = min(rec.duration for rec in recs.values())
    if duration < EPOCH_S:
        where = " and ".join(PurePath(r.source).name for r in recs.values())
        raise PlmscopeInputError(f"holds only {duration:.0f} s of acceleration; at least one 30 s epoch is needed", path=where)
    found = night_annotations(empty_annotations(), events, hypnogram, duration, duration, start)
    legs = {
        side: Signal(label=rec.label, data=rec.xyz, sf=rec.sf, unit=rec.unit) for side, rec in recs.items()
    }
    warnings = [w for rec in recs.values() for w in rec.warnings] + notes + placement_notes(recs)
    if len(legs) == 1:
        warnings.append(
            f"only the {next(iter(legs))} leg was recorded: the other leg's movements are missed and "
            "bilateral movements cannot be recognised"
        )
    warnings += [w for w in found.warnings if not w.startswith("no sleep stages found")]
    sources = [rec.source for rec in recs.values()]
    return Night(
        legs=legs,
        duration=float(duration),
        hypnogram=found.hypnogram,
        events=found.events,
        start=start,
        source=sources[0],
        hypnogram_source=found.hypnogram_source,
        gaps=merged_gaps(recs),
        unknown_labels=found.unknown_labels,
        warnings=list(dict.fromkeys(warnings)),
        identity={f"{side} file": PurePath(rec.source).name for side, rec in recs.items()},
    )

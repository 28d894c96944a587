"""``read_night``: one EDF/EDF+/BDF file (plus optional annotation files) → a ``Night``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from plmscope.errors import PlmscopeInputError
from plmscope.io.annotation_files import read_annotation_file
from plmscope.io.annotations import (
    check_same_recording,
    file_hypnogram,
    fit_to_recording,
    hypnogram_from_stages,
    hypnogram_from_values,
    prepared_file,
    span,
    stage_rows,
    to_events,
)
from plmscope.io.channels import ECG_PATTERNS, EEG_PATTERNS, choose_legs, first_match
from plmscope.io.edf_annotations import empty_annotations, read_edf_annotations
from plmscope.io.edf_file import RecordFile, open_record_file, read_channels
from plmscope.io.header_info import identity, recording_start
from plmscope.io.signals import placed_signal, signal_problem, unit_doubt, unit_to_uv, usable_legs
from plmscope.io.timeline import find_gaps, record_starts
from plmscope.night import EPOCH_S, EVENT_COLUMNS, EVENT_NAMES, Hypnogram, Night, Signal
from plmscope.units import voltage_factor


#: Events given apart from the recording: annotation file(s), or a canonical events table.
EventsInput = str | Path | pd.DataFrame | Sequence[str | Path] | None
HypnogramInput = str | Path | Hypnogram | Sequence | np.ndarray | None


def read_night(
    path: str | Path,
    *,
    left: str | None = None,
    right: str | None = None,
    unit: str | None = None,
    hypnogram: HypnogramInput = None,
    events: EventsInput = None,
    require_legs: bool = True,
    eeg: bool = False,
) -> Night:
    """Read the leg EMG (+ one ECG, and one EEG when asked), events and hypnogram of one night.

    ``left``/``right`` name the leg channels exactly (else they are found from the labels);
    ``unit`` is used for channels whose unit the file leaves empty or unknown; ``events`` are
    extra annotation files (CSV, NSRR XML, EDF+; every one given is read) or a canonical events
    table, added to the file's own annotations; ``hypnogram`` is a file, a Hypnogram or one
    stage per 30 s epoch. ``require_legs=False`` accepts a file without usable leg EMG (for
    movements scored elsewhere). ``eeg=True`` also decodes one EEG channel (for automatic sleep
    staging); scoring leg movements does not use it, so it is left undecoded by default.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from plmscope.simulate import simulate_night, write_simulation
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "night.edf"
    >>> _ = write_simulation(simulate_night("plmd", seed=3, hours=0.25), path)
    >>> night = read_night(path)
    >>> sorted(night.legs), night.legs["left"].sf, night.hypnogram_source
    (['left', 'right'], 256.0, 'annotations')
    """
    rf = open_record_file(path)
    if rf.record_duration <= 0 or not rf.labels:
        raise PlmscopeInputError(
            "holds annotations only, no signals; pass it with --events or --hypnogram", path=rf.path
        )
    choice = choose_legs(rf.labels, rf.path, left, right, required=require_legs)
    leg_units = {side: unit_to_uv(rf, label, unit) for side, label in choice.labels.items()}
    taken = tuple(choice.labels.values())
    others = [first_match(rf.labels, ECG_PATTERNS, taken)]
    others.append(first_match(rf.labels, EEG_PATTERNS, taken) if eeg else None)
    other_units, notes_other = optional_units(rf, others)
    wanted = {choice.labels[side]: factor for side, (factor, _, _) in leg_units.items()}
    wanted |= {label: factor for label, (factor, _) in other_units.items()}
    decoded, raw_notes = read_channels(rf, wanted, annotations=True)  # one pass over the file

    own, record_onsets = read_edf_annotations(rf, raw_notes)
    starts = record_starts(rf.n_records, rf.record_duration, record_onsets)
    gaps = find_gaps(starts, rf.record_duration, rf.path)
    duration = float(starts[-1] + rf.record_duration)
    expected = duration + (rf.n_records_declared - rf.n_records) * rf.record_duration
    if duration < EPOCH_S:
        cut = f" of the {span(expected)} its header promises (the file is truncated)" if expected > duration else ""
        raise PlmscopeInputError(
            f"holds only {duration:.0f} s of signal{cut}; at least one 30 s epoch is needed", path=rf.path
        )
    notes = list(choice.warnings) + gap_notes(gaps) + truncation_notes(duration, expected)

    def placed(label: str, used_unit: str) -> Signal:
        return placed_signal(rf, label, decoded.pop(label), starts, duration, used_unit)

    legs = {side: placed(choice.labels[side], used) for side, (_, used, _) in leg_units.items()}
    notes += [note for _, _, unit_notes in leg_units.values() for note in unit_notes]
    legs, dropped = usable_legs(legs, rf.path) if require_legs else (legs, [])
    notes += dropped + [doubt for sig in legs.values() if (doubt := unit_doubt(sig))]
    ecg, eeg_signal = (
        usable_optional(placed(label, other_units[label][1]), notes_other) if label in other_units else None
        for label in others
    )
    notes += notes_other

    start = recording_start(rf.header)
    found = night_annotations(own, events, hypnogram, duration, expected, start)
    return Night(
        legs=legs,
        duration=duration,
        hypnogram=found.hypnogram,
        events=found.events,
        start=start,
        ecg=ecg,
        eeg=eeg_signal,
        source=str(path),
        hypnogram_source=found.hypnogram_source,
        gaps=gaps,
        unknown_labels=found.unknown_labels,
        warnings=notes + found.warnings,
        identity=identity(rf.header),
        notes=list(found.notes),
    )


def optional_units(rf: RecordFile, labels: list[str | None]) -> tuple[dict[str, tuple[float, str]], list[str]]:
    """Factor to µV and unit of the ECG/EEG channels that declare a voltage; notes for the others.

    ``--unit`` is about the leg channels only: an optional channel keeps the unit it declares,
    and one whose unit is not a voltage is skipped with a note (never an error: it is optional).
    """
    units: dict[str, tuple[float, str]] = {}
    notes: list[str] = []
    for label in labels:
        if label is None:
            continue
        dimension = rf.channel(label).dimension
        factor = voltage_factor(dimension)
        if factor is None:
            notes.append(f"channel {label!r} skipped: its unit {dimension!r} is not a voltage")
        else:
            units[label] = (factor, dimension)
    return units, notes


def usable_optional(signal: Signal, notes: list[str]) -> Signal | None:
    """An ECG or EEG signal if usable; otherwise None and a note saying why."""
    problem = signal_problem(signal.data)
    if problem:
        notes.append(f"channel {signal.label!r} skipped: it {problem}")
        return None
    return signal


@dataclass(frozen=True)
class NightAnnotations:
    """What the annotations of a night say: events, unknown labels, hypnogram and its source."""

    events: pd.DataFrame
    unknown_labels: list[str]
    hypnogram: Hypnogram
    hypnogram_source: str
    warnings: list[str]
    notes: list[str] = ()


def night_annotations(
    own: pd.DataFrame,
    events: EventsInput,
    hypnogram: HypnogramInput,
    duration: float,
    expected: float,
    start: dt.datetime | None,
) -> NightAnnotations:
    """The recording's own annotations plus events given apart; stages from ``hypnogram`` if given.

    ``events``: annotation files (CSV, NSRR/Profusion XML, EDF+; each is read) or a canonical
    events table. ``hypnogram``: a file, a :class:`Hypnogram`, or one stage per 30 s epoch.
    """
    tables = [own]
    stages = stage_rows(own)
    source = "annotations"
    given: list[pd.DataFrame] = []
    notes: list[str] = []
    for extra in event_files(events):
        file = prepared_file(read_annotation_file(extra), start)
        check_same_recording(file, expected, start)
        tables.append(file.table)
        notes += file.notes
        if not stage_rows(file.table).empty:
            stages, source = stage_rows(file.table), "file"
    if isinstance(events, pd.DataFrame):
        given.append(checked_events(events, "events"))
    event_table, unknown = to_events(concat_annotations(tables))
    if given:
        event_table = pd.concat([event_table, *given], ignore_index=True).sort_values(
            "onset", kind="stable", ignore_index=True
        )
    if hypnogram is not None:
        hyp = given_hypnogram(hypnogram, duration, expected, start)
        given_as = "file" if isinstance(hypnogram, (str, Path)) else "given"
        return NightAnnotations(event_table, unknown, hyp, given_as, [], notes)
    if stages.empty:
        note = "no sleep stages found (none in the file and no hypnogram given): sleep stages are unknown"
        return NightAnnotations(event_table, unknown, Hypnogram.unscored(duration), "none", [note], notes)
    hyp = trim(hypnogram_from_stages(stages[stages["onset"] < duration], duration), duration)
    return NightAnnotations(event_table, unknown, hyp, source, [], notes)


def event_files(events: EventsInput) -> list[str | Path]:
    """The annotation files among ``events`` (none when it is a table or None)."""
    if events is None or isinstance(events, pd.DataFrame):
        return []
    if isinstance(events, (str, Path)):
        return [events]
    return list(events)


def checked_events(events: pd.DataFrame, source: str) -> pd.DataFrame:
    """A canonical events table given as data: columns onset, duration, event (leg, label optional)."""
    missing = [c for c in ("onset", "duration", "event") if c not in events.columns]
    if missing:
        raise PlmscopeInputError(
            f"an events table needs columns onset, duration, event; missing {', '.join(missing)}",
            path=source,
        )
    table = events.copy()
    for column in ("leg", "label"):
        if column not in table.columns:
            table[column] = None
    table["onset"] = pd.to_numeric(table["onset"], errors="coerce").astype("float64")
    table["duration"] = pd.to_numeric(table["duration"], errors="coerce").astype("float64")
    bad = ~np.isfinite(table["onset"]) | ~(table["duration"] >= 0)
    if bad.any():
        row = int(np.flatnonzero(bad.to_numpy())[0])
        raise PlmscopeInputError(
            f"events row {row + 1}: onset and duration must be numbers, duration not negative",
            path=source,
        )
    known = table["event"].isin(EVENT_NAMES)
    if not known.all():
        odd = sorted(set(table.loc[~known, "event"].astype(str)))[:5]
        raise PlmscopeInputError(
            f"unknown event names {odd}; use {', '.join(EVENT_NAMES)}", path=source
        )
    return table[list(EVENT_COLUMNS)]


def given_hypnogram(
    hypnogram: HypnogramInput, duration: float, expected: float, start: dt.datetime | None
) -> Hypnogram:
    """A hypnogram given apart from the recording (file, Hypnogram, or per-epoch values), fitted."""
    if isinstance(hypnogram, Hypnogram):
        return fit_to_recording(hypnogram, duration, "hypnogram", expected)
    if isinstance(hypnogram, (str, Path)):
        file = prepared_file(read_annotation_file(hypnogram), start)
        hyp = file_hypnogram(file, duration, expected)
        check_same_recording(file, expected, start)
        return hyp
    return hypnogram_from_values(hypnogram, duration)


def concat_annotations(tables: list[pd.DataFrame]) -> pd.DataFrame:
    """Raw annotation tables stacked (empty ones skipped)."""
    filled = [t for t in tables if not t.empty]
    return pd.concat(filled, ignore_index=True) if filled else empty_annotations()


def trim(hypnogram: Hypnogram, duration: float) -> Hypnogram:
    """Drop epochs that start after the recording ends."""
    n = int(np.ceil((duration - hypnogram.onset) / hypnogram.epoch_s - 1e-6))
    return Hypnogram(stages=hypnogram.stages[:n], epoch_s=hypnogram.epoch_s, onset=hypnogram.onset)


def gap_notes(gaps: list[tuple[float, float]]) -> list[str]:
    """The warning for an EDF+D recording with pauses."""
    if not gaps:
        return []
    total = sum(d for _, d in gaps)
    return [
        (
            f"recording is discontinuous (EDF+D): {len(gaps)} gap(s) totalling {span(total)}; "
            "gaps are filled with zeros (no signal) and listed in the night's gaps"
        )
    ]


def truncation_notes(duration: float, expected: float) -> list[str]:
    """The warning for a file shorter than its header says."""
    if expected - duration <= 1e-6:
        return []
    return [f"file is truncated: read {span(duration)} of {span(expected)}"]

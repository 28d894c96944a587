"""Raw annotations → canonical events and a hypnogram, and the checks that a file fits a night."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd

from plmscope.errors import PlmscopeInputError
from plmscope.io.annotation_files import AnnotationFile, read_annotation_file
from plmscope.io.clock_times import seconds_between
from plmscope.io.scored_channels import choose_scored_channels
from plmscope.vocabulary import canonical_event, canonical_stage
from plmscope.night import EPOCH_S, EVENT_COLUMNS, Hypnogram, empty_events


def span(seconds: float) -> str:
    """A duration as people say it: hours, or minutes when short."""
    return f"{seconds / 3600:.1f} h" if seconds >= 3600 else f"{seconds / 60:.1f} min"


def stages_of(labels: pd.Series) -> pd.Series:
    """The stage each label names (None if none), looking up each distinct label once."""
    return labels.map({label: canonical_stage(label) for label in labels.unique()})


def stage_rows(table: pd.DataFrame) -> pd.DataFrame:
    """The annotations that are sleep stages, with a ``stage`` column."""
    stages = stages_of(table["label"])
    return table.assign(stage=stages)[stages.notna().to_numpy()].reset_index(drop=True)


def to_events(table: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    """Canonical events from raw annotations (stages left out) and the labels not understood."""
    rows = table[stages_of(table["label"]).isna().to_numpy()]
    if rows.empty:
        return empty_events(), []
    vocabulary = {label: canonical_event(label) for label in rows["label"].unique()}
    meaning = [vocabulary[label] for label in rows["label"]]
    legs = [
        given if isinstance(given, str) else said for given, (_, said) in zip(rows["leg"], meaning)
    ]
    events = pd.DataFrame(
        {
            "onset": rows["onset"].to_numpy(dtype="float64"),
            "duration": rows["duration"].to_numpy(dtype="float64"),
            "event": pd.Series([event for event, _ in meaning], dtype=object),
            "leg": pd.Series(legs, dtype=object),  # None when the file does not say
            "label": pd.Series(rows["label"].to_list(), dtype=object),
        }
    )[list(EVENT_COLUMNS)]
    unknown = list(dict.fromkeys(events.loc[events["event"] == "unknown", "label"]))
    return events.sort_values("onset", kind="stable").reset_index(drop=True), unknown


def hypnogram_from_stages(stages: pd.DataFrame, duration: float) -> Hypnogram:
    """30 s epochs covering ``duration``; longer stage annotations fill several epochs, gaps are ``?``.

    Epochs start at the first stage annotation's offset within 30 s (0 when scoring is aligned to
    the recording start, as usual).
    """
    if stages.empty:
        return Hypnogram.unscored(duration)
    onset = round(float(stages["onset"].min()) % EPOCH_S, 6)
    first = np.floor((stages["onset"].to_numpy() - onset) / EPOCH_S + 1e-6).astype(np.int64)
    count = np.maximum(1, np.round(stages["duration"].to_numpy() / EPOCH_S)).astype(np.int64)
    n_epochs = max(int(np.ceil((duration - onset) / EPOCH_S - 1e-6)), int((first + count).max()))
    epochs = np.full(n_epochs, "?", dtype="<U2")
    for lo, n, stage in zip(first, count, stages["stage"]):  # one loop step per annotation
        epochs[max(lo, 0) : lo + n] = stage
    return Hypnogram(stages=epochs, epoch_s=EPOCH_S, onset=onset)


def fit_to_recording(
    hypnogram: Hypnogram, duration: float, path: str, expected: float | None = None
) -> Hypnogram:
    """Pad or trim a hypnogram within one epoch of the recording; more than that is an error.

    ``expected`` is the length the header promises (a truncated file is shorter): a hypnogram
    matching it is trimmed to what was read.
    """
    end = hypnogram.onset + hypnogram.duration
    fits = [abs(end - d) <= hypnogram.epoch_s for d in (duration, expected or duration)]
    if not any(fits):
        raise PlmscopeInputError(
            f"hypnogram covers {span(end)} but the recording is {span(expected or duration)}",
            path=path,
        )
    n_epochs = int(np.ceil((duration - hypnogram.onset) / hypnogram.epoch_s - 1e-6))
    stages = np.full(n_epochs, "?", dtype="<U2")
    keep = min(n_epochs, len(hypnogram.stages))
    stages[:keep] = hypnogram.stages[:keep]
    return Hypnogram(stages=stages, epoch_s=hypnogram.epoch_s, onset=hypnogram.onset)


def prepared_file(
    file: AnnotationFile,
    start: dt.datetime | None,
    left: str | None = None,
    right: str | None = None,
) -> AnnotationFile:
    """A file ready to join a night: clock-time onsets moved onto the recording's time line (when
    the recording's start is known), one scored channel per leg (``left``/``right`` name them),
    and what was done said in its notes."""
    table, said = file.table, []
    if file.origin is not None and start is not None:
        table = table.assign(onset=table["onset"] + seconds_between(file.origin, start.time()))
        before = table["onset"].to_numpy() < 0
        if before.any():  # the export began before the recording did
            table = table[~before].reset_index(drop=True)
            said.append(f"{int(before.sum())} annotations from before the recording's start were left out")
    table, chosen = choose_scored_channels(table, left, right, file.path)
    return replace(file, table=table, notes=(*file.notes, *said, *chosen.notes))


def check_annotation_values(file: AnnotationFile) -> None:
    """An error naming the first annotation whose onset or duration cannot be right (any format).

    CSV tables are checked cell by cell when read (``event_tables``, with line numbers); this
    holds every other reader (XML, vendor exports) to the same rule.
    """
    onset = file.table["onset"].to_numpy(dtype="float64")
    duration = file.table["duration"].to_numpy(dtype="float64")
    bad = ~np.isfinite(onset) | (onset < 0) | ~np.isfinite(duration) | (duration < 0)
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        raise PlmscopeInputError(
            f"annotation {i + 1} ({str(file.table['label'].iloc[i])[:40]!r}) has onset {onset[i]:g} s and "
            f"duration {duration[i]:g} s: onsets are seconds from recording start and durations "
            "cannot be negative or missing",
            path=file.path,
        )


def check_same_recording(file: AnnotationFile, duration: float, start: dt.datetime | None) -> None:
    """An error when an annotation file evidently belongs to another recording (or holds
    impossible times: :func:`check_annotation_values`)."""
    check_annotation_values(file)
    ends = file.table["onset"].to_numpy(dtype="float64")
    if ends.size and np.nanmax(ends) > duration + EPOCH_S:
        raise PlmscopeInputError(
            f"annotations run to {span(float(np.nanmax(ends)))} but the recording is {span(duration)}: "
            "is this file for another recording?",
            path=file.path,
        )
    if file.declared_duration and abs(file.declared_duration - duration) > EPOCH_S:
        raise PlmscopeInputError(
            f"describes a recording of {span(file.declared_duration)} but this recording is {span(duration)}: "
            "is this file for another recording?",
            path=file.path,
        )
    if file.declared_start and start is not None:
        shift = abs(
            (dt.datetime.combine(start.date(), file.declared_start) - start).total_seconds()
        )
        if min(shift, 86400 - shift) > 1.0:
            raise PlmscopeInputError(
                f"describes a recording starting at {file.declared_start:%H:%M:%S} but this one starts at "
                f"{start:%H:%M:%S}: is this file for another recording?",
                path=file.path,
            )


def check_stage_labels(table: pd.DataFrame, path: str) -> None:
    """In a hypnogram file every line must be a stage: name the first ones that are not."""
    odd = list(dict.fromkeys(table.loc[stages_of(table["label"]).isna().to_numpy(), "label"]))
    if odd:
        raise PlmscopeInputError(
            f"not sleep stages: {', '.join(repr(x) for x in odd[:5])} "
            "(expected W, N1, N2, N3, R, ? or 0-5)",
            path=path,
        )


def read_events(
    path: str | Path, duration: float | None = None, start: dt.datetime | None = None
) -> tuple[pd.DataFrame, list[str]]:
    """Canonical events from any annotation file plmscope reads, and the labels not understood.

    With ``duration`` (seconds), a file whose events lie beyond the recording is refused; with
    ``start``, clock times (RemLogic, Nox) are placed on the recording's time line.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "events.csv"
    >>> _ = path.write_text("onset,duration,event\\n100,12,Obstructive Apnea\\n130,3,Arousal\\n")
    >>> events, unknown = read_events(path)
    >>> events["event"].tolist(), unknown
    (['apnea', 'arousal'], [])
    """
    events, unknown, _notes = read_scored_events(path, duration, start)
    return events, unknown


def read_scored_events(
    path: str | Path, duration: float | None = None, start: dt.datetime | None = None
) -> tuple[pd.DataFrame, list[str], list[str]]:
    """:func:`read_events` plus the notes on how the file was read (channels used per leg …)."""
    file = prepared_file(read_annotation_file(path), start)
    if duration is not None:
        check_same_recording(file, duration, None)
    events, unknown = to_events(file.table)
    return events, unknown, list(file.notes)


def read_hypnogram(path: str | Path, duration: float) -> Hypnogram:
    """A hypnogram from a stage CSV (``onset,duration,stage`` or one stage per line), XML or EDF+.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "stages.txt"
    >>> _ = path.write_text("W\\nN1\\nN2\\nN2\\n")
    >>> read_hypnogram(path, duration=120.0).stages.tolist()
    ['W', 'N1', 'N2', 'N2']
    """
    file = read_annotation_file(path)
    return file_hypnogram(file, duration)


def file_hypnogram(
    file: AnnotationFile, duration: float, expected: float | None = None
) -> Hypnogram:
    """The stages of an annotation file fitted to a recording of ``duration`` seconds."""
    stages = stage_rows(file.table)
    if Path(file.path).suffix.lower() in (".csv", ".tsv", ".txt", ""):
        check_stage_labels(file.table, file.path)
    if stages.empty:
        raise PlmscopeInputError("holds no sleep stages", path=file.path)
    end = float((stages["onset"] + stages["duration"].clip(lower=EPOCH_S)).max())
    return fit_to_recording(hypnogram_from_stages(stages, end), duration, file.path, expected)


#: YASA's integer stages (``yasa.hypno_str_to_int``): -2 unscored, -1 artefact, 0 W ... 4 R.
YASA_STAGES: dict[int, str] = {-2: "?", -1: "?", 0: "W", 1: "N1", 2: "N2", 3: "N3", 4: "R"}


def hypnogram_from_values(values: object, duration: float, source: str = "hypnogram") -> Hypnogram:
    """A hypnogram from one value per 30 s epoch: stage strings or YASA-style integers.

    Strings go through the vendor vocabulary (``W N1 N2 N3 R ?``, ``Sleep stage 2``, ``REM`` ...);
    integers are read as YASA writes them (0 W, 1 N1, 2 N2, 3 N3, 4 R, -1/-2 unscored), not
    as NSRR's 0-5 numbers. The hypnogram must cover the recording to within one epoch.

    >>> hypnogram_from_values([0, 1, 2, 4], 120.0).stages.tolist()
    ['W', 'N1', 'N2', 'R']
    >>> hypnogram_from_values(["W", "Sleep stage 2", "REM", "?"], 120.0).stages.tolist()
    ['W', 'N2', 'R', '?']
    """
    array = np.asarray(values)
    if array.ndim != 1 or array.size == 0:
        raise PlmscopeInputError(
            f"needs one sleep stage per 30 s epoch (a 1-D list), got shape {array.shape}", path=source
        )
    if np.issubdtype(array.dtype, np.number) and not np.issubdtype(array.dtype, np.bool_):
        if not np.all(np.isfinite(array)) or np.any(array != np.round(array)):
            raise PlmscopeInputError("integer stages must be whole numbers (YASA: 0 W ... 4 R)", path=source)
        odd = sorted({int(v) for v in array} - set(YASA_STAGES))
        if odd:
            raise PlmscopeInputError(
                f"integer stages {odd[:5]} are not YASA stages (-2, -1, 0 W, 1 N1, 2 N2, 3 N3, 4 R)",
                path=source,
            )
        stages = [YASA_STAGES[int(v)] for v in array]
    else:
        stages = [canonical_stage(str(v)) for v in array]
        odd = list(dict.fromkeys(str(v) for v, st in zip(array, stages) if st is None))
        if odd:
            raise PlmscopeInputError(
                f"not sleep stages: {', '.join(repr(x) for x in odd[:5])} (expected W, N1, N2, N3, R or ?)",
                path=source,
            )
    hypnogram = Hypnogram(stages=np.array(stages, dtype="<U2"), epoch_s=EPOCH_S)
    return fit_to_recording(hypnogram, duration, source)

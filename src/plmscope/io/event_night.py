"""A night from a lab's event export alone — no recording: ``plmscope score NIGHT-Events.txt``.

A sleep lab's scoring (RemLogic event export, Profusion or NSRR XML, Noxturnal event list,
plmscope's own CSV/TSV, an annotations-only EDF+) holds the hypnogram, the leg movements the
technologist scored, the breathing events and the arousals. Read alone it is a :class:`Night`
without signals: the hypnogram (else the events) gives the span, ``scored_legs`` says which
channel each leg's movements were scored on, and scoring takes the LMs from the events.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np

from plmscope.errors import PlmscopeInputError
from plmscope.io.annotation_files import read_annotation_file
from plmscope.io.annotation_table import AnnotationFile, decode_text
from plmscope.io.annotations import span, stage_rows
from plmscope.io.edf_file import TEXT_SUFFIXES, open_record_file
from plmscope.io.header_info import ANONYMOUS_DATE
from plmscope.io.nox import is_nox
from plmscope.io.read import EventsInput, HypnogramInput, night_annotations
from plmscope.io.remlogic import is_remlogic
from plmscope.io.scored_channels import choose_scored_channels
from plmscope.night import EPOCH_S, Hypnogram, Night

#: Annotation columns plmscope's own CSV/TSV event tables may name their label by.
_LABEL_WORDS = ("event", "stage", "label", "description", "annotation", "trial_type", "type")


def _csv_events_header(first_line: str) -> bool:
    words = {w.strip().strip("\"'").lower() for w in first_line.replace("\t", ",").replace(";", ",").split(",")}
    return "onset" in words and any(w in words for w in _LABEL_WORDS)


def is_event_file(path: str | Path) -> bool:
    """Whether ``path`` is a scoring without signals (checked by content, not only the name).

    XML scorings; RemLogic and Noxturnal text exports; CSV/TSV tables with an ``onset`` column
    and a label column; EDF+ files holding annotations only. Recordings, accelerometer files
    and anything unreadable are not (their own reader says what is wrong with them).
    """
    path = Path(path)
    if not path.is_file():
        return False
    suffix = path.suffix.lower()
    if suffix == ".xml":
        return True
    if suffix in (".edf", ".bdf", ".rec"):
        try:
            rf = open_record_file(str(path))
        except (PlmscopeInputError, OSError, ValueError):
            return False
        return rf.record_duration <= 0 or not rf.labels
    if suffix not in (*TEXT_SUFFIXES, ""):
        return False
    with path.open("rb") as fh:
        text = decode_text(fh.read(1 << 16))
    first = next((line for line in text.splitlines() if line.strip()), "")
    return is_remlogic(text) or is_nox(text) or _csv_events_header(first)


def _hypnogram_end(hypnogram: HypnogramInput) -> float:
    """Where a hypnogram given apart from the file ends (s), to size the night."""
    if hypnogram is None:
        return 0.0
    if isinstance(hypnogram, Hypnogram):
        return hypnogram.onset + hypnogram.duration
    if isinstance(hypnogram, (str, Path)):
        stages = stage_rows(read_annotation_file(hypnogram).table)
        return float((stages["onset"] + stages["duration"].clip(lower=EPOCH_S)).max()) if len(stages) else 0.0
    return len(np.asarray(hypnogram)) * EPOCH_S


def _start(file: AnnotationFile) -> dt.datetime | None:
    """When onset 0 of the file is: its date-time, else its clock time on the anonymous date."""
    if file.start is not None:
        return file.start
    clock = file.origin or file.declared_start
    return dt.datetime.combine(ANONYMOUS_DATE, clock) if clock is not None else None


def read_event_night(
    path: str | Path,
    *,
    left: str | None = None,
    right: str | None = None,
    hypnogram: HypnogramInput = None,
    events: EventsInput = None,
) -> Night:
    """Read a lab's scoring alone as a Night without signals (see the module docstring).

    ``left``/``right`` name the channel (RemLogic ``Location``, Profusion ``Input`` …) whose
    LMs stand for each leg; without them the channel with most LMs whose label names the leg
    is used, and the notes say which channels were found and which were used.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "lms.csv"
    >>> rows = [f"{30 * i},30,N2," for i in range(20)] + ["100,2,leg_movement,left"]
    >>> _ = path.write_text("onset,duration,event,leg\\n" + "\\n".join(rows))
    >>> night = read_event_night(path)
    >>> night.duration, night.from_event_file, night.legs, night.events_of("leg_movement")["leg"].tolist()
    (600.0, True, {}, ['left'])
    """
    file = read_annotation_file(path)
    table, chosen = choose_scored_channels(file.table, left, right, file.path)
    stages = stage_rows(table)
    if len(stages):
        end = float((stages["onset"] + stages["duration"].clip(lower=EPOCH_S)).max())
    else:
        end = float((table["onset"] + table["duration"]).max()) if len(table) else 0.0
    duration = max(end, file.declared_duration or 0.0, _hypnogram_end(hypnogram))
    if duration < EPOCH_S:
        raise PlmscopeInputError(
            f"covers only {duration:.0f} s; at least one 30 s epoch is needed to score a night",
            path=file.path,
        )
    start = _start(file)
    found = night_annotations(table, events, hypnogram, duration, duration, start)
    kind = file.kind or "annotation file"
    notes = [
        f"scored from a {kind} alone (no recording was read): "
        + ("the sleep stages give the night's span" if len(stages) or hypnogram is not None
           else "the events give the night's span")
        + f" ({span(duration)}); the leg movements scored in it are scored by the rules, "
        "breathing events and arousals are associated with them",
        *chosen.notes,
        *file.notes,
        *found.notes,
    ]  # fmt: skip
    warnings = list(found.warnings)
    if not (found.events["event"] == "leg_movement").any():
        warnings.append(
            "the file holds no leg movements: either none occurred or the legs were not scored; "
            "every leg-movement count is 0"
        )
    return Night(
        legs={},
        duration=duration,
        hypnogram=found.hypnogram,
        events=found.events,
        start=start,
        source=str(path),
        hypnogram_source=found.hypnogram_source,
        unknown_labels=found.unknown_labels,
        warnings=warnings,
        identity=dict(file.identity),
        scored_legs=dict(chosen.used),
        notes=list(dict.fromkeys(notes)),
    )

"""What an annotation file holds, as every reader returns it: one raw table plus what the file says
about itself (its time origin, identity lines, format notes).

The table has ``onset, duration, label, leg`` and, when the format names one, ``channel`` (the
signal an event was scored on: RemLogic ``Location``, Profusion ``Input``, NSRR
``SignalLocation``). Labels stay as written; ``vocabulary`` decides what they mean.
"""

from __future__ import annotations

import codecs
import datetime as dt
from dataclasses import dataclass, field

import pandas as pd

from plmscope.io.edf_annotations import ANNOTATION_COLUMNS, empty_annotations


@dataclass(frozen=True)
class AnnotationFile:
    """What an annotation file holds, plus the recording it says it belongs to (when it says).

    ``declared_start`` is the recording start the file states (checked against the recording);
    ``origin`` is the clock time of onset 0 when the file writes clock times (RemLogic, Nox):
    its onsets are then shifted onto the recording's time line. ``start`` is the date-time of
    onset 0 when the file gives a date. ``identity`` holds header lines that can identify the
    person (never shown unless asked); ``notes`` what the format means for scoring.
    """

    path: str
    table: pd.DataFrame  # onset, duration, label, leg[, channel]
    declared_duration: float | None = None
    declared_start: dt.time | None = None
    origin: dt.time | None = None
    start: dt.datetime | None = None
    kind: str = ""
    identity: dict[str, str] = field(default_factory=dict)
    notes: tuple[str, ...] = ()


def table_from_rows(rows: list[tuple], with_channel: bool = False) -> pd.DataFrame:
    """A raw annotation table sorted by onset (rows: onset, duration, label, leg[, channel])."""
    columns = [*ANNOTATION_COLUMNS, *(["channel"] if with_channel else [])]
    if not rows:
        empty = empty_annotations()
        return empty.assign(channel=pd.Series(dtype="object")) if with_channel else empty
    table = pd.DataFrame(rows, columns=columns).astype({"onset": "float64", "duration": "float64"})
    return table.sort_values("onset", kind="stable").reset_index(drop=True)


def decode_text(raw: bytes) -> str:
    """Text of an export: UTF-16 or UTF-8 by its byte-order mark, else UTF-8 (Latin-1 if not)."""
    for bom, name in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                      (codecs.BOM_UTF16_BE, "utf-16")):  # fmt: skip
        if raw.startswith(bom):
            return raw.decode(name, "replace")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("latin-1")

"""One row of the cohort table per night: what was read, how long it slept, every index, status.

Rows are plain dicts with the same columns for every night (an error row has the measures
empty), so that the table of a cohort is the same however its nights were split over workers.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from plmscope.cohort.entries import NightEntry
from plmscope.scoring import INDEX_CATALOGUE
from plmscope.version import __version__

if TYPE_CHECKING:  # pragma: no cover
    from plmscope.pipeline import NightScore

#: Columns before the manifest's own columns.
HEAD_COLUMNS = ("night_id", "status", "reason")
#: Columns describing the inputs, after the manifest's own columns.
FILE_COLUMNS = ("file", "annotations")
#: What was read and measured, then every index of the catalogue, then provenance.
MEASURE_COLUMNS = (
    "kind", "duration_h", "tst_h", "sleep_efficiency", "hypnogram_source", "movements_source",
    "left_channel", "left_sf", "right_channel", "right_sf",
)  # fmt: skip
TAIL_COLUMNS = ("warnings", "rules", "software")


def table_columns(extra: list[str] = ()) -> list[str]:
    """Every column of the cohort table, in order (``extra``: the manifest's own columns)."""
    return [*HEAD_COLUMNS, *extra, *FILE_COLUMNS, *MEASURE_COLUMNS, *INDEX_CATALOGUE, *TAIL_COLUMNS]


def reserved_columns() -> tuple[str, ...]:
    """Names a manifest's extra column may not take."""
    return tuple(table_columns())


def measured_row(scored: NightScore) -> dict:
    """The measures of a scored night (no file names: those are added by :func:`entry_columns`)."""
    channels = scored.recording.get("channels", {})
    row: dict = {
        "status": "ok",
        "reason": "",
        "kind": scored.kind,
        "duration_h": _round(scored.recording.get("duration_h")),
        "tst_h": _round(scored.sleep.get("tst_h")),
        "sleep_efficiency": _round(scored.sleep.get("sleep_efficiency")),
        "hypnogram_source": scored.hypnogram_source,
        "movements_source": scored.recording.get("movements_source"),
    }
    for leg in ("left", "right"):
        info = channels.get(leg) or {}
        row[f"{leg}_channel"] = info.get("label")
        row[f"{leg}_sf"] = None if info.get("sf") is None else float(info["sf"])
    for key in INDEX_CATALOGUE:
        value = scored.indices.get(key)
        row[key] = None if value is None else float(value)
    row.update(warnings=len(scored.warnings), rules=scored.rules.name, software=__version__)
    return row


def error_row(reason: str, rules_name: str) -> dict:
    """The row of a night that could not be scored: status ``error`` and the reason in one line."""
    return {"status": "error", "reason": one_line(reason), "rules": rules_name, "software": __version__}


def entry_columns(entry: NightEntry, root: Path | None) -> dict:
    """Night id, input files (relative to ``root`` when below it) and the manifest's columns."""
    def shown(path: str | None) -> str | None:
        return None if path is None else entry_path(path, root)

    if entry.recording:
        file = shown(entry.recording)
    else:
        file = ";".join(f"{leg}={shown(p)}" for leg, p in (("left", entry.left_file), ("right", entry.right_file)) if p)
    return {
        "night_id": entry.night_id,
        **entry.extra,
        "file": file,
        "annotations": ";".join(shown(p) or "" for p in entry.annotations) or None,
    }


def shown_reason(reason: str, entry: NightEntry, root: Path | None) -> str:
    """A failure reason with the night's file paths written as in the table (relative to ``root``)."""
    if not reason or root is None:
        return reason
    for path in entry.input_paths():
        relative = entry_path(path, root)
        reason = reason.replace(path, relative)
    return reason


def entry_path(path: str, root: Path | None) -> str:
    """``path`` relative to ``root`` when it lies below it, else as it is."""
    if root is not None:
        try:
            return Path(path).resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            pass
    return path


def one_line(text: str, limit: int = 400) -> str:
    """The first line of a message, shortened to ``limit`` characters."""
    first = str(text).strip().splitlines()[0] if str(text).strip() else "unknown error"
    return first if len(first) <= limit else first[: limit - 1] + "…"


def _round(value: object, digits: int = 6) -> float | None:
    return None if value is None else round(float(value), digits)

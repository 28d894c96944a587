"""A manifest CSV: one row per night, ``night_id,recording,annotations,left,right`` + any columns.

- ``recording``: the PSG file (EDF/EDF+/BDF), or the one accelerometer file of a one-leg night.
- ``annotations``: annotation file(s) (NSRR XML, CSV, ``-Events.txt``); several with ``;``.
- ``left``, ``right``: with a PSG ``recording``, the labels of its leg channels (optional,
  like ``plmscope score --left``); without one, the accelerometer file of each leg.
- ``night_id``: optional; defaults to the recording's name.
- every other column (age, sex, group, ...) is carried into the cohort table as it is.

Relative paths are relative to the manifest's folder.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from plmscope.cohort.entries import PSG_SUFFIXES, NightEntry
from plmscope.errors import PlmscopeInputError

MANIFEST_COLUMNS = ("night_id", "recording", "annotations", "left", "right")


def read_manifest(path: str | Path, *, reserved: tuple[str, ...] = ()) -> tuple[list[NightEntry], list[str]]:
    """The nights of a manifest CSV and the names of its extra columns.

    ``reserved``: column names the cohort table uses itself; an extra column may not take one.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "cohort.csv").write_text("recording,annotations,age,group\\nn1.edf,n1.xml,61,control\\n")
    >>> entries, extra = read_manifest(folder / "cohort.csv")
    >>> entries[0].night_id, pathlib.Path(entries[0].recording).name, entries[0].extra, extra
    ('n1', 'n1.edf', {'age': 61, 'group': 'control'}, ['age', 'group'])
    """
    path = Path(path)
    return entries_from_table(load_table(path), path.parent, str(path), reserved=reserved)


def entries_from_table(
    table: pd.DataFrame, folder: Path, source: str, *, reserved: tuple[str, ...] = ()
) -> tuple[list[NightEntry], list[str]]:
    """The nights of a manifest table (paths relative to ``folder``; ``source`` names it in errors)."""
    extra = [str(c) for c in table.columns if c not in MANIFEST_COLUMNS]
    clash = [c for c in extra if c in reserved]
    if clash:
        raise PlmscopeInputError(
            f"column {clash[0]!r} is a column of the results table; rename it in the manifest", path=source
        )
    if not ({"recording", "left", "right"} & set(table.columns)):
        raise PlmscopeInputError(
            "a manifest needs a 'recording' column (or 'left'/'right' accelerometer files); "
            f"found columns {', '.join(map(str, table.columns))}",
            path=source,
        )
    entries = [entry_from_row(row, i, folder, extra, source) for i, row in enumerate(table.to_dict("records"))]
    check_unique_ids(entries, source)
    return entries, extra


def load_table(path: Path) -> pd.DataFrame:
    """The manifest as a table: the path columns as text, extra columns typed by pandas."""
    if not path.is_file():
        raise PlmscopeInputError("file not found" if not path.exists() else "is not a file", path=str(path))
    try:
        table = pd.read_csv(path, dtype={c: "string" for c in MANIFEST_COLUMNS}, skipinitialspace=True)
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as exc:
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise PlmscopeInputError(f"not a readable CSV manifest ({reason})", path=str(path)) from None
    table.columns = [str(c).strip() for c in table.columns]
    if table.empty:
        raise PlmscopeInputError("the manifest lists no nights", path=str(path))
    return table


def _text(value: object) -> str | None:
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return None
    text = str(value).strip()
    return text or None


def _plain(value: object) -> object:
    """A manifest cell as a plain Python value (numpy scalars and NA made plain)."""
    if value is pd.NA or (isinstance(value, float) and value != value):
        return None
    return value.item() if hasattr(value, "item") else value


def entry_from_row(row: dict, index: int, folder: Path, extra: list[str], path: str) -> NightEntry:
    """One manifest row as a NightEntry (paths made absolute from the manifest's folder)."""
    where = f"row {index + 2}"  # the header is line 1

    def resolve(name: str | None) -> str | None:
        return None if name is None else str((folder / name).resolve())

    recording = _text(row.get("recording"))
    left, right = _text(row.get("left")), _text(row.get("right"))
    annotations = tuple(
        resolve(p.strip()) for p in (_text(row.get("annotations")) or "").split(";") if p.strip()
    )
    if recording is None and left is None and right is None:
        raise PlmscopeInputError(f"{where}: no recording (nor left/right accelerometer files)", path=path)
    psg = recording is not None and Path(recording).suffix.lower() in PSG_SUFFIXES
    night_id = _text(row.get("night_id")) or Path(recording or left or right or "").stem
    common = {"night_id": night_id, "annotations": annotations, "extra": {c: _plain(row.get(c)) for c in extra}}
    if psg:
        return NightEntry(recording=resolve(recording), left=left, right=right, **common)
    if recording is not None and (left or right):
        raise PlmscopeInputError(
            f"{where}: {recording} is not an EDF/BDF recording, so left/right cannot name its channels; "
            "give accelerometer files in left/right and leave recording empty",
            path=path,
        )
    if recording is not None:
        return NightEntry(recording=resolve(recording), **common)
    return NightEntry(left_file=resolve(left), right_file=resolve(right), **common)


def check_unique_ids(entries: list[NightEntry], path: str) -> None:
    """Night ids name result files: each must be unique."""
    seen: dict[str, int] = {}
    for i, entry in enumerate(entries):
        if entry.night_id in seen:
            raise PlmscopeInputError(
                f"night_id {entry.night_id!r} appears twice (rows {seen[entry.night_id] + 2} and {i + 2}); "
                "night ids must be unique",
                path=path,
            )
        seen[entry.night_id] = i

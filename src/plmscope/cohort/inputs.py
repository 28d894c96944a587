"""What a cohort is given as — a folder, a manifest CSV, a list of recordings or a manifest table —
turned into one list of :class:`~plmscope.cohort.entries.NightEntry`.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from plmscope.cohort.discover import ANNOTATION_ENDINGS, find_nights
from plmscope.cohort.entries import NightEntry
from plmscope.cohort.manifest import check_unique_ids, entries_from_table, read_manifest
from plmscope.cohort.rows import reserved_columns
from plmscope.errors import PlmscopeInputError

Inputs = str | Path | Sequence[str | Path] | pd.DataFrame


@dataclass(frozen=True)
class Cohort:
    """The nights to score, the manifest's extra columns, and what paths are shown relative to."""

    entries: list[NightEntry]
    extra: list[str] = field(default_factory=list)
    root: Path | None = None
    manifest: Path | None = None
    skipped: list[tuple[str, str]] = field(default_factory=list)

    def inputs(self) -> list[str]:
        """Every file the cohort reads (the manifest too)."""
        files = [p for e in self.entries for p in e.input_paths()]
        return [*files, str(self.manifest)] if self.manifest else files


def cohort_from(inputs: Inputs, *, exclude: tuple[Path, ...] = ()) -> Cohort:
    """The nights of a folder, a manifest CSV (``.csv``), one recording, a list of recordings,
    or a manifest already read as a table.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> root = pathlib.Path(tempfile.mkdtemp())
    >>> for name in ("a.edf", "a.xml", "b.edf"):
    ...     _ = (root / name).write_text("")
    >>> [e.night_id for e in cohort_from(root).entries]
    ['a', 'b']
    >>> [len(e.annotations) for e in cohort_from([root / "a.edf", root / "b.edf"]).entries]
    [1, 0]
    """
    if isinstance(inputs, pd.DataFrame):
        return manifest_table(inputs)
    if isinstance(inputs, (str, Path, os.PathLike)):
        path = Path(inputs).absolute()
        if path.is_dir():
            found = find_nights(path, exclude=exclude)
            if not found.entries:
                raise PlmscopeInputError(
                    "no recordings found (EDF/BDF, .gt3x, .cwa, GENEActiv .bin or accelerometer CSV) "
                    "in this folder or below it",
                    path=str(path),
                )
            return Cohort(found.entries, root=path, skipped=found.skipped)
        if path.suffix.lower() == ".csv" and path.is_file():
            entries, extra = read_manifest(path, reserved=reserved_columns())
            return Cohort(entries, extra, root=path.parent, manifest=path)
        if not path.exists():
            raise PlmscopeInputError("no such file or folder", path=str(path))
        return recordings([path])
    return recordings([Path(p).absolute() for p in inputs])


def recordings(paths: list[Path]) -> Cohort:
    """Recordings given one by one, each paired with an annotation file beside it by name."""
    if not paths:
        raise PlmscopeInputError("no recordings given")
    entries = []
    for path in paths:
        beside = {p.name.lower(): p for p in path.parent.iterdir()} if path.parent.is_dir() else {}
        match = next((beside[n] for e in ANNOTATION_ENDINGS if (n := (path.stem + e).lower()) in beside), None)
        entries.append(NightEntry(path.stem, recording=str(path), annotations=(str(match),) if match else ()))
    root = Path(os.path.commonpath([str(p.resolve().parent) for p in paths]))
    check_unique_ids(entries, str(root))
    return Cohort(entries, root=root)


def manifest_table(table: pd.DataFrame) -> Cohort:
    """A manifest given as a DataFrame (paths relative to the current folder)."""
    entries, extra = entries_from_table(table, Path.cwd(), "manifest table", reserved=reserved_columns())
    return Cohort(entries, extra, root=Path.cwd())

"""The files of a cohort run, each written atomically as soon as its night is done::

    results/nights.parquet, nights.csv   one row per night (written at the end of a run)
    results/summary.html                 the cohort at a glance
    results/nights/<id>.json             each night's result (``NightScore.to_dict()``)
    results/nights/<id>.movements.parquet   each night's scored LMs
    results/nights/<id>.row.json         its table row + what it was computed from (written last)

A night counts as done once its ``.row.json`` exists: a run killed at any moment leaves every
finished night complete and no half-written file, and ``--resume`` takes up from there.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pandas as pd

from plmscope.cohort.entries import NightEntry
from plmscope.cohort.rows import entry_columns, shown_reason, table_columns
from plmscope.cohort.task import INPUT, NightOutcome
from plmscope.errors import PlmscopeInputError
from plmscope.export import write_atomic
from plmscope.export.atomic import write_atomic_with

NIGHTS_FOLDER = "nights"
TABLE_NAMES = ("nights.parquet", "nights.csv")
SUMMARY_NAME = "summary.html"
LOCK_NAME = ".plmscope-batch.lock"


def file_names(night_ids: list[str]) -> dict[str, str]:
    """A safe, unique file name for each night id (ids with odd characters get a short hash).

    >>> file_names(["n1", "site 2/n1", "A", "a"])
    {'n1': 'n1', 'site 2/n1': 'site_2__n1-78c56932', 'A': 'A-6dcd4ce2', 'a': 'a-86f7e437'}
    """
    def tag(text: str) -> str:
        return hashlib.sha1(text.encode("utf-8")).hexdigest()[:8]

    safe = {i: re.sub(r"[^A-Za-z0-9._-]", "_", i.replace("/", "__")).lstrip(".") or "night" for i in night_ids}
    folded: dict[str, int] = {}
    for name in safe.values():
        folded[name.lower()] = folded.get(name.lower(), 0) + 1
    return {
        i: name if (name == i and folded[name.lower()] == 1) else f"{name}-{tag(i)}"
        for i, name in safe.items()
    }


def night_paths(out: Path, name: str) -> dict[str, Path]:
    """The files of one night under ``out/nights/``."""
    folder = out / NIGHTS_FOLDER
    return {
        "json": folder / f"{name}.json",
        "movements": folder / f"{name}.movements.parquet",
        "row": folder / f"{name}.row.json",
    }


def write_night(out: Path, name: str, outcome: NightOutcome, fingerprint: dict) -> None:
    """Write one night's files; its ``.row.json`` last, so that it marks a complete night."""
    paths = night_paths(out, name)
    if outcome.ok:
        write_atomic(paths["json"], outcome.result_json or b"")
        write_atomic(paths["movements"], outcome.movements_parquet or b"")
    else:  # a failed night has no result: remove one left from an earlier run
        paths["json"].unlink(missing_ok=True)
        paths["movements"].unlink(missing_ok=True)
    record = {
        "night_id": outcome.night_id,
        "row": outcome.row,
        "failure": outcome.failure,
        "elapsed_s": round(outcome.elapsed_s, 4),
        "fingerprint": fingerprint,
    }
    write_atomic(paths["row"], json.dumps(record, indent=1, allow_nan=False) + "\n")


def stored_outcome(out: Path, name: str, fingerprint: dict) -> NightOutcome | None:
    """The night's stored outcome if it is still valid for ``fingerprint``, else None.

    Valid: the inputs (size, modification time), software version and rules are those it was
    computed from; a scored night still has its JSON and per-LM table; a failed night failed on
    its input (other failures, e.g. a worker that died, are tried again).
    """
    paths = night_paths(out, name)
    try:
        record = json.loads(paths["row"].read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if record.get("fingerprint") != fingerprint:
        return None
    failure = record.get("failure")
    if failure is None and not (paths["json"].is_file() and paths["movements"].is_file()):
        return None
    if failure is not None and failure != INPUT:
        return None
    return NightOutcome(record["night_id"], record["row"], failure=failure, elapsed_s=record.get("elapsed_s", 0.0))


def cohort_table(entries: list[NightEntry], outcomes: dict[str, NightOutcome], extra: list[str],
                 root: Path | None) -> pd.DataFrame:
    """One row per night that has an outcome, in the entries' order, with every column."""
    rows = []
    for entry in entries:
        if entry.night_id in outcomes:
            row = entry_columns(entry, root) | outcomes[entry.night_id].row
            row["reason"] = shown_reason(row.get("reason") or "", entry, root)
            rows.append(row)
    columns = table_columns(extra)
    table = pd.DataFrame.from_records(rows, columns=columns) if rows else pd.DataFrame(columns=columns)
    for column in ("warnings",):
        table[column] = pd.array(table[column], dtype="Int64")
    return table


def write_table(out: Path, table: pd.DataFrame) -> list[Path]:
    """``nights.parquet`` and ``nights.csv`` under ``out``, each atomically."""
    parquet = write_atomic_with(out / TABLE_NAMES[0], lambda fh: table.to_parquet(fh, index=False))
    csv = write_atomic(out / TABLE_NAMES[1], table.to_csv(index=False))
    return [parquet, csv]


def check_out_folder(out: Path, inputs: list[str]) -> None:
    """Refuse an output folder whose files would overwrite an input."""
    if out.exists() and not out.is_dir():
        raise PlmscopeInputError("is a file; --out needs a folder for the results", path=str(out))
    written = {(out / n).resolve() for n in (*TABLE_NAMES, SUMMARY_NAME)}
    nights = (out / NIGHTS_FOLDER).resolve()
    for path in inputs:
        resolved = Path(path).resolve()
        if resolved in written or nights in resolved.parents:
            raise PlmscopeInputError(
                f"is an input of this cohort and would be overwritten by the results in {out}; "
                "choose another --out folder",
                path=str(path),
            )


@contextmanager
def folder_lock(out: Path) -> Iterator[None]:
    """Hold ``out`` for one batch at a time (a lock left by a batch that was killed is taken over)."""
    lock = out / LOCK_NAME
    for _ in range(2):
        try:
            fd = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
        except FileExistsError:
            holder = _lock_holder(lock)
            if holder is not None and holder != os.getpid() and _alive(holder):
                raise PlmscopeInputError(
                    f"another batch (process {holder}) is writing its results here; wait for it or choose another --out",
                    path=str(out),
                ) from None
            lock.unlink(missing_ok=True)  # stale: its batch is gone
            continue
        with os.fdopen(fd, "w") as fh:
            fh.write(str(os.getpid()))
        break
    try:
        yield
    finally:
        lock.unlink(missing_ok=True)


def _lock_holder(lock: Path) -> int | None:
    try:
        return int(lock.read_text().strip())
    except (OSError, ValueError):
        return None


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True

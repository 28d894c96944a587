"""The work of one night, as a Dask worker does it: score, then pack the results as bytes.

:func:`score_entry` never raises for a night that cannot be scored: a broken file, a missing
leg channel or an unexpected failure comes back as an error outcome with the reason, so one
night never stops a cohort. The JSON and the per-LM Parquet are made here, on the worker, so
the process that writes the files only moves bytes. A PSG night is detected on one thread
(``EmgDetector(threads=1)``): a worker thread holds one night, and the cluster's threads are
spent on nights side by side.
"""

from __future__ import annotations

import io
import time
from dataclasses import dataclass

from plmscope.cohort.allocator import keep_arrays_in_heap
from plmscope.cohort.entries import NightEntry
from plmscope.cohort.rows import error_row, measured_row
from plmscope.detect import EmgDetector
from plmscope.errors import PlmscopeInputError
from plmscope.pipeline import score
from plmscope.rules import RuleSet

#: Why a night failed. ``input`` failures repeat as long as the files are the same, so
#: ``--resume`` keeps them; any other failure is tried again by ``--resume``.
INPUT, CRASH, WORKER = "input", "crash", "worker"


@dataclass
class NightOutcome:
    """A scored night (its row, JSON and per-LM table as bytes) or a failure with its reason."""

    night_id: str
    row: dict
    result_json: bytes | None = None
    movements_parquet: bytes | None = None
    failure: str | None = None  # None when scored; else INPUT, CRASH or WORKER
    elapsed_s: float = 0.0

    @property
    def ok(self) -> bool:
        return self.failure is None


def score_entry(entry: NightEntry, rules: RuleSet) -> NightOutcome:
    """Score one night; every failure becomes an outcome with a one-line reason.

    Examples
    --------
    >>> from plmscope.rules import WASM2016
    >>> outcome = score_entry(NightEntry("gone", recording="/nowhere/night.edf"), WASM2016)
    >>> outcome.failure, outcome.row["status"], outcome.row["reason"]
    ('input', 'error', '/nowhere/night.edf: file not found')
    """
    keep_arrays_in_heap()  # once per process; a no-op after the worker preload did it
    started = time.perf_counter()

    def failed(kind: str, reason: str) -> NightOutcome:
        return NightOutcome(entry.night_id, error_row(reason, rules.name), failure=kind,
                            elapsed_s=time.perf_counter() - started)

    data, options = entry.score_arguments()
    if entry.kind == "psg":  # one thread per night: the batch runs nights side by side instead
        options["detector"] = EmgDetector(rules, threads=1)
    try:
        scored = score(data, rules=rules, **options)
    except PlmscopeInputError as exc:
        return failed(INPUT, str(exc))
    except MemoryError:
        return failed(CRASH, "ran out of memory while scoring this night")
    except Exception as exc:  # noqa: BLE001 - a cohort goes on whatever one night does
        return failed(CRASH, f"unexpected {type(exc).__name__} while scoring: {exc}")
    buffer = io.BytesIO()
    scored.movements.to_parquet(buffer, index=False)
    return NightOutcome(
        entry.night_id,
        measured_row(scored),
        result_json=(scored.to_json() + "\n").encode("utf-8"),
        movements_parquet=buffer.getvalue(),
        elapsed_s=time.perf_counter() - started,
    )

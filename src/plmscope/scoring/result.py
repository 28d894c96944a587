"""NightResult: everything scored from one night, as tables and a JSON-ready dict."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from plmscope.rules import RuleSet

MOVEMENT_COLUMNS: tuple[str, ...] = (
    "onset", "offset", "duration", "leg", "parts", "stage", "in_sleep", "scorable",
    "candidate", "imi", "series", "periodic", "short_interval", "isolated",
    "respiratory", "arousal",
)  # fmt: skip


def plain(value: object) -> object:
    """A JSON-ready Python value: numpy scalars unwrapped, NaN/NA/inf become None."""
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, np.ndarray)):
        return [plain(v) for v in value]
    if isinstance(value, (np.bool_, bool)):
        return bool(value)
    if isinstance(value, (np.integer, int)):
        return int(value)
    if isinstance(value, (np.floating, float)):
        return float(value) if math.isfinite(value) else None
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    return value


def records(table: pd.DataFrame) -> list[dict]:
    """Rows of a table as JSON-ready dicts (missing values become None; 15 digits kept)."""
    return json.loads(table.to_json(orient="records", double_precision=15))


@dataclass
class NightResult:
    """One scored night: per-LM table, series, indices, breakdowns, sleep measures, warnings.

    ``notes`` explain rule choices that are not problems with the night (e.g. how AASM
    respiratory LMs are handled); ``warnings`` are about this night's data.
    """

    rules: RuleSet
    movements: pd.DataFrame
    monolateral: pd.DataFrame
    unscorable: pd.DataFrame
    series: pd.DataFrame
    indices: dict[str, float]
    breakdown: pd.DataFrame
    histograms: dict
    sleep: dict
    warnings: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def summary(self) -> pd.DataFrame:
        """One row: every index plus scorable TST in hours (YASA style)."""
        return pd.DataFrame([self.indices | {"tst_h": float(self.sleep["tst_h"])}])

    def to_dataframe(self) -> pd.DataFrame:
        """The per-LM table (one row per scored LM)."""
        return self.movements

    def to_dict(self) -> dict:
        """Everything as plain JSON-ready data, with the keys of DESIGN.md."""
        breakdown = self.breakdown.reset_index(names="kind")
        return {
            "indices": plain(self.indices),
            "movements": records(self.movements),
            "monolateral": records(self.monolateral),
            "sleep": plain(self.sleep),
            "unscorable": records(self.unscorable),
            "warnings": list(self.warnings),
            "notes": list(self.notes),
            "rules": plain(self.rules.to_dict()),
            "series": records(self.series),
            "breakdown": records(breakdown),
            "histograms": plain(self.histograms),
        }

    def to_json(self) -> str:
        """The result as JSON text (writing files is ``plmscope.export``'s job)."""
        return json.dumps(self.to_dict(), allow_nan=False)

"""Write a simulated night as an EDF+ file (through ``plmscope.export``) plus its truth CSV."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from plmscope.export.atomic import write_all
from plmscope.export.edf import edf_of
from plmscope.simulate.simulator import TRUTH_COLUMNS, SimulatedNight


def truth_path(edf_path: str | Path) -> Path:
    """Where the truth table of ``OUT.edf`` goes: ``OUT.truth.csv`` next to it."""
    return Path(edf_path).with_suffix(".truth.csv")


def write_simulation(
    sim: SimulatedNight,
    path: str | Path,
    *,
    unit: str | None = None,
    labels: tuple[str, str] = ("Leg L", "Leg R"),
) -> tuple[Path, Path]:
    """Write ``sim`` as EDF+ at ``path`` and its truth as ``<stem>.truth.csv``; return both paths.

    Signals are stored in ``unit`` (default: the unit the night was simulated with), scaled
    accordingly; leg channels are labelled ``labels`` (left, right), ECG ``ECG``, EEG ``C3-M2``.
    """
    unit = unit or sim.params.get("unit", "uV")
    edf = edf_of(sim.night, unit=unit, labels=labels)
    truth = sim.truth[list(TRUTH_COLUMNS)].to_csv(index=False)
    edf_path, csv_path = write_all([(path, edf.write), (truth_path(path), truth)])  # both or neither
    return edf_path, csv_path


def read_truth(path: str | Path) -> pd.DataFrame:
    """Read a ``.truth.csv`` written by ``write_simulation`` (or the truth of ``OUT.edf``)."""
    path = Path(path)
    csv = path if path.name.endswith(".truth.csv") else truth_path(path)
    table = pd.read_csv(csv, dtype={"leg": str, "kind": str, "pattern": str})
    return table.astype({"onset": "float64", "offset": "float64", "amplitude_uv": "float64"})

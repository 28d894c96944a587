"""A night's scoring as a RemLogic "Event Export" text file (what PLMScoRe and RemLogic users read).

The layout plmscope's RemLogic reader reads and PLMScoRe's batch driver expects: a
``RemLogic Event Export`` first line, a ``Recording Date`` line, an ``Events Included`` list,
then a tab-separated table ``Time [hh:mm:ss.xxx]``, ``Event``, ``Duration[s]``, ``Location``
with ISO date-times (``2015-03-12T22:01:03.000000``), CRLF line ends. Stages become
``SLEEP-S0`` … ``SLEEP-REM``, leg movements ``PLM-LM`` on one Location per leg, events their
RemLogic names (``vocabulary.REMLOGIC_*``). No patient lines are written.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pandas as pd

from plmscope.export.atomic import write_atomic
from plmscope.night import Hypnogram
from plmscope.vocabulary import REMLOGIC_EVENTS, REMLOGIC_STAGES

#: Location written for each leg's movements (RemLogic's usual tibialis derivations).
LOCATIONS = {"left": "LAntib1-LAntib2", "right": "RAntib1-RAntib2"}
#: Used when the night has no start time (RemLogic exports always carry one).
DEFAULT_START = dt.datetime(2000, 1, 1, 22, 0, 0)


def remlogic_rows(
    hypnogram: Hypnogram, events: pd.DataFrame, lms: pd.DataFrame | None = None,
    locations: dict[str, str] = LOCATIONS,
) -> pd.DataFrame:  # fmt: skip
    """(onset, event, duration, location) rows in time order.

    ``lms`` (leg, onset, offset) are written as ``PLM-LM`` on each leg's Location; without
    them the ``leg_movement`` rows of ``events`` are (a bilateral one once per leg).
    """
    hyp = pd.DataFrame(
        {
            "onset": hypnogram.onset + np.arange(len(hypnogram.stages)) * hypnogram.epoch_s,
            "event": [REMLOGIC_STAGES[str(s)] for s in hypnogram.stages],
            "duration": hypnogram.epoch_s,
            "location": "",
        }
    )
    if lms is None:
        lm_events = events[events["event"] == "leg_movement"]
        legs = lm_events["leg"].fillna("left")
        lms = pd.DataFrame(
            {"leg": legs, "onset": lm_events["onset"], "offset": lm_events["onset"] + lm_events["duration"]}
        )
        both = lms["leg"] == "bilateral"
        lms = pd.concat([lms[~both], lms[both].assign(leg="left"), lms[both].assign(leg="right")])
    moves = pd.DataFrame(
        {
            "onset": lms["onset"].to_numpy(float),
            "event": REMLOGIC_EVENTS["leg_movement"],
            "duration": (lms["offset"] - lms["onset"]).to_numpy(float),
            "location": [locations[str(leg)] for leg in lms["leg"]],
        }
    )
    others = events[events["event"].isin(set(REMLOGIC_EVENTS) - {"leg_movement"})]
    extra = pd.DataFrame(
        {
            "onset": others["onset"].to_numpy(float),
            "event": [REMLOGIC_EVENTS[e] for e in others["event"]],
            "duration": others["duration"].to_numpy(float),
            "location": "",
        }
    )
    rows = pd.concat([hyp, moves, extra], ignore_index=True)
    return rows.sort_values("onset", kind="stable", ignore_index=True)


def _seconds(value: float) -> str:
    """Seconds to the microsecond, without trailing zeros (``30``, ``1.234567``)."""
    return f"{float(value):.6f}".rstrip("0").rstrip(".")


def remlogic_text(rows: pd.DataFrame, start: dt.datetime | None = None) -> str:
    """The export's text for ``rows`` (from :func:`remlogic_rows`), times from ``start``.

    >>> from plmscope.night import Hypnogram, empty_events
    >>> rows = remlogic_rows(Hypnogram(np.array(["W", "N2"])), empty_events())
    >>> remlogic_text(rows, dt.datetime(2015, 3, 12, 23, 59, 45)).splitlines()[-1]
    '2015-03-13T00:00:15.000000\\tSLEEP-S2\\t30\\t'
    """
    start = start or DEFAULT_START
    stamps = [(start + dt.timedelta(seconds=round(float(t), 6))).strftime("%Y-%m-%dT%H:%M:%S.%f") for t in rows["onset"]]
    lines = [
        "RemLogic Event Export",
        f"Recording Date:\t{start:%d/%m/%Y}",
        "",
        "Events Included:",
        *sorted(set(rows["event"])),
        "",
        "Time [hh:mm:ss.xxx]\tEvent\tDuration[s]\tLocation",
    ]
    lines += [
        f"{stamp}\t{event}\t{_seconds(duration)}\t{location}"
        for stamp, event, duration, location in zip(stamps, rows["event"], rows["duration"], rows["location"])
    ]
    return "\r\n".join(lines) + "\r\n"


def write_remlogic(
    path: str | Path,
    hypnogram: Hypnogram,
    events: pd.DataFrame,
    *,
    lms: pd.DataFrame | None = None,
    start: dt.datetime | None = None,
    locations: dict[str, str] = LOCATIONS,
) -> Path:
    """Write a RemLogic event export at ``path`` (see :func:`remlogic_rows` for ``lms``).

    Examples
    --------
    >>> import tempfile, pathlib, plmscope
    >>> from plmscope.simulate import simulate_night
    >>> sim = simulate_night("plmd", seed=4, hours=0.5)
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "night-Events.txt"
    >>> _ = write_remlogic(path, sim.night.hypnogram, sim.night.events, lms=sim.truth, start=sim.night.start)
    >>> scored = plmscope.score(path)
    >>> scored.recording["channels"]["left"]["label"], scored.indices["n_lms"] > 0
    ('LAntib1-LAntib2', True)
    """
    text = remlogic_text(remlogic_rows(hypnogram, events, lms, locations), start)
    return write_atomic(path, text)

"""``NightScore``: one scored night, everything but the samples — the result every door returns.

A NightScore holds the scored movements and series, every index, the sleep measures, the
hypnogram and events it was scored with, what the detector did, every warning (once) and
where it all came from. It keeps no signal, so it is cheap to hold, pickle and send to a
Dask worker or a web request. :meth:`NightScore.to_dict` *is* the JSON that
``plmscope score --json`` writes, and :meth:`NightScore.from_dict` reads it back.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any

import numpy as np
import pandas as pd

from plmscope.night import EVENT_COLUMNS, EVENT_NAMES, LEGS, Hypnogram, empty_events
from plmscope.rules import RuleSet
from plmscope.scoring import INDEX_CATALOGUE, IndexInfo, headline_indices
from plmscope.scoring.result import plain, records
from plmscope.version import __version__

#: Keys of ``to_dict()`` in the order they are written.
JSON_KEYS: tuple[str, ...] = (
    "indices", "movements", "monolateral", "sleep", "unscorable", "series", "breakdown",
    "histograms", "hypnogram", "events", "events_read", "detection", "warnings", "notes",
    "rules", "recording", "software",
)  # fmt: skip


def _table(rows: list[dict], columns: tuple[str, ...] | None = None) -> pd.DataFrame:
    """A table from JSON records (the given columns first, in order)."""
    frame = pd.DataFrame.from_records(rows)
    if columns is not None:
        for column in columns:
            if column not in frame.columns:
                frame[column] = pd.Series(dtype="object")
        frame = frame[[*columns, *(c for c in frame.columns if c not in columns)]]
    return frame


@dataclass
class NightScore:
    """One night, scored: movements, series, indices, sleep, provenance — no samples.

    Attributes
    ----------
    indices : dict
        Every index by key (``plms_index``, ``plmw_index``, ...); see :attr:`catalogue`.
    movements : DataFrame
        One row per scored LM (onset, offset, leg, stage, candidate, imi, series, ...).
    monolateral : DataFrame
        Per-leg movements as detected (or as scored elsewhere), with why any is not counted.
    recording : dict
        Kind (``psg``, ``accelerometer``), length, channels used (label, rate, unit), where
        the movements, stages and events came from.
    warnings, notes : list of str
        What limits the result (each once); what was done on the way that is not a problem.

    Examples
    --------
    >>> import plmscope
    >>> from plmscope.simulate import simulate_night
    >>> result = plmscope.score(simulate_night("plmd", seed=1, hours=0.25).night)
    >>> result.indices["plms_index"] > 15, result.recording["kind"]
    (True, 'psg')
    >>> bool(result.summary().loc[0, "plms_index"] == result.indices["plms_index"])
    True
    """

    rules: RuleSet
    indices: dict[str, float | None]
    movements: pd.DataFrame
    monolateral: pd.DataFrame
    unscorable: pd.DataFrame
    series: pd.DataFrame
    breakdown: pd.DataFrame
    histograms: dict
    sleep: dict
    hypnogram: Hypnogram
    events: pd.DataFrame
    recording: dict
    detection: dict = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    start: dt.datetime | None = None
    identity: dict[str, str] = field(default_factory=dict)  # header fields: never written unless asked
    source: str = ""
    unknown_labels: list[str] = field(default_factory=list)
    software: dict = field(default_factory=lambda: {"name": "plmscope", "version": __version__})

    # --- what a night is made of -------------------------------------------------------------
    @property
    def duration(self) -> float:
        """Length of the recording in seconds."""
        return float(self.recording.get("duration_h", 0.0)) * 3600.0

    @property
    def legs(self) -> tuple[str, ...]:
        """The legs recorded (``left``/``right``), as the channels say."""
        return tuple(leg for leg in LEGS if leg in self.recording.get("channels", {}))

    @property
    def lights(self) -> tuple[float, float]:
        """Lights-off and lights-on (s from recording start) that scoring used."""
        return float(self.sleep["lights_off"]), float(self.sleep["lights_on"])

    @property
    def hypnogram_source(self) -> str:
        return str(self.sleep.get("hypnogram_source", "none"))

    @property
    def kind(self) -> str:
        """The recording kind: ``psg`` (tibialis EMG) or ``accelerometer``."""
        return str(self.recording.get("kind", "psg"))

    def events_of(self, *names: str) -> pd.DataFrame:
        """The events whose canonical name is one of ``names``."""
        return self.events[self.events["event"].isin(names)].reset_index(drop=True)

    @property
    def events_read(self) -> dict[str, int]:
        """How many events of each canonical kind were read (stages are not events)."""
        counts = self.events["event"].value_counts()
        return {name: int(counts.get(name, 0)) for name in EVENT_NAMES}

    # --- tables -----------------------------------------------------------------------------
    @property
    def catalogue(self) -> dict[str, IndexInfo]:
        """What each index is: label, unit and denominator (one table for every display)."""
        return INDEX_CATALOGUE

    def index_rows(self, headline: bool = True) -> list[tuple[IndexInfo, float | None]]:
        """(catalogue entry, value) of the headline indices (or every index), in reading order."""
        infos = headline_indices() if headline else tuple(INDEX_CATALOGUE.values())
        return [(info, self.indices.get(info.key)) for info in infos if info.key in self.indices]

    def summary(self) -> pd.DataFrame:
        """One row: every index plus scorable TST in hours (YASA style)."""
        return pd.DataFrame([self.indices | {"tst_h": self.sleep.get("tst_h")}])

    def to_dataframe(self) -> pd.DataFrame:
        """The per-LM table (one row per scored LM)."""
        return self.movements

    # --- JSON -------------------------------------------------------------------------------
    def to_dict(self, show_identity: bool = False) -> dict[str, Any]:
        """The machine-readable result: exactly what ``plmscope score --json`` writes.

        File names, the recording date and free-text annotation labels can identify a person:
        they are included only with ``show_identity``.
        """
        recording = dict(self.recording)
        if self.start is not None:
            recording["start"] = self.start.isoformat() if show_identity else f"{self.start:%H:%M:%S}"
        if show_identity:
            recording["source"] = PurePath(self.source).name if self.source else ""
            recording["unknown_labels"] = list(self.unknown_labels)
        events = self.events[list(EVENT_COLUMNS if show_identity else EVENT_COLUMNS[:-1])]
        out = {
            "indices": plain(self.indices),
            "movements": records(self.movements),
            "monolateral": records(self.monolateral),
            "sleep": plain(self.sleep),
            "unscorable": records(self.unscorable),
            "series": records(self.series),
            "breakdown": records(self.breakdown.reset_index(names="kind")),
            "histograms": plain(self.histograms),
            "hypnogram": {
                "epoch_s": float(self.hypnogram.epoch_s),
                "onset": float(self.hypnogram.onset),
                "stages": [str(s) for s in self.hypnogram.stages],
            },
            "events": records(events),
            "events_read": self.events_read,
            "detection": plain(self.detection),
            "warnings": list(self.warnings),
            "notes": list(self.notes),
            "rules": plain(self.rules.to_dict()),
            "recording": plain(recording),
            "software": dict(self.software),
        }
        return {key: out[key] for key in JSON_KEYS}

    def to_json(self, show_identity: bool = False, indent: int | None = 2) -> str:
        """:meth:`to_dict` as JSON text (no NaN: missing values are ``null``)."""
        return json.dumps(self.to_dict(show_identity), indent=indent, allow_nan=False)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> NightScore:
        """A NightScore back from :meth:`to_dict` (e.g. a stored ``--json`` result).

        >>> import plmscope
        >>> from plmscope.simulate import simulate_night
        >>> result = plmscope.score(simulate_night("plmd", seed=1, hours=0.25).night)
        >>> NightScore.from_dict(result.to_dict()).to_dict() == result.to_dict()
        True
        """
        from plmscope.scoring.result import MOVEMENT_COLUMNS

        rules_data = dict(data["rules"])
        rules_data["respiratory_events"] = tuple(rules_data.get("respiratory_events", ()))
        movements = _table(data["movements"], MOVEMENT_COLUMNS)
        movements["series"] = pd.array(movements["series"], dtype="Int64")
        for column in ("parts",):
            movements[column] = movements[column].astype("int64")
        monolateral = _table(data["monolateral"])
        if "lm" in monolateral:
            monolateral["lm"] = pd.array(monolateral["lm"], dtype="Int64")
        hyp = data["hypnogram"]
        events = _table(data["events"], EVENT_COLUMNS) if data["events"] else empty_events()
        events = events.astype({"onset": "float64", "duration": "float64"})
        recording = dict(data["recording"])
        start = recording.pop("start", None)
        parsed_start = None
        if isinstance(start, str):
            try:
                parsed_start = dt.datetime.fromisoformat(start)
            except ValueError:
                parsed_start = dt.datetime.combine(dt.date(1985, 1, 1), dt.time.fromisoformat(start))
        recording.pop("source", None)
        unknown = recording.pop("unknown_labels", [])
        breakdown = _table(data["breakdown"]).set_index("kind")
        breakdown.index.name = None
        return cls(
            rules=RuleSet(**rules_data),
            indices={k: (None if v is None else float(v)) for k, v in data["indices"].items()},
            movements=movements,
            monolateral=monolateral,
            unscorable=_table(data["unscorable"], ("leg", "start", "end")),
            series=_table(data["series"]),
            breakdown=breakdown,
            histograms=data["histograms"],
            sleep=dict(data["sleep"]),
            hypnogram=Hypnogram(
                stages=np.array(hyp["stages"], dtype="<U2"), epoch_s=hyp["epoch_s"], onset=hyp["onset"]
            ),
            events=events,
            recording=recording,
            detection=dict(data.get("detection", {})),
            warnings=list(data.get("warnings", [])),
            notes=list(data.get("notes", [])),
            start=parsed_start,
            unknown_labels=list(unknown),
            software=dict(data.get("software", {})),
        )

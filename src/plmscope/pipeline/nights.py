"""Several nights of one sleeper, scored one by one: every night, then median and range.

The PLM index varies a lot from night to night, so several nights describe a sleeper better
than one. :func:`score_nights` scores each night through the one front door and keeps every
NightScore; :class:`NightsScore` adds the median and range of the PLMS index, the LMS index
and the periodicity index, and a night-like dict of the medians (``recording.nights`` says how
many nights it rests on) for the questionnaire's combined triage.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from plmscope.errors import PlmscopeInputError
from plmscope.pipeline.front_door import Data, score
from plmscope.pipeline.night_score import NightScore
from plmscope.scoring.result import plain

#: The indices whose spread over nights is reported (median, range).
SPREAD_KEYS: tuple[str, ...] = ("plms_index", "lms_index", "periodicity_index")


@dataclass
class NightsScore:
    """Every night scored, in order, with its name; the spread of the key indices over nights.

    Examples
    --------
    >>> import plmscope
    >>> from plmscope.simulate.accel import simulate_accel_night
    >>> nights = {f"night {i}": simulate_accel_night("plmd", seed=i, hours=1.0, fs=25.0).night for i in (1, 2)}
    >>> many = score_nights(nights)
    >>> many.names, many.summary()["plms_index"]["n"], many.combined_dict()["recording"]["nights"]
    (['night 1', 'night 2'], 2, 2)
    """

    names: list[str]
    nights: list[NightScore]

    def __len__(self) -> int:
        return len(self.nights)

    @property
    def kind(self) -> str:
        """``accelerometer`` or ``psg`` (the first night's; nights of mixed kinds say ``mixed``)."""
        kinds = {n.kind for n in self.nights}
        return kinds.pop() if len(kinds) == 1 else "mixed"

    def table(self) -> pd.DataFrame:
        """One row per night: its name, start, estimated sleep and the key indices."""
        rows = []
        for name, night in zip(self.names, self.nights, strict=True):
            rows.append(
                {
                    "night": name,
                    "start": night.start.isoformat(sep=" ", timespec="minutes") if night.start else None,
                    "tst_h": night.sleep.get("tst_h"),
                    "hypnogram_source": night.hypnogram_source,
                    **{key: night.indices.get(key) for key in SPREAD_KEYS},
                    "n_posture_changes": (night.detection.get("posture_changes") or {}).get("count"),
                }
            )
        return pd.DataFrame(rows)

    def summary(self) -> dict[str, dict]:
        """Per key index: median, min, max and how many nights had a value (None when none did)."""
        out = {}
        for key in SPREAD_KEYS:
            values = np.array([v for n in self.nights if (v := n.indices.get(key)) is not None and np.isfinite(v)])
            out[key] = {
                "median": float(np.median(values)) if values.size else None,
                "min": float(values.min()) if values.size else None,
                "max": float(values.max()) if values.size else None,
                "n": int(values.size),
            }
        return out

    def combined_dict(self) -> dict[str, Any]:
        """A night-like dict of the medians, for the questionnaire: ``recording.nights`` = how many."""
        summary = self.summary()
        tst = [n.sleep.get("tst_h") for n in self.nights if n.sleep.get("tst_h") is not None]
        first = self.nights[0]
        return {
            "indices": {key: summary[key]["median"] for key in SPREAD_KEYS}
            | {
                key: _median([n.indices.get(key) for n in self.nights])
                for key in ("clms_index", "respiratory_clms_index", "plmw_index")
            },
            "sleep": {"tst_h": float(np.median(tst)) if tst else None, "hypnogram_source": first.hypnogram_source},
            "recording": {"kind": self.kind, "nights": len(self.nights)},
            "rules": plain(first.rules.to_dict()),
            "warnings": list(dict.fromkeys(w for n in self.nights for w in n.warnings))[:20],
        }

    def to_dict(self, show_identity: bool = False) -> dict[str, Any]:
        """Every night's result (as ``plmscope score --json`` writes it) plus the summary."""
        return {
            "summary": plain(self.summary()),
            "recording": {"kind": self.kind, "nights": len(self.nights)},
            "table": json.loads(self.table().to_json(orient="records")),
            "nights": [{"night": name, **night.to_dict(show_identity)} for name, night in zip(self.names, self.nights, strict=True)],
        }

    def to_json(self, show_identity: bool = False, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(show_identity), indent=indent, allow_nan=False)


def _median(values: list) -> float | None:
    finite = [float(v) for v in values if v is not None and np.isfinite(v)]
    return float(np.median(finite)) if finite else None


def score_nights(
    nights: Mapping[str, Data] | Sequence[Data],
    *,
    detectors: Mapping[str, Any] | None = None,
    progress: Callable[[str, int, int], None] | None = None,
    **options: Any,
) -> NightsScore:
    """Score several nights, each as :func:`plmscope.score` would, and keep them all.

    ``nights``: a mapping of name to night (a path, ``{"left": path, "right": path}``, a Night,
    ...) or a sequence (named ``night 1``, ``night 2``, ...). ``detectors`` gives a night its own
    detector (e.g. one with that night's sleep diary); ``options`` go to every :func:`score`
    call. ``progress(name, i, n)`` is called before each night.
    """
    named = dict(nights) if isinstance(nights, Mapping) else {f"night {i + 1}": n for i, n in enumerate(nights)}
    if not named:
        raise PlmscopeInputError("no nights to score")
    scored = []
    for i, (name, data) in enumerate(named.items()):
        if progress is not None:
            progress(name, i, len(named))
        detector = (detectors or {}).get(name)
        try:
            scored.append(score(data, **options, **({"detector": detector} if detector is not None else {})))
        except PlmscopeInputError as exc:
            raise PlmscopeInputError(f"night {name!r}: {exc}") from None
    return NightsScore(names=list(named), nights=scored)

"""Small builders for hand-made nights: LM lists, hypnograms, events."""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from plmscope.night import Hypnogram, empty_events
from plmscope.rules import WASM2016, RuleSet
from plmscope.scoring import NightResult, score_movements


def mono(
    left: Iterable[tuple[float, float]] = (), right: Iterable[tuple[float, float]] = ()
) -> pd.DataFrame:
    """Monolateral LMs from (onset, offset) pairs per leg."""
    rows = [("left", a, b) for a, b in left] + [("right", a, b) for a, b in right]
    return pd.DataFrame(rows, columns=["leg", "onset", "offset"])


def train(onsets: Iterable[float], length: float = 2.0) -> list[tuple[float, float]]:
    """(onset, onset + length) for each onset."""
    return [(float(t), float(t) + length) for t in onsets]


def hypnogram(duration: float, stage: str = "N2", **epochs: str) -> Hypnogram:
    """All epochs ``stage``; ``e12="R"`` sets epoch 12 (0-based) to R."""
    stages = np.full(int(np.ceil(duration / 30.0)), stage, dtype="<U2")
    for key, value in epochs.items():
        stages[int(key[1:])] = value
    return Hypnogram(stages=stages)


def events(*rows: tuple[str, float, float]) -> pd.DataFrame:
    """Canonical events table from (event, onset, duration)."""
    if not rows:
        return empty_events()
    return pd.DataFrame(
        {
            "onset": [float(r[1]) for r in rows],
            "duration": [float(r[2]) for r in rows],
            "event": [r[0] for r in rows],
            "leg": [None] * len(rows),
            "label": [r[0] for r in rows],
        }
    )


def score(
    lms: pd.DataFrame,
    *,
    duration: float = 3600.0,
    hyp: Hypnogram | None = None,
    ev: pd.DataFrame | None = None,
    rules: RuleSet = WASM2016,
    **kwargs,
) -> NightResult:
    """Score with an all-N2 night of ``duration`` s unless told otherwise."""
    return score_movements(
        lms,
        hypnogram=hyp if hyp is not None else hypnogram(duration),
        events=ev if ev is not None else empty_events(),
        duration=duration,
        rules=rules,
        **kwargs,
    )


def series_of(result: NightResult) -> list[list[float]]:
    """Onsets of the LMs in each series, in order."""
    mov = result.movements
    return [
        mov.loc[mov["series"] == k, "onset"].tolist()
        for k in sorted(mov["series"].dropna().unique())
    ]


def reference_series(
    onsets: list[float], eligible: list[bool], rules: RuleSet = WASM2016
) -> list[list[int]]:
    """Series as index lists, by a plain loop that reads like SCORING_RULES §3 (test oracle)."""
    found: list[list[int]] = []
    run: list[int] = []

    def close() -> None:
        if len(run) >= rules.min_series_length:
            found.append(list(run))

    for i, ok in enumerate(eligible):
        imi = onsets[i] - onsets[i - 1] if i else None
        in_range = imi is not None and rules.min_imi_s <= imi <= rules.max_imi_s
        if ok and run and run[-1] == i - 1 and in_range:
            run.append(i)
            continue
        close()
        short = imi is not None and imi < rules.min_imi_s
        run = [i] if ok and (not short or rules.short_interval_starts_series) else []
    close()
    return found

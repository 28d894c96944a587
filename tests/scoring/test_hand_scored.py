"""Leg movements scored elsewhere: a second scoring of one movement does not break its series."""

from __future__ import annotations

import pandas as pd

from plmscope.night import Hypnogram, ScoringContext
from plmscope.scoring import monolateral_from_events, score_night


def lm_events(rows: list[tuple[float, float, str | None]]) -> pd.DataFrame:
    return pd.DataFrame(
        {"onset": [r[0] for r in rows], "duration": [r[1] for r in rows],
         "event": "leg_movement", "leg": [r[2] for r in rows]}  # fmt: skip
    )


def test_joined_lms_change_the_series_as_the_offset_rule_says():
    # CLMs 100 120 140 160 (2 s) and a second scoring of 140 at 140.2-141: without joining it
    # would be an LM 0.2 s after 140 (a short interval, breaking the series into 100 120 140 and
    # 140.2 160: none of 4); joined, 100..160 is one series of 4 -> 4 PLMs in 1 h of N2.
    events = lm_events([(100, 2, "left"), (120, 2, "left"), (140, 2, "left"), (140.2, 0.8, "left"), (160, 2, "left")])
    table, _ = monolateral_from_events(events, ("left",))
    ctx = ScoringContext(duration=3600.0, hypnogram=Hypnogram(pd.Series(["N2"] * 120).to_numpy()), legs=("left",))
    assert score_night(ctx, table).indices["n_plms"] == 4

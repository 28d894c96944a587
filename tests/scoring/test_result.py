"""NightResult: tables, summary, JSON with the DESIGN.md keys; score_night on a Night."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd

from plmscope.night import Night, Signal
from plmscope.rules import AASM
from plmscope.scoring import MOVEMENT_COLUMNS, score_movements, score_night
from tests.design_contract import DESIGN_INDEX_KEYS, DESIGN_MOVEMENT_KEYS
from tests.scoring.helpers import events, hypnogram, mono, score, train


def sample_result():
    lms = mono(left=train([100, 120, 140, 160, 1000]), right=[(141, 143)])
    ev = events(("apnea", 150, 10), ("arousal", 121, 3))
    unscorable = pd.DataFrame({"leg": ["left"], "start": [2000.0], "end": [2100.0]})
    return score(lms, ev=ev, unscorable=unscorable)


def test_movements_table_has_exactly_the_agreed_columns_and_types():
    mov = sample_result().movements
    assert tuple(mov.columns) == MOVEMENT_COLUMNS
    assert str(mov["series"].dtype) == "Int64"
    assert mov["series"].isna().tolist() == [False] * 4 + [True]
    assert np.isnan(mov["imi"].iloc[0])
    for col in (
        "in_sleep",
        "scorable",
        "candidate",
        "periodic",
        "short_interval",
        "isolated",
        "respiratory",
        "arousal",
    ):
        assert mov[col].dtype == bool, col
    assert mov["parts"].tolist() == [1, 1, 2, 1, 1]


def test_json_has_design_keys_and_is_plain():
    result = sample_result()
    data = json.loads(result.to_json())
    assert {
        "indices",
        "movements",
        "monolateral",
        "sleep",
        "unscorable",
        "warnings",
        "rules",
        "series",
        "breakdown",
        "histograms",
    } <= set(data)
    assert set(data["indices"]) >= DESIGN_INDEX_KEYS
    assert set(data["movements"][0]) >= DESIGN_MOVEMENT_KEYS
    assert data["movements"][0]["imi"] is None and data["movements"][4]["series"] is None
    assert data["movements"][0]["series"] == 1
    assert {"tst_h", "wake_h", "hypnogram_source"} <= set(data["sleep"])
    assert data["unscorable"] == [{"leg": "left", "start": 2000.0, "end": 2100.0}]
    assert data["rules"]["name"] == "WASM2016"
    assert set(data["monolateral"][0]) >= {"leg", "onset", "offset"}
    assert data == result.to_dict()  # to_dict is already plain Python


def test_to_json_is_the_dict_as_text():
    result = sample_result()
    assert json.loads(result.to_json()) == result.to_dict()


def test_summary_is_one_row_of_indices_and_tst():
    result = sample_result()
    summary = result.summary()
    assert len(summary) == 1 and summary["tst_h"].iloc[0] == result.sleep["tst_h"]
    assert summary["plms_index"].iloc[0] == result.indices["plms_index"]
    assert result.to_dataframe() is result.movements


def test_extra_monolateral_columns_are_carried():
    lms = mono(left=train([100, 120])).assign(peak_uv=[30.0, 40.0])
    assert score(lms).monolateral["peak_uv"].tolist() == [30.0, 40.0]


def test_score_night_uses_the_nights_data():
    # one-leg night, lights off at 60 s, hypnogram from annotations
    leg = Signal("EMG L", np.zeros(10, dtype=np.float32), 1.0)
    night = Night(
        legs={"left": leg},
        duration=3600.0,
        hypnogram=hypnogram(3600),
        events=events(("lights_off", 60, 0)),
        hypnogram_source="annotations",
    )
    result = score_night(night.context, mono(left=train([100, 120, 140, 160])), rules="aasm")
    assert result.rules is AASM
    assert result.sleep["hypnogram_source"] == "annotations"
    assert result.sleep["lights_off"] == 60
    assert any("only the left leg" in w for w in result.warnings)
    assert result.indices["n_plms"] == 4


def test_no_movements_and_no_hypnogram_still_score():
    result = score_movements(pd.DataFrame(), hypnogram=None, events=None, duration=1800.0)
    assert result.movements.empty and result.indices["lms_index"] == 0
    assert result.sleep["staging"] == "none" and result.sleep["tst_h"] == 0.5

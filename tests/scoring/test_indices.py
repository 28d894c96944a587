"""SCORING_RULES §5: indices, breakdowns, periodicity, ln(IMI), histograms, durations."""

from __future__ import annotations

import math

import numpy as np
import pytest

from plmscope.rules import WASM2016
from plmscope.scoring.indices import BREAKDOWN_COLUMNS
from tests.scoring.helpers import mono, score, train


def test_left_right_bilateral_breakdown():
    # one hour of N2; series: L 100, R 120, bilateral 140 (L 140–142 + R 141–143), L 160;
    # plus an isolated right LM at 1000. plms: left 2, right 1, bilateral 1; lms right 2.
    lms = mono(left=train([100, 140, 160]), right=[(120, 122), (141, 143), (1000, 1002)])
    result = score(lms)
    ind = result.indices
    assert (ind["plms_index_left"], ind["plms_index_right"], ind["plms_index_bilateral"]) == (
        2.0,
        1.0,
        1.0,
    )
    assert (ind["lms_index_left"], ind["lms_index_right"], ind["lms_index_bilateral"]) == (
        2.0,
        2.0,
        1.0,
    )
    assert ind["lms_index"] == 5.0 and ind["clms_index"] == 5.0 and ind["plms_index"] == 4.0


def test_breakdown_table_has_every_kind_and_column():
    result = score(mono(left=train([100, 120, 140, 160])))
    bd = result.breakdown
    assert bd.index.tolist() == [
        "lms",
        "clms",
        "plms",
        "plms_nr",
        "plms_arousal",
        "short_interval",
        "isolated",
        "respiratory_clms",
    ]
    assert tuple(bd.columns) == BREAKDOWN_COLUMNS
    assert bd.at["plms", "count_sleep"] == 4 and bd.at["plms", "index_sleep"] == 4.0


def test_periodicity_index_both_definitions():
    # CLMs 100 120 140 160 (series) 400 (isolated) 405 (short) -> PLM/CLM = 4/6.
    # Counted IMIs (between consecutive CLMs): 20 20 20 240 5 -> the 3 in a run of 3 are
    # in 10–90 s: Ferri = 3/5.
    result = score(mono(left=train([100, 120, 140, 160, 400, 405])))
    assert result.indices["periodicity_index"] == pytest.approx(4 / 6)
    assert result.indices["periodicity_index_ferri"] == pytest.approx(3 / 5)


def test_ferri_needs_runs_of_three_intervals():
    # IMIs 20 20 | 100 | 20 20 : no run of 3 in-range IMIs -> 0
    result = score(mono(left=train([100, 120, 140, 240, 260, 280])))
    assert result.indices["periodicity_index_ferri"] == 0.0


def test_ln_imi_statistics_and_histograms():
    # IMIs 20, 30, 40 (and 200: beyond 90 s, outside the ln statistics and both histograms)
    result = score(mono(left=train([100, 120, 150, 190, 390])))
    logs = np.log([20, 30, 40])
    assert result.indices["ln_imi_mean"] == pytest.approx(logs.mean())
    assert result.indices["ln_imi_sd"] == pytest.approx(logs.std(ddof=1))
    lin = result.histograms["imi_linear"]
    assert len(lin["edges"]) == 46 and lin["edges"][:2] == [0.0, 2.0] and lin["edges"][-1] == 90
    assert sum(lin["counts"]) == 3 and lin["counts"][10] == lin["counts"][15] == 1  # 20–22, 30–32
    ln = result.histograms["imi_ln"]
    assert len(ln["edges"]) == 46 and ln["edges"][-1] == 4.5 and sum(ln["counts"]) == 3
    assert ln["counts"][math.floor(math.log(20) / 0.1)] == 1  # ln 20 = 2.996 -> bin 2.9–3.0
    assert result.histograms["n_imis"] == 3  # the 200 s IMI is in no bin, so not counted


def test_n_imis_is_the_number_of_imis_in_the_linear_histogram():
    # CLMs (all left) 100, 190, 281–281.5, 282–283: IMIs 90 (in the last bin, 88–90 s, which
    # includes 90), 91 (beyond 90 s: no bin) and 1.0 (first linear bin; the last two are 0.5 s
    # apart, so two movements, not fragments of one). Linear histogram: 2 IMIs; ln histogram:
    # ln 1 = 0 in its first bin, ln 90 = 4.4998 in its last (4.4–4.5).
    result = score(mono(left=[(100, 102), (190, 192), (281, 281.5), (282, 283)]))
    lin, ln = result.histograms["imi_linear"], result.histograms["imi_ln"]
    assert lin["counts"][0] == lin["counts"][-1] == 1
    assert result.histograms["n_imis"] == sum(lin["counts"]) == 2
    assert ln["counts"][0] == ln["counts"][-1] == 1 and sum(ln["counts"]) == 2


def test_imis_under_a_second_are_below_the_ln_histogram():
    # ln 0.8 < 0: in the first linear bin only (such IMIs come from AASM's pairwise joining)
    from plmscope.scoring.indices import imi_histograms

    hist = imi_histograms(np.array([0.8, 90.0]), WASM2016)
    assert hist["imi_linear"]["counts"][0] == 1 and hist["n_imis"] == 2
    assert sum(hist["imi_ln"]["counts"]) == hist["imi_ln"]["counts"][-1] == 1


def test_histograms_skip_intervals_next_to_non_candidates():
    # CLM 100, 11 s LM at 120 (not a CLM), CLM 140: no interval joins two CLMs
    result = score(mono(left=[(100, 102), (120, 131), (140, 142)]))
    assert result.histograms["n_imis"] == 0
    assert result.indices["ln_imi_mean"] is None and result.indices["ln_imi_sd"] is None


def test_mean_durations_by_type():
    # PLMs 2 s each at 100..160; isolated CLM of 4 s at 1000; non-candidate 12 s at 2000
    lms = mono(left=train([100, 120, 140, 160]) + [(1000, 1004), (2000, 2012)])
    ind = score(lms).indices
    assert ind["mean_duration_plm_s"] == 2.0
    assert ind["mean_duration_clm_s"] == pytest.approx((4 * 2 + 4) / 5)
    assert ind["mean_duration_lm_s"] == pytest.approx((4 * 2 + 4 + 12) / 6)


def test_counts():
    ind = score(mono(left=train([100, 120, 140, 160, 1000]) + [(2000, 2012)])).indices
    assert (ind["n_lms"], ind["n_clms"], ind["n_plms"], ind["n_series"]) == (6, 5, 4, 1)


def test_empty_night_gives_zero_rates_and_no_undefined_ratio():
    result = score(mono())
    assert result.movements.empty and result.series.empty
    undefined = {k for k, v in result.indices.items() if v is None}
    assert undefined == {
        "periodicity_index", "periodicity_index_ferri", "mean_duration_lm_s", "mean_duration_clm_s",
        "mean_duration_plm_s", "ln_imi_mean", "ln_imi_sd", "mean_series_length",
        "mean_series_duration_min", "plmw_index", "plms_index_rem",  # no wake, no REM: all N2
    }  # fmt: skip
    assert all(v == 0 for k, v in result.indices.items() if k not in undefined)
    assert result.summary().shape == (1, len(result.indices) + 1)

"""SCORING_RULES §3: IMIs, PLM series, short-interval and isolated LMs, stage of onset epoch."""

from __future__ import annotations

import numpy as np

from plmscope.rules import AASM, WASM2016, WASM2016_SOMAS, get_rules
from tests.scoring.helpers import hypnogram, mono, score, series_of, train

EXAMPLE = [0, 20, 40, 60, 65, 85, 105, 125, 145]  # the worked example (+100 s offset)


def test_imi_is_onset_to_onset_and_nan_for_the_first():
    # onsets 100, 130, 141 with different durations: IMIs NaN, 30, 11 (not offset-to-onset)
    result = score(mono(left=[(100, 104), (130, 131), (141, 143)]))
    imi = result.movements.imi.to_numpy()
    assert np.isnan(imi[0]) and imi[1:].tolist() == [30, 11]


def test_worked_example_a_short_interval_lm_starts_the_next_series():
    # IMIs 20 20 20 | 5 | 20 20 20 20. The 5 s IMI ends series 1 (100,120,140,160). By default
    # (SCORING_RULES §3, as PLMScoRe/MATPLM/Luna read it) the short-interval LM at 165 may start
    # the next series; its own 5 s IMI is not part of it: 165 185 205 225 245 (IMIs 20 20 20 20)
    # is series 2 of 5 LMs, so 4 + 5 = 9 PLMs. 165 is still a short-interval LM.
    result = score(mono(left=train(np.add(EXAMPLE, 100))))
    assert series_of(result) == [[100, 120, 140, 160], [165, 185, 205, 225, 245]]
    lm165 = result.movements.set_index("onset").loc[165]
    assert (lm165.short_interval, lm165.periodic, lm165.isolated) == (True, True, False)
    assert result.indices["n_series"] == 2 and result.indices["n_plms"] == 9
    # one hour of N2: 9 PLMs -> 9/h; one short-interval LM -> 1/h
    assert result.indices["plms_index"] == 9.0 and result.indices["short_imi_index"] == 1.0


def test_somas_reading_a_short_interval_lm_neither_starts_nor_joins_a_series():
    # the same night under WASM2016-SOMAS: 165 cannot start a series, so series 2 starts at
    # 185 (185 205 225 245, 4 LMs): 4 + 4 = 8 PLMs, 165 is short-interval and not periodic
    result = score(mono(left=train(np.add(EXAMPLE, 100))), rules=WASM2016_SOMAS)
    assert series_of(result) == [[100, 120, 140, 160], [185, 205, 225, 245]]
    lm165 = result.movements.set_index("onset").loc[165]
    assert (lm165.short_interval, lm165.periodic, lm165.isolated) == (True, False, False)
    assert result.indices["n_series"] == 2 and result.indices["n_plms"] == 8


def test_somas_reading_a_short_interval_lm_after_three_clms_blocks_the_series():
    # 100 120 140 | 145 (IMI 5) | 165 185 205: by default 145 starts the run 145 165 185 205
    # (IMIs 20 20 20): a series of 4; 100 120 140 is 3 LMs. SOMAS: 145 cannot start, so
    # 165 185 205 is 3 LMs: no series at all. Without 205 neither reading has a series.
    lms = mono(left=train([100, 120, 140, 145, 165, 185, 205]))
    assert series_of(score(lms)) == [[145, 165, 185, 205]]
    assert series_of(score(lms, rules=WASM2016_SOMAS)) == []
    assert series_of(score(mono(left=train([100, 120, 140, 145, 165, 185])))) == []


def test_somas_is_a_named_preset_stated_in_the_rules():
    assert get_rules("wasm2016-somas") is WASM2016_SOMAS is get_rules("WASM-SOMAS")
    assert WASM2016_SOMAS.to_dict()["short_interval_starts_series"] is False
    assert WASM2016.to_dict()["short_interval_starts_series"] is True
    assert WASM2016.with_(short_interval_starts_series=False) == WASM2016_SOMAS.with_(name="WASM2016")


def test_series_of_exactly_four_at_the_very_end_of_the_night_counts():
    # a 600 s night; CLMs at 500, 520, 540, 560 and nothing after: the last LM completes it
    result = score(mono(left=train([500, 520, 540, 560])), duration=600)
    assert series_of(result) == [[500, 520, 540, 560]]
    assert result.indices["n_plms"] == 4


def test_three_lms_are_not_a_series():
    result = score(mono(left=train([100, 120, 140])))
    assert series_of(result) == [] and result.movements.isolated.all()


def test_imi_bounds_10_and_90_s_are_inclusive():
    # IMIs exactly 10, 90, 10: one series of 4
    result = score(mono(left=train([100, 110, 200, 210], length=1)))
    assert series_of(result) == [[100, 110, 200, 210]]


def test_float_rounding_does_not_move_an_imi_off_a_bound():
    # 60.1 - 50.1 = 10.000000000000007 in floats, 150.1 - 60.1 = 90.00000000000001: still in
    onsets = [50.1, 60.1, 150.1, 160.1]
    assert series_of(score(mono(left=train(onsets, length=1)))) == [onsets]


def test_imi_over_90_s_ends_a_series_and_that_lm_may_start_the_next():
    # 100 120 140 160 | IMI 90.5 | 250.5 270.5 290.5 310.5
    onsets = [100, 120, 140, 160, 250.5, 270.5, 290.5, 310.5]
    result = score(mono(left=train(onsets)))
    assert series_of(result) == [onsets[:4], onsets[4:]]


def test_non_candidate_lm_ends_a_series_and_is_not_periodic():
    # CLMs 100 120 140, an 11 s LM at 160 (not a CLM), CLMs 180 200 220 240
    left = train([100, 120, 140]) + [(160, 171)] + train([180, 200, 220, 240])
    result = score(mono(left=left))
    assert series_of(result) == [[180, 200, 220, 240]]  # 100–140 has 3 LMs only
    lm = result.movements.set_index("onset").loc[160]
    assert not lm.candidate and not lm.periodic and not lm.isolated
    # without the long LM (it was a CLM of 2 s), all 8 are one series
    assert len(series_of(score(mono(left=train([100, 120, 140, 160, 180, 200, 220, 240]))))) == 1


def test_aasm_series_accept_imis_from_5_s():
    # IMIs 6, 6, 6: a series under AASM (5–90 s), three short-interval LMs under WASM
    lms = mono(left=train([100, 106, 112, 118], length=1))
    assert series_of(score(lms, rules=AASM)) == [[100, 106, 112, 118]]
    wasm = score(lms, rules=WASM2016)
    assert series_of(wasm) == [] and wasm.movements.short_interval.sum() == 3


def test_series_run_through_wake_and_each_plm_takes_its_onset_epoch_stage():
    # epochs: 3 (90–120 s) is W, the rest N2. PLMs at 40 70 100 130: the one at 100 is PLMW.
    result = score(mono(left=train([40, 70, 100, 130])), hyp=hypnogram(3600, e3="W"))
    mov = result.movements
    assert mov.stage.tolist() == ["N2", "N2", "W", "N2"]
    assert mov.periodic.all()
    assert result.indices["n_plms_sleep"] == 3 and result.indices["n_plmw"] == 1


def test_stage_is_the_epoch_of_the_onset_not_the_offset():
    # LM 29–33 s starts in epoch 0 (W) and ends in epoch 1 (N2): it is a wake LM
    result = score(mono(left=[(29, 33)]), hyp=hypnogram(3600, e0="W"))
    assert result.movements.stage[0] == "W" and not result.movements.in_sleep[0]


def test_isolated_lms_are_clms_neither_periodic_nor_short_interval():
    # 100 (isolated), 300 305 (305: short-interval), 500 520 540 560 (series)
    result = score(mono(left=train([100, 300, 305, 500, 520, 540, 560])))
    mov = result.movements.set_index("onset")
    assert mov.isolated[mov.isolated].index.tolist() == [100, 300]
    assert mov.short_interval[mov.short_interval].index.tolist() == [305]
    # one hour of N2: isolated index 2/h, short-interval index 1/h
    assert result.indices["isolated_lms_index"] == 2.0
    assert result.indices["short_imi_index"] == 1.0


def test_series_table_reports_length_duration_and_mean_imi():
    # 100 120 145 165 (2 s each): start 100, end 167, 67 s, IMIs 20 25 20 -> mean 21.667
    result = score(mono(left=train([100, 120, 145, 165])))
    row = result.series.iloc[0]
    assert (row.series, row.start, row.end, row.n_lms, row.duration) == (1, 100, 167, 4, 67)
    assert row.mean_imi == (20 + 25 + 20) / 3 and row.stage_majority == "N2"
    assert result.indices["mean_series_length"] == 4
    assert result.indices["mean_series_duration_min"] == 67 / 60

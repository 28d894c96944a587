"""SCORING_RULES §4: respiratory-related and arousal-associated LMs, indices without resp. LMs."""

from __future__ import annotations

import pytest

from plmscope.rules import AASM, WASM2016, WASM2016_SOMAS
from tests.scoring.helpers import events, mono, score, series_of, train

APNEA = ("apnea", 100.0, 20.0)  # 100–120 s; WASM window 118.0–130.25 s; AASM 99.5–120.5 s


def respiratory(lm, rules, event=APNEA):
    return bool(score(mono(left=[lm]), ev=events(event), rules=rules).movements.respiratory[0])


@pytest.mark.parametrize(
    "lm, wasm, aasm, why",
    [
        ((129, 131), True, False, "onset 9 s after the apnea's end"),
        ((130.25, 131), True, False, "onset exactly at end + 10.25 s (touching counts)"),
        ((130.3, 131), False, False, "onset just past end + 10.25 s"),
        ((116, 118), True, True, "offset exactly at end - 2.0 s; inside the event"),
        ((115, 117.9), False, True, "ends 2.1 s before the end: during the event only"),
        ((98, 99.5), False, True, "ends 0.5 s before the start: AASM margin"),
        ((98, 99.4), False, False, "ends 0.6 s before the start"),
        ((120.5, 122), True, True, "starts 0.5 s after the end"),
        ((121, 122), True, False, "starts 1 s after the end"),
    ],
)
def test_respiratory_windows(lm, wasm, aasm, why):
    assert respiratory(lm, WASM2016) is wasm, why
    assert respiratory(lm, AASM) is aasm, why


@pytest.mark.parametrize("kind", ["hypopnea", "rera"])
def test_hypopneas_and_reras_count_as_respiratory_events(kind):
    assert respiratory((129, 131), WASM2016, event=(kind, 100.0, 20.0))


def test_arousals_and_central_labels_do_not_make_an_lm_respiratory():
    assert not respiratory((129, 131), WASM2016, event=("arousal", 100.0, 20.0))


def test_wasm_flags_only_candidates_as_respiratory():
    # an 11 s LM (not a CLM) overlapping the window is not a respiratory CLM
    assert not respiratory((119, 130), WASM2016)


@pytest.mark.parametrize(
    "lm, arousal, linked, why",
    [
        ((100, 102), (101, 3), True, "overlap"),
        ((100, 102), (102.4, 3), True, "arousal 0.4 s after the LM ends"),
        ((100, 102), (102.5, 3), False, "arousal 0.5 s after the LM ends"),
        ((100, 102), (97, 2.6), True, "LM 0.4 s after the arousal ends"),
        ((100, 102), (97, 2.5), False, "LM 0.5 s after the arousal ends"),
    ],
)
def test_arousal_association_either_order(lm, arousal, linked, why):
    for rules in (WASM2016, AASM):
        result = score(mono(left=[lm]), ev=events(("arousal", *arousal)), rules=rules)
        assert bool(result.movements.arousal[0]) is linked, why


def test_plms_arousal_index_counts_periodic_lms_with_arousal():
    # series 100 120 140 160; arousals touch 120 and 160, plus an isolated LM at 400 with one:
    # 2 PLMS with arousal in 1 h of N2 -> 2/h (the isolated LM does not count)
    ev = events(("arousal", 121, 3), ("arousal", 162.2, 3), ("arousal", 401, 3))
    result = score(mono(left=train([100, 120, 140, 160, 400])), ev=ev)
    assert result.indices["plms_arousal_index"] == 2.0


def test_indices_without_respiratory_lms_are_recomputed_on_the_reduced_list():
    # A series that exists only thanks to a respiratory LM: apnea 125–145 s (WASM window
    # 143–155.25 s) makes the CLM at 150 respiratory. CLMs 100 150 200 250: IMIs 50 50 50 ->
    # a series of 4 (4/h over 1 h of N2).
    # Dropping 150 leaves 100 200 250: IMI 100 s (> 90) and only 3 LMs: no series.
    ev = events(("apnea", 125, 20))
    result = score(mono(left=train([100, 150, 200, 250])), ev=ev)
    assert result.movements.respiratory.tolist() == [False, True, False, False]
    assert result.indices["plms_index"] == 4.0
    assert result.indices["plms_nr_index"] == 0.0
    assert result.indices["respiratory_clms_index"] == 1.0


def test_removing_a_respiratory_lm_can_join_lms_into_a_series():
    # hypopnea 110–125 s: WASM window 123–135.25 s catches only the CLM at 126 (120–122 lies
    # inside the event, not in the window). CLMs 100 120 126 140 160: IMIs 20 6 14 20 -> the 6 s
    # IMI ends the run 100 120 (2 LMs); 126 may start the next one, but 126 140 160 is 3 LMs:
    # no series. Dropping 126: IMIs 20 20 20 over 100 120 140 160 -> a series of 4, so
    # plms_nr_index is 4/h over 1 h of N2 while plms_index is 0.
    ev = events(("hypopnea", 110, 15))
    result = score(mono(left=train([100, 120, 126, 140, 160])), ev=ev)
    assert result.movements.respiratory.tolist() == [False, False, True, False, False]
    assert result.indices["plms_index"] == 0.0
    assert result.indices["plms_nr_index"] == 4.0
    # the result says why the index without respiratory LMs can be the higher one
    assert any("can be higher than plms_index" in n for n in result.notes)


def test_respiratory_short_interval_lm_starts_a_series_by_default_but_not_under_somas():
    # hypopnea 90–104.5 s: window 102.5–114.75 s catches only the CLM at 106. CLMs 100 106 120
    # 140 160: IMIs 6 14 20 20. Default: 106 starts the series 106 120 140 160 (4/h); without
    # it, 100 120 140 160 (IMIs 20 20 20) is a series too: plms_index = plms_nr_index = 4/h.
    # SOMAS: 106 cannot start, 120 140 160 are 3 LMs: plms_index 0; plms_nr_index still 4/h.
    ev = events(("hypopnea", 90, 14.5))
    lms = mono(left=train([100, 106, 120, 140, 160]))
    default = score(lms, ev=ev)
    assert default.movements.respiratory.tolist() == [False, True, False, False, False]
    assert (default.indices["plms_index"], default.indices["plms_nr_index"]) == (4.0, 4.0)
    somas = score(lms, ev=ev, rules=WASM2016_SOMAS)
    assert (somas.indices["plms_index"], somas.indices["plms_nr_index"]) == (0.0, 4.0)


def test_aasm_respiratory_lms_are_not_scored_as_plms():
    # apnea 95–103 s; CLMs 100 (inside it: not scored as a PLM under AASM) 120 140 160 180.
    # AASM leaves 100 out before forming series: 120..180 is one series of 4 (4/h), and the
    # LM at 100 is listed with IMI NaN; 120 is the first of the reduced list (IMI NaN too).
    ev = events(("apnea", 95, 8))
    result = score(mono(left=train([100, 120, 140, 160, 180])), ev=ev, rules=AASM)
    mov = result.movements
    assert mov.respiratory.tolist() == [True, False, False, False, False]
    assert series_of(result) == [[120, 140, 160, 180]]
    assert result.indices["plms_index"] == result.indices["plms_nr_index"] == 4.0
    assert mov.imi.isna().tolist() == [True, True, False, False, False]
    assert any("not scored as PLMs" in n for n in result.notes)
    # WASM: the LM at 100–102 touches the window 101–113.25 s, so it is respiratory too, but
    # it stays in plms_index: 100..180 is a series of 5 (5/h); without it 120..180 (4/h).
    wasm = score(mono(left=train([100, 120, 140, 160, 180])), ev=ev)
    assert wasm.indices["plms_index"] == 5.0 and wasm.indices["plms_nr_index"] == 4.0

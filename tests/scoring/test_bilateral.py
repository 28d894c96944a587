"""SCORING_RULES §1–2: which mLMs are LMs, how legs combine, which LMs are candidates."""

from __future__ import annotations

import pytest

from plmscope.errors import PlmscopeInputError
from plmscope.rules import AASM, WASM2016
from tests.scoring.helpers import mono, score, series_of, train


def movements(lms, rules=WASM2016):
    return score(lms, rules=rules).movements


def test_wasm_overlapping_legs_make_one_bilateral_lm():
    # left 100–103, right 102–106 overlap: one LM 100–106, 2 parts
    mov = movements(mono(left=[(100, 103)], right=[(102, 106)]))
    assert len(mov) == 1
    row = mov.iloc[0]
    assert (row.onset, row.offset, row.duration) == (100, 106, 6)
    assert (row.leg, row.parts, row.candidate) == ("bilateral", 2, True)


def test_wasm_gap_below_half_second_joins_and_half_second_does_not():
    # right starts 0.4 s after left ends: joined; 0.5 s after: two LMs ("less than 0.5 s")
    assert len(movements(mono(left=[(100, 102)], right=[(102.4, 104)]))) == 1
    assert len(movements(mono(left=[(100, 102)], right=[(102.5, 104)]))) == 2
    # the same in the other order (left after right)
    assert len(movements(mono(left=[(102.4, 104)], right=[(100, 102)]))) == 1


def test_same_leg_movements_never_join():
    # two left mLMs 0.1 s apart stay two LMs
    mov = movements(mono(left=[(100, 101), (101.1, 102)]))
    assert mov["leg"].tolist() == ["left", "left"]


def test_joining_is_transitive_through_the_other_leg():
    # L 100–102, R 101.8–104, L 103.9–106: L1~R and R~L2 -> one LM of 3 parts, 100–106
    mov = movements(mono(left=[(100, 102), (103.9, 106)], right=[(101.8, 104)]))
    assert len(mov) == 1
    assert (mov.parts[0], mov.onset[0], mov.offset[0]) == (3, 100, 106)


def test_bilateral_longer_than_15_s_is_not_a_candidate():
    # L 100–108 and R 107–116: 16 s bilateral, parts 8 s and 9 s (each ≤ 10): not a CLM
    mov = movements(mono(left=[(100, 108)], right=[(107, 116)]))
    assert mov.duration[0] == 16 and not mov.candidate[0]
    # 15 s exactly is still a candidate (≤ 15 s)
    mov = movements(mono(left=[(100, 108)], right=[(107, 115)]))
    assert mov.duration[0] == 15 and mov.candidate[0]


def test_bilateral_of_more_than_four_parts_is_not_a_candidate():
    # alternating legs, each 1 s, each starting 0.2 s before the previous ends: all join
    five = [(100.0, 101.0), (100.8, 101.8), (101.6, 102.6), (102.4, 103.4), (103.2, 104.2)]
    lms = mono(left=five[0::2], right=five[1::2])
    mov = movements(lms)
    assert (len(mov), mov.parts[0], mov.candidate[0]) == (1, 5, False)
    four = mono(left=five[0:4:2], right=five[1:4:2])
    assert movements(four).candidate[0]  # 4 parts: still a candidate


def test_bilateral_with_a_part_longer_than_10_s_is_not_a_candidate():
    # left part 10.5 s inside a 12 s bilateral LM (≤ 15 s, 2 parts) -> not a CLM
    mov = movements(mono(left=[(100, 110.5)], right=[(110, 112)]))
    assert mov.duration[0] == 12 and not mov.candidate[0]


def test_monolateral_candidate_up_to_10_s_and_wasm_keeps_longer_lms():
    mov = movements(mono(left=[(100, 110), (200, 210.5)]))
    assert mov.candidate.tolist() == [True, False]  # 10 s is a CLM, 10.5 s an LM only
    assert len(mov) == 2


def test_lm_shorter_than_half_second_is_not_an_lm():
    result = score(mono(left=[(100, 100.4), (200, 200.5)]))
    assert result.movements.onset.tolist() == [200]
    assert result.indices["n_excluded_short"] == 1
    assert result.monolateral.excluded.tolist() == ["too_short", ""]


def test_aasm_joins_legs_whose_onsets_are_less_than_5_s_apart():
    # onsets 4.9 s apart, no overlap (L 100–101, R 104.9–106): one LM under AASM, two under WASM
    lms = mono(left=[(100, 101)], right=[(104.9, 106)])
    assert len(movements(lms, AASM)) == 1
    assert len(movements(lms, WASM2016)) == 2
    # onsets exactly 5 s apart: two LMs
    assert len(movements(mono(left=[(100, 101)], right=[(105, 106)]), AASM)) == 2


def test_aasm_overlapping_legs_with_onsets_far_apart_stay_two():
    # L 100–108, R 106–108: overlap (WASM joins) but onsets 6 s apart (AASM does not)
    lms = mono(left=[(100, 108)], right=[(106, 108)])
    assert len(movements(lms, WASM2016)) == 1
    assert len(movements(lms, AASM)) == 2


def test_aasm_drops_lms_longer_than_10_s_and_counts_them():
    result = score(mono(left=[(100, 111), (200, 202)]), rules=AASM)
    assert result.movements.onset.tolist() == [200]
    assert result.indices["n_excluded_long"] == 1
    assert any("longer than 10 s" in w for w in result.warnings)
    # WASM keeps the 11 s LM as a non-candidate
    assert score(mono(left=[(100, 111), (200, 202)])).indices["n_excluded_long"] == 0


def test_a_16_s_bilateral_lm_breaks_a_series():
    # CLMs every 20 s from 100 to 200 (6 LMs), a 16 s bLM at 220 (L 220–228, R 227–236),
    # CLMs every 20 s from 240 to 300 (4 LMs): the bLM ends series 1 (6 LMs) and cannot be
    # in one; 240 may start series 2 (IMI 20 s) -> 240, 260, 280, 300.
    left = train(range(100, 201, 20)) + [(220, 228)] + train(range(240, 301, 20))
    result = score(mono(left=left, right=[(227, 236)]))
    assert series_of(result) == [[100, 120, 140, 160, 180, 200], [240, 260, 280, 300]]
    blm = result.movements.set_index("onset").loc[220]
    assert (blm.leg, blm.candidate, blm.periodic) == ("bilateral", False, False)


def test_monolateral_table_points_at_its_lm():
    result = score(mono(left=[(100, 103)], right=[(102, 106), (300, 302)]))
    assert result.monolateral.lm.tolist() == [0, 0, 1]


@pytest.mark.parametrize(
    "table, message",
    [
        (mono(left=[(100, 99)]), "end before they start"),
        (mono(left=[(100, 101)]).assign(leg="middle"), "leg must be"),
        (mono(left=[(100, 101)]).drop(columns="offset"), "missing offset"),
        (mono(left=[(float("nan"), 101)]), "must be numbers"),
    ],
)
def test_bad_lm_tables_give_clear_errors(table, message):
    with pytest.raises(PlmscopeInputError, match=message):
        score(table)


def test_leg_names_are_normalised():
    table = mono(left=[(100, 101)]).assign(leg=" Left ")
    assert score(table).movements.leg.tolist() == ["left"]

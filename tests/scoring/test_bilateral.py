"""SCORING_RULES §1–2: which mLMs are LMs, how legs combine, which LMs are candidates."""

from __future__ import annotations

import numpy as np
import pytest

from plmscope.errors import PlmscopeInputError
from plmscope.rules import AASM, WASM2016
from plmscope.scoring.bilateral import candidate_flags
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


def test_same_leg_movements_never_join_as_bilateral():
    # two left mLMs 0.1 s apart are fragments of one movement (an LM ends only after 0.5 s of
    # quiet): one left LM of one part, never 'bilateral'; 0.5 s apart they stay two LMs
    mov = movements(mono(left=[(100, 101), (101.1, 102)]))
    assert mov["leg"].tolist() == ["left"] and mov["parts"].tolist() == [1]
    assert (mov.onset[0], mov.offset[0]) == (100, 102)
    assert movements(mono(left=[(100, 101), (101.5, 102)]))["leg"].tolist() == ["left", "left"]


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


def test_bilateral_candidate_limits_are_wasm_only():
    # a 16 s bilateral LM of 5 parts, none over 10 s: beyond WASM's limits; AASM has none
    args = np.array([16.0]), np.array([5]), np.array([8.0])
    assert AASM.max_bilateral_duration_s is None and AASM.max_bilateral_parts is None
    assert candidate_flags(*args, AASM).tolist() == [True]
    assert candidate_flags(*args, WASM2016).tolist() == [False]
    # the part limit (> 10 s) is checked under both
    assert candidate_flags(np.array([12.0]), np.array([2]), np.array([10.5]), AASM).tolist() == [
        False
    ]


def test_aasm_bilateral_lm_in_the_middle_of_a_series():
    # left 1 s LMs at 0 20 40; L 60–66 + R 64–70 (onsets 4 s apart: one LM, 60–70, a CLM);
    # left 1 s LMs at 100 120 140. Onsets 0 20 40 60 100 120 140: IMIs 20 20 20 40 20 20, all
    # 5–90 s -> one series of 7 PLMs; 7 PLMs in 1 h of N2 -> 7/h.
    left = train([0, 20, 40], length=1) + [(60, 66)] + train([100, 120, 140], length=1)
    result = score(mono(left=left, right=[(64, 70)]), rules=AASM)
    assert series_of(result) == [[0, 20, 40, 60, 100, 120, 140]]
    blm = result.movements.set_index("onset").loc[60]
    assert (blm.leg, blm.offset, blm.parts, blm.candidate) == ("bilateral", 70, 2, True)
    assert result.indices["plms_index"] == 7.0


def test_aasm_joins_one_movement_per_leg_and_does_not_chain():
    # L 0–1, R 4–5, L 8–9, R 12–13: each neighbour pair is < 5 s apart, but L 8 is not joined
    # to R 4 (already joined to L 0): two bilateral LMs 0–5 and 8–13, not one of 13 s
    result = score(mono(left=[(0, 1), (8, 9)], right=[(4, 5), (12, 13)]), rules=AASM)
    mov = result.movements
    assert mov[["onset", "offset", "parts"]].values.tolist() == [[0, 5, 2], [8, 13, 2]]
    assert any("read pairwise" in n for n in result.notes)
    # L 0, L 1, R 4: R 4 joins the earliest waiting left LM (0); L 1 stays on its own
    mov = score(mono(left=[(0, 0.5), (1, 2)], right=[(4, 5)]), rules=AASM).movements
    assert mov[["onset", "offset", "leg"]].values.tolist() == [
        [0, 5, "bilateral"],
        [1, 2, "left"],
    ]


def test_aasm_long_chain_of_legs_no_longer_breaks_a_series():
    # left 1 s LMs 0 20 40; L 60–68, R 64–72, L 68.5–76; left 1 s LMs 100 120 140.
    # (the two left mLMs are 0.5 s apart: two movements, not fragments of one)
    # AASM (pairwise): L 60 + R 64 -> one LM 60–72 (12 s, 2 parts); L 68.5–76 on its own.
    # Onsets 0 20 40 60 68.5 100 ..., IMIs 20 20 20 8.5 31.5 20 20 (all 5–90 s): one series of 8.
    # WASM: the three overlap -> one LM 60–76 (16 s, 3 parts): not a CLM, it ends the run
    # 0 20 40 (3 LMs) and 100 120 140 are 3 too: no series.
    left = train([0, 20, 40], length=1) + [(60, 68), (68.5, 76)] + train([100, 120, 140], length=1)
    lms = mono(left=left, right=[(64, 72)])
    aasm = score(lms, rules=AASM)
    assert series_of(aasm) == [[0, 20, 40, 60, 68.5, 100, 120, 140]]
    assert aasm.movements.set_index("onset").loc[60, "offset"] == 72
    wasm = score(lms, rules=WASM2016)
    blm = wasm.movements.set_index("onset").loc[60]
    assert (blm.offset, blm.parts, blm.candidate) == (76, 3, False)
    assert series_of(wasm) == []


def test_movements_longer_than_60_s_are_warned_about():
    # a 90 s left LM (hand-scored offset slip?) and a 60 s one: only the first is over 60 s
    result = score(mono(left=[(100, 102), (200, 290)], right=[(400, 460)]))
    assert "1 leg movements longer than 60 s — check hand-scored offsets" in result.warnings
    assert not any("longer than 60 s" in w for w in score(mono(left=[(0, 60)])).warnings)


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

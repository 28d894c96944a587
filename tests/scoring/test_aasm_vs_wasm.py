"""The same night scored under AASM and WASM 2016 differs exactly where the rules differ."""

from __future__ import annotations

from plmscope.rules import AASM, WASM2016
from tests.scoring.helpers import events, mono, score, series_of, train

# One hour of N2 with four separated segments, each showing one difference:
# A  legs 4 s apart, no overlap: L 100–101, R 104–105 -> WASM 2 LMs, AASM 1 bilateral LM.
# B  IMIs of 7 s: 500 507 514 521 -> AASM series (5–90 s); WASM: 3 short-interval LMs.
# C  apnea 1000–1020 s and an LM 9 s after its end (1029–1031) -> WASM respiratory, AASM not.
# D  CLMs 2000 2020, an 11 s LM 2040–2051, CLMs 2060 2080 -> WASM keeps the 11 s LM as a
#    non-candidate that breaks the run (2 + 2: no series); AASM drops it (not an LM), leaving
#    2000 2020 2060 2080 with IMIs 20 40 20: a series of 4.
LEFT = [(100, 101)] + train([500, 507, 514, 521], length=1) + [(1029, 1031)]
LEFT += train([2000, 2020]) + [(2040, 2051)] + train([2060, 2080])
NIGHT = dict(lms=mono(left=LEFT, right=[(104, 105)]), ev=events(("apnea", 1000, 20)))


def both():
    return (
        score(NIGHT["lms"], ev=NIGHT["ev"], rules=WASM2016),
        score(NIGHT["lms"], ev=NIGHT["ev"], rules=AASM),
    )


def test_bilateral_rule_differs():
    wasm, aasm = both()
    assert wasm.movements.set_index("onset").loc[[100, 104], "leg"].tolist() == ["left", "right"]
    blm = aasm.movements.set_index("onset").loc[100]
    assert (blm.leg, blm.offset, blm.parts) == ("bilateral", 105, 2)


def test_short_imis_differ():
    wasm, aasm = both()
    assert [500, 507, 514, 521] in series_of(aasm)
    assert [500, 507, 514, 521] not in series_of(wasm)
    # WASM short-interval CLMs: 507 514 521, and the right LM at 104 (4 s after the left one)
    assert wasm.indices["short_imi_index"] == 4.0 and aasm.indices["short_imi_index"] == 0.0


def test_respiratory_window_differs():
    wasm, aasm = both()
    assert wasm.movements.set_index("onset").loc[1029, "respiratory"]
    assert not aasm.movements.set_index("onset").loc[1029, "respiratory"]
    assert wasm.indices["respiratory_clms_index"] == 1.0
    assert aasm.indices["respiratory_clms_index"] == 0.0


def test_long_lm_differs():
    wasm, aasm = both()
    assert 2040 in wasm.movements.onset.tolist() and 2040 not in aasm.movements.onset.tolist()
    assert [2000, 2020, 2060, 2080] in series_of(aasm)
    assert not any(2000 in s for s in series_of(wasm))
    assert (wasm.indices["n_excluded_long"], aasm.indices["n_excluded_long"]) == (0, 1)


def test_totals_differ_as_worked_out():
    # WASM: LMs 2 (A) + 4 (B) + 1 (C) + 5 (D) = 12, no series. AASM: 1 + 4 + 1 + 4 = 10 LMs,
    # 8 PLMs (B and D) in 1 h -> 8/h.
    wasm, aasm = both()
    assert (wasm.indices["lms_index"], wasm.indices["plms_index"]) == (12.0, 0.0)
    assert (aasm.indices["lms_index"], aasm.indices["plms_index"]) == (10.0, 8.0)
    assert wasm.rules.name != aasm.rules.name
    assert wasm.to_dict()["rules"]["min_imi_s"] == 10 and aasm.to_dict()["rules"]["min_imi_s"] == 5

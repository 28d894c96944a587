"""Scoring: monolateral LMs + hypnogram + events -> indices, per WASM 2016 or AASM rules.

    result = score_movements(lms, hypnogram=hyp, events=events, duration=night_s, rules=AASM)
    result = score_night(night, lms)             # the same, from a Night
    result.summary()        # one row of indices (plms_index, plmw_index, ...) and tst_h
    result.movements        # one row per scored LM: leg, stage, candidate, imi, series, ...
    result.to_json("night.json")

Modules, in pipeline order: ``bilateral`` (mLMs -> LMs, candidates), ``associations``
(respiratory, arousal), ``series`` (IMIs, PLM series), ``sleep`` (lights, TST, unscorable
time), ``indices`` (rates, breakdowns, histograms), ``result`` (NightResult), ``score``.
"""

from plmscope.scoring.result import MOVEMENT_COLUMNS, NightResult
from plmscope.scoring.score import score_movements, score_night

__all__ = ["MOVEMENT_COLUMNS", "NightResult", "score_movements", "score_night"]

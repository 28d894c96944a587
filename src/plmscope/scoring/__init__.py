"""Scoring: monolateral LMs + a signal-free night context -> indices, per WASM 2016 or AASM.

    result = score_night(night.context, detection.monolateral, rules=AASM,
                         unscorable=detection.unscorable)
    result = score_movements(lms, hypnogram=hyp, events=events, duration=night_s)  # the same
    result.summary()        # one row of indices (plms_index, plmw_index, ...) and tst_h
    result.movements        # one row per scored LM: leg, stage, candidate, imi, series, ...

Scoring never sees a signal. Modules, in pipeline order: ``hand_scored`` (LMs scored
elsewhere -> mLMs), ``bilateral`` (mLMs -> LMs, candidates), ``associations`` (respiratory,
arousal), ``series`` (IMIs, PLM series), ``sleep`` (lights, TST, unscorable time),
``indices`` (rates, breakdowns, histograms), ``catalogue`` (what each index is), ``result``
(NightResult), ``score``; ``same_leg`` (one movement scored twice), ``undefined`` (why an
index is '–').
"""

from plmscope.scoring.catalogue import INDEX_CATALOGUE, IndexInfo, headline_indices, index_info
from plmscope.scoring.hand_scored import monolateral_from_events
from plmscope.scoring.result import MOVEMENT_COLUMNS, NightResult
from plmscope.scoring.score import score_movements, score_night
from plmscope.scoring.undefined import no_sleep_reason, nothing_scored, undefined_reason

__all__ = [
    "INDEX_CATALOGUE",
    "MOVEMENT_COLUMNS",
    "IndexInfo",
    "NightResult",
    "headline_indices",
    "index_info",
    "monolateral_from_events",
    "no_sleep_reason",
    "nothing_scored",
    "score_movements",
    "score_night",
    "undefined_reason",
]

"""Score a night: monolateral LMs + hypnogram + events -> NightResult, per a RuleSet.

Choices the rules leave open (each also stated in the result's notes or warnings):
- Movements are the LMs whose onset lies in lights-off; the others stay in ``monolateral``
  (``excluded = "outside_lights"``) and are never counted. Series run over all of lights-off.
- Time unscorable on ANY recorded leg is removed from every denominator; LMs touching it are
  listed with ``scorable = False``, counted nowhere, and break series like non-candidates, and
  a series never bridges unscorable time.
- AASM respiratory rule: LMs from 0.5 s before to 0.5 s after an apnea/hypopnea/RERA are
  "not scored" as PLMs (AASM manual). They are left out of the list IMIs and series are
  computed on, so the AASM ``plms_index`` already excludes them and equals ``plms_nr_index``;
  they still count as LMs/CLMs and are listed with ``imi`` NaN.
- WASM 2016: respiratory CLMs stay in ``plms_index``; ``plms_nr_index`` drops them and
  recomputes IMIs and series on the reduced list, so it can exceed ``plms_index``.
- AASM joins the legs pairwise (one mLM per leg; see ``bilateral.aasm_pairs``).
- Lights-on not after lights-off in the events: the whole recording is used, with a warning.
- No sleep stages at all: scorable lights-off time stands in for sleep (clearly warned).
- Same-leg mLMs that overlap or are less than ``offset_hold_s`` apart (one movement scored
  twice) are joined into one before the legs are combined, with a warning (``same_leg``).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from plmscope.night import LEGS, SLEEP_STAGES, Hypnogram, ScoringContext, empty_events, lights_from_events
from plmscope.rules import WASM2016, RuleSet, get_rules
from plmscope.scoring.associations import arousal_flags, respiratory_flags
from plmscope.scoring.bilateral import check_monolateral, combine_legs, exclusion_reasons
from plmscope.scoring.indices import (
    as_columns,
    breakdown_table,
    imi_histograms,
    night_indices,
    series_table,
)
from plmscope.scoring.intervals import overlaps_any
from plmscope.scoring.result import MOVEMENT_COLUMNS, NightResult
from plmscope.scoring.same_leg import merge_same_leg, merge_warning
from plmscope.scoring.undefined import no_sleep_reason
from plmscope.scoring.series import counted_imis, find_series
from plmscope.scoring.sleep import (
    check_lights,
    is_staged,
    lights_warnings,
    sleep_measures,
    unscorable_periods,
    unscorable_rows,
)

Spans = tuple[np.ndarray, np.ndarray]

#: A plausibility check on input, not a scoring rule (nothing is excluded by it): one leg
#: movement longer than this is almost always a mis-set offset in hand-scored events.
IMPLAUSIBLE_LM_S = 60.0


def _spread(mask: np.ndarray, values: np.ndarray, fill: object) -> np.ndarray:
    """``values`` at the rows in ``mask``, ``fill`` at the others."""
    out = np.full(mask.size, fill, dtype=values.dtype)
    out[mask] = values
    return out


def annotate_movements(
    lms: dict[str, np.ndarray],
    hypnogram: Hypnogram,
    events: pd.DataFrame,
    unscorable: Spans,
    rules: RuleSet,
) -> tuple[pd.DataFrame, np.ndarray, np.ndarray]:
    """The movements table, plus periodic-without-respiratory flags and counted-IMI mask."""
    on, off = lms["onset"], lms["offset"]
    n = on.size
    stage = hypnogram.stage_at(on)
    in_sleep = np.isin(stage, SLEEP_STAGES) if is_staged(hypnogram) else np.ones(n, bool)
    scorable = ~overlaps_any(on, off, *unscorable, closed=True)
    candidate = lms["candidate"]
    respiratory = respiratory_flags(on, off, candidate, events, rules)
    eligible = candidate & scorable

    # the list series are formed on: all LMs (WASM); AASM leaves respiratory LMs out
    listed = ~respiratory if rules.respiratory_rule == "aasm_whole_event" else np.ones(n, bool)
    main = find_series(on[listed], eligible[listed], rules, unscorable)
    imi = _spread(listed, main.imi, np.nan)
    series = _spread(listed, main.series, 0)
    short = _spread(listed, main.short_interval, False)
    counted = _spread(
        listed, counted_imis(main.imi, eligible[listed], main.breaks, in_sleep[listed]), False
    )
    reduced = listed & ~respiratory  # "without respiratory LMs": IMIs and series recomputed
    periodic_nr = _spread(
        reduced, find_series(on[reduced], eligible[reduced], rules, unscorable).periodic, False
    )
    mov = pd.DataFrame(
        {
            "onset": on,
            "offset": off,
            "duration": lms["duration"],
            "leg": lms["leg"],
            "parts": lms["parts"],
            "stage": stage.astype(object),
            "in_sleep": in_sleep,
            "scorable": scorable,
            "candidate": candidate,
            "imi": imi,
            "series": pd.array(np.where(series > 0, series, None), dtype="Int64"),
            "periodic": series > 0,
            "short_interval": short,
            "isolated": eligible & listed & (series == 0) & ~short,
            "respiratory": respiratory,
            "arousal": arousal_flags(on, off, events, rules),
        },
        columns=list(MOVEMENT_COLUMNS),
    )
    return mov, periodic_nr, counted


def _monolateral_table(
    mono: pd.DataFrame, label: np.ndarray, inside: np.ndarray, rows: np.ndarray
) -> pd.DataFrame:
    """The mLM table with ``lm`` (row in movements, or NA) and why an mLM is not counted."""
    kept = mono["excluded"].to_numpy() == ""
    lm = np.full(len(mono), -1, dtype=np.int64)
    lm_kept = np.where(inside[label], rows[label], -1)
    lm[kept] = lm_kept
    excluded = mono["excluded"].to_numpy(dtype=object).copy()
    excluded[kept & (lm < 0)] = "outside_lights"
    out = mono.copy()
    out["excluded"] = excluded
    out["lm"] = pd.Series(lm, dtype="Int64").mask(lm < 0)
    return out


def _warnings(
    mono: pd.DataFrame, mov: pd.DataFrame, sleep: dict, rules: RuleSet, legs: tuple[str, ...]
) -> list[str]:
    """Plain, specific warnings about this night's data."""
    out = []
    reasons = mono["excluded"].value_counts()
    if sleep["staging"] == "none":
        out.append("no sleep stages: indices are per hour of recording (lights-off), not of sleep")
    if no_sleep_reason(sleep) is not None:
        out.append(
            f"no scorable sleep during lights-off: {no_sleep_reason(sleep)}; indices per hour of "
            "sleep are undefined ('–' on screen, null in the JSON), not 0"
        )
    if sleep.get("unstaged_h", 0) > 0:
        out.append(
            f"{sleep['unstaged_h'] * 60:.1f} min of lights-off time has no sleep stage: "
            "leg movements there count neither as sleep nor as wake"
        )
    if sleep["unscorable_h"] > 0:
        out.append(
            f"{sleep['unscorable_h'] * 60:.1f} min of lights-off time is unscorable on at least "
            f"one leg: removed from sleep and wake time; {int((~mov['scorable']).sum())} leg "
            "movements touching it are listed but not counted"
        )
    n_implausible = int((mono["duration"] > IMPLAUSIBLE_LM_S).sum())
    if n_implausible:
        out.append(
            f"{n_implausible} leg movements longer than {IMPLAUSIBLE_LM_S:g} s — check "
            "hand-scored offsets"
        )
    if reasons.get("too_long", 0):
        out.append(
            f"{reasons['too_long']} leg movements longer than {rules.max_lm_duration_s:g} s are "
            f"not leg movements under {rules.name} and were left out"
        )
    if reasons.get("too_short", 0):
        out.append(
            f"{reasons['too_short']} leg movements shorter than {rules.min_duration_s:g} s were "
            "left out"
        )
    if reasons.get("outside_lights", 0):
        out.append(
            f"{reasons['outside_lights']} leg movements before lights-off or after lights-on "
            "are not counted"
        )
    if len(legs) == 1:
        out.append(
            f"only the {legs[0]} leg was recorded: the other leg's movements are missed and "
            "bilateral movements cannot be recognised"
        )
    unrecorded = sorted(set(mono["leg"]) - set(legs))
    if unrecorded:
        out.append(f"leg movements given for a leg not recorded: {', '.join(unrecorded)}")
    return out


def _notes(rules: RuleSet, mov: pd.DataFrame) -> list[str]:
    """How this rule set's open choices were applied (not problems with the night)."""
    n_resp = int(mov["respiratory"].sum())
    if rules.respiratory_rule == "aasm_whole_event":
        resp = (
            f"{rules.name}: leg movements from {rules.respiratory_margin_s:g} s before to "
            f"{rules.respiratory_margin_s:g} s after a respiratory event are not scored as "
            f"PLMs ({n_resp} here); they are left out before IMIs and series are computed, so "
            "plms_index already excludes them and equals plms_nr_index"
        )
    else:
        resp = (
            f"{rules.name}: respiratory-related CLMs ({n_resp} here) are included in "
            "plms_index; plms_nr_index leaves them out and recomputes IMIs and series, so it "
            "can be higher than plms_index: once a respiratory LM is dropped, the LMs around "
            "it can be far enough apart to form a series"
        )
    notes = [resp]
    if rules.bilateral_rule == "aasm_onsets":
        notes.append(
            f"{rules.name}: movements on the two legs with onsets less than "
            f"{rules.bilateral_onset_window_s:g} s apart count as one LM, read pairwise: in "
            "onset order each movement joins the earliest not-yet-joined movement on the other "
            "leg, so a bilateral LM is one movement per leg and joining does not chain"
        )
    imis = (
        "IMI histograms, ln(IMI) statistics and Ferri's periodicity index use the intervals "
        "between consecutive scorable candidate LMs ending in sleep; IMIs over "
        f"{rules.max_imi_s:g} s fall in no histogram bin and are not in n_imis"
    )
    return [*notes, imis]


def score_movements(
    monolateral: pd.DataFrame,
    *,
    hypnogram: Hypnogram | None,
    events: pd.DataFrame | None,
    duration: float,
    rules: RuleSet | str = WASM2016,
    lights: tuple[float, float] | None = None,
    unscorable: pd.DataFrame | None = None,
    legs_recorded: tuple[str, ...] = ("left", "right"),
) -> NightResult:
    """Score monolateral LMs (detected or hand-scored) of one night under ``rules``.

    ``monolateral``: leg, onset, offset (s), extra columns carried along. ``events``: the
    canonical events table. ``lights``: (off, on) s, else from events, else the recording.
    ``unscorable``: (leg, start, end) periods; time unscorable on any recorded leg is removed.
    A missing hypnogram means no staging (indices per hour of lights-off, with a warning).
    """
    rules = get_rules(rules)
    events = empty_events() if events is None else events
    hypnogram = Hypnogram.unscored(duration) if hypnogram is None else hypnogram
    lights = check_lights(lights if lights is not None else lights_from_events(events, duration))
    unscorable_table = unscorable_rows(unscorable, tuple(legs_recorded))
    unscorable_spans = unscorable_periods(unscorable_table, lights)

    mono, n_joined = merge_same_leg(check_monolateral(monolateral), rules.offset_hold_s)
    mono["excluded"] = exclusion_reasons(mono, rules)
    lms, label = combine_legs(mono[mono["excluded"] == ""], rules)
    inside = (lms["onset"] >= lights[0]) & (lms["onset"] < lights[1])
    rows = np.cumsum(inside) - 1
    lms = {name: values[inside] for name, values in lms.items()}

    mov, periodic_nr, counted = annotate_movements(lms, hypnogram, events, unscorable_spans, rules)
    sleep = sleep_measures(hypnogram, lights, unscorable_spans)
    cols = as_columns(mov)
    breakdown = breakdown_table(cols, periodic_nr, sleep)
    series = series_table(cols)
    imi = cols["imi"]
    indices = night_indices(cols, breakdown, series, (imi, counted), rules)
    indices["n_excluded_long"] = float((mono["excluded"] == "too_long").sum())
    indices["n_excluded_short"] = float((mono["excluded"] == "too_short").sum())
    mono = _monolateral_table(mono, label, inside, rows)
    return NightResult(
        rules=rules,
        movements=mov,
        monolateral=mono,
        unscorable=unscorable_table,
        series=series,
        indices=indices,
        breakdown=breakdown,
        histograms=imi_histograms(imi[counted], rules),
        sleep=sleep,
        warnings=lights_warnings(events, duration, lights)
        + merge_warning(n_joined, rules.offset_hold_s)
        + _warnings(mono, mov, sleep, rules, tuple(legs_recorded)),
        notes=_notes(rules, mov),
    )


def score_night(
    context: ScoringContext,
    monolateral: pd.DataFrame,
    *,
    rules: RuleSet | str = WASM2016,
    unscorable: pd.DataFrame | None = None,
) -> NightResult:
    """Score monolateral LMs with a night's signal-free context (hypnogram, events, lights, legs).

    Examples
    --------
    >>> import pandas as pd
    >>> from plmscope.night import Hypnogram, ScoringContext
    >>> ctx = ScoringContext(duration=600.0, hypnogram=Hypnogram(np.array(["N2"] * 20)))
    >>> lms = pd.DataFrame({"leg": ["left"] * 5, "onset": [100.0, 120, 140, 160, 180]})
    >>> result = score_night(ctx, lms.assign(offset=lms["onset"] + 2))
    >>> result.indices["n_plms"], round(result.indices["plms_index"], 1)
    (5.0, 30.0)
    """
    result = score_movements(
        monolateral,
        hypnogram=context.hypnogram,
        events=context.events,
        duration=context.duration,
        rules=rules,
        lights=context.lights_or_default,
        unscorable=unscorable,
        legs_recorded=tuple(context.legs) or LEGS,
    )
    result.sleep["hypnogram_source"] = context.hypnogram_source
    return result

"""The answer in plain words: a few calm, specific sentences built from the result's numbers.

Never a diagnosis: numbers are compared with the usual thresholds, what that usually means is
said, and the limits (one night, software, estimated sleep) are stated.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from plmscope.interpret import SLEEP_ONSET_AFTER_S, many_respiratory, near_sleep_onset, window_text
from plmscope.report.tables import hours_text
from plmscope.io.plausibility import LONG_RECORDING_H
from plmscope.scoring import no_sleep_reason, nothing_scored

RESPIRATORY_LINK_WORDS = {  # where each rule set's respiratory window lies, in plain words
    "wasm_event_end": "at the end of or right after a scored breathing event",  # end -2 s .. +10.25 s
    "aasm_whole_event": "during or right at the end of a scored breathing event",  # event ± 0.5 s
}


def count_of(result, row: str, column: str = "count_sleep", fallback: str | None = None) -> int:
    """A count from the breakdown table (or an index key when the table lacks it)."""
    breakdown = result.breakdown
    if (
        row in breakdown.index
        and column in breakdown.columns
        and pd.notna(breakdown.loc[row, column])
    ):
        return int(breakdown.loc[row, column])
    return int(result.indices.get(fallback, 0) or 0) if fallback else 0


def _plural(n: int, word: str, plural: str | None = None) -> str:
    """'no movements', '1 movement', '7 movements'."""
    return f"{n or 'no'} {word if n == 1 else (plural or word + 's')}"


def is_estimate(sleep: dict) -> bool:
    """True when sleep was not staged from brain signals (no hypnogram or a wearable)."""
    sources = {
        str(sleep.get("staging", "")).lower(),
        str(sleep.get("hypnogram_source", "")).lower(),
    }
    return bool(sources & {"none", "accelerometer", "actigraphy"}) or any(
        "accel" in s for s in sources
    )


def _were(n: int) -> str:
    return "was" if n == 1 else "were"


def periodic_clause(n_lms: int, n_plms: int, n_series: int, rules) -> str:
    """'none of them were periodic (…)', or '7 of them were periodic, recurring every … in 1 run of 4 …'."""
    every = f"every {rules.min_imi_s:g} to {rules.max_imi_s:g} seconds"
    if n_plms == 0:
        lead = "it was not periodic" if n_lms == 1 else "none of them were periodic"
        return f"{lead} (periodic movements recur {every} in runs of {rules.min_series_length} or more)"
    return (
        f"{n_plms} of them {_were(n_plms)} periodic, recurring {every} in "
        f"{_plural(n_series, 'run')} of {rules.min_series_length} or more"
    )


def count_sentence(result) -> str:
    """How many LMs, how many periodic, in how many series."""
    sleep_h = float(result.sleep.get("tst_h") or 0.0)
    n_lms, n_plms = (
        count_of(result, "lms", fallback="n_lms"),
        count_of(result, "plms", fallback="n_plms"),
    )
    n_series = int(result.indices.get("n_series", len(result.series)) or 0)
    if sleep_h <= 0:
        reason = no_sleep_reason(result.sleep) or "no sleep could be scored"
        if float(result.sleep.get("tst_total_h") or 0.0) > 0 or result.sleep.get("staging") == "none":
            return (
                f"Nothing could be scored in this recording: {reason}. So no rate per hour of "
                "sleep can be given (shown as '–', not 0), and nothing can be said about leg "
                "movements during sleep from this recording."
            )
        n_wake = count_of(result, "lms", "count_wake")
        awake = (
            f"; {_plural(n_wake, 'leg movement')} {_were(n_wake)} found while awake"
            if float(result.sleep.get("wake_h") or 0.0) > 0
            else ""
        )
        return f"No sleep was scored in this recording, so rates per hour of sleep cannot be given{awake}."
    # without sleep stages every hour of the recording is counted: say so, not "of sleep"
    span = "of recording (no sleep stages)" if result.sleep.get("staging") == "none" else "of sleep"
    if n_lms == 0:
        return f"In {hours_text(sleep_h)} {span}, no leg movements were found."
    return (
        f"In {hours_text(sleep_h)} {span}, {_plural(n_lms, 'leg movement')} {_were(n_lms)} found "
        f"({result.indices.get('lms_index', float('nan')):.1f} per hour); "
        f"{periodic_clause(n_lms, n_plms, n_series, result.rules)}."
    )


#: Below this share of the sleep scorable, a PLMS index is said without reassurance.
MIN_SCORABLE_SHARE = 0.5


def doubt_about_index(result) -> str | None:
    """Why the PLMS index should not be read as reassuring (None when it may be)."""
    if result.recording.get("unit_doubt"):
        return "the leg channels' amplitudes do not fit the unit they were read in"
    sleep = result.sleep
    scorable, total = float(sleep.get("tst_h") or 0.0), float(sleep.get("tst_total_h") or 0.0)
    if sleep.get("staging") != "none" and total > 0 and scorable < MIN_SCORABLE_SHARE * total:
        return f"only {hours_text(scorable)} of the {hours_text(total)} of sleep had leg EMG clean enough to score"
    return None


def threshold_sentence(result, child: bool = False) -> str | None:
    """The PLMS index against the usual threshold (the child one under 18), and what that usually means.

    A low index is called reassuring only when it rests on most of the night's sleep and on
    leg channels whose amplitudes fit their unit; otherwise the sentence says why it says little.
    """
    plms_index = result.indices.get("plms_index")
    if plms_index is None or not np.isfinite(plms_index) or not result.sleep.get("tst_h"):
        return None
    rules = result.rules
    threshold = rules.plms_index_threshold_child if child else rules.plms_index_threshold_adult
    group = "children" if child else "adults"
    said = f"That is a PLMS index of {plms_index:.1f} per hour"
    if plms_index > threshold:
        meaning = (
            "what it means depends on how the child sleeps and how they are during the day"
            if child
            else "values like this are common, especially with age, and matter only together with "
            "how you sleep and feel during the day"
        )
        return f"{said}, above the {threshold:g} per hour often used in sleep studies of {group}; {meaning}."
    doubt = doubt_about_index(result)
    if doubt:
        return (
            f"{said}, not above the {threshold:g} per hour often used in sleep studies of {group}; "
            f"but {doubt}, so this number says little on its own."
        )
    return (
        f"{said}, not above the {threshold:g} per hour often used in sleep studies of {group}, "
        f"a range seen in many {'children' if child else 'people'} who sleep well."
    )


def _all_of(n: int) -> str:
    """'The only movement', 'Both movements', 'All 7 movements'."""
    return "The only movement" if n == 1 else "Both movements" if n == 2 else f"All {n} movements"


def _flag(movements: pd.DataFrame, column: str) -> np.ndarray | None:
    """A movements column as a bool array (missing values False), or None without that column."""
    return movements[column].fillna(False).to_numpy(dtype=bool) if column in movements else None


def sleep_onset_sentence(result) -> str | None:
    """How many movements came around falling asleep (the shared window), said factually for any count."""
    onset, movements = result.sleep.get("sleep_onset"), result.movements
    if onset is None or not np.isfinite(onset) or not len(movements):
        return None
    onsets = movements["onset"].to_numpy(dtype=np.float64)
    near_mask = near_sleep_onset(onsets, onset)
    n, near = len(onsets), int(near_mask.sum())
    periodic = _flag(movements, "periodic")
    n_periodic = int((near_mask & periodic).sum()) if periodic is not None else 0
    later = int((onsets > onset + SLEEP_ONSET_AFTER_S).sum())
    earlier = n - near - later
    afterwards = later_words(result)
    rest = (
        afterwards
        if earlier == 0
        else "before falling asleep" if later == 0 else f"before falling asleep or {afterwards}"
    )
    in_sleep = _flag(movements, "in_sleep")
    awake_too = ", awake or asleep," if in_sleep is not None and not in_sleep.all() else ""
    around = f"came around falling asleep ({window_text()})"
    common = (  # the remark on sleep-onset jerks only when none of those movements was periodic
        f"{n_periodic} of them periodic" if n_periodic else "where harmless sleep-onset jerks are common"
    )
    if near == n:
        return f"{_all_of(n)}{awake_too} {around}, {common}."
    if near == 0:
        return f"{_all_of(n)}{awake_too} came {rest}, not around falling asleep ({window_text()})."
    if 2 * near >= n:
        return f"{near} of the {n} movements{awake_too} {around}, {common}; the rest came {rest}."
    return f"Most of the {n} movements{awake_too} came {rest}; {near} {around}."


def later_words(result) -> str:
    """'later in the night'; for a recording longer than a night, what 'later' then means."""
    hours = float(result.recording.get("duration_h") or 0.0) if hasattr(result, "recording") else 0.0
    if hours <= LONG_RECORDING_H:
        return "later in the night"
    return (
        f"later in the recording (more than {SLEEP_ONSET_AFTER_S / 60:.0f} min after first falling "
        f"asleep; this {hours:.0f} h recording may hold several nights, scored as one)"
    )


def breathing_event_count(scored) -> int:
    """How many apneas, hypopneas and RERAs the night has scored (NightScore or Night)."""
    return len(scored.events_of("apnea", "hypopnea", "rera"))


def respiratory_link_words(rules) -> str:
    """Where the rule set's respiratory window lies, e.g. 'during or right at the end of a … event'."""
    return RESPIRATORY_LINK_WORDS[rules.respiratory_rule]


def association_sentence(result, breathing_events: int | None = None) -> str:
    """How many came with breathing events (per the rule set's window) or arousals, and what that suggests.

    ``breathing_events`` is how many apneas/hypopneas/RERAs the night had scored (None: unknown).
    """
    n_clms = count_of(result, "clms")
    n_resp = count_of(result, "respiratory_clms")
    n_arousal = count_of(result, "plms_arousal")
    arousals = f"{_plural(n_arousal, 'periodic movement')} came with an arousal (a brief awakening)"
    if breathing_events == 0:
        return (
            f"{arousals[0].upper()}{arousals[1:]}; no breathing events were scored in this "
            "recording, so links with breathing could not be checked."
        )
    text = (
        f"{_plural(n_resp, 'movement').capitalize()} came {respiratory_link_words(result.rules)} "
        f"and {arousals.replace(' came with', ' with')}"
    )
    sleep_h = float(result.sleep.get("tst_h") or 0.0)
    if sleep_h > 0 and many_respiratory(n_resp / sleep_h, n_clms / sleep_h):  # as the assessment judges
        return (
            text + "; movements that follow breathing pauses are often the body's reaction "
            "to the breathing problem, which is then the first thing to look at."
        )
    return text + "."


ACCELEROMETER_LIMITS = (
    "These numbers are estimated from ankle accelerometers: leg movements were found from movement, "
    "not from muscle activity, and sleep from stillness, not from brain signals, so quiet wake counts "
    "as sleep and small movements can be missed. Where the sensor sits matters: an ankle sees far "
    "more than a wrist, and a wrist or a phone on the mattress cannot count leg movements. One night "
    "can mislead, and an EMG sleep study is what confirms periodic limb movements in sleep; a doctor "
    "who knows your story can say what the numbers mean for you."
)


def limits_sentence(result) -> str:
    """What one night measured by software can and cannot say."""
    if getattr(result, "kind", "psg") == "accelerometer":
        return ACCELEROMETER_LIMITS
    estimate = (
        "Sleep was not staged from brain signals, so sleep time and these rates are estimates. "
        if is_estimate(result.sleep)
        else ""
    )
    if str(result.sleep.get("hypnogram_source", "")).startswith("automatic"):
        estimate = (
            "The sleep stages were scored automatically from the EEG, not by a person, so sleep "
            "time and these rates are a little less certain. "
        )
    return (
        estimate + "This is one night measured by software, not a diagnosis: the numbers "
        "vary a lot from night to night, and a doctor who knows your story can say what "
        "they mean for you."
    )


def assessment_sentences(assessment: dict | None) -> list[str]:
    """The questionnaire's own plain summary (overall level, why, what next), when attached."""
    if not assessment:
        return []
    summary = assessment.get("plain_summary") or f"Overall: {assessment.get('overall_label', '')}."
    return [f"From the questionnaire: {summary}"]


def plain_summary(
    result, assessment: dict | None = None, breathing_events: int | None = None
) -> list[str]:
    """The answer in 3–5 plain sentences (plus the questionnaire's, when attached).

    ``assessment`` is ``Assessment.to_dict()``; when it says the sleeper is a child (under 18) the
    child PLMS-index threshold is used, as the assessment does.
    """
    child = bool(assessment and assessment.get("child"))
    if nothing_scored(result.sleep):  # no confident zeros from a night where nothing was scorable
        return [count_sentence(result), limits_sentence(result)] + assessment_sentences(assessment)
    parts = [
        count_sentence(result),
        threshold_sentence(result, child),
        sleep_onset_sentence(result),
        association_sentence(result, breathing_events),
        limits_sentence(result),
    ]
    return [p for p in parts if p] + assessment_sentences(assessment)

"""The answer in plain words: a few calm, specific sentences built from the result's numbers.

Never a diagnosis: numbers are compared with the usual thresholds, what that usually means is
said, and the limits (one night, software, estimated sleep) are stated.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from plmscope.report.tables import hours_text

SLEEP_ONSET_WINDOW_S = 1800.0  # "around sleep onset" = the first half hour after falling asleep
ONSET_CLUSTER_MIN_LMS = 5  # fewer than this is never called a cluster
ONSET_CLUSTER_RATIO = 2.0  # rate near sleep onset at least this many times the night's rate
RESPIRATORY_SHARE_NOTABLE = 0.25  # share of CLMs after breathing events worth pointing out


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


def count_sentence(result) -> str:
    """How many LMs, how many periodic, in how many series."""
    sleep_h = float(result.sleep.get("tst_h") or 0.0)
    n_lms, n_plms = (
        count_of(result, "lms", fallback="n_lms"),
        count_of(result, "plms", fallback="n_plms"),
    )
    n_series = int(result.indices.get("n_series", len(result.series)) or 0)
    rules = result.rules
    periodic = (
        f"{n_plms} of them were periodic, recurring every {rules.min_imi_s:g} to "
        f"{rules.max_imi_s:g} seconds in {_plural(n_series, 'run')} of "
        f"{rules.min_series_length} or more"
    )
    if sleep_h <= 0:
        n_wake = count_of(result, "lms", "count_wake")
        return (
            f"No sleep was scored in this recording, so rates per hour of sleep cannot be "
            f"given; {_plural(n_wake, 'leg movement')} were found while awake."
        )
    if n_lms == 0:
        return f"In {hours_text(sleep_h)} of sleep, no leg movements were found."
    return (
        f"In {hours_text(sleep_h)} of sleep, {_plural(n_lms, 'leg movement')} were found "
        f"({result.indices.get('lms_index', float('nan')):.1f} per hour); {periodic}."
    )


def threshold_sentence(result) -> str | None:
    """The PLMS index against the usual adult threshold, and what that usually means."""
    plms_index = result.indices.get("plms_index")
    if plms_index is None or not np.isfinite(plms_index) or not result.sleep.get("tst_h"):
        return None
    threshold = result.rules.plms_index_threshold_adult
    if plms_index > threshold:
        return (
            f"That is a PLMS index of {plms_index:.1f} per hour, above the {threshold:g} per "
            f"hour often used in sleep studies of adults; values like this are common, "
            f"especially with age, and matter only together with how you sleep and feel "
            f"during the day."
        )
    return (
        f"That is a PLMS index of {plms_index:.1f} per hour, not above the {threshold:g} per "
        f"hour often used in sleep studies of adults, a range seen in many people who sleep well."
    )


def sleep_onset_sentence(result) -> str | None:
    """Whether the LMs clustered in the first half hour after falling asleep."""
    onset, movements = result.sleep.get("sleep_onset"), result.movements
    lms_index = result.indices.get("lms_index")
    if onset is None or not np.isfinite(onset) or not len(movements) or not lms_index:
        return None
    asleep = movements["in_sleep"].fillna(False).astype(bool) if "in_sleep" in movements else True
    near_onset = (movements["onset"] >= onset) & (movements["onset"] < onset + SLEEP_ONSET_WINDOW_S)
    early = int((near_onset & asleep).sum())
    early_rate = early / (SLEEP_ONSET_WINDOW_S / 3600.0)
    if early >= ONSET_CLUSTER_MIN_LMS and early_rate >= ONSET_CLUSTER_RATIO * lms_index:
        return (
            f"Many of them ({early}) came in the half hour after falling asleep; movements "
            f"around sleep onset are common and usually harmless."
        )
    return "They were spread through the night rather than clustered at sleep onset."


def breathing_event_count(night) -> int:
    """How many apneas, hypopneas and RERAs the night has scored."""
    return len(night.events_of("apnea", "hypopnea", "rera"))


def association_sentence(result, breathing_events: int | None = None) -> str:
    """How many came right after breathing events or with arousals, and what that suggests.

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
        f"{_plural(n_resp, 'movement').capitalize()} came right after a scored breathing event "
        f"and {arousals.replace(' came with', ' with')}"
    )
    if n_clms and n_resp / n_clms >= RESPIRATORY_SHARE_NOTABLE:
        return (
            text + "; movements that follow breathing pauses are often the body's reaction "
            "to the breathing problem, which is then the first thing to look at."
        )
    return text + "."


def limits_sentence(result) -> str:
    """What one night measured by software can and cannot say."""
    estimate = (
        "Sleep was not staged from brain signals, so sleep time and these rates are estimates. "
        if is_estimate(result.sleep)
        else ""
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
    """The answer in 3–5 plain sentences (plus the questionnaire's, when attached)."""
    parts = [
        count_sentence(result),
        threshold_sentence(result),
        sleep_onset_sentence(result),
        association_sentence(result, breathing_events),
        limits_sentence(result),
    ]
    return [p for p in parts if p] + assessment_sentences(assessment)

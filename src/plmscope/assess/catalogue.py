"""Which finding gets which level, as data (documented in docs/assessment.md).

Each finding key has one title, one level and a list of advice ids; the triage code only
decides *which* keys apply and writes the one-sentence reason with the answers and numbers.
"""

from __future__ import annotations

from dataclasses import dataclass

from plmscope.assess.advice import advice_for
from plmscope.assess.result import Finding, Level


@dataclass(frozen=True)
class FindingType:
    title: str
    level: Level
    advice: tuple[str, ...] = ()


FINDING_TYPES: dict[str, FindingType] = {  # highest level first; within a level, display order
    # urgent
    "possible_seizures_injury": FindingType(
        "Night-time events with injury that could be seizures",
        Level.URGENT,
        ("seek_help_if_injured", "safe_bedroom", "bring_witness", "no_driving"),
    ),
    "dozing_while_driving": FindingType(
        "Dozing while driving", Level.URGENT, ("no_driving", "regular_sleep", "sleep_study")
    ),
    # see a doctor soon
    "possible_seizures": FindingType(
        "Night-time events that could be seizures",
        Level.SEE_SOON,
        ("bring_witness", "safe_bedroom", "seek_help_if_injured"),
    ),
    "neurological_signs": FindingType(
        "Weakness, wasting, numbness or one-sided symptoms", Level.SEE_SOON, ("neuro_exam", "symptom_diary")
    ),
    "dream_enactment_injury": FindingType(
        "Acting out dreams, with injuries", Level.SEE_SOON, ("safe_bedroom", "bring_witness")
    ),
    "augmentation": FindingType(
        "Worsening while taking a dopamine agonist", Level.SEE_SOON, ("no_dose_change", "prescriber_review")
    ),
    "sleep_apnea_high": FindingType(
        "High sleep-apnea risk (STOP-Bang)", Level.SEE_SOON, ("sleep_study", "side_sleeping", "alcohol")
    ),
    "severe_sleepiness": FindingType(
        "Severe daytime sleepiness", Level.SEE_SOON, ("no_driving", "regular_sleep", "sleep_study")
    ),
    # discuss with a doctor
    "medicine_review": FindingType(
        "Symptoms that began with a medicine", Level.DISCUSS, ("prescriber_review", "symptom_diary")
    ),
    "sleep_apnea_first": FindingType(
        "Check breathing before the leg movements",
        Level.DISCUSS,
        ("apnea_first", "sleep_study", "side_sleeping"),
    ),
    "rls": FindingType(
        "Consistent with restless legs syndrome",
        Level.DISCUSS,
        ("iron_test", "stretching", "warm_bath", "caffeine", "alcohol", "regular_sleep"),
    ),
    "plmd_discuss": FindingType(
        "Periodic limb movements with a sleep complaint",
        Level.DISCUSS,
        ("more_nights", "iron_test", "caffeine", "alcohol", "regular_sleep"),
    ),
    "periodic_kicks": FindingType(
        "Regular kicks during sleep with a sleep complaint",
        Level.DISCUSS,
        ("symptom_diary", "caffeine", "alcohol", "regular_sleep", "partner_sleep"),
    ),
    "rhythmic_onset_jerks": FindingType(
        "Rhythmic jerks while falling asleep", Level.DISCUSS, ("symptom_diary", "bring_witness")
    ),
    "dream_enactment": FindingType("Acting out dreams", Level.DISCUSS, ("safe_bedroom", "bring_witness")),
    "widespread_or_daytime_jerks": FindingType(
        "Jerks in several body parts or by day", Level.DISCUSS, ("symptom_diary", "bring_witness")
    ),
    "sleep_apnea_intermediate": FindingType(
        "Intermediate sleep-apnea risk (STOP-Bang)",
        Level.DISCUSS,
        ("sleep_study", "side_sleeping", "alcohol"),
    ),
    "breathing_pauses": FindingType(
        "Breathing pauses seen during sleep", Level.DISCUSS, ("sleep_study", "side_sleeping", "alcohol")
    ),
    "daytime_sleepiness": FindingType(
        "Excessive daytime sleepiness", Level.DISCUSS, ("regular_sleep", "caffeine", "alcohol")
    ),
    "iron_deficiency": FindingType("Low iron stores", Level.DISCUSS, ("iron_test",)),
    "pregnancy": FindingType("Pregnancy", Level.DISCUSS, ("pregnancy_care", "iron_test")),
    "kidney_disease": FindingType("Kidney disease or dialysis", Level.DISCUSS, ("kidney_care", "iron_test")),
    # self-care
    "rls_mild": FindingType(
        "Consistent with mild, occasional restless legs",
        Level.SELF_CARE,
        ("stretching", "warm_bath", "caffeine", "alcohol", "regular_sleep", "iron_test"),
    ),
    "rls_features": FindingType(
        "Some features of restless legs",
        Level.SELF_CARE,
        ("stretching", "warm_bath", "caffeine", "symptom_diary"),
    ),
    "plms_complaint_unknown": FindingType(
        "Periodic limb movements in sleep", Level.SELF_CARE, ("more_nights", "caffeine", "regular_sleep")
    ),
    "periodic_kicks_no_complaint": FindingType(
        "Regular kicks during sleep",
        Level.SELF_CARE,
        ("caffeine", "alcohol", "regular_sleep", "partner_sleep"),
    ),
    "hypnic_jerks_triggers": FindingType(
        "Consistent with hypnic jerks, made worse by triggers",
        Level.SELF_CARE,
        ("caffeine", "regular_sleep", "wind_down", "alcohol"),
    ),
    "hypnic_jerks_possible": FindingType(
        "Jerks while falling asleep, possibly hypnic jerks",
        Level.SELF_CARE,
        ("regular_sleep", "caffeine", "symptom_diary"),
    ),
    "jerks_later_in_night": FindingType(
        "Jerks while falling asleep and later in the night",
        Level.SELF_CARE,
        ("symptom_diary", "regular_sleep"),
    ),
    "kicks_rhythm_unknown": FindingType(
        "Kicks during sleep, rhythm not known",
        Level.SELF_CARE,
        ("symptom_diary", "regular_sleep", "partner_sleep"),
    ),
    "snoring": FindingType("Snoring", Level.SELF_CARE, ("side_sleeping", "alcohol")),
    # reassure
    "hypnic_jerks": FindingType(
        "Consistent with hypnic jerks (sleep starts)", Level.REASSURE, ("regular_sleep", "caffeine")
    ),
    "night_sleep_onset_only": FindingType(
        "Leg movements only around sleep onset", Level.REASSURE, ("regular_sleep", "caffeine")
    ),
    "plms_no_complaint": FindingType(
        "Periodic limb movements without a sleep complaint", Level.REASSURE, ("more_nights",)
    ),
    "night_low_plms": FindingType(
        "Few periodic leg movements in the night", Level.REASSURE, ("more_nights",)
    ),
    "no_concerns": FindingType(
        "Nothing in the answers points to a problem", Level.REASSURE, ("regular_sleep",)
    ),
}


def make_finding(
    key: str, reason: str, sources: tuple[str, ...] | list[str] = (), extra_advice: tuple[str, ...] = ()
) -> Finding:
    """A finding of type ``key`` with its catalogue title, level and advice, plus the reason."""
    kind = FINDING_TYPES[key]
    return Finding(
        key=key,
        title=kind.title,
        level=kind.level,
        reason=reason,
        advice=advice_for(*kind.advice, *extra_advice),
        sources=tuple(sources),
    )

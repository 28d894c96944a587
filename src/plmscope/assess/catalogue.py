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
    "possible_clot": FindingType("A swollen, red or warm calf", Level.URGENT, ("clot_help",)),
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
    "sleep_apnea_night": FindingType(
        "Signs of sleep apnea: breathing first",
        Level.SEE_SOON,
        ("apnea_first", "sleep_study", "side_sleeping", "alcohol"),
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
    "rls_probable": FindingType(
        "Likely restless legs syndrome (one feature not answered)",
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
    "household_impact": FindingType(
        "Movements that disturb the household", Level.DISCUSS, ("partner_sleep", "symptom_diary")
    ),
    "kicks_not_periodic_discuss": FindingType(
        "Jerks that are not periodic, worth a doctor's look",
        Level.DISCUSS,
        ("symptom_diary", "bring_witness"),
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
    "snoring_pregnancy": FindingType("Snoring in pregnancy", Level.DISCUSS, ("antenatal_snoring",)),
    "daytime_sleepiness": FindingType(
        "Excessive daytime sleepiness", Level.DISCUSS, ("regular_sleep", "caffeine", "alcohol")
    ),
    "iron_deficiency": FindingType("Low iron stores", Level.DISCUSS, ("iron_test",)),
    "pregnancy": FindingType("Pregnancy", Level.DISCUSS, ("pregnancy_care", "iron_test")),
    "kidney_disease": FindingType("Kidney disease or dialysis", Level.DISCUSS, ("kidney_care", "iron_test")),
    "diabetes_neuropathy": FindingType(
        "Diabetes or nerve damage in the legs", Level.DISCUSS, ("nerve_check", "symptom_diary")
    ),
    "parkinsons": FindingType("Parkinson's disease", Level.DISCUSS, ("parkinsons_team", "symptom_diary")),
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
    "plms_no_complaint": FindingType(
        "Periodic limb movements without a sleep complaint", Level.SELF_CARE, ("watch_for", "more_nights")
    ),
    "plms_complaint_unknown": FindingType(
        "Periodic limb movements in sleep",
        Level.SELF_CARE,
        ("watch_for", "more_nights", "caffeine", "regular_sleep"),
    ),
    "night_story_disagree": FindingType(
        "Fewer periodic movements measured than described",
        Level.SELF_CARE,
        ("more_nights", "symptom_diary"),
    ),
    "periodic_kicks_no_complaint": FindingType(
        "Regular kicks during sleep",
        Level.SELF_CARE,
        ("caffeine", "alcohol", "regular_sleep", "partner_sleep"),
    ),
    "kicks_far_apart": FindingType(
        "Jerks far apart: not periodic limb movements",
        Level.SELF_CARE,
        ("not_periodic_doctor", "symptom_diary", "regular_sleep"),
    ),
    "kicks_rapid": FindingType(
        "Very quick repeated jerks: not periodic limb movements",
        Level.SELF_CARE,
        ("bring_witness", "not_periodic_doctor"),
    ),
    "twitching": FindingType(
        "Fine twitching under the skin", Level.SELF_CARE, ("caffeine", "regular_sleep", "not_periodic_doctor")
    ),
    "sore_calves": FindingType("Sore or aching calves", Level.SELF_CARE, ("calf_stretch",)),
    "household_sleep": FindingType("Movements that wake a bed partner", Level.SELF_CARE, ("partner_sleep",)),
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
    "sleep_unexplained": FindingType(
        "Poor sleep or tiredness without a cause in the answers",
        Level.SELF_CARE,
        ("regular_sleep", "insomnia_help"),
    ),
    # not enough answers to judge
    "not_enough_answers": FindingType(
        "Not enough answers to judge", Level.NOT_ENOUGH_ANSWERS, ("answer_more",)
    ),
    # reassure
    "hypnic_jerks": FindingType(
        "Consistent with hypnic jerks (sleep starts)", Level.REASSURE, ("regular_sleep", "caffeine")
    ),
    "night_sleep_onset_only": FindingType(
        "Leg movements only around sleep onset", Level.REASSURE, ("regular_sleep", "caffeine")
    ),
    "night_low_plms": FindingType(
        "Few periodic leg movements in the night", Level.REASSURE, ("more_nights",)
    ),
    "no_concerns": FindingType(
        "Nothing in the answers points to a problem", Level.REASSURE, ("regular_sleep",)
    ),
}


def make_finding(
    key: str,
    reason: str,
    sources: tuple[str, ...] | list[str] = (),
    extra_advice: tuple[str, ...] = (),
    concrete: dict[str, str] | None = None,
) -> Finding:
    """A finding of type ``key`` with its catalogue title, level and advice, plus the reason.

    ``concrete`` (advice id -> sentence) puts advice fitted to the answers in place of the
    general sentence (see :func:`~plmscope.assess.advice.advice_for`).
    """
    kind = FINDING_TYPES[key]
    return Finding(
        key=key,
        title=kind.title,
        level=kind.level,
        reason=reason,
        advice=advice_for(*kind.advice, *extra_advice, concrete=concrete),
        sources=tuple(dict.fromkeys(sources)),
    )

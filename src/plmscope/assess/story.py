"""Findings from the person's story alone: hypnic jerks, restless legs and breathing."""

from __future__ import annotations

from plmscope.assess.case import Case
from plmscope.assess.catalogue import make_finding
from plmscope.assess.instruments import RLS_CRITERIA, rls_criteria
from plmscope.assess.lifestyle import trigger_advice, trigger_sources
from plmscope.assess.red_flags import SEIZURE_SIGNS
from plmscope.assess.result import Finding
from plmscope.assess.schema import Answers
from plmscope.assess.wording import join_and

STOP_BANG_WORDS = {
    "snoring": "loud snoring",
    "tiredness": "daytime tiredness",
    "observed_apneas": "breathing pauses seen by someone",
    "high_blood_pressure": "high blood pressure",
    "bmi": "BMI over 35",
    "age": "age over 50",
    "neck_cm": "neck over 40 cm",
    "male": "male sex",
}
STOP_BANG_SOURCES = (
    "snoring",
    "tiredness",
    "observed_apneas",
    "high_blood_pressure",
    "bmi",
    "height_cm",
    "weight_kg",
    "age",
    "neck_cm",
    "sex",
)
RLS_UNANSWERED = {  # what an unanswered criterion leaves open, in words
    "rls_urge": "whether there is an urge to move the legs",
    "rls_rest": "whether it begins or worsens at rest",
    "rls_movement_relief": "whether moving relieves it",
    "rls_evening": "whether it is worse in the evening or at night",
    "rls_explained_by_other": "whether something else, such as cramps, fully explains it",
}
JERKS_ELSEWHERE = ("jerks_daytime", *SEIZURE_SIGNS, "sleep_injuries")


def answered(answers: Answers, keys: tuple[str, ...] | list[str]) -> list[str]:
    """The question ids among ``keys`` that were answered (a finding's sources are only these)."""
    return [key for key in keys if getattr(answers, key) is not None]


def trigger_tail(case: Case, verb: str = "can make them more frequent", lead: str = "; ") -> str:
    """'; 4 cups of coffee a day and stress or short sleep can make them more frequent' or ''."""
    words = [t.words for t in case.triggers]
    return f"{lead}{join_and(words)} {verb}" if words else ""


def _unanswered_jerk_facts(answers: Answers) -> str:
    """'whether they are rhythmic or happen only while falling asleep' for the facts not given."""
    rhythm = answers.jerks_rhythmic is None
    only = answers.jerks_only_falling_asleep is None
    if rhythm and only:
        return "whether they are rhythmic or happen only while falling asleep"
    return "whether they are rhythmic" if rhythm else "whether they happen only while falling asleep"


def hypnic_jerks(case: Case) -> list[Finding]:
    """Jerks while falling asleep: reassuring only when 'only then' and 'not rhythmic' were both said.

    A missing answer is never read as 'no': with partial answers the wording says what is not known.
    """
    answers = case.answers
    elsewhere = answers.jerks_elsewhere is True or any(getattr(answers, k) is True for k in JERKS_ELSEWHERE)
    if answers.jerks_falling_asleep is not True or elsewhere or answers.movement_kind == "twitch":
        return []  # (jerks elsewhere are not the harmless kind: the red flags speak instead)
    if answers.jerks_rhythmic is True:
        return rhythmic_onset_jerks(answers)
    if answers.jerks_only_falling_asleep is False:
        return jerks_later_in_night(answers)
    extra = " with a falling feeling or a flash" if answers.falling_sensation else ""
    sources = answered(answers, ["jerks_falling_asleep", "jerks_only_falling_asleep", "jerks_rhythmic"])
    sources += answered(answers, ["falling_sensation"]) + trigger_sources(case.triggers)
    concrete = trigger_advice(case.triggers)
    if answers.jerks_only_falling_asleep is not True or answers.jerks_rhythmic is not False:
        reason = (
            f"Jerks while falling asleep{extra} are often harmless hypnic jerks, but you did not say "
            f"{_unanswered_jerk_facts(answers)}, so this is less certain{trigger_tail(case)}."
        )
        return [make_finding("hypnic_jerks_possible", reason, sources, concrete=concrete)]
    if case.triggers:
        reason = (
            f"Jerks only while falling asleep{extra}, not rhythmic, are consistent with hypnic jerks, which "
            f"most people have{trigger_tail(case)}."
        )
        return [make_finding("hypnic_jerks_triggers", reason, sources, concrete=concrete)]
    reason = (
        f"Jerks only while falling asleep{extra}, not rhythmic, are consistent with hypnic jerks, which are "
        "common and harmless."
    )
    return [make_finding("hypnic_jerks", reason, sources)]


def rhythmic_onset_jerks(answers: Answers) -> list[Finding]:
    """Jerks at sleep onset that come like clockwork are not typical hypnic jerks."""
    if answers.kicks_reported:
        return []  # the reported kicks (at regular intervals) speak for these
    reason = (
        "Jerks while falling asleep that come at a regular rhythm are not typical of hypnic jerks and "
        "can be periodic leg movements, so they are worth discussing with a doctor."
    )
    return [make_finding("rhythmic_onset_jerks", reason, ["jerks_falling_asleep", "jerks_rhythmic"])]


def jerks_later_in_night(answers: Answers) -> list[Finding]:
    """Jerks that are not only at sleep onset: not the usual hypnic jerks, worth a closer look."""
    if answers.kicks_reported:
        return []  # the reported kicks speak for these
    reason = (
        "Jerks that come later in the night too, not only while falling asleep, are not the usual "
        "hypnic jerks, so a diary, or a bed partner's account, helps show what they are."
    )
    sources = ["jerks_falling_asleep", "jerks_only_falling_asleep", *answered(answers, ["jerks_rhythmic"])]
    return [make_finding("jerks_later_in_night", reason, sources)]


def _rls_detail(case: Case, plms_note: str) -> str:
    """' (chronic-persistent course, IRLS-style severity 24 of 40: severe)' plus any night note."""
    rls, parts = case.rls, []
    if rls.course:
        parts.append(f"{rls.course} course")
    if rls.irls_total is not None:
        parts.append(f"IRLS-style severity {rls.irls_total} of 40: {rls.irls_severity}")
    detail = f" ({', '.join(parts)})" if parts else ""
    return detail + plms_note


def _course_words(case: Case) -> str:
    """'a chronic-persistent course' or 'a course not yet known (...)'."""
    if case.rls.course:
        return f"a {case.rls.course} course"
    return "a course not known (how many days a week was not answered)"


def restless_legs(case: Case, plms_note: str = "") -> list[Finding]:
    """All five IRLSSG criteria: consistent with RLS (mild and occasional: self-care); four with the
    fifth unanswered and moderate or worse severity: likely RLS; some: features only."""
    answers, rls = case.answers, case.rls
    met = rls_criteria(answers)
    sources = [key for key, _ in RLS_CRITERIA] + [
        "rls_days_per_week",
        "rls_lifetime_episodes",
        "irls",
        "irls_total",
        *trigger_sources(case.triggers),
    ]
    concrete, worse = trigger_advice(case.triggers), trigger_tail(case, "can make it worse")
    if rls.all_criteria:
        occasional = rls.course in ("intermittent", "below course threshold")
        mild = rls.irls_total is not None and rls.irls_total <= 10  # unanswered severity is not "mild"
        key = "rls_mild" if occasional and mild else "rls"
        why = (
            "which usually eases with simple measures"
            if key == "rls_mild"
            else "which is worth discussing with a doctor, who will also check iron"
        )
        reason = f"All five features of restless legs are present{_rls_detail(case, plms_note)}, {why}{worse}."
        return [make_finding(key, reason, sources, concrete=concrete)]
    unknown = [key for (key, _), value in zip(RLS_CRITERIA, met, strict=True) if value is None]
    severe_enough = rls.irls_total is not None and rls.irls_total >= case.cutoffs.rls_probable_from_irls
    if rls.criteria_met == 4 and len(unknown) == 1 and severe_enough:
        reason = (
            f"Four of the five features of restless legs are present and {RLS_UNANSWERED[unknown[0]]} "
            f"was not answered, with an IRLS-style severity of {rls.irls_total} of 40 ({rls.irls_severity}) "
            f"and {_course_words(case)}{plms_note}, so this is likely restless legs, worth discussing with a "
            f"doctor who will also check iron and ferritin{worse}."
        )
        return [make_finding("rls_probable", reason, sources, concrete=concrete)]
    if answers.rls_urge is True and rls.criteria_met >= 2:
        present = [text for (_, text), value in zip(RLS_CRITERIA, met, strict=True) if value is True]
        if answers.rls_explained_by_other:
            tail = "but the answers say something else, such as cramps or position, explains it"
        elif unknown and rls.criteria_met + len(unknown) == 5:
            tail = f"but not {join_and([RLS_UNANSWERED[k] for k in unknown])}"
        else:
            tail = "but not all five"
        reason = (
            f"The answers show {rls.criteria_met} of the five features of restless legs "
            f"({join_and(present)}), {tail}; a symptom diary helps tell restless legs from "
            f"look-alikes{worse}."
        )
        return [make_finding("rls_features", reason, sources, concrete=concrete)]
    return []


def breathing(case: Case) -> list[Finding]:
    """STOP-Bang risk, breathing pauses seen, or snoring alone.

    A night that shows breathing signs speaks for itself (``sleep_apnea_night`` or
    ``sleep_apnea_first``): next to it, no answer-based finding may say the risk is low or unknown.
    """
    answers, stop_bang = case.answers, case.stop_bang
    if stop_bang is None:
        return []
    named = (
        join_and([STOP_BANG_WORDS[item] for item in stop_bang.items]) if stop_bang.items else "no risk items"
    )
    partial = f"at least {stop_bang.score} of 8 ({stop_bang.answered} of 8 items answered)"
    score = f"{stop_bang.score} of 8" if stop_bang.answered == 8 else partial
    if stop_bang.risk == "high":
        how = (
            " (2 or more STOP items with male sex, BMI over 35 or a large neck)"
            if stop_bang.high_by_combination
            else ""
        )
        reason = (
            f"A STOP-Bang score of {score} from {named} is in the high-risk group for sleep "
            f"apnea{how}, so ask a doctor soon about a sleep study."
        )
        return [make_finding("sleep_apnea_high", reason, STOP_BANG_SOURCES)]
    if stop_bang.risk == "intermediate":
        reason = (
            f"A STOP-Bang score of {score} from {named} means an intermediate risk of sleep "
            "apnea, worth discussing with a doctor."
        )
        return [make_finding("sleep_apnea_intermediate", reason, STOP_BANG_SOURCES)]
    if case.night_breathing:
        return []  # the night's breathing finding names the snoring or pauses
    if answers.observed_apneas is True:
        reason = (
            "Breathing pauses seen during sleep are worth discussing with a doctor even when other risk "
            "factors are absent."
        )
        return [make_finding("breathing_pauses", reason, ["observed_apneas"])]
    if answers.snoring is True and answers.is_pregnant is True:
        reason = (
            "Loud snoring in pregnancy is worth mentioning to the midwife or doctor, because it goes "
            "with high blood pressure in pregnancy more often than snoring at other times."
        )
        return [make_finding("snoring_pregnancy", reason, ["snoring", "pregnant", "pregnancy_week"])]
    if answers.snoring is True and stop_bang.answered < 8:
        reason = (
            f"Snoring is common and simple measures often help, but with only {stop_bang.answered} of the "
            f"8 STOP-Bang items answered (score at least {stop_bang.score}) the risk of sleep apnea is "
            "not known."
        )
        return [make_finding("snoring", reason, STOP_BANG_SOURCES)]
    if answers.snoring is True:
        reason = f"Snoring with a low STOP-Bang score ({score}) is common; simple measures often help."
        return [make_finding("snoring", reason, ["snoring"])]
    return []

"""Findings from the person's story alone: hypnic jerks, restless legs, reported kicks, breathing."""

from __future__ import annotations

from plmscope.assess.catalogue import make_finding
from plmscope.assess.instruments import RLS_CRITERIA, EpworthScore, RlsScore, StopBangScore, rls_criteria
from plmscope.assess.red_flags import SEIZURE_SIGNS
from plmscope.assess.result import Finding
from plmscope.assess.schema import Answers
from plmscope.assess.wording import join_and
from plmscope.rules import RuleSet

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


def sleep_complaint(answers: Answers, epworth: EpworthScore) -> tuple[bool | None, list[str]]:
    """Whether there is a sleep complaint (ICSD-3 needs one for PLMD), and the words for it."""
    words = [
        text
        for key, text in (
            ("sleep_complaint", "disturbed or unrefreshing sleep"),
            ("tiredness", "daytime tiredness"),
            ("dozing_while_driving", "dozing while driving"),
        )
        if getattr(answers, key) is True
    ]
    if epworth.excessive:
        words.append(f"a sleepiness score of {epworth.total}")
    if words:
        return True, words
    no_daytime_complaint = answers.tiredness is False or epworth.excessive is False
    if answers.sleep_complaint is False and no_daytime_complaint:
        return False, []  # only when both were actually answered: a missing answer is not a 'no'
    return None, []


def apnea_suspected(answers: Answers, stop_bang: StopBangScore | None) -> bool:
    """Breathing pauses seen, or intermediate/high STOP-Bang risk."""
    return answers.observed_apneas is True or (stop_bang is not None and stop_bang.risk != "low")


HYPNIC_TRIGGERS: dict[str, str] = {
    "caffeine_late": "caffeine late in the day",
    "stress_or_sleep_loss": "stress or short sleep",
    "alcohol_evening": "evening alcohol",
}
JERKS_ELSEWHERE = ("jerks_several_body_parts", "jerks_daytime", *SEIZURE_SIGNS, "sleep_injuries")


def answered(answers: Answers, keys: tuple[str, ...] | list[str]) -> list[str]:
    """The question ids among ``keys`` that were answered (a finding's sources are only these)."""
    return [key for key in keys if getattr(answers, key) is not None]


def _unanswered_jerk_facts(answers: Answers) -> str:
    """'whether they are rhythmic or happen only while falling asleep' for the facts not given."""
    rhythm = answers.jerks_rhythmic is None
    only = answers.jerks_only_falling_asleep is None
    if rhythm and only:
        return "whether they are rhythmic or happen only while falling asleep"
    return "whether they are rhythmic" if rhythm else "whether they happen only while falling asleep"


def hypnic_jerks(answers: Answers) -> list[Finding]:
    """Jerks while falling asleep: reassuring only when 'only then' and 'not rhythmic' were both said.

    A missing answer is never read as 'no': with partial answers the wording says what is not known.
    """
    if answers.jerks_falling_asleep is not True or any(getattr(answers, k) is True for k in JERKS_ELSEWHERE):
        return []  # (jerks elsewhere are not the harmless kind: the red flags speak instead)
    if answers.jerks_rhythmic is True:
        return rhythmic_onset_jerks(answers)
    if answers.jerks_only_falling_asleep is False:
        return jerks_later_in_night(answers)
    extra = " with a falling feeling or a flash" if answers.falling_sensation else ""
    triggers = [text for key, text in HYPNIC_TRIGGERS.items() if getattr(answers, key) is True]
    said = [key for key in HYPNIC_TRIGGERS if getattr(answers, key) is True]
    sources = answered(answers, ["jerks_falling_asleep", "jerks_only_falling_asleep", "jerks_rhythmic"])
    sources += answered(answers, ["falling_sensation"]) + said
    if answers.jerks_only_falling_asleep is not True or answers.jerks_rhythmic is not False:
        tail = f"; {join_and(triggers)} can make them more frequent" if triggers else ""
        reason = (
            f"Jerks while falling asleep{extra} are often harmless hypnic jerks, but you did not say "
            f"{_unanswered_jerk_facts(answers)}, so this is less certain{tail}."
        )
        return [make_finding("hypnic_jerks_possible", reason, sources)]
    if triggers:
        reason = (
            f"Jerks only while falling asleep{extra}, not rhythmic, are consistent with hypnic jerks, which "
            f"most people have; {join_and(triggers)} can make them more frequent."
        )
        return [make_finding("hypnic_jerks_triggers", reason, sources)]
    reason = (
        f"Jerks only while falling asleep{extra}, not rhythmic, are consistent with hypnic jerks, which are "
        "common and harmless."
    )
    return [make_finding("hypnic_jerks", reason, sources)]


def rhythmic_onset_jerks(answers: Answers) -> list[Finding]:
    """Jerks at sleep onset that come like clockwork are not typical hypnic jerks."""
    if answers.kicks_in_sleep is True:
        return []  # the reported kicks (at regular intervals) speak for these
    reason = (
        "Jerks while falling asleep that come at a regular rhythm are not typical of hypnic jerks and "
        "can be periodic leg movements, so they are worth discussing with a doctor."
    )
    return [make_finding("rhythmic_onset_jerks", reason, ["jerks_falling_asleep", "jerks_rhythmic"])]


def jerks_later_in_night(answers: Answers) -> list[Finding]:
    """Jerks that are not only at sleep onset: not the usual hypnic jerks, worth a closer look."""
    if answers.kicks_in_sleep is True:
        return []  # the reported kicks speak for these
    reason = (
        "Jerks that come later in the night too, not only while falling asleep, are not the usual "
        "hypnic jerks, so a diary, or a bed partner's account, helps show what they are."
    )
    sources = ["jerks_falling_asleep", "jerks_only_falling_asleep", *answered(answers, ["jerks_rhythmic"])]
    return [make_finding("jerks_later_in_night", reason, sources)]


def _rls_detail(rls: RlsScore, plms_note: str) -> str:
    """' (chronic-persistent course, IRLS-style severity 24 of 40: severe)' plus any night note."""
    parts = []
    if rls.course:
        parts.append(f"{rls.course} course")
    if rls.irls_total is not None:
        parts.append(f"IRLS-style severity {rls.irls_total} of 40: {rls.irls_severity}")
    detail = f" ({', '.join(parts)})" if parts else ""
    return detail + plms_note


def restless_legs(answers: Answers, rls: RlsScore, plms_note: str = "") -> list[Finding]:
    """All five IRLSSG criteria: consistent with RLS (mild/occasional: self-care); some: features only."""
    met = rls_criteria(answers)
    sources = [key for key, _ in RLS_CRITERIA] + ["rls_days_per_week", "rls_lifetime_episodes", "irls"]
    if rls.all_criteria:
        occasional = rls.course in ("intermittent", "below course threshold")
        mild = rls.irls_total is not None and rls.irls_total <= 10  # unanswered severity is not "mild"
        key = "rls_mild" if occasional and mild else "rls"
        why = (
            "which usually eases with simple measures"
            if key == "rls_mild"
            else "which is worth discussing with a doctor, who will also check iron"
        )
        reason = f"All five features of restless legs are present{_rls_detail(rls, plms_note)}, {why}."
        return [make_finding(key, reason, sources)]
    if answers.rls_urge is True and rls.criteria_met >= 2:
        present = [text for (_, text), value in zip(RLS_CRITERIA, met, strict=True) if value is True]
        tail = (
            "but the answers say something else, such as cramps or position, explains it"
            if answers.rls_explained_by_other
            else "but not all five"
        )
        reason = (
            f"The answers show {rls.criteria_met} of the five features of restless legs "
            f"({join_and(present)}), {tail}; a symptom diary helps tell restless legs from look-alikes."
        )
        return [make_finding("rls_features", reason, sources)]
    return []


def kick_rhythm(answers: Answers, rules: RuleSet) -> str | None:
    """'about every 30 s' when reported kicks recur within the rule set's IMI range, else None."""
    if answers.kicks_in_sleep is not True:
        return None
    interval = answers.kick_interval_s
    if interval is None:
        return "at regular intervals" if answers.jerks_rhythmic is True else None
    return f"about every {interval:g} s" if rules.min_imi_s <= interval <= rules.max_imi_s else None


def kicks_rhythm_unknown(answers: Answers) -> list[Finding]:
    """Kicks again and again in sleep with neither their interval nor their rhythm given."""
    if answers.kicks_in_sleep is not True or answers.kick_interval_s is not None:
        return []
    if answers.jerks_rhythmic is not None:
        return []
    reason = (
        "Kicks again and again during sleep can be periodic limb movements, but the answers do not say "
        "how regularly they come; timing a few of them, or a night's recording, can tell."
    )
    return [make_finding("kicks_rhythm_unknown", reason, ["kicks_in_sleep"])]


def reported_kicks(
    answers: Answers, rules: RuleSet, complaint: bool | None, complaint_words: list[str]
) -> list[Finding]:
    """A partner's report of kicks at PLM-like intervals (the rule set's IMI range) during sleep."""
    every = kick_rhythm(answers, rules)
    if every is None:
        return kicks_rhythm_unknown(answers)
    span = f"{rules.min_imi_s:g}–{rules.max_imi_s:g} s"
    sources = ["kicks_in_sleep", "kick_interval_s", "sleep_complaint", "tiredness", "epworth"]
    if complaint:
        reason = (
            f"Kicks during sleep {every} (periodic limb movements recur every {span}) together with "
            f"{join_and(complaint_words)} are worth discussing with a doctor."
        )
        return [make_finding("periodic_kicks", reason, sources)]
    reason = (
        f"Kicks during sleep {every} look like periodic limb movements (every {span}), which are common "
        "and often harmless when sleep and daytime alertness are fine."
    )
    return [make_finding("periodic_kicks_no_complaint", reason, sources)]


def kicks_apnea_first(answers: Answers, rules: RuleSet, stop_bang: StopBangScore | None) -> list[Finding]:
    """Reported regular kicks plus breathing signs: kicks may follow breathing pauses, so breathing first."""
    every = kick_rhythm(answers, rules)
    if every is None or not apnea_suspected(answers, stop_bang):
        return []
    signs = [STOP_BANG_WORDS[k] for k in ("snoring", "observed_apneas") if getattr(answers, k) is True]
    signs = signs or [f"a STOP-Bang score of {stop_bang.score}"]
    reason = (
        f"Kicks during sleep {every} together with {join_and(signs)} can be the body's reaction to "
        "breathing pauses, so breathing should be assessed first."
    )
    return [
        make_finding(
            "sleep_apnea_first", reason, ["kicks_in_sleep", "kick_interval_s", "snoring", "observed_apneas"]
        )
    ]


def breathing(answers: Answers, stop_bang: StopBangScore | None) -> list[Finding]:
    """STOP-Bang risk, breathing pauses seen, or snoring alone."""
    if stop_bang is None:
        return []
    named = (
        join_and([STOP_BANG_WORDS[item] for item in stop_bang.items]) if stop_bang.items else "no risk items"
    )
    partial = f"at least {stop_bang.score} of 8 ({stop_bang.answered} of 8 items answered)"
    score = f"{stop_bang.score} of 8" if stop_bang.answered == 8 else partial
    sources = [
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
    ]
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
        return [make_finding("sleep_apnea_high", reason, sources)]
    if stop_bang.risk == "intermediate":
        reason = (
            f"A STOP-Bang score of {score} from {named} means an intermediate risk of sleep "
            "apnea, worth discussing with a doctor."
        )
        return [make_finding("sleep_apnea_intermediate", reason, sources)]
    if answers.observed_apneas is True:
        reason = (
            "Breathing pauses seen during sleep are worth discussing with a doctor even when other risk "
            "factors are absent."
        )
        return [make_finding("breathing_pauses", reason, ["observed_apneas"])]
    if answers.snoring is True and stop_bang.answered < 8:
        reason = (
            f"Snoring is common and simple measures often help, but with only {stop_bang.answered} of the "
            f"8 STOP-Bang items answered (score at least {stop_bang.score}) the risk of sleep apnea is "
            "not known."
        )
        return [make_finding("snoring", reason, sources)]
    if answers.snoring is True:
        reason = f"Snoring with a low STOP-Bang score ({score}) is common; simple measures often help."
        return [make_finding("snoring", reason, ["snoring"])]
    return []

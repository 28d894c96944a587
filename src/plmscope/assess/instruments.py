"""Scores of the validated instruments: IRLSSG 2014 RLS criteria and course, IRLS severity bands,
Epworth-style sleepiness and STOP-Bang. Cut-offs are data in :class:`InstrumentCutoffs`."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from plmscope.assess.schema import Answers


@dataclass(frozen=True)
class InstrumentCutoffs:
    """Published cut-offs (IRLSSG 2014, IRLS, Epworth, STOP-Bang); passed in, never global."""

    chronic_days_per_week: float = 2.0  # chronic-persistent: >= 2 times a week over the past year
    intermittent_min_episodes: int = 5  # intermittent: < 2 a week, >= 5 lifetime episodes
    irls_bands: tuple[tuple[int, str], ...] = (
        (0, "none"),
        (10, "mild"),
        (20, "moderate"),
        (30, "severe"),
        (40, "very severe"),
    )  # (highest total, band): 0 none, 1-10 mild, 11-20 moderate, 21-30 severe, 31-40 very severe
    epworth_excessive_above: int = 10  # total > 10: excessive daytime sleepiness
    epworth_severe_from: int = 16  # 16-24: severe excessive daytime sleepiness
    stop_bang_intermediate_from: int = 3  # 0-2 low, 3-4 intermediate
    stop_bang_high_from: int = 5  # 5-8 high
    stop_combo_min: int = 2  # STOP >= 2 plus male, BMI > 35 or neck > 40 cm: high
    bmi_above: float = 35.0
    age_above: int = 50
    neck_above_cm: float = 40.0
    rls_ferritin_max_ug_l: float = 75.0  # ferritin <= 75 µg/L: iron treatment considered in RLS (adults,
    rls_ferritin_max_child_ug_l: float = 50.0  # also in pregnancy); children <= 50 µg/L; on dialysis
    rls_ferritin_max_dialysis_ug_l: float = 200.0  # < 200 µg/L (IRLSSG iron guideline, Allen 2018)
    rls_probable_from_irls: int = 11  # 4 of 5 criteria, the 5th unanswered, IRLS moderate or worse
    # habits that make jerks and restless legs worse (the usual upper limits for adults)
    caffeine_cups_many: float = 4.0  # ~400 mg caffeine a day, the most advised for adults
    caffeine_cups_many_pregnant: float = 2.0  # ~200 mg a day, the most advised in pregnancy
    alcohol_drinks_many: float = 2.0  # 2 or more drinks in an evening


DEFAULT_CUTOFFS = InstrumentCutoffs()

RLS_CRITERIA: tuple[tuple[str, str], ...] = (
    ("rls_urge", "an urge to move the legs"),
    ("rls_rest", "it begins or worsens at rest"),
    ("rls_movement_relief", "moving relieves it"),
    ("rls_evening", "it is worse in the evening or at night"),
    ("rls_explained_by_other", "nothing else explains it"),
)


@dataclass(frozen=True)
class RlsScore:
    """How many IRLSSG essential criteria were met, the course and the IRLS-style severity."""

    criteria_met: int
    criteria_answered: int
    all_criteria: bool
    course: str | None  # "chronic-persistent" | "intermittent" | "below course threshold" | None
    irls_total: int | None
    irls_severity: str | None


@dataclass(frozen=True)
class EpworthScore:
    total: int | None
    excessive: bool | None
    severe: bool | None


@dataclass(frozen=True)
class StopBangScore:
    score: int
    stop_score: int
    answered: int  # of 8 items
    risk: str  # "low" | "intermediate" | "high"
    high_by_combination: bool
    items: tuple[str, ...]  # the items that scored a point


def rls_criteria(answers: Answers) -> tuple[bool | None, ...]:
    """The five essential criteria as met/not met/unknown (criterion 5 is met when *not* explained)."""
    values = [getattr(answers, field) for field, _ in RLS_CRITERIA]
    fifth = values[-1]
    values[-1] = None if fifth is None else not fifth
    return tuple(values)


def irls_severity(total: int, cutoffs: InstrumentCutoffs = DEFAULT_CUTOFFS) -> str:
    """IRLS total (0-40) -> none / mild / moderate / severe / very severe."""
    for highest, band in cutoffs.irls_bands:
        if total <= highest:
            return band
    raise ValueError(f"IRLS total must be 0–40, got {total}")


def rls_course(answers: Answers, cutoffs: InstrumentCutoffs = DEFAULT_CUTOFFS) -> str | None:
    """IRLSSG course specifier from days a week (past year) and lifetime episodes."""
    days = answers.rls_days_per_week
    if days is None:
        return None
    if days >= cutoffs.chronic_days_per_week:
        return "chronic-persistent"
    episodes = answers.rls_lifetime_episodes
    if episodes is None:
        return None
    return "intermittent" if episodes >= cutoffs.intermittent_min_episodes else "below course threshold"


def score_rls(answers: Answers, cutoffs: InstrumentCutoffs = DEFAULT_CUTOFFS) -> RlsScore:
    """RLS criteria count, course and severity band (from the 10 items, or a total from a form)."""
    met = rls_criteria(answers)
    total = sum(answers.irls) if answers.irls is not None else answers.irls_total
    return RlsScore(
        criteria_met=sum(v is True for v in met),
        criteria_answered=sum(v is not None for v in met),
        all_criteria=all(v is True for v in met),
        course=rls_course(answers, cutoffs),
        irls_total=total,
        irls_severity=None if total is None else irls_severity(total, cutoffs),
    )


def score_epworth(answers: Answers, cutoffs: InstrumentCutoffs = DEFAULT_CUTOFFS) -> EpworthScore:
    """Epworth-style total of 8 situations (0-3 each), or a total from a form: > 10 excessive, >= 16 severe."""
    total = sum(answers.epworth) if answers.epworth is not None else answers.epworth_total
    if total is None:
        return EpworthScore(total=None, excessive=None, severe=None)
    return EpworthScore(
        total=total,
        excessive=total > cutoffs.epworth_excessive_above,
        severe=total >= cutoffs.epworth_severe_from,
    )


def stop_bang_items(answers: Answers, cutoffs: InstrumentCutoffs = DEFAULT_CUTOFFS) -> dict[str, bool | None]:
    """The eight STOP-Bang items, each True/False, or None when not answered."""
    bmi = answers.bmi_value

    def above(value: float | None, limit: float) -> bool | None:
        return None if value is None else value > limit

    return {
        "snoring": answers.snoring,
        "tiredness": answers.tiredness,
        "observed_apneas": answers.observed_apneas,
        "high_blood_pressure": answers.high_blood_pressure,
        "bmi": above(bmi, cutoffs.bmi_above),
        "age": above(answers.age, cutoffs.age_above),
        "neck_cm": above(answers.neck_cm, cutoffs.neck_above_cm),
        "male": None if answers.sex is None else answers.sex == "male",
    }


def score_stop_bang(answers: Answers, cutoffs: InstrumentCutoffs = DEFAULT_CUTOFFS) -> StopBangScore | None:
    """STOP-Bang score and risk (0-2 low, 3-4 intermediate, 5-8 high, plus the high-risk combinations).

    Unanswered items count 0 (the score is then a lower bound); None when no item was answered.
    """
    items = stop_bang_items(answers, cutoffs)
    answered = sum(v is not None for v in items.values())
    if answered == 0:
        return None
    scored = tuple(name for name, value in items.items() if value)
    stop = sum(bool(items[k]) for k in ("snoring", "tiredness", "observed_apneas", "high_blood_pressure"))
    combo = stop >= cutoffs.stop_combo_min and any(items[k] for k in ("male", "bmi", "neck_cm"))
    score = len(scored)
    if score >= cutoffs.stop_bang_high_from or combo:
        risk = "high"
    elif score >= cutoffs.stop_bang_intermediate_from:
        risk = "intermediate"
    else:
        risk = "low"
    high_by_combo = combo and score < cutoffs.stop_bang_high_from
    return StopBangScore(score, stop, answered, risk, high_by_combo, scored)


def instruments_dict(rls: RlsScore, epworth: EpworthScore, stop_bang: StopBangScore | None) -> dict:
    """All instrument scores as plain data (``Assessment.instruments``)."""
    return {
        "rls": asdict(rls),
        "epworth": asdict(epworth),
        "stop_bang": None if stop_bang is None else {**asdict(stop_bang), "items": list(stop_bang.items)},
    }

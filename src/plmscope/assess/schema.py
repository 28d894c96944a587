"""The answer schema (pydantic): every question is optional, ranges are checked, unknown keys refused.

Field names are the question ids of ``questions.py``; docs/assessment.md lists them all.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

# Allowed ranges, as data: the model's bounds and the error messages both come from here.
RANGES: dict[str, tuple[float, float]] = {
    "age": (0, 120),
    "bmi": (10, 80),
    "height_cm": (50, 250),
    "weight_kg": (10, 400),
    "neck_cm": (20, 70),
    "kick_interval_s": (1, 600),
    "rls_days_per_week": (0, 7),
    "rls_lifetime_episodes": (0, 100_000),
    "irls": (0, 4),
    "epworth": (0, 3),
    "ferritin_ug_l": (0, 5000),
}
IRLS_ITEMS = 10
EPWORTH_ITEMS = 8


def _num(name: str, kind: type = float):
    """An optional number bounded by ``RANGES[name]``."""
    lo, hi = RANGES[name]
    return Annotated[kind | None, Field(default=None, ge=lo, le=hi)]


def _items(name: str, count: int):
    """An optional list of exactly ``count`` integer item scores bounded by ``RANGES[name]``."""
    lo, hi = RANGES[name]
    item = Annotated[int, Field(ge=lo, le=hi)]
    return Annotated[list[item] | None, Field(default=None, min_length=count, max_length=count)]


YesNo = Annotated[bool | None, Field(default=None)]


class Answers(BaseModel):
    """A person's (or their bed partner's) answers; any question may be skipped (left out)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    respondent: Literal["self", "partner"] | None = None

    # about the sleeper
    age: _num("age", int) = None
    sex: Literal["male", "female", "other"] | None = None
    bmi: _num("bmi") = None
    height_cm: _num("height_cm") = None
    weight_kg: _num("weight_kg") = None
    neck_cm: _num("neck_cm") = None

    # what the legs do
    jerks_falling_asleep: YesNo = None
    jerks_only_falling_asleep: YesNo = None
    falling_sensation: YesNo = None
    jerks_rhythmic: YesNo = None
    kicks_in_sleep: YesNo = None
    kick_interval_s: _num("kick_interval_s") = None
    jerks_several_body_parts: YesNo = None
    jerks_daytime: YesNo = None
    sleep_complaint: YesNo = None
    caffeine_late: YesNo = None
    alcohol_evening: YesNo = None
    stress_or_sleep_loss: YesNo = None

    # restless legs (IRLSSG 2014 essential criteria, course, IRLS-style severity)
    rls_urge: YesNo = None
    rls_rest: YesNo = None
    rls_movement_relief: YesNo = None
    rls_evening: YesNo = None
    rls_explained_by_other: YesNo = None
    rls_days_per_week: _num("rls_days_per_week") = None
    rls_lifetime_episodes: _num("rls_lifetime_episodes", int) = None
    irls: _items("irls", IRLS_ITEMS) = None

    # sleepiness
    epworth: _items("epworth", EPWORTH_ITEMS) = None
    dozing_while_driving: YesNo = None

    # breathing (STOP part of STOP-Bang)
    snoring: YesNo = None
    tiredness: YesNo = None
    observed_apneas: YesNo = None
    high_blood_pressure: YesNo = None

    # red flags
    weakness: YesNo = None
    muscle_wasting: YesNo = None
    numbness: YesNo = None
    one_sided: YesNo = None
    symptoms_constant: YesNo = None
    new_medicine: YesNo = None
    medicines: list[str] | None = None
    tongue_biting: YesNo = None
    incontinence_at_night: YesNo = None
    confusion_after_events: YesNo = None
    stereotyped_events: YesNo = None
    dream_enactment: YesNo = None
    sleep_injuries: YesNo = None
    pregnant: YesNo = None
    kidney_disease: YesNo = None
    iron_deficiency: YesNo = None
    ferritin_ug_l: _num("ferritin_ug_l") = None
    dopamine_agonist: YesNo = None
    worse_on_dopamine_agonist: YesNo = None

    @property
    def bmi_value(self) -> float | None:
        """BMI as given, else from height and weight, else None."""
        if self.bmi is not None:
            return self.bmi
        if self.height_cm and self.weight_kg:
            return self.weight_kg / (self.height_cm / 100.0) ** 2
        return None

    @property
    def is_partner(self) -> bool:
        """True when a bed partner answered for the sleeper."""
        return self.respondent == "partner"


QUESTION_IDS: tuple[str, ...] = tuple(Answers.model_fields)

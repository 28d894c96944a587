"""The answer schema (pydantic): every question is optional, ranges are checked, unknown keys refused.

Yes/no answers and numbers are strict: ``snoring: 1`` is not "yes" and ``age: true`` is not a
number (a file that says either is refused with the key named). Answers that contradict each
other (an Epworth total that is not the sum of its items, a kick interval given twice) are
refused too. Field names are the question ids of ``questions.py``; docs/assessment.md lists them.
"""

from __future__ import annotations

import math
from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

from plmscope.assess.frequency import FrequencyError, Interval, interval_from_seconds, parse_frequency

# Allowed ranges, as data: the model's bounds and the error messages both come from here.
RANGES: dict[str, tuple[float, float]] = {
    "age": (0, 120),
    "bmi": (10, 80),
    "height_cm": (50, 250),
    "weight_kg": (10, 400),
    "neck_cm": (20, 70),
    "kick_interval_s": (1, 86_400),
    "nights_per_week": (0, 7),
    "caffeine_cups_per_day": (0, 30),
    "alcohol_drinks_per_evening": (0, 30),
    "rls_days_per_week": (0, 7),
    "rls_lifetime_episodes": (0, 100_000),
    "irls": (0, 4),
    "irls_total": (0, 40),
    "epworth": (0, 3),
    "epworth_total": (0, 24),
    "pregnancy_week": (1, 42),
    "ferritin_ug_l": (0, 5000),
}
IRLS_ITEMS = 10
EPWORTH_ITEMS = 8
YES_WORDS = ("yes", "true")
NO_WORDS = ("no", "false")
BODY_PARTS = ("legs", "arms", "face", "trunk")
BODY_PART_ALIASES = {
    "leg": "legs", "feet": "legs", "foot": "legs", "toes": "legs", "knees": "legs", "calves": "legs",
    "arm": "arms", "hands": "arms", "hand": "arms", "shoulders": "arms",
    "head": "face", "eyes": "face", "mouth": "face", "neck": "trunk", "body": "trunk", "belly": "trunk",
    "tummy": "trunk", "chest": "trunk", "back": "trunk",
}  # fmt: skip
WHOLE_BODY = ("whole body", "whole_body", "everywhere", "all over")


def strict_yes_no(value: object) -> object:
    """True/False, or the words yes/no/true/false; anything else (1, 'sometimes') is refused."""
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in YES_WORDS + NO_WORDS:
        return value.strip().lower() in YES_WORDS
    raise PydanticCustomError("bool_type", "must be yes or no")


def strict_number(value: object) -> object:
    """A real number: never a yes/no (``age: true``), never text; whole floats pass for integers."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise PydanticCustomError("float_type", "must be a number")
    return value


def strict_integer(value: object) -> object:
    """A whole number (58 or 58.0), never a yes/no or text."""
    value = strict_number(value)
    if value is not None and value != int(value):
        raise PydanticCustomError("int_from_float", "must be a whole number")
    return None if value is None else int(value)


def text_list(value: object) -> object:
    """A list of names; one string is read as names separated by commas."""
    if isinstance(value, str):
        return [part.strip() for part in value.split(",") if part.strip()]
    return value


def parse_body_parts(value: object) -> list[str]:
    """'legs, arms' or ['legs', 'face'] -> canonical parts in BODY_PARTS order; 'whole body' = all.

    >>> parse_body_parts("feet, hands"), parse_body_parts(["whole body"])
    (['legs', 'arms'], ['legs', 'arms', 'face', 'trunk'])
    """
    names = text_list(value)
    if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
        raise ValueError(f"must be a list of body parts ({', '.join(BODY_PARTS)})")
    parts: set[str] = set()
    for name in (n.strip().lower() for n in names):
        if name in WHOLE_BODY:
            parts.update(BODY_PARTS)
        elif (part := BODY_PART_ALIASES.get(name, name)) in BODY_PARTS:
            parts.add(part)
        else:
            raise ValueError(f"unknown body part {name!r}; use {', '.join(BODY_PARTS)} or 'whole body'")
    return [part for part in BODY_PARTS if part in parts]


def body_parts(value: object) -> object:
    """The schema's check of ``body_parts`` (see :func:`parse_body_parts`)."""
    if value is None:
        return None
    try:
        return parse_body_parts(value)
    except ValueError as exc:
        raise PydanticCustomError("body_parts", str(exc)) from None


def kick_frequency(value: object) -> object:
    """Words that say how often the kicks come (checked by parsing them, see frequency.py)."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise PydanticCustomError("kick_frequency", "must say how often, e.g. 'every 30 seconds'")
    try:
        parse_frequency(str(value))
    except FrequencyError as exc:
        raise PydanticCustomError("kick_frequency", str(exc)) from None
    return " ".join(str(value).split())


def _num(name: str, kind: type = float):
    """An optional number bounded by ``RANGES[name]`` (strict: no yes/no, no text)."""
    lo, hi = RANGES[name]
    check = strict_integer if kind is int else strict_number
    bounded = Annotated[kind, Field(ge=lo, le=hi)]
    return Annotated[bounded | None, BeforeValidator(check), Field(default=None)]


def _items(name: str, count: int):
    """An optional list of exactly ``count`` whole-number item scores bounded by ``RANGES[name]``."""
    lo, hi = RANGES[name]
    item = Annotated[int, BeforeValidator(strict_integer), Field(ge=lo, le=hi)]
    return Annotated[list[item] | None, Field(default=None, min_length=count, max_length=count)]


YesNo = Annotated[bool | None, BeforeValidator(strict_yes_no), Field(default=None)]
Names = Annotated[list[str] | None, BeforeValidator(text_list), Field(default=None)]
Parts = Annotated[list[str] | None, BeforeValidator(body_parts), Field(default=None)]
Frequency = Annotated[str | None, BeforeValidator(kick_frequency), Field(default=None)]


def conflict(message: str) -> PydanticCustomError:
    """An error for answers that contradict each other (the message names both keys)."""
    return PydanticCustomError("answers_conflict", message)


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

    # what the legs do, where and when
    jerks_falling_asleep: YesNo = None
    jerks_only_falling_asleep: YesNo = None
    falling_sensation: YesNo = None
    jerks_rhythmic: YesNo = None
    kicks_in_sleep: YesNo = None
    kick_frequency: Frequency = None
    kick_interval_s: _num("kick_interval_s") = None
    movement_kind: Literal["twitch", "jerk", "both"] | None = None
    body_parts: Parts = None
    jerks_several_body_parts: YesNo = None
    jerks_daytime: YesNo = None
    started_recently: YesNo = None
    sore_calves: YesNo = None
    calf_swollen: YesNo = None
    sleep_complaint: YesNo = None

    # the household
    partner_woken: YesNo = None
    separate_beds: YesNo = None
    nights_per_week: _num("nights_per_week") = None

    # habits
    caffeine_cups_per_day: _num("caffeine_cups_per_day") = None
    caffeine_late: YesNo = None
    alcohol_drinks_per_evening: _num("alcohol_drinks_per_evening") = None
    alcohol_evening: YesNo = None
    nicotine: YesNo = None
    stress_or_sleep_loss: YesNo = None

    # restless legs (IRLSSG 2014 essential criteria, course, IRLS-style severity)
    rls_urge: YesNo = None
    rls_rest: YesNo = None
    rls_movement_relief: YesNo = None
    rls_evening: YesNo = None
    rls_explained_by_other: YesNo = None
    rls_days_per_week: _num("rls_days_per_week") = None
    rls_lifetime_episodes: _num("rls_lifetime_episodes", int) = None
    irls_total: _num("irls_total", int) = None
    irls: _items("irls", IRLS_ITEMS) = None

    # sleepiness
    epworth_total: _num("epworth_total", int) = None
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
    medicines: Names = None
    tongue_biting: YesNo = None
    incontinence_at_night: YesNo = None
    confusion_after_events: YesNo = None
    stereotyped_events: YesNo = None
    dream_enactment: YesNo = None
    sleep_injuries: YesNo = None

    # conditions that change what it means
    pregnant: YesNo = None
    pregnancy_week: _num("pregnancy_week", int) = None
    kidney_disease: YesNo = None
    dialysis: YesNo = None
    iron_deficiency: YesNo = None
    anaemia: YesNo = None
    ferritin_ug_l: _num("ferritin_ug_l") = None
    diabetes: YesNo = None
    neuropathy: YesNo = None
    parkinsons: YesNo = None
    dopamine_agonist: YesNo = None
    worse_on_dopamine_agonist: YesNo = None

    @model_validator(mode="after")
    def _consistent(self) -> Answers:
        """Refuse answers that contradict each other, naming both keys."""
        if self.kick_frequency is not None and self.kick_interval_s is not None:
            raise conflict("give kick_frequency or kick_interval_s, not both")
        if self.kicks_in_sleep is False and (self.kick_frequency or self.kick_interval_s):
            raise conflict("kicks_in_sleep is no, but how often the kicks come was given")
        for items, total, name in (
            (self.epworth, self.epworth_total, "epworth"),
            (self.irls, self.irls_total, "irls"),
        ):
            if items is not None and total is not None and sum(items) != total:
                raise conflict(f"{name}_total is {total} but the {name} items add up to {sum(items)}")
        if self.pregnant is False and self.pregnancy_week is not None:
            raise conflict("pregnant is no, but pregnancy_week was given")
        if self.kidney_disease is False and self.dialysis is True:
            raise conflict("kidney_disease is no, but dialysis is yes")
        if self.body_parts is not None and self.jerks_several_body_parts is not None:
            elsewhere = any(part != "legs" for part in self.body_parts)
            if elsewhere != self.jerks_several_body_parts:
                raise conflict("body_parts and jerks_several_body_parts disagree")
        return self

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

    @property
    def kick_interval(self) -> Interval | None:
        """How far apart the kicks come, with its uncertainty, from the words or the seconds given."""
        if self.kick_frequency is not None:
            return parse_frequency(self.kick_frequency)
        if self.kick_interval_s is not None:
            return interval_from_seconds(self.kick_interval_s)
        return None

    @property
    def kicks_reported(self) -> bool:
        """Kicks again and again in sleep: said so, or implied by saying how often they come."""
        return self.kicks_in_sleep is True or self.kick_interval is not None

    @property
    def other_body_parts(self) -> list[str] | None:
        """Parts besides the legs that jerk (``[]``: legs only; None: not said)."""
        if self.body_parts is not None:
            return [part for part in self.body_parts if part != "legs"]
        return None if self.jerks_several_body_parts is None else []

    @property
    def jerks_elsewhere(self) -> bool | None:
        """Jerks also in the arms, face or trunk (from either way of saying it)."""
        if self.body_parts is not None:
            return bool(self.other_body_parts)
        return self.jerks_several_body_parts

    @property
    def is_pregnant(self) -> bool | None:
        """Pregnant as answered (a pregnancy week implies it)."""
        return True if self.pregnancy_week is not None else self.pregnant

    @property
    def has_kidney_disease(self) -> bool | None:
        """Kidney disease as answered (dialysis implies it)."""
        return True if self.dialysis is True else self.kidney_disease


QUESTION_IDS: tuple[str, ...] = tuple(Answers.model_fields)

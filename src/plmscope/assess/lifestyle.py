"""Caffeine, alcohol, nicotine, stress and sleep loss as the person told them: the words for a
finding's reason and advice that fits the amounts ("cut down from 4 cups a day to 1-2").

They matter where they plausibly make things worse: hypnic jerks, restless legs and twitching
under the skin. The limits are in :class:`~plmscope.assess.instruments.InstrumentCutoffs`.

>>> from plmscope.assess.schema import Answers
>>> [t.words for t in triggers(Answers(caffeine_cups_per_day=4, stress_or_sleep_loss=True))]
['4 cups of coffee, tea or energy drinks a day', 'stress or short sleep']
"""

from __future__ import annotations

from dataclasses import dataclass

from plmscope.assess.instruments import DEFAULT_CUTOFFS, InstrumentCutoffs
from plmscope.assess.schema import Answers


@dataclass(frozen=True)
class Trigger:
    """One habit that can make the symptoms worse, as told."""

    key: str  # the advice id its advice replaces ("caffeine", "alcohol", "nicotine", "wind_down")
    words: str  # for the reason, e.g. "4 cups of coffee, tea or energy drinks a day"
    advice: str  # concrete, for the amounts given
    sources: tuple[str, ...]  # the answers it rests on


def _cups(n: float) -> str:
    return f"{n:g} cup{'s' if n != 1 else ''}"


def caffeine(answers: Answers, cutoffs: InstrumentCutoffs = DEFAULT_CUTOFFS) -> Trigger | None:
    """Many cups a day (fewer count in pregnancy) or caffeine after mid-afternoon."""
    cups, late = answers.caffeine_cups_per_day, answers.caffeine_late is True
    pregnant = answers.is_pregnant is True
    limit = cutoffs.caffeine_cups_many_pregnant if pregnant else cutoffs.caffeine_cups_many
    many = cups is not None and cups >= limit
    if cups == 0 or not (many or late):
        return None
    sources = tuple(k for k, v in (("caffeine_cups_per_day", many), ("caffeine_late", late)) if v)
    if many:
        words = f"{_cups(cups)} of coffee, tea or energy drinks a day" + (
            ", the last one after mid-afternoon" if late else ""
        )
        target = "no more than 2 cups of coffee (about 200 mg of caffeine)" if pregnant else "1–2 cups"
        advice = (
            f"Cut down gradually from {_cups(cups)} a day to {target} (stopping all at once can cause "
            "headaches), and have none after about 2 pm."
        )
        if pregnant:
            words += " (more than the 200 mg of caffeine a day advised in pregnancy)"
        return Trigger("caffeine", words, advice, sources)
    advice = (
        "Have the last coffee, tea, cola or energy drink before about 2 pm: caffeine keeps working "
        "for 6 hours or more."
    )
    return Trigger("caffeine", "caffeine late in the day", advice, sources)


def alcohol(answers: Answers, cutoffs: InstrumentCutoffs = DEFAULT_CUTOFFS) -> Trigger | None:
    """Two or more drinks in an evening, or often drinking in the evening."""
    drinks = answers.alcohol_drinks_per_evening
    many = drinks is not None and drinks >= cutoffs.alcohol_drinks_many
    if drinks == 0 or not (many or answers.alcohol_evening is True):
        return None
    if many:
        words = f"{drinks:g} alcoholic drinks in an evening"
        advice = (
            f"Try two weeks with at most one drink in an evening instead of {drinks:g}, or none, and "
            "see whether the nights settle: alcohol makes sleep lighter in the second half of the night."
        )
        return Trigger("alcohol", words, advice, ("alcohol_drinks_per_evening",))
    advice = "Try two weeks without alcohol in the evening and see whether the nights settle."
    return Trigger("alcohol", "evening alcohol", advice, ("alcohol_evening",))


def nicotine(answers: Answers) -> Trigger | None:
    """Smoking, vaping or other nicotine: a stimulant that makes sleep lighter."""
    if answers.nicotine is not True:
        return None
    advice = (
        "Nicotine is a stimulant: avoid it in the hours before bed; stopping altogether helps sleep, "
        "and a doctor or pharmacist can help with that."
    )
    return Trigger("nicotine", "nicotine", advice, ("nicotine",))


def stress(answers: Answers) -> Trigger | None:
    """Stress or too little sleep lately."""
    if answers.stress_or_sleep_loss is not True:
        return None
    advice = (
        "Give yourself a calm half hour before bed and enough time in bed: stress and short nights "
        "both make jerks and restless legs more frequent."
    )
    return Trigger("wind_down", "stress or short sleep", advice, ("stress_or_sleep_loss",))


def triggers(answers: Answers, cutoffs: InstrumentCutoffs = DEFAULT_CUTOFFS) -> list[Trigger]:
    """Every habit given that can make jerks, restless legs or twitching worse."""
    found = (caffeine(answers, cutoffs), alcohol(answers, cutoffs), nicotine(answers), stress(answers))
    return [t for t in found if t is not None]


def trigger_advice(found: list[Trigger]) -> dict[str, str]:
    """Advice id -> the concrete sentence that replaces the general one."""
    return {t.key: t.advice for t in found}


def trigger_sources(found: list[Trigger]) -> list[str]:
    """The answers the triggers rest on."""
    return [source for t in found for source in t.sources]

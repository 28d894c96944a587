"""Nights over time: the PLMS and LMS index per night, and plain comparisons with the diary.

A comparison is shown only where there are enough nights on both sides, says how many, gives
medians (robust to one odd night), keeps measured and estimated (wearable) nights apart, and
never claims more than a pattern: nights differ in many ways at once.

>>> nights = [{"id": i, "date": f"2024-03-{i:02d}", "kind": "psg", "status": "done",
...            "plms_index": 30.0 if i % 2 else 10.0, "lms_index": 40.0} for i in range(1, 9)]
>>> diaries = {i: {"caffeine_after_2pm": bool(i % 2)} for i in range(1, 9)}
>>> print(comparisons(nights, diaries)[0]["text"])
The 4 nights after coffee or tea after 2 pm: median PLMS index 30/h; the 4 without: 10/h.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable
from dataclasses import dataclass

MIN_NIGHTS = 3  # nights needed on each side of a comparison
KIND_WORDS = {"psg": "measured", "accelerometer": "estimated (wearable)"}
CAVEAT = (
    "A difference here is a pattern worth showing your doctor, not proof: nights differ in many "
    "ways at once, and a few nights can differ by chance."
)


@dataclass(frozen=True)
class Factor:
    key: str
    words: str  # "after ..." phrase
    test: Callable[[dict], bool | None]  # True / False / None (not recorded)


def _yes_no(name: str) -> Callable[[dict], bool | None]:
    return lambda entry: entry.get(name)


def _choice(name: str, yes: tuple[str, ...]) -> Callable[[dict], bool | None]:
    return lambda entry: None if entry.get(name) is None else entry[name] in yes


def _count(name: str) -> Callable[[dict], bool | None]:
    return lambda entry: None if entry.get(name) is None else entry[name] > 0


FACTORS: tuple[Factor, ...] = (
    Factor("caffeine_after_2pm", "after coffee or tea after 2 pm", _yes_no("caffeine_after_2pm")),
    Factor("alcohol", "after alcohol", _count("alcohol_drinks")),
    Factor("stress", "after a day with stress", _choice("stress", ("some", "high"))),
    Factor("evening_exercise", "after evening exercise", _choice("exercise", ("evening",))),
    Factor("late_meal", "after a late meal", _yes_no("late_meal")),
    Factor("medicine_changed", "after a medicine was changed", _yes_no("medicine_changed")),
)


def scored_nights(nights: list[dict]) -> list[dict]:
    """Nights with a PLMS index, by date."""
    return [
        n for n in nights
        if n["status"] == "done" and n["kind"] != "none" and n.get("plms_index") is not None and n.get("date")
    ]  # fmt: skip


def _rate(value: float) -> str:
    return f"{value:.0f}/h"


def comparisons(nights: list[dict], diaries: dict[int, dict], min_nights: int = MIN_NIGHTS) -> list[dict]:
    """One plain comparison per diary factor (and kind of night) with enough nights on both sides."""
    found = []
    scored = scored_nights(nights)
    kinds = sorted({n["kind"] for n in scored})
    for kind in kinds:
        of_kind = [n for n in scored if n["kind"] == kind]
        label = "" if kinds == ["psg"] else f" ({KIND_WORDS.get(kind, kind)} nights)"
        for factor in FACTORS:
            marks = [(n, factor.test(diaries.get(n["id"], {}))) for n in of_kind]
            with_it = [n["plms_index"] for n, mark in marks if mark is True]
            without = [n["plms_index"] for n, mark in marks if mark is False]
            if len(with_it) < min_nights or len(without) < min_nights:
                continue
            a, b = statistics.median(with_it), statistics.median(without)
            text = (
                f"The {len(with_it)} nights {factor.words}: median PLMS index {_rate(a)}; "
                f"the {len(without)} without: {_rate(b)}{label}."
            )
            found.append(
                {
                    "factor": factor.key,
                    "kind": kind,
                    "n_with": len(with_it),
                    "n_without": len(without),
                    "median_with": a,
                    "median_without": b,
                    "clear": abs(a - b) >= 5 and max(a, b) >= 1.25 * max(min(a, b), 1e-9),
                    "text": text,
                }
            )
    return found


def comparison_hint(nights: list[dict], diaries: dict[int, dict], min_nights: int = MIN_NIGHTS) -> str:
    """What to do for a comparison when none can be shown yet."""
    scored = scored_nights(nights)
    with_diary = sum(1 for n in scored if diaries.get(n["id"]))
    return (
        f"Comparisons appear once at least {min_nights} scored nights with a diary item and "
        f"{min_nights} without it are recorded (now: {len(scored)} scored nights, {with_diary} with a diary)."
    )

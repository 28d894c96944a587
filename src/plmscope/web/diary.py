"""The diary of a night: what went with it (coffee, alcohol, stress, ...), and for nights with
no device at all, what the bed partner noticed. Every field is optional; ranges are checked.

The fields are data (:data:`DIARY_FIELDS`): the form, the validation and the night list's
short summary all come from them.

>>> entry = Diary.model_validate({"caffeine_cups": 3, "caffeine_after_2pm": True, "stress": "high"})
>>> diary_summary(entry.model_dump(exclude_none=True))
'3 cups of coffee/tea (after 2 pm) · stress: high'
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from plmscope.errors import PlmscopeInputError


@dataclass(frozen=True)
class DiaryField:
    id: str
    label: str
    kind: str  # yes_no | count | choice | text
    section: str  # evening | partner
    choices: tuple[str, ...] = ()
    maximum: int = 0


DIARY_SECTIONS = {
    "evening": "The day and evening before",
    "partner": "What the bed partner noticed (for nights with no device, or as well)",
}
DIARY_FIELDS: tuple[DiaryField, ...] = (
    DiaryField("caffeine_cups", "Cups of coffee, tea, cola or energy drinks", "count", "evening", maximum=30),
    DiaryField("caffeine_after_2pm", "Any of them after 2 pm?", "yes_no", "evening"),
    DiaryField("alcohol_drinks", "Alcoholic drinks", "count", "evening", maximum=30),
    DiaryField("stress", "Stress", "choice", "evening", choices=("none", "some", "high")),
    DiaryField("exercise", "Exercise", "choice", "evening", choices=("none", "daytime", "evening")),
    DiaryField("late_meal", "A large meal late in the evening?", "yes_no", "evening"),
    DiaryField("medicines", "Medicines taken (comma-separated)", "text", "evening"),
    DiaryField("medicine_changed", "A medicine started, stopped or its dose changed?", "yes_no", "evening"),
    DiaryField("slept_badly", "Slept badly?", "yes_no", "evening"),
    DiaryField("partner_jerks", "Jerks or kicks seen?", "yes_no", "partner"),
    DiaryField(
        "partner_jerk_frequency", "Roughly how often?", "choice", "partner",
        choices=("a few times", "on and off", "most of the night"),
    ),
    DiaryField("partner_woke_anyone", "Did they wake the sleeper or the partner?", "yes_no", "partner"),
    DiaryField("partner_snoring", "Snoring?", "yes_no", "partner"),
    DiaryField("partner_breathing_pauses", "Pauses in breathing?", "yes_no", "partner"),
)  # fmt: skip


class Diary(BaseModel):
    """One night's diary entry (all optional)."""

    model_config = ConfigDict(extra="forbid")

    caffeine_cups: Annotated[int | None, Field(ge=0, le=30)] = None
    caffeine_after_2pm: bool | None = None
    alcohol_drinks: Annotated[int | None, Field(ge=0, le=30)] = None
    stress: Literal["none", "some", "high"] | None = None
    exercise: Literal["none", "daytime", "evening"] | None = None
    late_meal: bool | None = None
    medicines: Annotated[str | None, Field(max_length=500)] = None
    medicine_changed: bool | None = None
    slept_badly: bool | None = None
    partner_jerks: bool | None = None
    partner_jerk_frequency: Literal["a few times", "on and off", "most of the night"] | None = None
    partner_woke_anyone: bool | None = None
    partner_snoring: bool | None = None
    partner_breathing_pauses: bool | None = None


def parse_diary(data: object) -> dict:
    """Validate a diary entry; a clear one-line PlmscopeInputError naming every bad field."""
    if not isinstance(data, dict):
        raise PlmscopeInputError("a diary entry is a JSON object of field: value")
    cleaned = {k: (None if v == "" else v) for k, v in data.items()}
    try:
        entry = Diary.model_validate(cleaned)
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            name = ".".join(str(part) for part in err.get("loc", ())) or "diary"
            problems.append(f"{name}: {err.get('msg', 'invalid value').lower()}")
        raise PlmscopeInputError("diary: " + "; ".join(problems)) from None
    return entry.model_dump(exclude_none=True)


def diary_summary(entry: dict | None) -> str:
    """A short line for the list of nights."""
    if not entry:
        return ""
    parts = []
    if entry.get("caffeine_cups") is not None:
        cups = entry["caffeine_cups"]
        late = " (after 2 pm)" if entry.get("caffeine_after_2pm") else ""
        parts.append(f"{cups} cup{'s' if cups != 1 else ''} of coffee/tea{late}")
    elif entry.get("caffeine_after_2pm"):
        parts.append("coffee/tea after 2 pm")
    if entry.get("alcohol_drinks"):
        drinks = entry["alcohol_drinks"]
        parts.append(f"{drinks} alcoholic drink{'s' if drinks != 1 else ''}")
    if entry.get("stress") in ("some", "high"):
        parts.append(f"stress: {entry['stress']}")
    if entry.get("exercise") == "evening":
        parts.append("evening exercise")
    if entry.get("late_meal"):
        parts.append("late meal")
    if entry.get("medicine_changed"):
        parts.append("medicine changed")
    if entry.get("slept_badly"):
        parts.append("slept badly")
    if entry.get("partner_jerks"):
        how = entry.get("partner_jerk_frequency")
        parts.append(f"partner saw jerks{f' ({how})' if how else ''}")
    elif entry.get("partner_jerks") is False:
        parts.append("partner saw no jerks")
    if entry.get("partner_breathing_pauses"):
        parts.append("partner saw breathing pauses")
    if entry.get("partner_snoring"):
        parts.append("snoring")
    return " · ".join(parts)

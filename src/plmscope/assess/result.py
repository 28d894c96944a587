"""The result of an assessment: findings with a level, a one-sentence reason and advice."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from enum import IntEnum

import pandas as pd

DISCLAIMER = (
    "This is not a diagnosis: it sorts what you told us (and a night's measurement, if given) "
    "into what is usually harmless and what is worth showing a doctor, with the reasons."
)

ADULT_FROM_AGE = 18  # under this age the child PLMS-index threshold applies


def is_child(age: int | None) -> bool | None:
    """True under 18, False from 18, None when the age was not given."""
    return None if age is None else age < ADULT_FROM_AGE


class Level(IntEnum):
    """How much a finding asks of the person, lowest first (the overall level is the highest).

    ``NOT_ENOUGH_ANSWERS`` is not a judgement but its absence: too few answers to say anything,
    so the result must not reassure; it ranks just above ``REASSURE`` for that reason.
    """

    REASSURE = 0
    NOT_ENOUGH_ANSWERS = 1
    SELF_CARE = 2
    DISCUSS = 3
    SEE_SOON = 4
    URGENT = 5

    @property
    def key(self) -> str:
        """Stable machine name, e.g. ``see_soon``."""
        return self.name.lower()

    @property
    def label(self) -> str:
        """Words shown to people, e.g. ``see a doctor soon``."""
        return LEVEL_LABELS[self]

    @classmethod
    def parse(cls, text: str | int | Level) -> Level:
        """A level from its key, its label or its rank."""
        if isinstance(text, int):
            return cls(text)
        wanted = str(text).strip().lower().replace("-", "_").replace(" ", "_")
        for level in cls:
            if wanted in (level.key, level.label.replace(" ", "_").replace("-", "_")):
                return level
        raise ValueError(f"unknown level {text!r}; choose one of: {', '.join(lv.key for lv in cls)}")


LEVEL_LABELS: dict[Level, str] = {
    Level.REASSURE: "reassure",
    Level.NOT_ENOUGH_ANSWERS: "not enough answers to judge",
    Level.SELF_CARE: "self-care",
    Level.DISCUSS: "discuss with a doctor",
    Level.SEE_SOON: "see a doctor soon",
    Level.URGENT: "urgent",
}


@dataclass(frozen=True)
class Finding:
    """One thing the answers (and the night) point at, with the level, reason and advice."""

    key: str
    title: str
    level: Level
    reason: str
    advice: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()  # answer ids and night keys this finding used

    def to_dict(self) -> dict:
        """Plain JSON-ready form (stable keys)."""
        return {
            "key": self.key,
            "title": self.title,
            "level": self.level.key,
            "level_label": self.level.label,
            "reason": self.reason,
            "advice": list(self.advice),
            "sources": list(self.sources),
        }


@dataclass(frozen=True)
class Assessment:
    """Findings from a questionnaire (and optionally a night), the scores behind them, and who answered."""

    findings: tuple[Finding, ...]
    instruments: dict = field(default_factory=dict)
    respondent: str = "self"
    night_kind: str | None = None  # "psg" | "accelerometer" when a night was combined
    age: int | None = None  # the sleeper's age as answered (picks the child or adult thresholds)

    @property
    def child(self) -> bool | None:
        """True when the sleeper is under 18, None when the age was not given."""
        return is_child(self.age)

    @property
    def overall_level(self) -> Level:
        """The highest level among the findings (not enough answers to judge when there are none)."""
        return max((f.level for f in self.findings), default=Level.NOT_ENOUGH_ANSWERS)

    @property
    def overall_findings(self) -> tuple[Finding, ...]:
        """The findings that set the overall level."""
        return tuple(f for f in self.findings if f.level == self.overall_level)

    def plain_summary(self) -> str:
        """A short paragraph in plain words: the overall level, why, and what comes next."""
        lead = self.overall_findings[0] if self.overall_findings else None
        others = [f.title[:1].lower() + f.title[1:] for f in self.findings if f is not lead][:3]
        parts = [f"Overall: {self.overall_level.label}."]
        if lead:
            parts.append(f"{lead.title}: {lead.reason}")
        if others:
            parts.append(f"Also noted: {'; '.join(others)}.")
        if self.night_kind == "accelerometer":
            parts.append(
                "The night's numbers come from a wearable and are estimates, not a sleep-lab measurement."
            )
        parts.append("This is not a diagnosis.")
        return " ".join(parts)

    def to_dict(self) -> dict:
        """Complete, stable JSON-ready form (embedded by the night report)."""
        return {
            "overall_level": self.overall_level.key,
            "overall_label": self.overall_level.label,
            "findings": [f.to_dict() for f in self.findings],
            "instruments": self.instruments,
            "respondent": self.respondent,
            "night_kind": self.night_kind,
            "age": self.age,
            "child": self.child,
            "plain_summary": self.plain_summary(),
            "disclaimer": DISCLAIMER,
        }

    def to_json(self) -> str:
        """The assessment as JSON text (``plmscope.export.write_atomic`` writes it to a file)."""
        return json.dumps(self.to_dict(), indent=2, ensure_ascii=False, allow_nan=False)

    def summary(self) -> pd.DataFrame:
        """One row per finding, highest level first."""
        rows = [
            {**f.to_dict(), "advice": "; ".join(f.advice), "sources": ", ".join(f.sources)}
            for f in self.findings
        ]
        columns = ["key", "title", "level", "level_label", "reason", "advice", "sources"]
        return pd.DataFrame(rows, columns=columns)

    def to_dataframe(self) -> pd.DataFrame:
        """Same table as :meth:`summary` (YASA-style alias)."""
        return self.summary()

"""How often the jerks come, in the words people use, as one interval with its uncertainty.

Two ways of saying it are taken: an interval ("every 30 seconds", "about every half hour",
"every 2-3 minutes") or a count in a time span ("7-8 times in 5 minutes", "a few times a
night", "20 times an hour", "twice a minute"). Both become an :class:`Interval`: the shortest
and longest time between two jerks that the words allow. A single figure is a rough estimate,
so it is widened by :data:`ROUGH_FACTOR` either way; a range is the person's own uncertainty;
"a night" is 6-9 hours of sleep; vague amounts ("a few", "several", "many") have the spans in
:data:`VAGUE_COUNTS`.

>>> parse_frequency("7-8 times in 5 minutes").describe()
'about every 40 s (38–43 s apart)'
>>> parse_frequency("about every half hour").describe()
'about every 30 min (25–36 min apart)'
>>> parse_frequency("a few times a night").describe()
'about every 2.3 h (1.2–4.5 h apart)'
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

ROUGH_FACTOR = 1.2  # a single figure ("every 30 seconds") is read as within ±20 %
NIGHT_S = (6 * 3600.0, 9 * 3600.0)  # "a night": 6 to 9 hours asleep
FASTEST_S = 0.5  # faster than twice a second is no longer separate jerks
SLOWEST_S = 48 * 3600.0  # slower than once in two days is not "how often in sleep"

UNIT_S: dict[str, tuple[float, float]] = {
    "second": (1.0, 1.0),
    "minute": (60.0, 60.0),
    "hour": (3600.0, 3600.0),
    "night": NIGHT_S,
}
UNIT_WORDS: dict[str, str] = {
    "s": "second", "sec": "second", "secs": "second", "second": "second", "seconds": "second",
    "m": "minute", "min": "minute", "mins": "minute", "minute": "minute", "minutes": "minute",
    "h": "hour", "hr": "hour", "hrs": "hour", "hour": "hour", "hours": "hour",
    "night": "night", "nights": "night",
}  # fmt: skip
VAGUE_COUNTS: dict[str, tuple[float, float]] = {
    "a couple of": (2, 3),
    "a couple": (2, 3),
    "couple of": (2, 3),
    "a few": (2, 5),
    "few": (2, 5),
    "several": (3, 8),
    "a dozen": (12, 12),
    "dozens of": (24, 100),
    "hundreds of": (200, 1000),
    "many": (10, 1000),
    "lots of": (10, 1000),
    "a lot of": (10, 1000),
    "loads of": (10, 1000),
    "a": (1, 1),
    "an": (1, 1),
}
WORD_NUMBERS: dict[str, int] = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "ninety": 90, "hundred": 100,
}  # fmt: skip
ROUGH_WORDS = (
    r"approximately|approx\.?|about|around|roughly|maybe|perhaps|probably|ca\.?|circa|"
    r"or so|more or less|give or take|something like|like|usually|typically|on average|~"
)
EXAMPLES = "e.g. 'every 30 seconds', 'every half hour', '7-8 times in 5 minutes' or 'a few times a night'"

_NUM = r"\d+(?:\.\d+)?(?:\s*-\s*\d+(?:\.\d+)?)?"
_VAGUE = "|".join(sorted((re.escape(k) for k in VAGUE_COUNTS), key=len, reverse=True))
_UNIT = "|".join(sorted(UNIT_WORDS, key=len, reverse=True))
_START, _END = r"(?:^|(?<=\s))", r"(?=$|\s)"  # whole words, anywhere in a sentence
_COUNT_FORM = re.compile(
    rf"{_START}(?P<count>{_NUM}|{_VAGUE})\s*(?:times?|x|kicks?|jerks?|movements?)?\s*"
    rf"(?:in|within|per|a|an|each|every|/|during|over|through|throughout)\s*(?:the|a|an)?\s*"
    rf"(?P<span>{_NUM}|{_VAGUE})?\s*(?P<unit>{_UNIT}){_END}"
)
_INTERVAL_FORM = re.compile(
    rf"{_START}(?P<every>every|each)?\s*(?P<qty>{_NUM}|{_VAGUE})?\s*(?P<unit>{_UNIT})(?:\s*apart)?{_END}"
)


class FrequencyError(ValueError):
    """Words that do not say how often (the message says how to put it)."""


@dataclass(frozen=True)
class Interval:
    """The time between two jerks: from ``low_s`` to ``high_s`` seconds, as the words allow."""

    low_s: float
    high_s: float
    said: str = ""  # the words as given

    @property
    def typical_s(self) -> float:
        """The middle of the range on a log scale (intervals are judged by ratio, not difference)."""
        return math.sqrt(self.low_s * self.high_s)

    @property
    def spread(self) -> float:
        """How many times longer the longest interval is than the shortest (1 = exact)."""
        return self.high_s / self.low_s

    def describe(self) -> str:
        """'about every 40 s (38–43 s apart)': the typical interval and the range, in one unit.

        >>> Interval(25.0, 36.0).describe()
        'about every 30 s (25–36 s apart)'
        """
        scale, unit = _unit_for(self.typical_s)
        return f"about every {_round(self.typical_s / scale)} {unit} ({self.range_text()} apart)"

    def range_text(self) -> str:
        """'38–43 s': the shortest and longest interval, in the unit of the typical one.

        >>> Interval(1300.0, 3240.0).range_text()
        '22–54 min'
        >>> Interval(21.6, 3240.0).range_text()
        '22 s to 54 min'
        """
        scale, unit = _unit_for(self.typical_s)
        if self.low_s / scale < 1:  # 0.36 min: each end in its own unit reads better
            return f"{_seconds_text(self.low_s)} to {_seconds_text(self.high_s)}"
        return f"{_round(self.low_s / scale)}–{_round(self.high_s / scale)} {unit}"


def _unit_for(seconds: float) -> tuple[float, str]:
    """The unit a person would use for this interval: s below 2 min, min below 2 h, else h."""
    if seconds < 120:
        return 1.0, "s"
    if seconds < 7200:
        return 60.0, "min"
    return 3600.0, "h"


def _seconds_text(seconds: float) -> str:
    """'22 s', '54 min', '4.5 h'."""
    scale, unit = _unit_for(seconds)
    return f"{_round(seconds / scale)} {unit}"


def _round(value: float) -> str:
    """Two significant figures, without a trailing '.0' (38.2 -> '38', 2.27 -> '2.3')."""
    if value <= 0:
        return "0"
    digits = max(0, 1 - int(math.floor(math.log10(value))))
    return f"{round(value, digits):.{digits}f}".rstrip("0").rstrip(".") if digits else f"{round(value):.0f}"


REWRITES: tuple[tuple[str, str], ...] = (  # (pattern, replacement), applied in order
    (r"[–—‒−]", "-"),
    (r"(?<=\d),(?=\d)", "."),  # decimal comma
    (r"[,;:!?()\"']", " "),
    (r"\b(?:half an hour|half-hour|half hour|a half hour)\b", "30 minutes"),
    (r"\b(?:a )?quarter(?: of an)?(?: |-)?hour\b", "15 minutes"),
    (r"\b(?:an )?hour and a half\b", "90 minutes"),
    (r"\b(?:(?:a|an|one) )?(second|minute|hour) or two\b", r"1-2 \1s"),
    (rf"\b(?:{ROUGH_WORDS})(?=\s|$)|~", " "),
    *((rf"\b{word}\b", str(number)) for word, number in WORD_NUMBERS.items()),
    (r"\bonce\b", "1 times"),
    (r"\btwice\b", "2 times"),
    (r"\bthrice\b", "3 times"),
    (r"\ba (?=\d)", ""),  # "a 100 times"
    (r"(?<=\d)\s*(?:-|to|or)\s*(?=\d)", "-"),  # "7 to 8", "7 or 8" -> "7-8"
    (r"(?<=\d)(?=[a-z])", " "),  # "5min" -> "5 min"
    (r"\s*/\s*", " / "),
    (r"\s+", " "),
)


def _normalise(text: str) -> str:
    """Lower case, one kind of dash, digits for number words, rough-estimate words removed."""
    text = text.strip().lower()
    for pattern, replacement in REWRITES:
        text = re.sub(pattern, replacement, text)
    return text.strip(" .!,;")


def _amount(text: str | None) -> tuple[float, float]:
    """'7-8' -> (7, 8); '30' -> (30, 30); 'a few' -> (2, 5); None -> (1, 1) ('every minute')."""
    if not text:
        return 1.0, 1.0
    if text in VAGUE_COUNTS:
        low, high = VAGUE_COUNTS[text]
        return float(low), float(high)
    parts = [float(p) for p in text.split("-")]
    return min(parts), max(parts)


def parse_frequency(text: str) -> Interval:
    """The interval between jerks that ``text`` describes (see the module for the forms).

    Raises :class:`FrequencyError` naming the accepted forms when the words do not say how often.

    >>> parse_frequency("every 30 seconds").describe()
    'about every 30 s (25–36 s apart)'
    >>> parse_frequency("twice a minute").describe()
    'about every 30 s (25–36 s apart)'
    >>> parse_frequency("30")
    Traceback (most recent call last):
    ...
    plmscope.assess.frequency.FrequencyError: 30 what? Say how often, e.g. 'every 30 seconds', 'every half hour', '7-8 times in 5 minutes' or 'a few times a night'
    """
    said = " ".join(str(text).split())
    words = _normalise(said)
    if re.fullmatch(_NUM, words) or re.fullmatch(rf"(?:every|each) {_NUM}", words):
        raise FrequencyError(f"{words.split()[-1]} what? Say how often, {EXAMPLES}")
    interval = next((m for m in _INTERVAL_FORM.finditer(words) if m["every"] or m["qty"]), None)
    if match := _COUNT_FORM.search(words):
        count_lo, count_hi = _amount(match["count"])
        span_lo, span_hi = _amount(match["span"])
        unit_lo, unit_hi = UNIT_S[UNIT_WORDS[match["unit"]]]
        if count_lo <= 0:
            raise FrequencyError("a count of 0 means no jerks; say how often they come when they do")
        low, high = span_lo * unit_lo / count_hi, span_hi * unit_hi / count_lo
    elif match := interval:
        qty_lo, qty_hi = _amount(match["qty"])
        unit_lo, unit_hi = UNIT_S[UNIT_WORDS[match["unit"]]]
        low, high = qty_lo * unit_lo, qty_hi * unit_hi
    else:
        raise FrequencyError(f"cannot tell how often from {said!r}; {EXAMPLES}")
    if low == high:
        low, high = low / ROUGH_FACTOR, high * ROUGH_FACTOR
    if low < FASTEST_S:
        raise FrequencyError(f"{said!r} is faster than twice a second; {EXAMPLES}")
    if high > SLOWEST_S:
        raise FrequencyError(f"{said!r} is less than once in two days; {EXAMPLES}")
    return Interval(low_s=low, high_s=high, said=said)


def interval_from_seconds(seconds: float) -> Interval:
    """A figure in seconds (the answer file's ``kick_interval_s``), read as a rough estimate.

    >>> interval_from_seconds(40).describe()
    'about every 40 s (33–48 s apart)'
    """
    return Interval(low_s=seconds / ROUGH_FACTOR, high_s=seconds * ROUGH_FACTOR, said=f"every {seconds:g} s")

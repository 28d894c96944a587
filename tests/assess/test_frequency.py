"""How often, in words: both forms become one interval with its uncertainty, judged against the IMI range."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from plmscope.assess.frequency import (
    NIGHT_S,
    ROUGH_FACTOR,
    FrequencyError,
    interval_from_seconds,
    parse_frequency,
)
from plmscope.assess.kicks import rhythm
from plmscope.rules import AASM, WASM2016


@pytest.mark.parametrize(
    ("said", "low", "high"),
    [
        ("every 30 seconds", 30 / ROUGH_FACTOR, 30 * ROUGH_FACTOR),
        ("30 s apart", 30 / ROUGH_FACTOR, 30 * ROUGH_FACTOR),
        ("about every half hour", 1800 / ROUGH_FACTOR, 1800 * ROUGH_FACTOR),
        ("his legs jerk about every half hour", 1800 / ROUGH_FACTOR, 1800 * ROUGH_FACTOR),
        ("every 20-40 seconds", 20, 40),
        ("every 2 to 3 minutes", 120, 180),
        ("every minute or two", 60, 120),
        ("every 1,5 min", 90 / ROUGH_FACTOR, 90 * ROUGH_FACTOR),
        ("7-8 times in 5 minutes", 300 / 8, 300 / 7),
        ("7–8 times within 5 minutes, and he snores every night", 300 / 8, 300 / 7),
        ("seven or eight times in five minutes", 300 / 8, 300 / 7),
        ("twice a minute", 30 / ROUGH_FACTOR, 30 * ROUGH_FACTOR),
        ("3/min", 20 / ROUGH_FACTOR, 20 * ROUGH_FACTOR),
        ("20 times an hour", 180 / ROUGH_FACTOR, 180 * ROUGH_FACTOR),
        ("once every 10 minutes", 600 / ROUGH_FACTOR, 600 * ROUGH_FACTOR),
        ("a few times a night", NIGHT_S[0] / 5, NIGHT_S[1] / 2),
        ("a couple of times an hour", 3600 / 3, 3600 / 2),
        ("hundreds of times a night", NIGHT_S[0] / 1000, NIGHT_S[1] / 200),
        ("every quarter of an hour", 900 / ROUGH_FACTOR, 900 * ROUGH_FACTOR),
        ("once a night", NIGHT_S[0], NIGHT_S[1]),
    ],
)
def test_the_words_people_use_become_an_interval(said: str, low: float, high: float) -> None:
    interval = parse_frequency(said)
    assert (interval.low_s, interval.high_s) == (pytest.approx(low), pytest.approx(high))
    assert interval.low_s <= interval.typical_s <= interval.high_s and interval.said == " ".join(said.split())


@pytest.mark.parametrize(
    ("said", "message"),
    [
        ("30", "30 what?"),
        ("every 30", "30 what?"),
        ("all night", "cannot tell how often from 'all night'"),
        ("often", "cannot tell how often"),
        ("0 times a night", "a count of 0 means no jerks"),
        ("every 0.1 s", "faster than twice a second"),
        ("every 50 hours", "less than once in two days"),
    ],
)
def test_words_that_do_not_say_how_often_are_refused_with_examples(said: str, message: str) -> None:
    with pytest.raises(FrequencyError, match=message) as info:
        parse_frequency(said)
    assert "\n" not in str(info.value)


UNITS = {"seconds": 1.0, "minutes": 60.0, "hours": 3600.0}


@given(st.integers(1, 600), st.sampled_from(sorted(UNITS)))
def test_an_interval_in_any_unit_is_centred_on_what_was_said(n: int, unit: str) -> None:
    seconds = n * UNITS[unit]
    if not 0.5 * ROUGH_FACTOR <= seconds <= 48 * 3600 / ROUGH_FACTOR:
        return
    interval = parse_frequency(f"every {n} {unit}")
    assert interval.typical_s == pytest.approx(seconds)
    assert interval.spread == pytest.approx(ROUGH_FACTOR**2)


@given(st.integers(1, 50), st.integers(0, 30), st.integers(1, 120))
def test_a_count_in_a_span_is_the_span_over_the_count(low: int, extra: int, minutes: int) -> None:
    high = low + extra
    interval = parse_frequency(f"{low}-{high} times in {minutes} minutes")
    if low == high:
        assert interval.typical_s == pytest.approx(60 * minutes / low)
    else:
        assert interval.low_s == pytest.approx(60 * minutes / high)
        assert interval.high_s == pytest.approx(60 * minutes / low)
    assert math.isfinite(interval.typical_s)


@pytest.mark.parametrize(
    ("said", "wasm", "aasm"),
    [
        ("every 30 seconds", "periodic", "periodic"),
        ("7-8 times in 5 minutes", "periodic", "periodic"),
        ("about every half hour", "far_apart", "far_apart"),
        ("a few times a night", "far_apart", "far_apart"),
        ("every 3 seconds", "rapid", "rapid"),
        ("every 7 seconds", "rapid", "periodic"),  # WASM 10–90 s, AASM 5–90 s
        ("many times a night", "vague", "vague"),
    ],
)
def test_rhythm_follows_the_rule_sets_interval_range(said: str, wasm: str, aasm: str) -> None:
    interval = parse_frequency(said)
    assert (rhythm(interval, WASM2016), rhythm(interval, AASM)) == (wasm, aasm)


def test_seconds_from_an_answer_file_are_a_rough_estimate_too() -> None:
    assert interval_from_seconds(40).describe() == "about every 40 s (33–48 s apart)"
    assert parse_frequency("many times a night").range_text() == "22 s to 54 min"

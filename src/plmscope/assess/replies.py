"""Typed replies to the questionnaire: one reply text -> one answer value (pure, no terminal).

The terminal prompts (``plmscope assess``) and the web form both turn what a person typed into
answer values here, so both accept the same replies.

>>> from plmscope.assess.questions import QUESTIONS
>>> question = next(q for q in QUESTIONS if q.kind == "yes_no")
>>> parse_reply(question, "y"), parse_reply(question, "") is SKIPPED
(True, True)
>>> kicks = next(q for q in QUESTIONS if q.id == "kick_frequency")
>>> parse_reply(kicks, "7-8 times in 5 minutes")
'7-8 times in 5 minutes'
>>> cups = next(q for q in QUESTIONS if q.id == "caffeine_cups_per_day")
>>> parse_reply(cups, "4")
4.0
"""

from __future__ import annotations

from plmscope.assess.frequency import FrequencyError, parse_frequency
from plmscope.assess.questions import Question
from plmscope.assess.schema import parse_body_parts

YES = ("y", "yes", "j", "ja", "true")  # no "1"/"0": a number is never a yes or a no
NO = ("n", "no", "nein", "false")
SKIPPED = object()  # marker: the person pressed Enter


class ReplyError(ValueError):
    """A reply that does not fit the question (the prompt asks again)."""


def _number(text: str, question_range: tuple[float, float] | None, integer: bool) -> float | int:
    try:
        value = float(text.replace(",", "."))
    except ValueError:
        raise ReplyError("please type a number, or press Enter to skip") from None
    if integer:
        if value != int(value):
            raise ReplyError("please type a whole number")
        value = int(value)
    if question_range and not question_range[0] <= value <= question_range[1]:
        lo, hi = question_range
        raise ReplyError(f"please type a number from {lo:g} to {hi:g}")
    return value


def parse_reply(question: Question, reply: str) -> object:
    """The answer value for one typed reply (``SKIPPED`` for Enter); raises ReplyError when it doesn't fit."""
    text = reply.strip()
    if not text:
        return SKIPPED
    if question.kind == "yes_no":
        if text.lower() in YES:
            return True
        if text.lower() in NO:
            return False
        raise ReplyError("please answer y or n, or press Enter to skip")
    if question.kind == "choice":
        hits = [c for c in question.choices if c.startswith(text.lower())]
        if len(hits) != 1:
            raise ReplyError(f"please type one of: {', '.join(question.choices)}")
        return hits[0]
    if question.kind == "text_list":
        return [part.strip() for part in text.split(",") if part.strip()]
    if question.kind == "frequency":
        try:
            parse_frequency(text)
        except FrequencyError as exc:
            raise ReplyError(str(exc)) from None
        return " ".join(text.split())
    if question.kind == "parts":
        try:
            return parse_body_parts(text)
        except ValueError as exc:
            raise ReplyError(str(exc)) from None
    return _number(text, question.range, integer=question.kind in ("integer", "items"))

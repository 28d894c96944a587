"""The questionnaire in a web form: the question bank of :mod:`plmscope.assess`, walked as the
terminal walks it (:func:`plmscope.assess.questions.should_ask`: ask-if and skip-if
conditions, answer-file-only questions left out), the same typed replies
(:func:`plmscope.assess.replies.parse_reply`), and :func:`plmscope.assess.assess` for the
findings. The page asks the server which questions apply as the replies change
(:func:`walk_replies`), so the browser holds no second copy of the conditions or the parsing.

>>> answers, problems, notes = answers_from_replies({"age": "44", "snoring": "y"}, partner=True)
>>> answers.age, answers.snoring, answers.respondent, problems
(44, True, 'partner', {})
>>> walk = walk_replies({"kicks_in_sleep": "y", "kick_frequency": "every 30 seconds"}, partner=True)
>>> "kick_frequency" in walk.shown, walk.answered["kick_frequency"]
(True, 'every 30 seconds')
"""

from __future__ import annotations

from dataclasses import dataclass

from plmscope.assess.loading import answers_from_mapping
from plmscope.assess.questions import QUESTIONS, SECTIONS, Question, should_ask
from plmscope.assess.replies import SKIPPED, ReplyError, parse_reply
from plmscope.assess.schema import BODY_PARTS, Answers

FORM_QUESTIONS: tuple[Question, ...] = tuple(q for q in QUESTIONS if q.interactive)
"""The questions the form shows (the others are for answer files only, as in the terminal)."""
NOT_ASKED = "not asked in the questionnaire (answer files only): send it in 'answers', or reply to the question that asks it"
PARTS_HINT = "Tick every part that jerks or twitches."
PART_LABELS = {"legs": "legs or feet", "arms": "arms or hands", "face": "face or head", "trunk": "trunk (chest, back, belly)"}
PLACEHOLDERS = {"frequency": "e.g. every 30 seconds", "text_list": "separate with commas"}


def question_view(question: Question, partner: bool) -> dict:
    """What the form needs to show one question (wording for the respondent, limits, conditions)."""
    if question.kind == "yes_no":
        options = [["y", "yes"], ["n", "no"]]
    elif question.kind == "parts":
        options = [[part, PART_LABELS.get(part, part)] for part in BODY_PARTS]
    else:
        options = [[c, c] for c in question.choices]
    low_high = list(question.range) if question.range else None
    return {
        "id": question.id,
        "section": question.section,
        "kind": question.kind,
        "text": question.text(partner),
        "help": PARTS_HINT if question.kind == "parts" else question.help,
        "choices": list(question.choices),
        "options": options,
        "items": list(question.items),
        "range": low_high,
        "placeholder": f"{low_high[0]:g}–{low_high[1]:g}" if low_high else PLACEHOLDERS.get(question.kind, ""),
        "core": bool(question.core),
        "ask_if": [[qid, op, value] for qid, op, value in question.ask_if],
        "skip_if": [[qid, op, value] for qid, op, value in question.skip_if],
    }


def form_sections(partner: bool, shown: tuple[str, ...] | None = None) -> list[dict]:
    """The form's questions by section, in asking order (``shown``: which apply, for the page)."""
    shown = walk_replies({}, partner).shown if shown is None else shown
    sections: list[dict] = []
    for question in FORM_QUESTIONS:
        if not sections or sections[-1]["id"] != question.section:
            sections.append({"id": question.section, "title": SECTIONS[question.section], "questions": []})
        sections[-1]["questions"].append({**question_view(question, partner), "shown": question.id in shown})
    return sections


def _reply_text(reply: object) -> str:
    """One reply as the text a person would type (a list, e.g. ticked body parts: comma-separated)."""
    if reply is None:
        return ""
    if isinstance(reply, bool):
        return "yes" if reply else "no"
    if isinstance(reply, list):
        return ", ".join(_reply_text(r) for r in reply if _reply_text(r).strip())
    return str(reply)


def _item_scores(question: Question, replies: object) -> tuple[list[int] | None, str | None, str | None]:
    """(scores, problem, note) for an items question, read as the terminal asks it.

    Items are read in order; the first one skipped leaves the whole scale out (it needs every
    item), and an item that does not fit before that is a problem.
    """
    if not isinstance(replies, list):
        replies = [] if replies in (None, "") else [replies]
    texts = [_reply_text(r).strip() for r in replies]
    count = len(question.items)
    if not any(texts):
        return None, None, None
    if len(texts) > count:
        return None, f"{len(texts)} scores for {count} items", None
    scores = []
    for number, text in enumerate(texts + [""] * (count - len(texts)), start=1):
        if not text:
            return None, None, f"{question.id}: left out, as this score needs every one of its {count} items"
        try:
            scores.append(parse_reply(question, text))
        except ReplyError as exc:
            return None, f"item {number}: {exc}", None
    return scores, None, None


@dataclass(frozen=True)
class Walk:
    """The bank walked with a set of replies: what applies, what was answered, what does not fit."""

    answered: dict  # question id -> answer value (and "respondent"), as the terminal collects them
    shown: tuple[str, ...]  # the questions that apply given the earlier answers, in asking order
    problems: dict[str, str]  # question id -> why its reply does not fit
    notes: tuple[str, ...]  # e.g. a scale left out because an item was skipped


def walk_replies(replies: dict, partner: bool) -> Walk:
    """Walk the bank in order, as the terminal does, reading each reply that applies.

    A question applies when :func:`~plmscope.assess.questions.should_ask` says so for the
    answers before it; a reply to a question that does not apply is dropped, as the terminal
    never asks it. A reply that does not fit counts as not answered for the questions after
    it (the terminal would ask again) and is named in ``problems``.
    """
    answered: dict = {"respondent": "partner" if partner else "self"}
    shown: list[str] = []
    problems: dict[str, str] = {}
    notes: list[str] = []
    known = {q.id: q for q in QUESTIONS}
    for qid in sorted(set(replies) - set(known)):
        problems[qid] = "unknown question"
    for qid in sorted(set(replies) & {q.id for q in QUESTIONS if not q.interactive}):
        if _reply_text(replies[qid]).strip():
            problems[qid] = NOT_ASKED
    for question in FORM_QUESTIONS:
        if not should_ask(question, answered):
            continue
        shown.append(question.id)
        if question.id not in replies:
            continue
        if question.kind == "items":
            value, problem, note = _item_scores(question, replies[question.id])
            if note:
                notes.append(note)
        else:
            problem = None
            try:
                value = parse_reply(question, _reply_text(replies[question.id]))
            except ReplyError as exc:
                value, problem = None, str(exc)
        if problem:
            problems[question.id] = problem
        elif value is not SKIPPED and value is not None:
            answered[question.id] = value
    return Walk(answered, tuple(shown), problems, tuple(notes))


def answers_from_replies(
    replies: dict, partner: bool
) -> tuple[Answers | None, dict[str, str], list[str]]:
    """Typed replies (question id -> text, or a list of texts for items) -> validated answers.

    Returns the answers (None if any reply does not fit), the problems by question id, and
    notes; see :func:`walk_replies` for which replies count.
    """
    walk = walk_replies(replies, partner)
    if walk.problems:
        return None, walk.problems, list(walk.notes)
    return answers_from_mapping(walk.answered, source="questionnaire"), {}, list(walk.notes)

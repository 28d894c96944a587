"""The questionnaire in a web form: the question bank of :mod:`plmscope.assess`, the same
typed replies as the terminal (:func:`plmscope.assess.replies.parse_reply`), the same
ask-if conditions, and :func:`plmscope.assess.assess` for the findings.

>>> answers, problems, notes = answers_from_replies({"age": "44", "snoring": "y"}, partner=True)
>>> answers.age, answers.snoring, answers.respondent, problems
(44, True, 'partner', {})
"""

from __future__ import annotations

from plmscope.assess.loading import answers_from_mapping
from plmscope.assess.questions import QUESTIONS, SECTIONS, Question, should_ask
from plmscope.assess.replies import SKIPPED, ReplyError, parse_reply
from plmscope.assess.schema import Answers


def question_view(question: Question, partner: bool) -> dict:
    """What the form needs to show one question (wording for the respondent, limits, conditions)."""
    return {
        "id": question.id,
        "section": question.section,
        "kind": question.kind,
        "text": question.text(partner),
        "help": question.help,
        "choices": list(question.choices),
        "options": [["y", "yes"], ["n", "no"]] if question.kind == "yes_no" else [[c, c] for c in question.choices],
        "items": list(question.items),
        "range": list(question.range) if question.range else None,
        "ask_if": [[qid, op, value] for qid, op, value in question.ask_if],
    }


def form_sections(partner: bool) -> list[dict]:
    """The question bank by section, in asking order."""
    sections: list[dict] = []
    for question in QUESTIONS:
        if not sections or sections[-1]["id"] != question.section:
            sections.append({"id": question.section, "title": SECTIONS[question.section], "questions": []})
        sections[-1]["questions"].append(question_view(question, partner))
    return sections


def _reply_text(reply: object) -> str:
    if reply is None:
        return ""
    if isinstance(reply, bool):
        return "yes" if reply else "no"
    return str(reply)


def _item_scores(question: Question, replies: object) -> tuple[list[int] | None, str | None, str | None]:
    """(scores, problem, note) for an items question; every item is needed or the scale is left out."""
    if not isinstance(replies, list):
        replies = [] if replies in (None, "") else [replies]
    texts = [_reply_text(r) for r in replies]
    if not any(t.strip() for t in texts):
        return None, None, None
    if len(texts) != len(question.items) or not all(t.strip() for t in texts):
        return None, None, f"{question.id}: left out, as this score needs every one of its {len(question.items)} items"
    scores = []
    for number, text in enumerate(texts, start=1):
        try:
            scores.append(parse_reply(question, text))
        except ReplyError as exc:
            return None, f"item {number}: {exc}", None
    return scores, None, None


def answers_from_replies(
    replies: dict, partner: bool
) -> tuple[Answers | None, dict[str, str], list[str]]:
    """Typed replies (question id -> text, or a list of texts for items) -> validated answers.

    Walks the bank in order with its ask-if conditions, as the terminal does: a reply to a
    question that does not apply (given the earlier answers) is dropped. Returns the answers
    (None if any reply does not fit), the problems by question id, and notes.
    """
    answered: dict = {"respondent": "partner" if partner else "self"}
    problems: dict[str, str] = {}
    notes: list[str] = []
    unknown = sorted(set(replies) - {q.id for q in QUESTIONS})
    for qid in unknown:
        problems[qid] = "unknown question"
    for question in QUESTIONS:
        if question.id not in replies or not should_ask(question, answered):
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
    if problems:
        return None, problems, notes
    return answers_from_mapping(answered, source="questionnaire"), problems, notes

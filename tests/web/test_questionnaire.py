"""The questionnaire on the web: the terminal's questions, conditions and replies; findings in the report."""

from __future__ import annotations

import io
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich.console import Console
from rich.markup import escape

from plmscope.assess import assess
from plmscope.assess.questions import QUESTIONS
from plmscope.cli.prompts import ask_answers
from plmscope.errors import PlmscopeInputError
from plmscope.web.questionnaire import NOT_ASKED, answers_from_replies, form_sections, walk_replies

BY_ID = {q.id: q for q in QUESTIONS}
FILE_ONLY = [q.id for q in QUESTIONS if not q.interactive]


def test_replies_are_read_as_the_terminal_reads_them():
    answers, problems, notes = answers_from_replies(
        {"age": "61", "bmi": "31,5", "snoring": "yes", "sex": "m", "new_medicine": "y", "medicines": "pramipexole, iron"}, partner=False
    )
    assert problems == {} and notes == []
    assert (answers.age, answers.bmi, answers.snoring, answers.sex) == (61, 31.5, True, "male")
    assert answers.medicines == ["pramipexole", "iron"] and answers.respondent == "self"


def test_how_often_and_which_parts_in_words_or_ticks():
    replies = {"kicks_in_sleep": "y", "kick_frequency": "seven or eight times within five minutes", "body_parts": ["legs", "arms"]}
    answers, problems, _notes = answers_from_replies(replies, partner=True)
    assert problems == {}
    assert answers.kick_frequency == "seven or eight times within five minutes" and answers.body_parts == ["legs", "arms"]
    assert 30 < answers.kick_interval.low_s < answers.kick_interval.high_s < 50
    typed, problems, _ = answers_from_replies({"jerks_falling_asleep": "y", "body_parts": "feet, hands"}, partner=False)
    assert problems == {} and typed.body_parts == ["legs", "arms"]
    _none, problems, _ = answers_from_replies({"kicks_in_sleep": "y", "kick_frequency": "30", "body_parts": "wings"}, partner=False)
    assert "30 what?" in problems["kick_frequency"] and "unknown body part 'wings'" in problems["body_parts"]


def test_questions_that_do_not_apply_are_dropped():
    # rls_rest is asked only after rls_urge == yes, height only when no BMI was given,
    # how often only after kicks in sleep, pregnancy unless the sleeper is male
    answers, problems, _notes = answers_from_replies(
        {"rls_urge": "n", "rls_rest": "y", "bmi": "24", "height_cm": "180", "kicks_in_sleep": "n",
         "kick_frequency": "every 30 seconds", "sex": "male", "pregnant": "y"}, partner=True,
    )  # fmt: skip
    assert problems == {}
    assert answers.rls_urge is False and answers.rls_rest is None and answers.height_cm is None
    assert answers.kick_frequency is None and answers.pregnant is None
    assert answers.bmi == 24 and answers.respondent == "partner"


def test_a_total_is_asked_only_without_its_items():
    irls = BY_ID["irls"]
    items = {"rls_urge": "y", "irls": ["2"] * len(irls.items)}
    walk = walk_replies({**items, "irls_total": "30"}, partner=False)
    assert "irls_total" not in walk.shown and walk.answered["irls"] == [2] * len(irls.items)
    assert "irls_total" not in walk.answered  # skip_if: irls given, as the terminal skips it
    partial = walk_replies({"rls_urge": "y", "irls": ["2", ""], "irls_total": "30"}, partner=False)
    assert "irls_total" in partial.shown and partial.answered["irls_total"] == 30 and "irls" not in partial.answered
    assert "epworth_total" in walk_replies({}, partner=False).shown
    assert "epworth_total" not in walk_replies({"epworth": ["1"] * 8}, partner=False).shown


def test_answer_file_keys_are_not_replies():
    _none, problems, _ = answers_from_replies({"kick_interval_s": "30", "alcohol_evening": "y"}, partner=False)
    assert problems == {"alcohol_evening": NOT_ASKED, "kick_interval_s": NOT_ASKED}
    assert not any(q["id"] in FILE_ONLY for s in form_sections(False) for q in s["questions"])


def test_replies_that_do_not_fit_are_named():
    answers, problems, _notes = answers_from_replies({"age": "two hundred", "snoring": "maybe", "nap": "y"}, partner=False)
    assert answers is None
    assert set(problems) == {"age", "snoring", "nap"}
    assert "number" in problems["age"] and "y or n" in problems["snoring"] and problems["nap"] == "unknown question"


def test_a_scale_needs_every_item():
    irls = BY_ID["irls"]
    base = {"rls_urge": "y"}
    full, problems, _ = answers_from_replies({**base, "irls": ["2"] * len(irls.items)}, partner=False)
    assert problems == {} and full.irls == [2] * len(irls.items)
    part, problems, notes = answers_from_replies({**base, "irls": ["2", "", "1"]}, partner=False)
    assert problems == {} and part.irls is None and "needs every one" in notes[0]
    bad, problems, _ = answers_from_replies({**base, "irls": ["9"] * len(irls.items)}, partner=False)
    assert bad is None and "item 1" in problems["irls"]
    extra, problems, _ = answers_from_replies({**base, "irls": ["1"] * (len(irls.items) + 1)}, partner=False)
    assert extra is None and "11 scores for 10 items" in problems["irls"]


def test_form_wording_follows_the_respondent():
    partner = {q["id"]: q for s in form_sections(True) for q in s["questions"]}
    sleeper = {q["id"]: q for s in form_sections(False) for q in s["questions"]}
    assert partner["age"]["text"] != sleeper["age"]["text"] and "person you sleep beside" in partner["age"]["text"]
    assert partner["rls_rest"]["ask_if"] == [["rls_urge", "==", True]]
    assert partner["irls_total"]["skip_if"] == [["irls", "given", None]]
    assert partner["snoring"]["core"] and not partner["age"]["core"]
    assert partner["body_parts"]["kind"] == "parts" and [v for v, _ in partner["body_parts"]["options"]] == ["legs", "arms", "face", "trunk"]


# --- the form takes the replies the terminal takes, and asks what the terminal asks ---------
def reply_strategy(question, fitting: bool):
    """Replies a person might type for one question: fitting ones (and, unless ``fitting``, some that do not fit)."""
    def pick(good: list, bad: list):
        return st.sampled_from(good if fitting else good + bad)

    if question.kind == "yes_no":
        return pick(["y", "n", "yes", "no", ""], ["maybe"])
    if question.kind == "choice":
        return pick([*question.choices, question.choices[0][:2], ""], ["x"])
    if question.kind == "frequency":
        return pick(["every 30 seconds", "7-8 times in 5 minutes", "about every half hour", "a few times a night", ""], ["30"])
    if question.kind == "parts":
        return pick(["legs", "feet, hands", "whole body", "legs, face", ""], ["wings"])
    if question.kind == "text_list":
        return pick(["pramipexole, iron", "", "sertraline"], [])
    if question.kind == "items":
        lo, hi = question.range
        item = pick([str(int(lo)), str(int(hi)), "1"] * 4 + [""], [str(int(hi) + 1)])
        return st.lists(item, min_size=len(question.items), max_size=len(question.items))
    lo, hi = question.range or (0, 100)
    inside = [lo, hi, (lo + hi) // 2, *(v for v in (0, 1) if lo <= v <= hi)]
    good = [f"{v:g}" for v in inside] + ([f"{lo + 0.5:g}".replace(".", ",")] if question.kind == "number" else [])
    return pick([*good, ""], ["abc", f"{hi + 1:g}", *(["2.5"] if question.kind == "integer" else [])])


def replies_strategy(fitting: bool):
    return st.fixed_dictionaries({}, optional={q.id: reply_strategy(q, fitting) for q in QUESTIONS if q.interactive})


def terminal(replies: dict, partner: bool):
    """``plmscope assess`` in the terminal, typing ``replies``; a refused reply is then skipped.

    Returns (answers or the error, the questions asked, the questions whose reply was refused).
    """
    prompts = {}
    for q in QUESTIONS:
        if q.kind == "items":
            for number, item in enumerate(q.items, start=1):
                prompts[escape(f"  {number}. {item}")] = (q.id, number - 1)
        elif q.interactive:
            prompts[escape(q.text(partner))] = (q.id, None)
    asked, refused, last = [], set(), None

    def ask(prompt: str) -> str:
        nonlocal last
        key = prompt.split(" [dim](")[0]
        qid, item = prompts[key]
        if key == last:  # asked again: the reply did not fit
            refused.add(qid)
            return ""
        last = key
        if item in (None, 0):
            asked.append(qid)
        reply = replies.get(qid, [] if item is not None else "")
        return (reply[item] if item < len(reply) else "") if item is not None else reply

    try:
        answers = ask_answers(partner=partner, ask=ask, console=Console(file=io.StringIO()))
    except PlmscopeInputError as exc:
        answers = exc
    return answers, asked, refused


def test_the_terminal_prompts_are_told_apart():
    for partner in (False, True):
        texts = [q.text(partner) for q in QUESTIONS if q.interactive and q.kind != "items"]
        assert len(texts) == len(set(texts))


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(replies=replies_strategy(fitting=True), partner=st.booleans())
def test_the_form_asks_and_reads_what_the_terminal_does(replies, partner):
    walk = walk_replies(replies, partner)
    answers_cli, asked, refused = terminal(replies, partner)
    assert refused == set() and walk.problems == {}
    assert list(walk.shown) == asked
    try:
        answers_web = answers_from_replies(replies, partner)[0]
    except PlmscopeInputError as exc:
        answers_web = exc
    if isinstance(answers_cli, PlmscopeInputError):  # answers that contradict each other: the same line
        assert str(answers_web) == str(answers_cli)
    else:
        assert answers_web == answers_cli


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(replies=replies_strategy(fitting=False), partner=st.booleans())
def test_the_form_refuses_what_the_terminal_refuses(replies, partner):
    _answers_cli, asked, refused = terminal(replies, partner)
    walk = walk_replies(replies, partner)
    assert set(walk.problems) == refused  # a reply that does not fit counts as not answered in both
    assert list(walk.shown) == asked


# --- the API and the pages ------------------------------------------------------------------
def test_check_says_what_applies_and_what_does_not_fit(scored):
    client, _night_id, _data = scored
    first = client.post("/api/questions/check", json={"respondent": "partner", "replies": {}}).json()
    assert "kick_frequency" not in first["shown"] and "jerks_daytime" in first["shown"]
    later = client.post(
        "/api/questions/check", json={"respondent": "partner", "replies": {"kicks_in_sleep": "y", "kick_frequency": "30", "sore_calves": "y"}}
    ).json()
    assert {"kick_frequency", "movement_kind", "body_parts", "calf_swollen", "partner_woken"} <= set(later["shown"])
    assert list(later["problems"]) == ["kick_frequency"] and "30 what?" in later["problems"]["kick_frequency"]
    wrong = client.post("/api/questions/check", json={"replies": {"age": {"years": 3}}})
    assert wrong.status_code == 422 and "error" in wrong.json()


def test_assessment_joins_the_nights_report(scored):
    client, night_id, _data = scored
    replies = {"age": "58", "kicks_in_sleep": "y", "kick_frequency": "every 30 seconds", "snoring": "n", "sleep_complaint": "y"}
    made = client.post("/api/assessments", json={"night_id": night_id, "respondent": "partner", "replies": replies})
    assert made.status_code == 201, made.text
    result = made.json()["assessment"]
    answers, _problems, _notes = answers_from_replies(replies, partner=True)
    night = client.get(f"/api/nights/{night_id}").json()
    assert result == assess(answers, night=night["result"]).to_dict()  # the engine's findings, unchanged
    assert night["assessment"] == result
    report = client.get(f"/nights/{night_id}/report").text
    assert "From the questionnaire" in report and result["findings"][0]["title"] in report
    page = client.get(f"/nights/{night_id}", headers={"accept": "text/html"}).text
    assert f'<div class="level-{result["overall_level"]}">' in page


def test_too_few_answers_are_not_enough_to_judge(scored):
    client, _night_id, _data = scored
    made = client.post("/api/assessments", json={"replies": {"snoring": "n", "age": "40"}})
    assert made.status_code == 201, made.text
    result = made.json()["assessment"]
    assert result["overall_level"] == "not_enough_answers" and result["overall_label"] == "not enough answers to judge"
    assert "never read as a no" in result["findings"][0]["reason"]


def test_bad_replies_are_a_422_naming_each_question(scored):
    client, night_id, _data = scored
    response = client.post("/api/assessments", json={"night_id": night_id, "replies": {"age": "-3"}})
    assert response.status_code == 422
    assert "age" in response.json()["fields"] and response.json()["error"].startswith("some answers do not fit")


def test_answers_on_their_own_and_as_values(scored):
    client, _night_id, _data = scored
    alone = client.post("/api/assessments", json={"answers": {"rls_urge": True, "snoring": False}})
    assert alone.status_code == 201 and alone.json()["night_id"] is None
    seconds = client.post("/api/assessments", json={"answers": {"kicks_in_sleep": True, "kick_interval_s": 45}})
    assert seconds.status_code == 201, seconds.text  # an answer file's key is fine as a value
    wrong = client.post("/api/assessments", json={"answers": {"snorring": True}})
    assert wrong.status_code == 422 and "did you mean 'snoring'" in wrong.json()["error"]


@pytest.mark.parametrize("who", ["self", "partner"])
def test_questionnaire_page_has_every_question_it_asks(scored, who):
    client, night_id, _data = scored
    page = client.get(f"/questionnaire?night={night_id}&who={who}", headers={"accept": "text/html"}).text
    shown = walk_replies({}, partner=who == "partner").shown
    for question in QUESTIONS:
        found = re.search(rf'<div class="q" data-qid="{question.id}" data-kind="{question.kind}"( hidden)?>', page)
        assert (found is not None) == question.interactive, question.id
        if found:
            assert (found.group(1) is None) == (question.id in shown), question.id
    assert page.count('class="key-tag"') == 1 + sum(1 for q in QUESTIONS if q.core)
    assert ("as the bed partner</strong>" in page) == (who == "partner")
    assert client.get("/api/questions?who=partner").json() == form_sections(True)

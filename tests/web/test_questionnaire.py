"""The questionnaire on the web: the terminal's replies and conditions, findings in the report."""

from __future__ import annotations

from plmscope.assess import assess
from plmscope.assess.questions import QUESTIONS
from plmscope.web.questionnaire import answers_from_replies, form_sections


def test_replies_are_read_as_the_terminal_reads_them():
    answers, problems, notes = answers_from_replies(
        {"age": "61", "bmi": "31,5", "snoring": "yes", "sex": "m", "new_medicine": "y", "medicines": "pramipexole, iron"}, partner=False
    )
    assert problems == {} and notes == []
    assert (answers.age, answers.bmi, answers.snoring, answers.sex) == (61, 31.5, True, "male")
    assert answers.medicines == ["pramipexole", "iron"] and answers.respondent == "self"


def test_questions_that_do_not_apply_are_dropped():
    # rls_rest is asked only after rls_urge == yes, height only when no BMI was given
    answers, problems, _notes = answers_from_replies(
        {"rls_urge": "n", "rls_rest": "y", "bmi": "24", "height_cm": "180"}, partner=True
    )
    assert problems == {}
    assert answers.rls_urge is False and answers.rls_rest is None and answers.height_cm is None
    assert answers.bmi == 24 and answers.respondent == "partner"


def test_replies_that_do_not_fit_are_named():
    answers, problems, _notes = answers_from_replies({"age": "two hundred", "snoring": "maybe", "nap": "y"}, partner=False)
    assert answers is None
    assert set(problems) == {"age", "snoring", "nap"}
    assert "number" in problems["age"] and "y or n" in problems["snoring"] and problems["nap"] == "unknown question"


def test_a_scale_needs_every_item():
    irls = next(q for q in QUESTIONS if q.id == "irls")
    base = {"rls_urge": "y"}
    full, problems, _ = answers_from_replies({**base, "irls": ["2"] * len(irls.items)}, partner=False)
    assert problems == {} and full.irls == [2] * len(irls.items)
    part, problems, notes = answers_from_replies({**base, "irls": ["2", "", "1"]}, partner=False)
    assert problems == {} and part.irls is None and "needs every one" in notes[0]
    bad, problems, _ = answers_from_replies({**base, "irls": ["9"] * len(irls.items)}, partner=False)
    assert bad is None and "item 1" in problems["irls"]


def test_form_wording_follows_the_respondent():
    partner = {q["id"]: q for s in form_sections(True) for q in s["questions"]}
    sleeper = {q["id"]: q for s in form_sections(False) for q in s["questions"]}
    assert partner["age"]["text"] != sleeper["age"]["text"] and "person you sleep beside" in partner["age"]["text"]
    assert partner["rls_rest"]["ask_if"] == [["rls_urge", "==", True]]


def test_assessment_joins_the_nights_report(scored):
    client, night_id, _data = scored
    replies = {"age": "58", "kicks_in_sleep": "y", "kick_interval_s": "30", "snoring": "n", "sleep_complaint": "y"}
    made = client.post("/api/assessments", json={"night_id": night_id, "respondent": "partner", "replies": replies})
    assert made.status_code == 201, made.text
    result = made.json()["assessment"]
    answers, _problems, _notes = answers_from_replies(replies, partner=True)
    night = client.get(f"/api/nights/{night_id}").json()
    assert result == assess(answers, night=night["result"]).to_dict()  # the engine's findings, unchanged
    assert night["assessment"] == result
    report = client.get(f"/nights/{night_id}/report").text
    assert "From the questionnaire" in report and result["findings"][0]["title"] in report


def test_bad_replies_are_a_422_naming_each_question(scored):
    client, night_id, _data = scored
    response = client.post("/api/assessments", json={"night_id": night_id, "replies": {"age": "-3"}})
    assert response.status_code == 422
    assert "age" in response.json()["fields"] and response.json()["error"].startswith("some answers do not fit")


def test_answers_on_their_own_and_as_values(scored):
    client, _night_id, _data = scored
    alone = client.post("/api/assessments", json={"answers": {"rls_urge": True, "snoring": False}})
    assert alone.status_code == 201 and alone.json()["night_id"] is None
    wrong = client.post("/api/assessments", json={"answers": {"snorring": True}})
    assert wrong.status_code == 422 and "did you mean 'snoring'" in wrong.json()["error"]


def test_questionnaire_page_has_every_question(scored):
    client, night_id, _data = scored
    page = client.get(f"/questionnaire?night={night_id}&who=partner", headers={"accept": "text/html"}).text
    for question in QUESTIONS:
        assert f'data-qid="{question.id}"' in page
    assert "as the bed partner</strong>" in page

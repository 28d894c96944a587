"""The question bank, the schema and docs/assessment.md agree with each other."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pydantic import ValidationError

from plmscope.assess.catalogue import FINDING_TYPES
from plmscope.assess.questions import QUESTIONS, SECTIONS, should_ask
from plmscope.assess.result import Level
from plmscope.assess.schema import QUESTION_IDS, RANGES, Answers

DOCS = (Path(__file__).parents[2] / "docs" / "assessment.md").read_text(encoding="utf-8")
BY_ID = {q.id: q for q in QUESTIONS}


def test_every_answer_field_has_a_question_and_back() -> None:
    assert set(BY_ID) == set(QUESTION_IDS) - {"respondent"}
    assert len(BY_ID) == len(QUESTIONS)


def test_questions_have_both_wordings_and_a_known_section() -> None:
    for q in QUESTIONS:
        assert q.text_self and q.text_partner and q.section in SECTIONS, q.id
        if q.kind in ("number", "integer", "items"):
            assert q.range == RANGES[q.id]
        for qid, _op, _value in q.ask_if:
            assert qid in BY_ID, (q.id, qid)


def test_partner_wording_talks_about_the_sleeper() -> None:
    assert BY_ID["kicks_in_sleep"].text(partner=True).startswith("Does the person you sleep beside")
    assert BY_ID["jerks_falling_asleep"].text(partner=False).startswith("Do you")
    differs = [q.id for q in QUESTIONS if q.text_self != q.text_partner]
    assert (
        len(differs) >= len(QUESTIONS) - 3
    )  # only neutral wordings (intervals, rhythm, medicine names) repeat


def test_item_scales_match_the_schema_lengths() -> None:
    assert len(BY_ID["irls"].items) == 10 and len(BY_ID["epworth"].items) == 8
    assert Answers(irls=[0] * 10, epworth=[3] * 8).epworth == [3] * 8
    for field, count in (("irls", 9), ("epworth", 10)):
        with pytest.raises(ValidationError):
            Answers(**{field: [0] * count})


def test_should_ask_follows_conditions() -> None:
    assert should_ask(BY_ID["age"], {})
    assert not should_ask(BY_ID["rls_rest"], {}) and should_ask(BY_ID["rls_rest"], {"rls_urge": True})
    assert should_ask(BY_ID["rls_lifetime_episodes"], {"rls_days_per_week": 1})
    assert not should_ask(BY_ID["rls_lifetime_episodes"], {"rls_days_per_week": 3})
    assert should_ask(BY_ID["pregnant"], {}) and not should_ask(BY_ID["pregnant"], {"sex": "male"})
    assert should_ask(BY_ID["height_cm"], {}) and not should_ask(BY_ID["height_cm"], {"bmi": 24})


def test_docs_list_every_question_id() -> None:
    for qid in QUESTION_IDS:
        assert re.search(rf"^\| `{qid}` \|", DOCS, re.MULTILINE), qid


def test_docs_mapping_table_matches_the_catalogue() -> None:
    for key, kind in FINDING_TYPES.items():
        assert f"| `{key}` | {kind.title} | {kind.level.label} |" in DOCS, key
    for level in Level:
        assert f"| `{level.key}` | {level.label} |" in DOCS


def test_docs_say_the_official_forms_are_needed_for_clinical_scoring() -> None:
    assert "official IRLS form" in DOCS and "must be used for clinical scoring" in DOCS


def allowed_words(question) -> str:
    """The 'allowed' column of docs/assessment.md for one question."""
    from plmscope.assess.schema import BODY_PARTS

    kind = question.kind
    if kind == "yes_no":
        return "yes / no"
    if kind == "choice":
        return " / ".join(question.choices)
    if kind in ("number", "integer"):
        return f"{question.range[0]:g}–{question.range[1]:g}"
    if kind == "items":
        return f"list of exactly {len(question.items)} integers {question.range[0]:g}–{question.range[1]:g}"
    if kind == "text_list":
        return "list of names"
    if kind == "frequency":
        return "how often, in words (see below)"
    return "list of " + ", ".join(BODY_PARTS) + " (or `whole body`)"


def test_docs_question_table_matches_the_bank_row_by_row() -> None:
    """Type, allowed values, wording, answer-file-only and key-question marks stay in sync."""
    for q in QUESTIONS:
        note = " *(answer files only)*" if not q.interactive else ""
        key = " **(key question)**" if q.core else ""
        row = f"| `{q.id}` | {q.kind} | {allowed_words(q)} | {q.text_self}{note}{key} |"
        assert row in DOCS, row


def test_partner_wording_repeats_only_for_neutral_questions() -> None:
    same = {q.id for q in QUESTIONS if q.text_self == q.text_partner}
    assert same <= {"kick_interval_s", "jerks_rhythmic", "medicines"}, same


def test_key_questions_are_few_and_say_what_they_settle() -> None:
    from plmscope.assess.questions import CORE_QUESTIONS

    assert 5 <= len(CORE_QUESTIONS) <= 8
    assert all(q.core.startswith("whether ") and q.kind == "yes_no" for q in CORE_QUESTIONS)

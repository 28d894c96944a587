"""Answer files and night results: validation with one clear line per problem."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from plmscope.assess import Answers, load_answers, load_night
from plmscope.assess.loading import answers_from_mapping
from plmscope.errors import PlmscopeInputError


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def error_of(path: Path) -> str:
    with pytest.raises(PlmscopeInputError) as info:
        load_answers(path)
    message = str(info.value)
    assert "\n" not in message
    return message


def test_yaml_and_json_give_the_same_answers(tmp_path: Path) -> None:
    yaml_file = write(tmp_path, "a.yaml", "snoring: yes\nepworth: [1, 2, 0, 3, 1, 0, 0, 1]\nage: 40\n")
    json_file = write(
        tmp_path, "a.json", json.dumps({"snoring": True, "epworth": [1, 2, 0, 3, 1, 0, 0, 1], "age": 40})
    )
    assert load_answers(yaml_file) == load_answers(json_file)


def test_an_empty_file_means_every_question_skipped(tmp_path: Path) -> None:
    assert load_answers(write(tmp_path, "empty.yml", "")) == Answers()


def test_unknown_question_names_the_file_and_suggests(tmp_path: Path) -> None:
    message = error_of(write(tmp_path, "answers.yaml", "snorring: yes\n"))
    assert message == "answers.yaml: unknown question 'snorring' (did you mean 'snoring'?)"


def test_item_out_of_range_names_the_item(tmp_path: Path) -> None:
    message = error_of(write(tmp_path, "answers.yaml", "epworth: [1, 1, 5, 1, 1, 1, 1, 1]\n"))
    assert message == "answers.yaml: epworth[2] must be 0–3, got 5"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("irls: [1, 2, 3]\n", "irls needs exactly 10 item scores (0–4 each), got 3"),
        ("age: 130\n", "age must be 0–120, got 130"),
        ("neck_cm: 12\n", "neck_cm must be 20–70, got 12"),
        ("bmi: heavy\n", "bmi must be a number in 10–80, got 'heavy'"),
        ("snoring: sometimes\n", "snoring must be yes or no, got 'sometimes'"),
        ("sex: m\n", "sex must be one of 'male', 'female' or 'other', got 'm'"),
    ],
)
def test_bad_values_are_clear(tmp_path: Path, text: str, expected: str) -> None:
    assert error_of(write(tmp_path, "answers.yaml", text)) == f"answers.yaml: {expected}"


def test_several_problems_are_all_named_on_one_line(tmp_path: Path) -> None:
    message = error_of(write(tmp_path, "a.yaml", "age: -1\nsnorring: yes\n"))
    assert "age must be 0–120" in message and "'snorring'" in message


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        ("a.txt", "age: 3", "must be a .yaml, .yml or .json file"),
        ("a.yaml", "age: [1,\n", "not valid YAML"),
        ("a.json", "{age: 3}", "not valid JSON"),
        ("a.yaml", "- age\n- snoring\n", "expected question: answer pairs, got list"),
    ],
)
def test_unreadable_answer_files(tmp_path: Path, name: str, text: str, expected: str) -> None:
    assert expected in error_of(write(tmp_path, name, text))


def test_missing_answer_file(tmp_path: Path) -> None:
    assert "no such file" in error_of(tmp_path / "nope.yaml")


def test_answers_are_frozen_and_dicts_validate_the_same() -> None:
    answers = answers_from_mapping({"snoring": "yes"})
    assert answers.snoring is True
    with pytest.raises(PlmscopeInputError, match="answers: unknown question"):
        answers_from_mapping({"nonsense": 1})


def test_night_file_must_be_a_plmscope_result(tmp_path: Path) -> None:
    good = write(tmp_path, "night.json", json.dumps({"indices": {"plms_index": 12.0}}))
    assert load_night(good)["indices"]["plms_index"] == 12.0
    for text, expected in (
        ('{"foo": 1}', "is not a plmscope result"),
        ("[1, 2]", "is not a plmscope result"),
        ("{", r"is not a plmscope result \(JSON from 'plmscope score --json'\): not JSON"),
        ('{"indices": 5}', "holds nothing the assessment can use"),
    ):
        with pytest.raises(PlmscopeInputError, match=expected):
            load_night(write(tmp_path, "other.json", text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("age: true\n", "age must be a number in 0–120, got True"),
        ("snoring: 1\n", "snoring must be yes or no, got 1"),
        ("snoring: 0\n", "snoring must be yes or no, got 0"),
        ('age: "58"\n', "age must be a number in 0–120, got '58'"),
        ("age: 5.5\n", "age must be a whole number, got 5.5"),
        ("epworth: [true, 1, 1, 1, 1, 1, 1, 1]\n", "epworth[0] must be a number in 0–3, got True"),
        ("caffeine_cups_per_day: lots\n", "caffeine_cups_per_day must be a number in 0–30, got 'lots'"),
        ("kick_frequency: 30\n", "kick_frequency: 30 what? Say how often"),
        ("kick_frequency: all night\n", "kick_frequency: cannot tell how often from 'all night'"),
        ("body_parts: [legs, tail]\n", "body_parts: unknown body part 'tail'"),
        ("movement_kind: shiver\n", "movement_kind must be one of 'twitch', 'jerk' or 'both', got 'shiver'"),
        ("pregnancy_week: 44\n", "pregnancy_week must be 1–42, got 44"),
        ("epworth_total: 25\n", "epworth_total must be 0–24, got 25"),
        ("irls_total: 41\n", "irls_total must be 0–40, got 41"),
    ],
)
def test_booleans_and_numbers_are_strict(tmp_path: Path, text: str, expected: str) -> None:
    assert error_of(write(tmp_path, "answers.yaml", text)).startswith(f"answers.yaml: {expected}")


def test_yes_no_words_and_whole_floats_are_still_fine(tmp_path: Path) -> None:
    answers = load_answers(write(tmp_path, "a.yaml", 'snoring: "Yes"\ntiredness: false\nage: 58.0\n'))
    assert (answers.snoring, answers.tiredness, answers.age) == (True, False, 58)
    assert isinstance(answers.age, int)


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        ("a.yaml", "snoring: yes\nage: 40\nsnoring: no\n", "question 'snoring' is answered twice (lines 1 and 3)"),
        ("a.json", '{"snoring": true, "snoring": false}', "question 'snoring' is answered twice"),
    ],
)
def test_a_question_answered_twice_is_an_error_naming_it(tmp_path: Path, name: str, text: str, expected: str) -> None:
    assert error_of(write(tmp_path, name, text)).endswith(f"{name}: {expected}; keep one answer")


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        ({"kick_frequency": "every 30 s", "kick_interval_s": 30}, "give kick_frequency or kick_interval_s, not both"),
        ({"kicks_in_sleep": False, "kick_frequency": "every 30 s"}, "kicks_in_sleep is no, but how often"),
        ({"epworth": [1] * 8, "epworth_total": 12}, "epworth_total is 12 but the epworth items add up to 8"),
        ({"irls": [2] * 10, "irls_total": 19}, "irls_total is 19 but the irls items add up to 20"),
        ({"pregnant": False, "pregnancy_week": 12}, "pregnant is no, but pregnancy_week was given"),
        ({"kidney_disease": False, "dialysis": True}, "kidney_disease is no, but dialysis is yes"),
        ({"body_parts": ["legs", "arms"], "jerks_several_body_parts": False}, "body_parts and jerks_several_body_parts"),
    ],
)
def test_answers_that_contradict_each_other_are_refused(answers: dict, expected: str) -> None:
    with pytest.raises(PlmscopeInputError, match=expected):
        answers_from_mapping(answers, source="a.yaml")


def test_words_imply_what_they_say() -> None:
    answers = answers_from_mapping(
        {"kick_frequency": "7-8 times in 5 minutes", "pregnancy_week": 20, "dialysis": True, "body_parts": "whole body"}
    )
    assert answers.kicks_reported and answers.is_pregnant and answers.has_kidney_disease
    assert answers.other_body_parts == ["arms", "face", "trunk"] and answers.jerks_elsewhere
    assert answers.kick_interval.describe() == "about every 40 s (38–43 s apart)"
    assert answers_from_mapping({"medicines": "sertraline, quetiapine"}).medicines == ["sertraline", "quetiapine"]

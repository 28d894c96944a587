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

"""The Assessment object: levels, stable dict/JSON, summary table, plain paragraph."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from plmscope.assess import DISCLAIMER, Assessment, Level, assess

SEVERE_RLS = dict(
    rls_urge=True,
    rls_rest=True,
    rls_movement_relief=True,
    rls_evening=True,
    rls_explained_by_other=False,
    rls_days_per_week=3,
    irls=[3, 3, 2, 3, 2, 3, 2, 2, 2, 2],
    tongue_biting=True,
)


def test_levels_are_ordered_with_labels() -> None:
    assert list(Level) == sorted(Level)
    assert [lv.label for lv in Level] == [
        "reassure",
        "not enough answers to judge",
        "self-care",
        "discuss with a doctor",
        "see a doctor soon",
        "urgent",
    ]
    assert Level.parse("see a doctor soon") is Level.SEE_SOON is Level.parse("see_soon")
    assert Level.parse("not_enough_answers") is Level.NOT_ENOUGH_ANSWERS
    assert Level.parse("Not enough answers to judge") is Level.NOT_ENOUGH_ANSWERS
    assert Level.REASSURE < Level.NOT_ENOUGH_ANSWERS < Level.SELF_CARE
    assert Level.parse("Self-care") is Level.SELF_CARE and Level.parse(5) is Level.URGENT
    with pytest.raises(ValueError, match="unknown level"):
        Level.parse("panic")


def test_overall_level_is_the_highest_and_findings_are_sorted() -> None:
    result = assess(SEVERE_RLS)
    assert result.overall_level is Level.SEE_SOON
    assert [f.level for f in result.findings] == sorted((f.level for f in result.findings), reverse=True)
    assert Assessment(findings=()).overall_level is Level.NOT_ENOUGH_ANSWERS  # silence never reassures


def test_to_dict_keys_are_complete_and_stable() -> None:
    data = assess(SEVERE_RLS).to_dict()
    assert list(data) == [
        "overall_level",
        "overall_label",
        "findings",
        "instruments",
        "respondent",
        "night_kind",
        "age",
        "child",
        "plain_summary",
        "disclaimer",
    ]
    assert data["overall_level"] == "see_soon" and data["overall_label"] == "see a doctor soon"
    assert data["disclaimer"] == DISCLAIMER
    assert set(data["findings"][0]) == {"key", "title", "level", "level_label", "reason", "advice", "sources"}
    assert data["instruments"]["rls"]["irls_severity"] == "severe"
    assert set(data["instruments"]) == {"rls", "epworth", "stop_bang"}


def test_to_json_round_trips_and_is_written_atomically(tmp_path: Path) -> None:
    from plmscope.export import write_atomic

    result = assess(SEVERE_RLS)
    out = tmp_path / "sub" / "assessment.json"
    text = result.to_json()
    write_atomic(out, text)
    assert json.loads(out.read_text(encoding="utf-8")) == json.loads(text) == result.to_dict()


def test_summary_is_one_row_per_finding() -> None:
    result = assess(SEVERE_RLS)
    table = result.summary()
    assert list(table["key"]) == [f.key for f in result.findings]
    assert list(table.columns) == ["key", "title", "level", "level_label", "reason", "advice", "sources"]
    assert table.equals(result.to_dataframe())


def test_plain_summary_leads_with_the_overall_level_and_reason() -> None:
    result = assess(SEVERE_RLS)
    text = result.plain_summary()
    assert text.startswith("Overall: see a doctor soon.")
    assert "tongue biting" in text and "restless legs" in text and text.endswith("This is not a diagnosis.")

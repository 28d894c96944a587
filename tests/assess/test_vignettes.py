"""Clinical vignettes: answer files in vignettes/ with the expected overall level and key findings."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from plmscope.assess import Level, assess, load_answers
from tests.assess.assess_nights import make_night

HERE = Path(__file__).parent / "vignettes"
EXPECTED: dict = yaml.safe_load((HERE / "expected.yaml").read_text(encoding="utf-8"))
DIAGNOSING = re.compile(r"\byou have\b|\byou suffer\b|\bdiagnos(is|ed) (of|with)\b", re.IGNORECASE)


def answer_file(name: str) -> Path:
    """The vignette's answer file (.yaml, or .json for the JSON example)."""
    return next(p for p in (HERE / f"{name}.yaml", HERE / f"{name}.json") if p.exists())


def lookup(data: dict, dotted: str) -> object:
    for part in dotted.split("."):
        data = data[part]
    return data


def test_enough_vignettes_and_each_has_a_file() -> None:
    assert len(EXPECTED) >= 60
    files = {p.stem for p in HERE.iterdir() if p.suffix in (".yaml", ".json")} - {"expected"}
    assert files == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_vignette_tells_its_story(name: str) -> None:
    """A story in the first line (the JSON example carries its story in expected.yaml instead)."""
    path = answer_file(name)
    if path.suffix == ".yaml":
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# ") and len(first) > 20, first


def test_every_finding_and_level_is_shown_by_a_vignette() -> None:
    from plmscope.assess.catalogue import FINDING_TYPES

    shown = {key for want in EXPECTED.values() for key in want["findings"]}
    assert set(FINDING_TYPES) - shown == set()
    assert {Level.parse(want["overall"]) for want in EXPECTED.values()} == set(Level)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_vignette(name: str) -> None:
    want = EXPECTED[name]
    night = make_night(**want["night"]) if "night" in want else None
    answers = load_answers(answer_file(name))
    result = assess(answers, night)
    keys = [f.key for f in result.findings]
    assert result.overall_level == Level.parse(want["overall"]), result.summary()[["key", "level", "reason"]]
    assert set(want["findings"]) <= set(keys), keys
    assert not set(want.get("absent", [])) & set(keys), keys
    for key, texts in want.get("reasons", {}).items():
        reason = next(f.reason for f in result.findings if f.key == key)
        for text in texts if isinstance(texts, list) else [texts]:
            assert text in reason, reason
    advice = want.get("advice", [])
    for text in advice if isinstance(advice, list) else [advice]:
        given = [a for f in result.findings for a in f.advice]
        assert any(text in a for a in given), (text, given)
    for path, value in want.get("instruments", {}).items():
        assert lookup(result.instruments, path) == value
    assert result.respondent == (answers.respondent or "self")


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_vignette_wording_is_calm_and_specific(name: str) -> None:
    want = EXPECTED[name]
    night = make_night(**want["night"]) if "night" in want else None
    result = assess(load_answers(answer_file(name)), night)
    for finding in result.findings:
        assert finding.reason.endswith(".") and finding.reason[0].isupper(), finding.reason
        assert ". " not in finding.reason.rstrip("."), f"more than one sentence: {finding.reason}"
        assert not DIAGNOSING.search(finding.reason), finding.reason
        assert finding.advice, finding.key
    assert result.overall_level.label in result.plain_summary()
    assert "not a diagnosis" in result.plain_summary()

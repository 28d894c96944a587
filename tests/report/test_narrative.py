"""The plain-words answer: numbers from the result, thresholds from the rules, never a diagnosis."""

from __future__ import annotations

import dataclasses

import pandas as pd

from plmscope.report.narrative import is_estimate, plain_summary


def with_indices(result, **changes):
    """A copy of ``result`` with some indices changed."""
    return dataclasses.replace(result, indices=dict(result.indices, **changes))


def test_three_to_five_sentences_with_the_counts(result):
    sentences = plain_summary(result)
    assert 3 <= len(sentences) <= 5
    text = " ".join(sentences)
    # 15 LMs in 17 min of sleep, 7 periodic in 1 series; PLMS index 24.7 > 15
    assert "In 17 min of sleep, 15 leg movements were found (52.9 per hour)" in text
    assert "7 of them were periodic" in text and "1 run of 4 or more" in text
    assert "PLMS index of 24.7 per hour, above the 15 per hour" in text
    assert "1 movement came right after a scored breathing event" in text
    assert "no periodic movements with an arousal" in text
    assert "not a diagnosis" in text and "night to night" in text


def test_below_threshold_is_said_calmly(result):
    text = " ".join(plain_summary(with_indices(result, plms_index=4.2)))
    assert "PLMS index of 4.2 per hour, not above the 15 per hour" in text
    assert "many people who sleep well" in text


def test_threshold_comes_from_the_rule_set(result):
    strict = dataclasses.replace(result, rules=result.rules.with_(plms_index_threshold_adult=30.0))
    assert "not above the 30 per hour" in " ".join(plain_summary(strict))


def test_sleep_onset_cluster_is_recognised(result):
    onset = result.sleep["sleep_onset"]
    extra = pd.DataFrame({"onset": onset + 60.0 + 40.0 * pd.RangeIndex(20), "in_sleep": True})
    crowded = dataclasses.replace(
        with_indices(result, lms_index=10.0), movements=pd.concat([result.movements, extra])
    )
    text = " ".join(plain_summary(crowded))
    # all 15 LMs of the 20-min night + the 20 added are within 30 min of sleep onset
    assert "Many of them (35) came in the half hour after falling asleep" in text
    # at the night's own rate (52.9/h) the same movements are not a cluster
    assert "clustered" in " ".join(
        plain_summary(dataclasses.replace(result, movements=crowded.movements))
    )


def test_many_respiratory_movements_point_at_breathing(result):
    breakdown = result.breakdown.copy()
    breakdown.loc["respiratory_clms", "count_sleep"] = 10  # of 14 CLMs
    text = " ".join(plain_summary(dataclasses.replace(result, breakdown=breakdown)))
    assert "10 movements came right after a scored breathing event" in text
    assert "reaction to the breathing problem" in text


def test_unstaged_nights_are_estimates(result):
    unstaged = dataclasses.replace(result, sleep=dict(result.sleep, staging="none"))
    assert is_estimate(unstaged.sleep) and not is_estimate(result.sleep)
    assert "estimates" in " ".join(plain_summary(unstaged))


def test_assessment_sentences_are_appended(result, assessment):
    alone = plain_summary(result)
    sentences = plain_summary(result, assessment)
    assert sentences[:-1] == alone
    assert sentences[-1] == "From the questionnaire: " + assessment["plain_summary"]
    assert "Overall: discuss with a doctor." in sentences[-1]


def test_no_diagnostic_wording(result):
    text = " ".join(plain_summary(result)).lower()
    for word in ("you have", "disorder", "diagnosed with", "suffer"):
        assert word not in text


def test_without_scored_breathing_events_the_link_is_said_to_be_unchecked(result):
    from plmscope.report.narrative import association_sentence

    text = association_sentence(result, breathing_events=0)
    assert "no breathing events were scored" in text
    assert "came right after a scored breathing event" not in text

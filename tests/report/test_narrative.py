"""The plain-words answer: numbers from the result, thresholds from the rules, never a diagnosis."""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd
import pytest

from plmscope.assess import assess
from plmscope.report.narrative import count_sentence, is_estimate, plain_summary, sleep_onset_sentence
from plmscope.rules import AASM


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
    assert "1 movement came at the end of or right after a scored breathing event" in text
    assert "no periodic movements with an arousal" in text
    assert "not a diagnosis" in text and "night to night" in text


def test_below_threshold_is_said_calmly(result):
    text = " ".join(plain_summary(with_indices(result, plms_index=4.2)))
    assert "PLMS index of 4.2 per hour, not above the 15 per hour" in text
    assert "many people who sleep well" in text


def test_threshold_comes_from_the_rule_set(result):
    strict = dataclasses.replace(result, rules=result.rules.with_(plms_index_threshold_adult=30.0))
    assert "not above the 30 per hour" in " ".join(plain_summary(strict))


def with_movements(result, onsets: list[float], in_sleep: list[bool] | None = None, periodic=False):
    """A copy of ``result`` whose movements are just these onsets (sleep onset stays 120 s)."""
    table = pd.DataFrame(
        {"onset": onsets, "in_sleep": in_sleep or [True] * len(onsets), "periodic": periodic}
    )
    return dataclasses.replace(result, movements=table)


def test_movements_at_sleep_onset_are_counted_with_the_shared_window(result):
    # sleep onset at 120 s; the hypnic-jerk pattern of `simulate --profile hypnic --seed 77`:
    # one just before sleep onset (awake), two within 40 s after it, two much later
    hypnic = with_movements(result, [106.0, 126.0, 145.0, 2309.0, 2348.0], [False, True, True, False, True])
    assert sleep_onset_sentence(hypnic) == (
        "3 of the 5 movements, awake or asleep, came around falling asleep (from 2 min before to "
        "15 min after), where harmless sleep-onset jerks are common; the rest came later in the night."
    )
    assert "spread through the night" not in " ".join(plain_summary(hypnic))


@pytest.mark.parametrize(
    ("onsets", "expected"),
    [
        ([130.0], "The only movement came around falling asleep (from 2 min before to 15 min after), where"),
        ([0.0, 1020.0], "Both movements came around falling asleep"),  # window edges: 120 - 120, 120 + 900
        ([5000.0, 6000.0, 7000.0], "All 3 movements came later in the night, not around falling asleep"),
        ([-1000.0, 5000.0], "Both movements came before falling asleep or later in the night, not around"),
        ([130.0, *(3000.0 + 30.0 * i for i in range(9))], "Most of the 10 movements came later in the"),
    ],
)
def test_sleep_onset_sentence_is_factual_for_any_count(result, onsets, expected):
    assert expected in sleep_onset_sentence(with_movements(result, onsets))


def test_no_sleep_onset_sentence_without_movements_or_sleep_onset(result):
    assert sleep_onset_sentence(with_movements(result, [])) is None
    no_onset = dataclasses.replace(result, sleep=dict(result.sleep, sleep_onset=None))
    assert sleep_onset_sentence(no_onset) is None


def test_periodic_movements_at_sleep_onset_are_not_called_sleep_onset_jerks(result):
    text = sleep_onset_sentence(result)  # 13 of the 15 are within 15 min of sleep onset, 7 periodic
    assert text.startswith("13 of the 15 movements came around falling asleep")
    assert "7 of them periodic" in text and "harmless" not in text


def test_report_and_assessment_share_the_sleep_onset_window(result):
    from plmscope.interpret import SLEEP_ONSET_AFTER_S, SLEEP_ONSET_BEFORE_S, near_sleep_onset

    onset = result.sleep["sleep_onset"]
    start, end = onset - SLEEP_ONSET_BEFORE_S, onset + SLEEP_ONSET_AFTER_S
    edges = np.array([start - 1.0, start, end])
    assert near_sleep_onset(edges, onset).tolist() == [False, True, True]
    assert not near_sleep_onset(edges, None).any() and not near_sleep_onset(edges, float("nan")).any()
    night = result.to_dict()
    night["movements"] = [
        dict(m, onset=float(t), periodic=False) for m, t in zip(night["movements"], edges[1:], strict=False)
    ]
    facts = assess({}, night).instruments["night"]
    assert facts["onset_only"] is True
    assert "All" not in sleep_onset_sentence(with_movements(result, list(edges)))
    both = sleep_onset_sentence(with_movements(result, list(edges[1:])))
    assert both.startswith("Both movements came around")


def test_zero_and_one_read_naturally(result):
    breakdown = result.breakdown.copy()
    breakdown.loc["plms", "count_sleep"] = 0
    none = count_sentence(dataclasses.replace(result, breakdown=breakdown))
    assert "none of them were periodic (periodic movements recur every 10 to 90 seconds in runs of 4" in none
    assert "0 of them" not in none and "no runs" not in none
    breakdown.loc["lms", "count_sleep"] = 1
    one = count_sentence(dataclasses.replace(result, breakdown=breakdown))
    assert "1 leg movement was found" in one and "it was not periodic" in one


def test_children_get_the_child_threshold_in_one_voice(result):
    child = assess({"age": 10, "sleep_complaint": True}, result.to_dict()).to_dict()
    assert child["child"] is True and child["age"] == 10
    text = " ".join(plain_summary(result, child))
    assert "PLMS index of 24.7 per hour, above the 5 per hour often used in sleep studies of children" in text
    assert "15 per hour" not in text and "above 5/h" in text  # the assessment's own reason agrees
    low = " ".join(plain_summary(with_indices(result, plms_index=4.2), {"child": True}))
    assert "not above the 5 per hour often used in sleep studies of children" in low
    adult = assess({"age": 40}, result.to_dict()).to_dict()
    assert adult["child"] is False and "above the 15 per hour" in " ".join(plain_summary(result, adult))
    assert assess({}).to_dict()["child"] is None


def test_many_respiratory_movements_point_at_breathing(result):
    breakdown = result.breakdown.copy()
    breakdown.loc["respiratory_clms", "count_sleep"] = 10  # of 14 CLMs
    text = " ".join(plain_summary(dataclasses.replace(result, breakdown=breakdown)))
    assert "10 movements came at the end of or right after a scored breathing event" in text
    assert "reaction to the breathing problem" in text


def test_unstaged_nights_are_estimates(result):
    unstaged = dataclasses.replace(result, sleep=dict(result.sleep, staging="none"))
    assert is_estimate(unstaged.sleep) and not is_estimate(result.sleep)
    assert "estimates" in " ".join(plain_summary(unstaged))
    # every hour of the recording was counted, so the count is not said to be "of sleep"
    assert "In 17 min of recording (no sleep stages), 15 leg movements were found" in count_sentence(unstaged)


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
    assert "scored breathing event" not in text


def test_breathing_link_is_worded_per_the_rule_set(result):
    from plmscope.report.narrative import association_sentence

    aasm = association_sentence(dataclasses.replace(result, rules=AASM), breathing_events=3)
    assert "1 movement came during or right at the end of a scored breathing event" in aasm
    assert "right after" not in aasm

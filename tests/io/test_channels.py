"""Leg, ECG and EEG channels are found from their labels; user choices and missing legs."""

from __future__ import annotations

import pytest

from plmscope.errors import PlmscopeInputError
from plmscope.io import read_night
from plmscope.io.channels import ECG_PATTERNS, EEG_PATTERNS, choose_legs, first_match

from .conftest import emg

OTHERS = ["C3-M2", "E1-M2", "Chin1-Chin2", "ECG", "Airflow", "Thor", "SpO2", "LOC", "ROC"]


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("LAT", "RAT"),
        ("Leg L", "Leg R"),
        ("L Leg", "R Leg"),
        ("LLeg1-LLeg2", "RLeg1-RLeg2"),
        ("EMG LAT", "EMG RAT"),
        ("Tib L", "Tib R"),
        ("TIB SX", "TIB DX"),
        ("EMG Tib.Ant.Sin", "EMG Tib.Ant.Dx"),
        ("PLMl", "PLMr"),
        ("Left Leg", "Right Leg"),
        ("Jambe gauche", "Jambe droite"),
        ("EMG Tib-L", "EMG Tib-R"),
        ("LEFT_LEG", "RIGHT_LEG"),
        ("Leg/L", "Leg/R"),
        ("lat", "rat"),
        ("LegL", "LegR"),
        ("Tibialis L", "Tibialis R"),
        ("Bein links", "Bein rechts"),
    ],
)
def test_leg_label_styles_resolve_to_the_right_side(left: str, right: str) -> None:
    # Right listed first: the side must come from the label, not the order.
    choice = choose_legs([*OTHERS[:3], right, left, *OTHERS[3:]], "night.edf")
    assert choice.labels == {"left": left, "right": right}
    assert choice.warnings == []


def test_given_labels_win_and_ignore_case() -> None:
    choice = choose_legs(["EMG1", "EMG2", "Leg L"], "n.edf", left="emg1", right="EMG2")
    assert choice.labels == {"left": "EMG1", "right": "EMG2"}


def test_given_label_not_in_file_lists_the_labels() -> None:
    with pytest.raises(PlmscopeInputError, match=r"'Tib L'.*channels are: EMG1, EMG2"):
        choose_legs(["EMG1", "EMG2"], "n.edf", left="Tib L")


def test_one_leg_is_allowed_with_a_warning() -> None:
    choice = choose_legs(["C3-M2", "Leg L", "ECG"], "n.edf")
    assert choice.labels == {"left": "Leg L"}
    assert choice.warnings == [
        "only the left leg channel 'Leg L' was found; bilateral LMs cannot be scored"
    ]


@pytest.mark.parametrize("label", ["Leg", "Legs", "EMG Leg", "LEGS_EMG"])
def test_combined_leg_channel_is_one_leg_with_a_warning(label: str) -> None:
    choice = choose_legs(["C3-M2", label, "ECG"], "n.edf")
    assert choice.labels == {"left": label}
    assert "both legs" in choice.warnings[0]


def test_no_leg_channel_names_file_and_lists_labels(make_edf) -> None:
    path = make_edf("noleg.edf", {"C3-M2": emg(), "ECG": emg(seed=1), "LOC": emg(seed=2)})
    with pytest.raises(PlmscopeInputError) as error:
        read_night(path)
    message = str(error.value)
    assert str(path) in message and "C3-M2, ECG, LOC" in message and "--left/--right" in message


@pytest.mark.parametrize("label", ["ECG", "EKG", "ECG1-ECG2", "ECG II", "EKG2"])
def test_ecg_labels(label: str) -> None:
    assert first_match(["C3-M2", "Leg L", label], ECG_PATTERNS) == label


@pytest.mark.parametrize("label", ["C3-M2", "C4-M1", "C4-A1", "EEG C3-A2", "Fpz-Cz", "EEG"])
def test_eeg_labels(label: str) -> None:
    assert first_match(["ECG", "Leg L", "E1-M2", label], EEG_PATTERNS) == label


def test_central_eeg_preferred_over_other_derivations() -> None:
    assert first_match(["Fpz-Cz", "O1-M2", "C4-M1"], EEG_PATTERNS) == "C4-M1"


def test_read_night_keeps_ecg_and_eeg(make_edf) -> None:
    path = make_edf(
        "full.edf", {"C4-M1": emg(seed=3), "EKG": emg(seed=4), "LAT": emg(), "RAT": emg(seed=1)}
    )
    assert read_night(path).eeg is None  # not decoded unless asked: scoring does not use it
    night = read_night(path, eeg=True)
    assert sorted(night.legs) == ["left", "right"]
    assert (
        night.legs["left"].label == "LAT"
        and night.ecg.label == "EKG"
        and night.eeg.label == "C4-M1"
    )

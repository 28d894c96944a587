"""Vendor annotation spellings map onto canonical events and stages (one table)."""

from __future__ import annotations

import pytest

from plmscope.io import canonical_event, canonical_stage


@pytest.mark.parametrize(
    ("label", "stage"),
    [
        ("Sleep stage W", "W"),
        ("Sleep stage 1", "N1"),
        ("Sleep stage 2", "N2"),
        ("Sleep stage 3", "N3"),
        ("Sleep stage 4", "N3"),
        ("Sleep stage R", "R"),
        ("Sleep stage ?", "?"),
        ("Sleep stage N1", "N1"),
        ("Sleep stage N2", "N2"),
        ("Sleep stage N3", "N3"),
        ("N3", "N3"),
        ("REM", "R"),
        ("Movement time", "?"),
        ("Stage 2 sleep|2", "N2"),
        ("Wake|0", "W"),
        ("REM sleep|5", "R"),
        ("Stage 4 sleep|4", "N3"),
        ("Unscored|9", "?"),
        ("0", "W"),
        ("5", "R"),
        ("W", "W"),
        ("r", "R"),
        ("SLEEP-S2", "N2"),
        ("SLEEP-S0", "W"),
        ("SLEEP-S4", "N3"),
        ("SLEEP-REM", "R"),
        ("SLEEP-MT", "?"),
        ("SLEEP-UNSCORED", "?"),
        ("Éveil", "W"),
        ("Sleep-Wake", "W"),
        ("Sleep-N1", "N1"),
    ],
)
def test_stage_spellings(label: str, stage: str) -> None:
    assert canonical_stage(label) == stage


@pytest.mark.parametrize(
    ("label", "event", "leg"),
    [
        ("Obstructive Apnea", "apnea", None),
        ("Central Apnea", "apnea", None),
        ("Mixed Apnea", "apnea", None),
        ("Apnea", "apnea", None),
        ("Obstructive apnea|Obstructive Apnea", "apnea", None),
        ("APNEA-OBSTRUCTIVE", "apnea", None),
        ("Hypopnea", "hypopnea", None),
        ("Obstructive Hypopnea", "hypopnea", None),
        ("Unsure", "hypopnea", None),
        ("RERA", "rera", None),
        ("Respiratory effort related arousal", "rera", None),
        ("Arousal", "arousal", None),
        ("Arousal ()", "arousal", None),
        ("ASDA arousal|Arousal (ASDA)", "arousal", None),
        ("Spontaneous arousal", "arousal", None),
        ("Arousal|Arousal ()", "arousal", None),
        ("Arousal (Respiratory)", "arousal", None),
        ("Limb movement - left|Limb Movement (Left)", "leg_movement", "left"),
        ("Limb movement - right|Limb Movement (Right)", "leg_movement", "right"),
        ("Limb Movement (Left)", "leg_movement", "left"),
        ("Leg Movement", "leg_movement", None),
        ("LM", "leg_movement", None),
        ("PLM", "leg_movement", None),
        ("Periodic leg movement", "leg_movement", None),
        ("LM left", "leg_movement", "left"),
        ("LM right", "leg_movement", "right"),
        ("Bein links", "leg_movement", "left"),
        ("PLM (Right)", "leg_movement", "right"),
        ("leg_movement", "leg_movement", None),
        ("Lights off", "lights_off", None),
        ("Lights Off", "lights_off", None),
        ("LIGHTS OUT", "lights_off", None),
        ("Lights on", "lights_on", None),
        ("lights_on", "lights_on", None),
        ("SpO2 desaturation", "desaturation", None),
        ("DESAT", "desaturation", None),
        ("Désat", "desaturation", None),
        ("PLM-LM", "leg_movement", None),
        ("LM-LEFT", "leg_movement", "left"),
        ("LM-RIGHT", "leg_movement", "right"),
        ("AROUSAL-PLM", "arousal", None),
        ("AROUSAL-RERA", "arousal", None),
        ("AROUSAL-RESP", "arousal", None),
        ("Micro-Éveil", "arousal", None),
        ("Hypopnée", "hypopnea", None),
        ("LM bilateral", "leg_movement", "bilateral"),
        ("PLM left, respiratory, arousal", "leg_movement", "left"),
        ("LM bilateral, short-interval", "leg_movement", "bilateral"),
        ("Mouvement de jambe", "leg_movement", None),
        ("Technician note", "unknown", None),
    ],
)
def test_event_spellings(label: str, event: str, leg: str | None) -> None:
    assert canonical_event(label) == (event, leg)


def test_events_are_not_stages_and_stages_are_not_events() -> None:
    assert canonical_stage("Obstructive Apnea") is None
    assert canonical_stage("Arousal") is None
    assert canonical_event("Sleep stage N2") == ("unknown", None)

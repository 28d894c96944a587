"""Annotations → canonical events and hypnogram; annotation files (CSV, NSRR XML, EDF+) and checks."""

from __future__ import annotations

from pathlib import Path

import edfio
import numpy as np
import pytest

from plmscope.errors import PlmscopeInputError
from plmscope.io import read_events, read_hypnogram, read_night

from .conftest import emg

LEGS = {"Leg L": emg(), "Leg R": emg(seed=1)}  # 3 minutes: 6 epochs

NSRR_XML = """<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<PSGAnnotation><SoftwareVersion>Compumedics</SoftwareVersion><EpochLength>30</EpochLength>
<ScoredEvents>
<ScoredEvent><EventType/><EventConcept>Recording Start Time</EventConcept><Start>0</Start>
<Duration>{duration}</Duration><ClockTime>00.00.00 {clock}</ClockTime></ScoredEvent>
<ScoredEvent><EventType>Stages|Stages</EventType><EventConcept>Wake|0</EventConcept><Start>0.0</Start>
<Duration>30.0</Duration></ScoredEvent>
<ScoredEvent><EventType>Stages|Stages</EventType><EventConcept>Stage 2 sleep|2</EventConcept><Start>30.0</Start>
<Duration>90.0</Duration></ScoredEvent>
<ScoredEvent><EventType>Stages|Stages</EventType><EventConcept>REM sleep|5</EventConcept><Start>120.0</Start>
<Duration>60.0</Duration></ScoredEvent>
<ScoredEvent><EventType>Respiratory|Respiratory</EventType><EventConcept>Obstructive apnea|Obstructive Apnea</EventConcept>
<Start>40.5</Start><Duration>12.0</Duration><SignalLocation>Airflow</SignalLocation></ScoredEvent>
<ScoredEvent><EventType>Limb Movement|Limb Movement</EventType>
<EventConcept>Limb movement - left|Limb Movement (Left)</EventConcept><Start>61.0</Start><Duration>1.5</Duration>
</ScoredEvent>
<ScoredEvent><EventType>Arousals|Arousals</EventType><EventConcept>Arousal|Arousal ()</EventConcept>
<Start>62.0</Start><Duration>4.0</Duration></ScoredEvent>
<ScoredEvent><EventType>Artifact</EventType><EventConcept>SpO2 artifact|SpO2 artifact</EventConcept>
<Start>70.0</Start><Duration>20.0</Duration></ScoredEvent>
</ScoredEvents></PSGAnnotation>
"""


def nsrr_xml(path: Path, duration: float = 180.0, clock: str = "22.30.00") -> Path:
    path.write_text(NSRR_XML.format(duration=duration, clock=clock))
    return path


def test_stage_annotations_make_the_hypnogram(make_edf) -> None:
    notes = [
        (0.0, 30.0, "Sleep stage W"),
        (30.0, 60.0, "Sleep stage N2"),
        (120.0, 30.0, "Sleep stage R"),
        (150.0, 30.0, "Sleep stage 4"),
    ]
    night = read_night(make_edf("n.edf", LEGS, annotations=notes))
    assert night.hypnogram.stages.tolist() == [
        "W",
        "N2",
        "N2",
        "?",
        "R",
        "N3",
    ]  # no stage at 90 s: "?"
    assert night.hypnogram_source == "annotations"
    assert night.events.empty


def test_simulator_style_annotations(make_edf) -> None:
    notes = [
        (0.0, 30.0, "Sleep stage W"),
        (5.0, None, "Lights off"),
        (31.0, 15.0, "Obstructive Apnea"),
        (60.0, 12.0, "Hypopnea"),
        (75.0, 3.0, "Arousal"),
        (170.0, None, "Lights on"),
        (100.0, 2.0, "Flow limitation?"),
    ]
    night = read_night(
        make_edf(
            "n.edf",
            {"Leg L": emg(), "Leg R": emg(seed=1), "ECG": emg(seed=2), "C3-M2": emg(seed=3)},
            annotations=notes,
        )
    )
    assert night.events["event"].tolist() == [
        "lights_off",
        "apnea",
        "hypopnea",
        "arousal",
        "unknown",
        "lights_on",
    ]
    assert night.events["label"].iloc[1] == "Obstructive Apnea"
    assert night.unknown_labels == ["Flow limitation?"]
    assert night.lights == (5.0, 170.0)


def test_no_stages_gives_an_unscored_hypnogram_and_a_warning(make_edf) -> None:
    night = read_night(make_edf("n.edf", LEGS))
    assert night.hypnogram_source == "none"
    assert set(night.hypnogram.stages) == {"?"} and len(night.hypnogram.stages) == 6
    assert any("sleep stages are unknown" in w for w in night.warnings)


def test_nsrr_xml_events_stages_and_unknown_labels(make_edf, tmp_path) -> None:
    xml = nsrr_xml(tmp_path / "n-nsrr.xml")
    events, unknown = read_events(xml)
    assert events["event"].tolist() == ["apnea", "leg_movement", "arousal", "unknown"]
    assert events["leg"].tolist() == [None, "left", None, None]
    assert events["onset"].tolist() == [40.5, 61.0, 62.0, 70.0]
    assert unknown == ["SpO2 artifact|SpO2 artifact"]
    assert read_hypnogram(xml, 180.0).stages.tolist() == ["W", "N2", "N2", "N2", "R", "R"]
    night = read_night(make_edf("n.edf", LEGS), events=xml)
    assert night.hypnogram_source == "file" and night.hypnogram.stages.tolist()[1] == "N2"
    assert night.unknown_labels == ["SpO2 artifact|SpO2 artifact"]


def test_nsrr_xml_for_another_recording(make_edf, tmp_path) -> None:
    path = make_edf("n.edf", LEGS)
    with pytest.raises(
        PlmscopeInputError, match=r"other.xml: describes a recording of 2.0 h.*another recording"
    ):
        read_night(path, events=nsrr_xml(tmp_path / "other.xml", duration=7200.0))
    with pytest.raises(
        PlmscopeInputError, match=r"starting at 21:00:00 but this one starts at 22:30:00"
    ):
        read_night(path, events=nsrr_xml(tmp_path / "later.xml", clock="21.00.00"))


def test_csv_events_are_added_to_the_files_own(make_edf, tmp_path) -> None:
    csv = tmp_path / "events.csv"
    csv.write_text(
        "onset,duration,event,leg\n12.5,1.0,leg_movement,left\n50,0.8,leg_movement,R\n"
        "80,10,apnea,\n90,3,Mystery,\n"
    )
    night = read_night(make_edf("n.edf", LEGS, annotations=[(5.0, None, "Lights off")]), events=csv)
    assert night.events["event"].tolist() == [
        "lights_off",
        "leg_movement",
        "leg_movement",
        "apnea",
        "unknown",
    ]
    assert night.events["leg"].tolist() == [None, "left", "right", None, None]
    assert night.unknown_labels == ["Mystery"]


def test_events_beyond_the_recording_are_refused(make_edf, tmp_path) -> None:
    csv = tmp_path / "events.csv"
    csv.write_text("onset,duration,event\n10,1,arousal\n3000,1,arousal\n")
    with pytest.raises(
        PlmscopeInputError,
        match=r"events.csv: annotations run to 50.0 min but the recording "
        r"is 3.0 min: is this file for another recording\?",
    ):
        read_night(make_edf("n.edf", LEGS), events=csv)
    with pytest.raises(PlmscopeInputError, match="another recording"):
        read_events(csv, duration=180.0)


@pytest.mark.parametrize(
    "text",
    [
        "W\nN1\nN2\nN3\nR\n?\n",
        "stage\nW\nN1\nN2\nN3\nR\n?\n",
        "0\n1\n2\n4\n5\n9\n",
        "onset,duration,stage\n0,30,W\n30,30,N1\n60,30,N2\n90,30,N3\n120,30,R\n150,30,?\n",
        "onset;duration;stage\n0;30;Wake\n30;30;Sleep stage 1\n60;30;Sleep stage 2\n90;30;Sleep stage 3\n"
        "120;30;REM\n150;30;Movement time\n",
    ],
)
def test_hypnogram_file_formats(make_edf, tmp_path, text: str) -> None:
    path = tmp_path / "hyp.csv"
    path.write_text(text)
    assert read_hypnogram(path, 180.0).stages.tolist() == ["W", "N1", "N2", "N3", "R", "?"]
    night = read_night(
        make_edf("n.edf", LEGS, annotations=[(0.0, 180.0, "Sleep stage N2")]), hypnogram=path
    )
    assert night.hypnogram_source == "file" and night.hypnogram.stages[0] == "W"


def test_hypnogram_within_one_epoch_is_padded_and_beyond_is_an_error(tmp_path) -> None:
    path = tmp_path / "hyp.txt"
    path.write_text("W\nN2\nN2\nN2\nN2\n")  # 150 s
    assert read_hypnogram(path, 180.0).stages.tolist() == ["W", "N2", "N2", "N2", "N2", "?"]
    assert read_hypnogram(path, 120.0).stages.tolist() == ["W", "N2", "N2", "N2"]
    with pytest.raises(
        PlmscopeInputError, match=r"hyp.txt: hypnogram covers 2.5 min but the recording is 8.0 h"
    ):
        read_hypnogram(path, 8 * 3600.0)


def test_hypnogram_with_non_stage_lines_is_refused(tmp_path) -> None:
    path = tmp_path / "hyp.txt"
    path.write_text("W\nN2\nbanana\n")
    with pytest.raises(PlmscopeInputError, match="hyp.txt: neither an events table.*'banana'"):
        read_hypnogram(path, 90.0)


def test_hypnogram_from_an_annotation_only_edf(tmp_path) -> None:
    path = tmp_path / "hypnogram.edf"
    notes = [
        edfio.EdfAnnotation(0.0, 60.0, "Sleep stage W"),
        edfio.EdfAnnotation(60.0, 120.0, "Sleep stage 3"),
    ]
    edfio.Edf([], annotations=notes).write(path)
    assert read_hypnogram(path, 180.0).stages.tolist() == ["W", "W", "N3", "N3", "N3", "N3"]
    with pytest.raises(PlmscopeInputError, match="annotations only"):
        read_night(path)


def test_profusion_xml(tmp_path) -> None:
    path = tmp_path / "n-profusion.xml"
    path.write_text(
        "<CMPStudyConfig><EpochLength>30</EpochLength><ScoredEvents><ScoredEvent><Name>Hypopnea</Name>"
        "<Start>33.1</Start><Duration>11</Duration></ScoredEvent><ScoredEvent><Name>Limb Movement (Right)</Name>"
        "<Start>70</Start><Duration>1</Duration></ScoredEvent></ScoredEvents><SleepStages><SleepStage>0</SleepStage>"
        "<SleepStage>2</SleepStage><SleepStage>5</SleepStage></SleepStages></CMPStudyConfig>"
    )
    events, unknown = read_events(path)
    assert events["event"].tolist() == ["hypopnea", "leg_movement"] and events["leg"].tolist() == [
        None,
        "right",
    ]
    assert unknown == []
    assert read_hypnogram(path, 90.0).stages.tolist() == ["W", "N2", "R"]


def test_broken_annotation_files(tmp_path) -> None:
    xml = tmp_path / "bad.xml"
    xml.write_text("<PSGAnnotation><ScoredEvents>")
    with pytest.raises(PlmscopeInputError, match="bad.xml: not readable XML"):
        read_events(xml)
    csv = tmp_path / "bad.csv"
    csv.write_text("onset,duration,what\n1,2,3\n")
    with pytest.raises(PlmscopeInputError, match="bad.csv: has no column saying what each row is"):
        read_events(csv)
    with pytest.raises(PlmscopeInputError, match="file not found"):
        read_events(tmp_path / "none.csv")


def test_events_table_has_the_canonical_columns(tmp_path) -> None:
    csv = tmp_path / "e.csv"
    csv.write_text("onset,duration,event\n1,0.5,LM\n")
    events, _ = read_events(csv)
    assert list(events.columns) == ["onset", "duration", "event", "leg", "label"]
    assert events["onset"].dtype == np.float64


def test_stage_csv_with_a_non_stage_value_is_refused(tmp_path) -> None:
    path = tmp_path / "hyp.csv"
    path.write_text("onset,duration,stage\n0,30,W\n30,30,Deep\n")
    with pytest.raises(PlmscopeInputError, match="not sleep stages: 'Deep'"):
        read_hypnogram(path, 60.0)


def test_random_bytes_as_events_file_are_refused(make_edf, tmp_path) -> None:
    path = tmp_path / "events.csv"
    path.write_bytes(bytes(range(256)) * 4)
    with pytest.raises(PlmscopeInputError, match="events.csv: neither an events table"):
        read_night(make_edf("n.edf", LEGS), events=path)

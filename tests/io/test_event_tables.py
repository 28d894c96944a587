"""The one validating reader for event, stage and movement tables: spellings read, bad cells refused."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from plmscope.errors import PlmscopeInputError
from plmscope.io import read_events
from plmscope.io.annotations import read_hypnogram
from plmscope.io.event_tables import read_event_table


def table(text: str):
    return read_event_table(text, "t.csv")


@pytest.mark.parametrize(
    "header",
    [
        "Onset (s),Duration (s),Event",
        "onset,duration,event",
        "ONSET,DURATION,EVENT",
        "Start,Dur,Type",
        "Start Time [sec],Length,Label",
        "time,duration,description",
        "Onset_s,Duration_s,Annotation",
        "\ufeffonset,duration,event",
    ],
)
def test_usual_header_spellings(header: str):
    read = table(f"{header}\n10,15,apnea\n40.5,3,arousal\n")
    assert read["onset"].tolist() == [10.0, 40.5]
    assert read["duration"].tolist() == [15.0, 3.0]
    assert read["label"].tolist() == ["apnea", "arousal"]


def test_the_hypnogram_header_of_the_issue(tmp_path: Path):
    path = tmp_path / "stages.csv"
    path.write_text("Onset (s),Duration (s),Stage\n0,30,W\n30,60,N2\n90,30,R\n")
    assert read_hypnogram(path, 120.0).stages.tolist() == ["W", "N2", "N2", "R"]


def test_units_in_the_header_convert_to_seconds():
    read = table("Onset (ms);Duration (min);Event\n1500;0,5;apnea\n")
    assert read["onset"].tolist() == [1.5] and read["duration"].tolist() == [30.0]


def test_an_offset_column_gives_the_duration():
    assert table("start,end,event,leg\n10,11.5,LM,L\n")["duration"].tolist() == [1.5]


def test_stages_and_lights_need_no_duration():
    stages = table("onset,stage\n0,W\n30,N2\n")
    assert stages["duration"].tolist() == [30.0, 30.0]
    lights = table("onset,event\n0,lights off\n28000,lights on\n")
    assert lights["duration"].tolist() == [0.0, 0.0]


def test_tab_and_semicolon_tables_with_comments_and_blank_lines():
    read = table("# exported by hand\nonset\tduration\tevent\n\n10\t2\tLM\n")
    assert read["onset"].tolist() == [10.0]
    assert table("onset;duration;event\n10,5;2;LM\n")["onset"].tolist() == [10.5]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("duration,event\n3,apnea\n", "has no onset column (onset, start or time, in seconds); columns are: duration, event"),
        ("onset,duration,what\n1,2,3\n", "has no column saying what each row is"),
        ("onset,event\n10,apnea\n", "has no duration column (duration, dur, length, or an offset/end column) but 'apnea' on line 2 needs one"),
        ("onset,duration,event\n10,2,LM\n-5,2,LM\n", "line 3, column 'onset': '-5' is negative"),
        ("onset,duration,event\n10,2,LM\n,2,LM\n", "line 3, column 'onset': empty"),
        ("onset,duration,event\nten,2,LM\n", "line 2, column 'onset': 'ten' is not a number of seconds"),
        ("onset,duration,event\n10,,apnea\n", "line 2, column 'duration': empty, but 'apnea' needs a duration"),
        ("onset,duration,event\n10,abc,apnea\n", "line 2, column 'duration': 'abc' is not a number"),
        ("onset,duration,event\n10,-3,apnea\n", "line 2, column 'duration': '-3' is negative"),
        ("onset,Duration (s),event\n10,nan,apnea\n", "line 2, column 'Duration (s)': 'nan' is not a number"),
        ("onset,end,event\n10,5,apnea\n", "line 2, column 'end': ends at 5 s, before its onset at 10 s"),
        ("onset (furlongs),duration,event\n10,5,apnea\n", "unit 'furlongs' not understood"),
        ("onset,duration,event,leg\n10,2,LM,middle\n", "line 2, column 'leg': 'middle' is not a leg"),
        ("onset,duration,event\n10,2,Limb movement, left\n", "line 2 has 4 fields but the header has 3"),
    ],
)
def test_broken_tables_are_refused_naming_line_and_column(text: str, message: str):
    with pytest.raises(PlmscopeInputError) as info:
        table(text)
    assert str(info.value).startswith("t.csv: ") and message in str(info.value)


def test_a_table_without_labels_but_with_legs_is_leg_movements(tmp_path: Path):
    path = tmp_path / "lms.csv"
    path.write_text("onset,duration,leg\n60,1.5,left\n85,2,right\n")
    events, unknown = read_events(path)
    assert events["event"].tolist() == ["leg_movement"] * 2 and events["leg"].tolist() == ["left", "right"]
    assert unknown == []


def test_xml_events_with_negative_onsets_are_refused(tmp_path: Path):
    from plmscope.io.annotations import check_same_recording
    from plmscope.io.annotation_files import read_annotation_file

    xml = tmp_path / "n.xml"
    xml.write_text(
        "<PSGAnnotation><ScoredEvents><ScoredEvent><EventConcept>Obstructive apnea</EventConcept>"
        "<Start>-12</Start><Duration>20</Duration></ScoredEvent></ScoredEvents></PSGAnnotation>"
    )
    with pytest.raises(PlmscopeInputError, match="annotation 1 .* onset -12 s"):
        check_same_recording(read_annotation_file(xml), 3600.0, None)


SPELLINGS = {
    "onset": ["onset", "Onset (s)", "START", "time [sec]", "Start Time"],
    "duration": ["duration", "Duration (s)", "dur", "LENGTH [s]"],
    "event": ["event", "Type", "label", "Description"],
}


@settings(max_examples=60, deadline=None)
@given(
    st.sampled_from(SPELLINGS["onset"]),
    st.sampled_from(SPELLINGS["duration"]),
    st.sampled_from(SPELLINGS["event"]),
    st.sampled_from([",", ";", "\t"]),
    st.lists(
        st.tuples(
            st.floats(0, 1e5, allow_nan=False).map(lambda x: round(x, 3)),
            st.floats(0, 120, allow_nan=False).map(lambda x: round(x, 3)),
            st.sampled_from(["apnea", "Hypopnea", "arousal", "LM", "RERA"]),
        ),
        min_size=1,
        max_size=20,
    ),
)
def test_any_accepted_spelling_reads_the_same_numbers(onset, duration, event, sep, rows):
    lines = [sep.join([onset, duration, event])] + [sep.join([repr(a), repr(b), c]) for a, b, c in rows]
    read = table("\n".join(lines) + "\n")
    assert read["onset"].tolist() == [a for a, _, _ in rows]
    assert read["duration"].tolist() == [b for _, b, _ in rows]
    assert read["label"].tolist() == [c for _, _, c in rows]

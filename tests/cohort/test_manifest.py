"""Manifest CSVs: paths relative to the manifest, channel labels or accelerometer legs, extra columns."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from plmscope.cohort import cohort_from, read_manifest
from plmscope.cohort.rows import reserved_columns
from plmscope.errors import PlmscopeInputError


def manifest(folder: Path, text: str) -> Path:
    path = folder / "cohort.csv"
    path.write_text(text)
    return path


def test_rows_become_nights_with_their_extra_columns(tmp_path):
    path = manifest(
        tmp_path,
        "night_id,recording,annotations,left,right,age,sex,group\n"
        "s1,edfs/s1.edf,xml/s1-nsrr.xml,,,63,F,case\n"
        ",edfs/s2.edf,xml/s2.xml;xml/s2-extra.csv,LAT,RAT,58,M,control\n",
    )
    entries, extra = read_manifest(path)
    assert extra == ["age", "sex", "group"]
    first, second = entries
    assert first.night_id == "s1" and first.recording == str(tmp_path / "edfs/s1.edf")
    assert first.annotations == (str(tmp_path / "xml/s1-nsrr.xml"),)
    assert first.extra == {"age": 63, "sex": "F", "group": "case"} and type(first.extra["age"]) is int
    assert second.night_id == "s2"  # from the recording's name
    assert (second.left, second.right) == ("LAT", "RAT")
    assert [Path(p).name for p in second.annotations] == ["s2.xml", "s2-extra.csv"]
    assert second.score_arguments()[1] == {"events": list(second.annotations), "left": "LAT", "right": "RAT"}


def test_without_a_recording_left_and_right_are_accelerometer_files(tmp_path):
    path = manifest(tmp_path, "night_id,left,right\np1,p1-L.cwa,p1-R.cwa\np2,,p2-R.gt3x\n")
    (p1, p2), _ = read_manifest(path)
    assert p1.kind == "accelerometer" and p1.left_file == str(tmp_path / "p1-L.cwa")
    assert p2.score_arguments() == ({"right": str(tmp_path / "p2-R.gt3x")}, {})


def test_one_accelerometer_file_as_the_recording(tmp_path):
    (entry,), _ = read_manifest(manifest(tmp_path, "recording\nankle.cwa\n"))
    assert entry.kind == "accelerometer" and entry.score_arguments() == (str(tmp_path / "ankle.cwa"), {"leg": "left"})


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("night_id,age\nn1,60\n", "needs a 'recording' column"),
        ("recording,status\nn1.edf,x\n", "column 'status' is a column of the results table"),
        ("night_id,recording\nn1,a.edf\nn1,b.edf\n", "night_id 'n1' appears twice"),
        ("recording,annotations\n,n1.xml\n", "row 2: no recording"),
        ("recording,left\nankle.cwa,LAT\n", "cannot name its channels"),
        ("recording\n", "lists no nights"),
    ],
)
def test_manifest_mistakes_are_named(tmp_path, text, message):
    with pytest.raises(PlmscopeInputError, match=message):
        read_manifest(manifest(tmp_path, text), reserved=reserved_columns())


def test_a_manifest_table_in_python(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    cohort = cohort_from(pd.DataFrame({"recording": ["a.edf", "b.edf"], "group": ["x", "y"]}))
    assert [e.extra for e in cohort.entries] == [{"group": "x"}, {"group": "y"}]
    assert cohort.extra == ["group"] and cohort.entries[0].recording == str(tmp_path / "a.edf")


def test_a_csv_path_is_read_as_a_manifest(tmp_path):
    cohort = cohort_from(manifest(tmp_path, "recording,site\na.edf,1\n"))
    assert cohort.manifest == tmp_path / "cohort.csv" and cohort.extra == ["site"]
    assert str(cohort.manifest) in cohort.inputs()

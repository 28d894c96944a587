"""Finding the nights of a folder: which files are recordings, and which annotation file is whose."""

from __future__ import annotations

from pathlib import Path

import pytest

from plmscope.cohort import cohort_from, find_nights
from plmscope.errors import PlmscopeInputError

EDF_HEADER = b"0       " + b" " * 244 + b"2   "  # a header that says: two signals


def touch(root: Path, *names: str, content: bytes = EDF_HEADER) -> None:
    for name in names:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)


def paired(root: Path) -> dict[str, list[str]]:
    return {
        e.night_id: [Path(p).relative_to(root).as_posix() for p in e.annotations]
        for e in find_nights(root).entries
    }


def test_each_usual_name_pairs_with_its_recording(tmp_path):
    touch(tmp_path, "a.edf", "b.edf", "c.bdf", "d.EDF", "e.edf")
    touch(tmp_path, "a.xml", "b-nsrr.xml", "c.csv", "d-Events.txt", content=b"")
    assert paired(tmp_path) == {"a": ["a.xml"], "b": ["b-nsrr.xml"], "c": ["c.csv"], "d": ["d-Events.txt"], "e": []}


def test_the_best_name_wins_when_there_are_several(tmp_path):
    touch(tmp_path, "shhs1-200001.edf")
    touch(tmp_path, "shhs1-200001-nsrr.xml", "shhs1-200001-profusion.xml", "shhs1-200001.csv", content=b"")
    assert paired(tmp_path) == {"shhs1-200001": ["shhs1-200001-nsrr.xml"]}


def test_nsrr_layout_pairs_across_sibling_folders(tmp_path):
    touch(tmp_path, "polysomnography/edfs/shhs1/shhs1-200001.edf", "polysomnography/edfs/shhs1/shhs1-200002.edf")
    touch(tmp_path, "polysomnography/annotations-events-nsrr/shhs1/shhs1-200001-nsrr.xml", content=b"")
    assert paired(tmp_path) == {
        "shhs1-200001": ["polysomnography/annotations-events-nsrr/shhs1/shhs1-200001-nsrr.xml"],
        "shhs1-200002": [],
    }


def test_repeated_names_get_their_folder_in_the_id_and_only_pair_beside_them(tmp_path):
    touch(tmp_path, "site1/001.edf", "site2/001.edf")
    touch(tmp_path, "site1/001.xml", "elsewhere/001-nsrr.xml", content=b"")
    assert paired(tmp_path) == {"site1/001": ["site1/001.xml"], "site2/001": []}


def test_tables_that_are_not_annotations_nor_samples_are_left_alone(tmp_path):
    touch(tmp_path, "n.edf")
    touch(tmp_path, "n.truth.csv", content=b"leg,onset,offset\nleft,1,2\n")
    touch(tmp_path, "participants.csv", content=b"night_id,age\nn,60\n")
    found = find_nights(tmp_path)
    assert [e.night_id for e in found.entries] == ["n"]
    assert {Path(p).name for p, _ in found.skipped} == {"n.truth.csv", "participants.csv"}


def test_hidden_folders_and_the_results_folder_are_not_searched(tmp_path):
    touch(tmp_path, "n.edf", ".snapshot/old.edf", "results/nights/x.edf")
    found = find_nights(tmp_path, exclude=(tmp_path / "results",))
    assert [e.night_id for e in found.entries] == ["n"]


def test_an_annotation_only_edf_is_not_a_recording(tmp_path):
    touch(tmp_path, "n.edf")
    hypnogram = b"0       " + b" " * 244 + b"1   " + b"EDF Annotations "
    touch(tmp_path, "n-hypnogram.edf", "stray-annotations.edf", content=hypnogram)
    found = find_nights(tmp_path)
    assert paired(tmp_path) == {"n": ["n-hypnogram.edf"]}
    assert [Path(p).name for p, _ in found.skipped] == ["stray-annotations.edf"]


def test_accelerometer_files_one_night_per_pair_of_legs(tmp_path):
    touch(tmp_path, "p1-left.cwa", "p1-right.cwa", content=b"MD\xfc\x03")
    touch(tmp_path, "p2_L.gt3x", "p2_R.gt3x", content=b"PK\x03\x04")
    touch(tmp_path, "p3.bin", content=b"Device Identity\nDevice Unique Serial Code:1\n")
    touch(tmp_path, "firmware.bin", content=b"\x00\x01\x02")
    touch(tmp_path, "p4-right.csv", content=b"time,x,y,z\n0.00,0.1,0.0,0.98\n")
    touch(tmp_path, "p5.csv", content=b"------------ Data File Created By ActiGraph GT3X+ ActiLife v6.13.3\n")
    touch(tmp_path, "p1.csv", content=b"onset,duration,event\n10,0,lights_off\n")  # the pair's annotations
    entries = {e.night_id: e for e in find_nights(tmp_path).entries}
    assert sorted(entries) == ["p1", "p2", "p3", "p4", "p5"]
    assert (Path(entries["p1"].left_file).name, Path(entries["p1"].right_file).name) == ("p1-left.cwa", "p1-right.cwa")
    assert [Path(p).name for p in entries["p1"].annotations] == ["p1.csv"]
    assert entries["p2"].kind == "accelerometer" and Path(entries["p2"].right_file).name == "p2_R.gt3x"
    assert entries["p3"].score_arguments() == (entries["p3"].recording, {"leg": "left"})
    assert entries["p4"].score_arguments() == ({"right": entries["p4"].right_file}, {})
    assert entries["p5"].kind == "accelerometer"


def test_the_real_accelerometer_formats_are_recognised(tmp_path):
    shared = Path("/work/shared/data/accel")
    if not shared.is_dir():
        pytest.skip("the shared accelerometer files are not on this machine")
    for name in ("actigraph.gt3x", "axivity_ax3.cwa", "geneactiv.bin"):
        (tmp_path / name).write_bytes((shared / name).read_bytes())
    assert sorted(e.night_id for e in find_nights(tmp_path).entries) == ["actigraph", "axivity_ax3", "geneactiv"]


def test_an_empty_folder_is_a_clear_error(tmp_path):
    touch(tmp_path, "notes.txt", content=b"")
    with pytest.raises(PlmscopeInputError, match="no recordings found"):
        cohort_from(tmp_path)


def test_a_list_of_recordings_pairs_each_beside_it(tmp_path):
    touch(tmp_path, "x/a.edf", "y/b.edf")
    touch(tmp_path, "x/a-nsrr.xml", content=b"")
    cohort = cohort_from([tmp_path / "x/a.edf", tmp_path / "y/b.edf"])
    assert [(e.night_id, len(e.annotations)) for e in cohort.entries] == [("a", 1), ("b", 0)]
    assert cohort.root == tmp_path


def test_a_missing_input_is_a_clear_error(tmp_path):
    with pytest.raises(PlmscopeInputError, match="no such file or folder"):
        cohort_from(tmp_path / "nowhere")

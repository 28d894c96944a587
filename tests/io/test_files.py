"""File-level reading: the one-pass reader against edfio, EDF+D gaps, truncated, broken and flat files, header."""

from __future__ import annotations

import datetime as dt
import os
import warnings

import edfio
import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plmscope.errors import PlmscopeInputError
from plmscope.io import read_night
from plmscope.io.edf_file import open_record_file, read_digital
from plmscope.io import edf_file
from plmscope.io.signals import signal_problem

from .conftest import SF, emg, make_discontinuous


def test_bdf_memmap_equals_edfio(make_edf) -> None:
    big = emg(rms_uv=250.0, seed=5).clip(
        -999, 999
    )  # wide enough to use the full 24-bit range, both signs
    path = make_edf(
        "night.bdf",
        {"Leg L": big, "Leg R": emg(seed=1), "ECG": emg(seed=2)},
        bdf=True,
        annotations=[(0.0, 30.0, "Sleep stage N2")],
    )
    reference = edfio.read_bdf(path)
    night = read_night(path)
    rf = open_record_file(path)
    assert rf.fmt == "BDF"
    np.testing.assert_array_equal(
        read_digital(rf, rf.channel("Leg L")).ravel(), reference.get_signal("Leg L").digital
    )
    np.testing.assert_allclose(
        night.legs["left"].data, reference.get_signal("Leg L").data, rtol=1e-6, atol=1e-3
    )
    assert night.hypnogram.stages[0] == "N2"


def test_edf_values_equal_edfio(make_edf) -> None:
    path = make_edf("night.edf", {"Leg L": emg(), "Leg R": emg(seed=1)})
    reference = edfio.read_edf(path)
    night = read_night(path)
    np.testing.assert_allclose(
        night.legs["right"].data, reference.get_signal("Leg R").data, atol=1e-3
    )


def test_edf_digital_samples_equal_edfios(make_edf) -> None:
    path = make_edf("night.edf", {"Leg L": emg(), "Leg R": emg(seed=1)}, annotations=[(0.0, 30.0, "Arousal")])
    reference = edfio.read_edf(path)
    rf = open_record_file(path)
    np.testing.assert_array_equal(read_digital(rf, rf.channel("Leg R")).ravel(), reference.get_signal("Leg R").digital)


@pytest.mark.parametrize("bdf", [False, True])
def test_reading_does_not_depend_on_where_the_chunks_end(make_edf, monkeypatch, bdf) -> None:
    """The file is read a few MB at a time; chunk edges that cut records make no difference."""
    path = make_edf("night.bdf" if bdf else "night.edf", {"Leg L": emg(), "Leg R": emg(seed=1)},
                    bdf=bdf, annotations=[(10.0, 2.0, "Limb movement left"), (0.0, 30.0, "Sleep stage N2")])
    whole = read_night(path)
    monkeypatch.setattr(edf_file, "CHUNK_BYTES", 1000)  # a couple of records per chunk
    chunked = read_night(path)
    np.testing.assert_array_equal(chunked.legs["left"].data, whole.legs["left"].data)
    assert chunked.events.equals(whole.events) and len(whole.events) == 1


def test_a_damaged_header_size_field_is_tolerated(make_edf) -> None:
    right = emg(seed=1)
    path = make_edf("odd.edf", {"Leg L": emg(), "Leg R": right})
    raw = bytearray(path.read_bytes())
    raw[184:192] = b"99999   "  # header-size field wrong: records start where the signal headers end
    path.write_bytes(bytes(raw))
    night = read_night(path)
    np.testing.assert_allclose(night.legs["right"].data, right, atol=0.02)


def test_edf_plus_d_gap_keeps_times_and_is_listed(make_edf) -> None:
    left = emg(seconds=120)
    path = make_edf(
        "d.edf",
        {"Leg L": left, "Leg R": emg(seconds=120, seed=1)},
        annotations=[(0.0, None, "recording starts " + "x" * 40), (10.0, 5.0, "Obstructive Apnea")],
    )
    make_discontinuous(path, from_record=60, gap_s=30.0)  # records 60.. start 30 s later
    night = read_night(path)
    assert night.gaps == [(60.0, 30.0)]
    assert night.duration == pytest.approx(150.0)
    data = night.legs["left"].data
    assert len(data) == int(150 * SF)
    np.testing.assert_allclose(data[: int(60 * SF)], left[: int(60 * SF)], atol=0.02)
    assert not data[int(60 * SF) : int(90 * SF)].any()  # the gap is zeros
    np.testing.assert_allclose(
        data[int(90 * SF) :], left[int(60 * SF) :], atol=0.02
    )  # after: shifted 30 s
    assert any("discontinuous" in w and "zeros" in w for w in night.warnings)
    assert night.events_of("apnea")["onset"].tolist() == [10.0]


def test_truncated_file_reads_complete_records_with_a_warning(make_edf) -> None:
    path = make_edf("cut.edf", {"Leg L": emg(), "Leg R": emg(seed=1)})
    raw = path.read_bytes()
    header = 256 * 3
    record = int(2 * SF) * 2
    path.write_bytes(raw[: header + 100 * record + record // 2])  # 100.5 of 180 records
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # edfio's own truncation warnings stay inside
        night = read_night(path)
    assert night.duration == pytest.approx(100.0)
    assert len(night.legs["left"].data) == int(100 * SF)
    assert "file is truncated: read 1.7 min of 3.0 min" in night.warnings


def test_missing_file(tmp_path) -> None:
    with pytest.raises(PlmscopeInputError, match="nowhere.edf: file not found"):
        read_night(tmp_path / "nowhere.edf")


@pytest.mark.parametrize("content", [b"onset,duration,event\n1,2,x\n" * 20, bytes(range(256)) * 8])
def test_not_an_edf(tmp_path, content: bytes) -> None:
    path = tmp_path / "notes.edf"
    path.write_bytes(content)
    with pytest.raises(PlmscopeInputError, match=r"notes.edf: not an EDF"):
        read_night(path)


def test_an_empty_file_is_said_to_be_empty(tmp_path) -> None:
    path = tmp_path / "notes.edf"
    path.write_bytes(b"")
    with pytest.raises(PlmscopeInputError, match=r"notes.edf: is empty$"):
        read_night(path)


def test_a_text_table_no_reader_takes_says_what_a_scoring_needs(tmp_path) -> None:
    path = tmp_path / "night.csv"
    path.write_text("onset,duration\n")  # no label column, no rows
    with pytest.raises(PlmscopeInputError, match=r"night.csv: a text table that is neither a scoring \(an 'onset' column"):
        read_night(path)


def test_header_only_file_is_refused(make_edf) -> None:
    path = make_edf("empty.edf", {"Leg L": emg(), "Leg R": emg(seed=1)})
    path.write_bytes(path.read_bytes()[: 256 * 3 + 10])
    with pytest.raises(PlmscopeInputError, match="no complete data record"):
        read_night(path)


def test_flat_leg_when_it_is_the_only_one_is_an_error(make_edf) -> None:
    path = make_edf("flat.edf", {"C3-M2": emg(), "Leg L": np.zeros(int(180 * SF))})
    with pytest.raises(PlmscopeInputError, match="'Leg L' is flat"):
        read_night(path)


def test_one_flat_leg_is_dropped_with_a_warning(make_edf) -> None:
    path = make_edf("flat.edf", {"Leg L": np.full(int(180 * SF), 3.0), "Leg R": emg(seed=1)})
    night = read_night(path)
    assert list(night.legs) == ["right"]
    assert any("'Leg L' is flat" in w and "left out" in w for w in night.warnings)


def test_signal_problem_names_nan_flat_and_empty() -> None:
    assert signal_problem(np.full(100, np.nan, dtype=np.float32)) == "holds no numbers (all NaN)"
    assert signal_problem(np.r_[np.nan, np.ones(9)].astype(np.float32)).startswith("is flat")
    assert signal_problem(np.array([], dtype=np.float32)) == "has no samples"
    assert signal_problem(np.r_[np.nan, np.arange(9.0)].astype(np.float32)) is None


def test_start_and_identity_from_header(tmp_path) -> None:
    signals = [
        edfio.EdfSignal(
            emg(seed=i), SF, label=label, physical_dimension="uV", physical_range=(-1e3, 1e3)
        )
        for i, label in enumerate(["Leg L", "Leg R"])
    ]
    patient = edfio.Patient(code="MCH-0234567", sex="F", name="Haagse_Harry")
    recording = edfio.Recording(startdate=dt.date(2021, 3, 2))
    path = tmp_path / "id.edf"
    edfio.Edf(signals, patient=patient, recording=recording, starttime=dt.time(23, 5, 1)).write(
        path
    )
    night = read_night(path)
    assert night.start == dt.datetime(2021, 3, 2, 23, 5, 1)
    assert "Haagse_Harry" in night.identity["patient"]
    assert "Haagse_Harry" not in " ".join(night.warnings)


def test_anonymised_date_is_tolerated(make_edf) -> None:
    path = make_edf("anon.edf", {"Leg L": emg(), "Leg R": emg(seed=1)})
    raw = bytearray(path.read_bytes())
    raw[168:176] = b"xx.xx.xx"
    path.write_bytes(bytes(raw))
    night = read_night(path)
    assert night.start is not None and night.start.time() == dt.time(22, 30, 0)


@settings(
    max_examples=int(os.environ.get("PLMSCOPE_FUZZ", "60")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(data=st.data())
def test_damaged_files_give_a_clear_error_or_a_night(make_edf, data) -> None:
    path = make_edf(
        "fuzz.edf",
        {"Leg L": emg(seconds=20), "Leg R": emg(seconds=20, seed=1)},
        annotations=[(1.0, 30.0, "Sleep stage N2"), (5.0, 2.0, "Arousal")],
    )
    raw = bytearray(path.read_bytes())
    for _ in range(data.draw(st.integers(1, 8))):
        where = data.draw(st.one_of(st.integers(0, 256 * 4 - 1), st.integers(0, len(raw) - 1)))
        raw[where] = data.draw(st.sampled_from(b"0123456789 .-+\x00\x14\x15\xffX"))
    path.write_bytes(bytes(raw))
    try:
        night = read_night(path)
    except PlmscopeInputError as error:
        assert str(path) in str(error)
    else:
        assert night.legs and all(s.data.dtype == np.float32 for s in night.legs.values())


def test_flat_ecg_is_skipped_with_a_note(make_edf) -> None:
    path = make_edf(
        "ecg.edf", {"Leg L": emg(), "Leg R": emg(seed=1), "ECG": np.zeros(int(180 * SF))}
    )
    night = read_night(path)
    assert night.ecg is None
    assert "channel 'ECG' skipped: it is flat (every sample has the same value)" in night.warnings

"""Issue 10 as a tired technologist meets it: every careless input, as a user runs it.

Subprocesses where the process boundary is the point (exit codes, what goes to stderr).
"""

from __future__ import annotations

import json
from pathlib import Path

import edfio
import numpy as np
import pytest

from plmscope.export.edf import annotations
from plmscope.simulate import simulate_night
from tests.cli.test_bad_input import assert_one_line_error, write_edf
from tests.cli.test_cli import run


def edf_with_units(path: Path, night, legs_unit: str, scale: float, ecg_unit: str = "uV") -> Path:
    """The night's legs as ``scale`` x µV numbers labelled ``legs_unit`` (a wrong label when scale
    does not match it), the ECG in µV labelled ``ecg_unit``; stages and events as annotations."""
    def signal(data, label, unit, k):
        values = data.astype(np.float64) * k
        bound = float(np.max(np.abs(values))) * 1.1 or 1.0
        return edfio.EdfSignal(values, 256, label=label, physical_dimension=unit, physical_range=(-bound, bound))

    signals = [signal(night.legs[s].data, label, legs_unit, scale) for s, label in (("left", "Leg L"), ("right", "Leg R"))]
    signals.append(signal(night.ecg.data, "ECG", ecg_unit, 1.0))
    edfio.Edf(signals, annotations=annotations(night)).write(path)
    return path


@pytest.fixture(scope="module")
def sim():
    return simulate_night("plmd", seed=21, hours=0.4)


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("careless")


@pytest.fixture(scope="module")
def good(sim, folder) -> Path:
    return edf_with_units(folder / "good.edf", sim.night, "uV", 1.0)


def result_of(*args: str, out: Path) -> dict:
    done = run("score", *args, "-q", "--json", str(out))
    assert done.returncode == 0, done.stderr
    return json.loads(out.read_text())


# --- units that cannot be right ---------------------------------------------------------------

def test_mv_data_declared_as_uv_stops_and_names_the_unit(sim, folder):
    path = edf_with_units(folder / "mv_as_uv.edf", sim.night, "uV", 1e-3)
    done = run("score", str(path))
    assert_one_line_error(done, "mv_as_uv.edf", "leg channel 'Leg L' is declared in 'uV'",
                          "recorded in mV", "--unit mV")


def test_uv_data_declared_as_mv_stops_and_names_the_unit(sim, folder):
    path = edf_with_units(folder / "uv_as_mv.edf", sim.night, "mV", 1.0)
    assert_one_line_error(run("score", str(path)), "declared in 'mV'", "recorded in uV", "--unit uV")


def test_v_declared_as_uv_suggests_v(sim, folder):
    path = edf_with_units(folder / "v_as_uv.edf", sim.night, "uV", 1e-6)
    assert_one_line_error(run("score", str(path)), "recorded in V", "--unit V")


def test_unit_overrides_the_wrong_declaration_and_scores(sim, folder):
    path = edf_with_units(folder / "mv_as_uv2.edf", sim.night, "uV", 1e-3)
    forced = result_of(str(path), "--unit", "mV", out=folder / "forced.json")
    assert forced["indices"]["plms_index"] > 15 and forced["recording"]["unit_doubt"] is False
    assert any("--unit mV was used instead" in w for w in forced["warnings"])


def test_scoring_as_declared_keeps_a_warning_and_never_reassures(sim, folder):
    path = edf_with_units(folder / "mv_as_uv3.edf", sim.night, "uV", 1e-3)
    out, report = folder / "declared.json", folder / "declared.html"
    done = run("score", str(path), "--unit", "uV", "--json", str(out), "--report", str(report))
    assert done.returncode == 0, done.stderr
    result = json.loads(out.read_text())
    assert result["recording"]["unit_doubt"] is True
    assert any("as --unit said, but its amplitudes" in w for w in result["warnings"])
    assert not any("looks like the unit may be wrong" in w for w in result["warnings"])  # one doubt, not two
    # nothing could be scored (the signal looks flat in µV): null, never 0.0, and said why
    assert result["indices"]["plms_index"] is None and result["indices"]["lms_index"] is None
    assert any(w.startswith("no scorable sleep during lights-off: all") for w in result["warnings"])
    text = " ".join(done.stdout.split())
    assert "Nothing could be scored per hour of sleep" in text and "no scorable sleep" in text
    assert "total sleep 0.0 h" not in text and "scorable sleep 0.0 h" in text
    page = report.read_text()
    assert "sleep well" not in page and "Nothing could be scored in this recording" in page
    assert "– (no scorable sleep)" in page


def test_unit_is_for_the_leg_channels_only(sim, folder):
    import plmscope

    path = edf_with_units(folder / "legs_mv.edf", sim.night, "uV", 1e-3, ecg_unit="uV")  # legs mV, ECG µV
    night = plmscope.load(path, unit="mV")
    assert night.legs["left"].unit == "mV" and night.ecg.unit == "uV"
    assert np.allclose(night.ecg.data, sim.night.ecg.data, atol=0.05)  # the ECG not rescaled
    assert np.allclose(night.legs["left"].data, sim.night.legs["left"].data, atol=0.05)


# --- which channel is which leg -----------------------------------------------------------------

def test_one_channel_for_both_legs_is_refused(good):
    done = run("score", str(good), "--left", "Leg L", "--right", "leg l")
    assert_one_line_error(done, "good.edf", "--left and --right both name channel 'Leg L'")


def test_left_alone_still_finds_the_right_leg(good, folder):
    result = result_of(str(good), "--left", "Leg L", out=folder / "left.json")
    assert result["recording"]["channels"]["right"]["label"] == "Leg R"
    assert not any("only the left leg" in w for w in result["warnings"])


def test_swapped_legs_given_by_one_option_find_the_other(good, folder):
    result = result_of(str(good), "--left", "Leg R", out=folder / "swapped.json")
    channels = result["recording"]["channels"]
    assert channels["left"]["label"] == "Leg R" and channels["right"]["label"] == "Leg L"


# --- tables -------------------------------------------------------------------------------------

def test_a_hypnogram_with_units_in_its_header_is_read(good, folder, sim):
    hyp = folder / "stages.csv"
    stages = sim.night.hypnogram.stages
    hyp.write_text("Onset (s),Duration (s),Stage\n" + "".join(f"{30 * i},30,{s}\n" for i, s in enumerate(stages)))
    result = result_of(str(good), "--hypnogram", str(hyp), out=folder / "hyp.json")
    assert result["sleep"]["hypnogram_source"] == "file" and result["hypnogram"]["stages"] == list(stages)


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ("onset,duration,event\n100,12,apnea\n-30,10,apnea\n", "line 3, column 'onset': '-30' is negative"),
        ("onset,duration,event\n100,,apnea\n", "line 2, column 'duration': empty, but 'apnea' needs a duration"),
        ("onset,duration,event\n100,twelve,hypopnea\n", "line 2, column 'duration': 'twelve' is not a number"),
        ("onset,duration,event\n100,-12,hypopnea\n", "line 2, column 'duration': '-12' is negative"),
        ("Start,Type\n100,apnea\n", "has no duration column"),
        ("Duration (s),Event\n10,apnea\n", "has no onset column"),
    ],
)
def test_broken_events_are_one_line_naming_file_row_and_column(good, folder, rows, message):
    events = folder / "broken.csv"
    events.write_text(rows)
    assert_one_line_error(run("score", str(good), "--events", str(events)), "broken.csv", message)


def test_movements_without_durations_are_refused_not_zero(good, folder):
    lms = folder / "lms.csv"
    lms.write_text("onset,event,leg\n" + "".join(f"{60 + 25 * i},LM,left\n" for i in range(8)))
    done = run("score", str(good), "--movements", str(lms))
    assert_one_line_error(done, "lms.csv: has no duration column", "'LM' on line 2 needs one")


def test_every_events_file_given_is_read_and_counted(good, folder):
    a, b = folder / "a.csv", folder / "b.csv"
    a.write_text("onset,duration,event\n300,15,apnea\n400,12,apnea\n")
    b.write_text("onset,duration,event\n500,3,arousal\n")
    result = result_of(str(good), "--events", str(a), "--events", str(b), out=folder / "both.json")
    assert result["events_read"]["arousal"] >= 1 and result["events_read"]["apnea"] >= 2


def test_a_leg_scored_twice_is_merged_with_a_warning(good, folder, sim):
    truth = sim.truth[sim.truth["leg"] == "left"]
    rows = [f"{on:.3f},{off - on:.3f},LM,left\n" for on, off in zip(truth["onset"], truth["offset"])]
    once, twice = folder / "once.csv", folder / "twice.csv"
    once.write_text("onset,duration,event,leg\n" + "".join(rows))
    shifted = [f"{on + 0.05:.3f},{off - on:.3f},LM,left\n" for on, off in zip(truth["onset"], truth["offset"])]
    twice.write_text("onset,duration,event,leg\n" + "".join(rows + shifted))
    single = result_of(str(good), "--movements", str(once), out=folder / "once.json")
    double = result_of(str(good), "--movements", str(twice), out=folder / "twice.json")
    assert double["indices"]["plms_index"] == single["indices"]["plms_index"]
    assert any(w.startswith(f"{len(rows)} leg movements overlapped") for w in double["warnings"])


# --- files that are not whole -------------------------------------------------------------------

def test_a_truncated_file_is_scored_and_q_still_prints_the_warning(folder):
    path = write_edf(folder / "cut.edf", ("LAT", "RAT"), seconds=600)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) * 2 // 3])
    out = folder / "cut.json"
    done = run("score", str(path), "-q", "--json", str(out))
    assert done.returncode == 0 and done.stdout == ""
    assert "warning: file is truncated: read" in done.stderr
    assert any(w.startswith("file is truncated") for w in json.loads(out.read_text())["warnings"])


def test_a_record_duration_of_a_nanosecond_is_one_line(good, folder):
    data = bytearray(good.read_bytes())
    data[244:252] = b"1e-9    "
    (folder / "tiny.edf").write_bytes(bytes(data))
    assert_one_line_error(run("score", str(folder / "tiny.edf")), "tiny.edf", "record duration")

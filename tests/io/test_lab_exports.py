"""Lab exports: RemLogic, Profusion XML, NSRR XML, Noxturnal lists — read, and scored alone.

Every file is written by the test in its vendor's layout (tests/io/lab_exports.py). The night:
TST 36 epochs = 0.3 h (epochs 2-37, inside lights-off 30-1140 s); left LMs at 420 440 460 480
500 s (1.5 s), a right LM 440.3-441.3 s joining the second into one bilateral LM: 5 LMs with
IMIs of 20 s, one series of 5 PLMs -> PLMS index 5 / 0.3 h = 16.67/h.
"""

from __future__ import annotations

import json

import numpy as np
import pytest
from typer.testing import CliRunner

import plmscope
from plmscope.cli import app
from plmscope.errors import PlmscopeInputError
from plmscope.io import is_event_file, read_event_night, read_events, read_night
from plmscope.io.annotation_files import read_annotation_file

from .conftest import emg, write_edf
from .lab_exports import (
    APNEA,
    LEFT_LMS,
    START,
    STAGES,
    remlogic_rows,
    write_nox,
    write_nsrr,
    write_profusion,
    write_remlogic,
)

PLMS_INDEX = 5 / 0.3
EXPECTED_STAGES = [s for s in STAGES]


def check_scored(result) -> None:
    assert result.indices["n_plms"] == 5 and result.indices["n_lms"] == 5
    assert result.indices["plms_index"] == pytest.approx(PLMS_INDEX)
    assert result.sleep["tst_h"] == pytest.approx(0.3)
    bilateral = result.movements[result.movements["leg"] == "bilateral"]
    assert bilateral["onset"].tolist() == [440.0] and bilateral["offset"].tolist() == [441.5]
    assert result.recording["movements_source"] == "annotations"
    assert result.recording["from_event_file"] is True


# --- RemLogic ------------------------------------------------------------------------------


def test_remlogic_events_stages_locations_and_identity(tmp_path):
    file = read_annotation_file(write_remlogic(tmp_path / "N1-Events.txt"))
    assert file.kind == "RemLogic event export"
    assert file.identity == {"Patient": "Doe, Jane", "Patient ID": "PID-0042", "Recording Date": "04/03/2021"}
    assert file.start == START and file.origin == START.time()
    events, unknown = read_events(tmp_path / "N1-Events.txt")
    kinds = events.groupby("event").size().to_dict()
    assert kinds == {"leg_movement": 6, "apnea": 1, "arousal": 1, "desaturation": 1,
                     "lights_off": 1, "lights_on": 1, "unknown": 1}  # fmt: skip
    assert unknown == ["SNORE"]
    lms = events[events["event"] == "leg_movement"]
    assert lms["leg"].tolist() == ["left", "left", "right", "left", "left", "left"]
    assert lms["onset"].tolist()[:3] == [420.0, 440.0, 440.3]


def test_remlogic_iso_times_and_clock_times_crossing_midnight(tmp_path):
    # the same night shifted to start at 23:58: clock times run past midnight
    rows = [(t + 3600.0, e, d, loc) for t, e, d, loc in remlogic_rows()]
    iso = read_annotation_file(write_remlogic(tmp_path / "iso.txt", rows, iso=True))
    plain = read_annotation_file(write_remlogic(tmp_path / "clock.txt", rows))
    assert plain.origin == dt_time(23, 58) and iso.start.isoformat() == "2021-03-04T23:58:00"
    np.testing.assert_allclose(iso.table["onset"], plain.table["onset"])
    assert plain.table["onset"].max() == pytest.approx(30 * (len(STAGES) - 1))


def dt_time(h, m):
    import datetime as dt

    return dt.time(h, m)


def test_remlogic_scored_alone_from_python_and_cli(tmp_path):
    path = write_remlogic(tmp_path / "N1-Events.txt")
    assert is_event_file(path)
    result = plmscope.score(path)
    check_scored(result)
    assert result.hypnogram.stages.tolist() == EXPECTED_STAGES
    assert result.lights == (30.0, 1140.0)
    assert result.recording["channels"]["left"]["label"] == "LAntib1-LAntib2"
    assert any("read from channels 'LAntib1-LAntib2' (left) and 'RAntib1-RAntib2' (right)" in n for n in result.notes)
    assert any("'SNORE'" in w for w in result.warnings)  # unknown names listed, not dropped

    out = CliRunner().invoke(app, ["score", str(path), "--json", str(tmp_path / "r.json")])
    assert out.exit_code == 0, out.output
    assert "read from channels" in out.output and "SNORE" in out.output
    written = json.loads((tmp_path / "r.json").read_text())
    assert written["indices"]["plms_index"] == pytest.approx(PLMS_INDEX)


def test_remlogic_identity_lines_are_shown_only_when_asked(tmp_path):
    path = write_remlogic(tmp_path / "N1-Events.txt")
    runner = CliRunner()
    hidden = runner.invoke(app, ["score", str(path), "-q", "--json", str(tmp_path / "a.json"),
                                 "--report", str(tmp_path / "a.html")])  # fmt: skip
    assert hidden.exit_code == 0, hidden.output
    for name in ("a.json", "a.html"):
        text = (tmp_path / name).read_text()
        assert "Doe" not in text and "PID-0042" not in text and "2021-03-04" not in text
    shown = runner.invoke(app, ["score", str(path), "-q", "--show-identity", "--report", str(tmp_path / "b.html")])
    assert shown.exit_code == 0 and "PID-0042" in (tmp_path / "b.html").read_text()


def test_remlogic_two_channels_for_one_leg_say_which_was_used_and_left_chooses(tmp_path):
    # the left leg also scored on a spare derivation with one LM only
    rows = remlogic_rows() + [(900.0, "PLM-LM", 2.0, "EMG.Tibialis-Leg.Left")]
    path = write_remlogic(tmp_path / "N2-Events.txt", sorted(rows))
    result = plmscope.score(path)
    note = next(n for n in result.notes if "scored on 2 channels" in n)
    assert "'LAntib1-LAntib2' (5 LMs)" in note and "'EMG.Tibialis-Leg.Left' (1 LMs)" in note
    assert "'LAntib1-LAntib2' was used" in note
    assert result.indices["n_lms"] == 5
    chosen = plmscope.score(path, left="emg.tibialis-leg.left", right="RAntib1-RAntib2")
    assert chosen.indices["n_lms"] == 2  # the spare channel's LM and the right leg's
    assert chosen.recording["channels"]["left"]["label"] == "EMG.Tibialis-Leg.Left"


def test_remlogic_unknown_location_is_a_clear_cli_error(tmp_path, capsys):
    from plmscope.cli import main

    path = write_remlogic(tmp_path / "N1-Events.txt")
    with pytest.raises(SystemExit) as done:
        main(["score", str(path), "--left", "Leg L"])
    assert done.value.code == 2
    err = " ".join(capsys.readouterr().err.split())
    assert "no leg movements are scored on channel 'Leg L'" in err and "'LAntib1-LAntib2'" in err


def test_remlogic_events_join_a_recording_on_its_clock(tmp_path):
    # the EDF starts at 22:58:30: the export's clock times move 30 s earlier on its time line
    seconds = 40 * 30 - 30
    edf = write_edf(tmp_path / "n.edf", {"Leg L": emg(seconds), "Leg R": emg(seconds, seed=1)},
                    starttime=(START.replace(second=30)).time())  # fmt: skip
    events = write_remlogic(tmp_path / "n-Events.txt")
    night = read_night(edf, events=events)
    lms = night.events_of("leg_movement")
    assert lms["onset"].tolist()[0] == pytest.approx(LEFT_LMS[0][0] - 30.0)
    assert night.hypnogram.stages[0] == "W" and night.hypnogram.onset == pytest.approx(0.0)


def test_remlogic_without_a_table_or_with_a_bad_time(tmp_path):
    broken = tmp_path / "broken.txt"
    broken.write_text("RemLogic Event Export\r\nPatient:\tX\r\n\r\n")
    with pytest.raises(PlmscopeInputError, match="without its table"):
        read_annotation_file(broken)
    rows = remlogic_rows()
    path = write_remlogic(tmp_path / "bad.txt", rows)
    text = path.read_text().replace(rows[0] and "22:58:00.000", "22:5x:00", 1)
    path.write_text(text)
    with pytest.raises(PlmscopeInputError, match=r"Time on data row 1 is '22:5x:00'"):
        read_annotation_file(path)


# --- Profusion, NSRR, Noxturnal -------------------------------------------------------------


def test_profusion_xml_inputs_lights_and_imi_note(tmp_path):
    path = write_profusion(tmp_path / "n-profusion.xml")
    file = read_annotation_file(path)
    assert file.kind == "Profusion XML"
    assert set(file.table["channel"].dropna()) == {"Leg L", "Leg R", "Airflow", "C3", "SpO2"}
    result = plmscope.score(path)
    check_scored(result)
    assert result.lights == (30.0, 1140.0)
    assert result.hypnogram.stages.tolist() == EXPECTED_STAGES
    assert any("recomputes every IMI onset to onset" in n for n in result.notes)
    assert result.events_read["desaturation"] == 1 and result.events_read["apnea"] == 1


def test_profusion_xml_with_20_s_epochs_is_refused(tmp_path):
    with pytest.raises(PlmscopeInputError, match="20 s epochs"):
        read_annotation_file(write_profusion(tmp_path / "old.xml", epoch=20.0))


def test_nsrr_xml_signal_location_and_scored_alone(tmp_path):
    path = write_nsrr(tmp_path / "n-nsrr.xml")
    file = read_annotation_file(path)
    assert file.declared_duration == 1200.0 and file.declared_start.isoformat() == "22:58:00"
    result = plmscope.score(path)
    assert result.recording["channels"]["left"]["label"] == "Leg L"
    # no lights markers in this file: lights-off is the whole scored span (W at 0-60 s)
    assert result.indices["n_plms"] == 5 and result.sleep["tst_h"] == pytest.approx(0.3)
    assert result.start.time().isoformat() == "22:58:00"


@pytest.mark.parametrize("french", [False, True], ids=["english-csv", "french-utf16-tsv"])
def test_noxturnal_event_lists(tmp_path, french):
    path = write_nox(tmp_path / ("nox.txt" if french else "nox.csv"), french=french)
    assert is_event_file(path)
    file = read_annotation_file(path)
    assert file.kind == "Noxturnal event export" and file.origin == START.time()
    events, _unknown = read_events(path)
    apnea = events[events["event"] == "apnea"]
    assert apnea[["onset", "duration"]].values.tolist() == [list(APNEA)]
    assert set(events["event"]) >= {"leg_movement", "apnea", "arousal", "desaturation"}
    night = read_event_night(path)
    assert night.scored_legs == {"left": "Jambe G" if french else "Leg L", "right": "Jambe D" if french else "Leg R"}
    assert night.hypnogram.stages.tolist() == EXPECTED_STAGES
    result = plmscope.score(path)
    assert result.indices["n_plms"] == 5 and result.indices["n_lms"] == 5


# --- scoring from a file alone: what else it takes ------------------------------------------


def test_event_file_with_a_yasa_hypnogram_and_no_lms(tmp_path):
    path = tmp_path / "apneas.csv"
    path.write_text("onset,duration,event\n100,15,apnea\n")
    result = plmscope.score(path, hypnogram=[0, 1, 2, 2, 3, 4, 4, 0])  # YASA integers
    assert result.hypnogram.stages.tolist() == ["W", "N1", "N2", "N2", "N3", "R", "R", "W"]
    assert result.indices["n_lms"] == 0 and result.indices["plms_index"] == 0.0
    assert any("holds no leg movements" in w for w in result.warnings)


def test_annotation_only_edf_plus_is_an_event_file(tmp_path):
    import edfio

    notes = [edfio.EdfAnnotation(30.0 * i, 30.0, "Sleep stage 2") for i in range(20)]
    notes += [edfio.EdfAnnotation(100.0 + 20 * k, 1.0, "Limb movement left") for k in range(4)]
    path = tmp_path / "scoring.edf"
    edfio.Edf([], annotations=notes).write(path)
    assert is_event_file(path)
    result = plmscope.score(path)
    assert result.indices["n_plms"] == 4 and result.sleep["tst_h"] == pytest.approx(600 / 3600)


def test_recordings_and_odd_files_are_not_event_files(tmp_path):
    edf = write_edf(tmp_path / "n.edf", {"Leg L": emg(60)})
    text = tmp_path / "notes.txt"
    text.write_text("just some words\n")
    accel = tmp_path / "acc.csv"
    accel.write_text("time,x,y,z\n0,0.1,0.2,0.9\n")
    assert not any(is_event_file(p) for p in (edf, text, accel, tmp_path / "missing.xml"))

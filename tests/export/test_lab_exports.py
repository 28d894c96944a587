"""What labs review: EDF+ LM annotations, NSRR XML, BIDS events, RemLogic exports — written, then
read back by plmscope's own readers and by MNE, with the same leg movements.
"""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

import plmscope
from plmscope.cli import app
from plmscope.export import write_bids_events, write_edf_annotations, write_nsrr_xml, write_remlogic
from plmscope.io import read_events
from plmscope.night import Hypnogram
from plmscope.scoring import score_night

# A scoring with one LM of every kind (40 min of N2; an apnea ending at 700 s, an arousal at 900 s):
#   100 120 140 160 left: one series (PLM) · 300 left: isolated · 500 left: isolated, then
#   505 left (IMI 5 s): short-interval · 705 left: 5 s after the apnea's end: isolated, respiratory
#   904 right: overlaps the arousal: isolated, arousal · 1000 left, 12 s: not a candidate
#   1100 left + 1100.5 right: one bilateral LM, isolated
ROWS = [(30.0 * i, 30.0, "N2", "") for i in range(80)]
ROWS += [(t, 2.0, "leg_movement", "left") for t in (100, 120, 140, 160, 300, 500, 505, 705)]
ROWS += [(904.0, 2.0, "leg_movement", "right"), (1000.0, 12.0, "leg_movement", "left")]
ROWS += [(1100.0, 2.0, "leg_movement", "left"), (1100.5, 1.0, "leg_movement", "right")]
ROWS += [(680.0, 20.0, "apnea", ""), (900.0, 5.0, "arousal", "")]
EXPECTED_LABELS = [
    "PLM left", "PLM left", "PLM left", "PLM left", "LM left, isolated", "LM left, isolated",
    "LM left, short-interval", "LM left, isolated, respiratory", "LM right, isolated, arousal",
    "LM left, non-candidate", "LM bilateral, isolated",
]  # fmt: skip


@pytest.fixture
def scored(tmp_path):
    path = tmp_path / "scoring.csv"
    table = pd.DataFrame(ROWS, columns=["onset", "duration", "event", "leg"])
    path.write_text(table.to_csv(index=False))
    return plmscope.score(path)


def same_lms(a, b) -> None:
    cols = ["onset", "offset", "leg", "periodic", "short_interval", "isolated", "respiratory", "arousal"]
    pd.testing.assert_frame_equal(
        a.movements[cols].reset_index(drop=True), b.movements[cols].reset_index(drop=True), atol=1e-3
    )


def test_edf_annotations_carry_every_label_and_open_in_mne(scored, tmp_path):
    mne = pytest.importorskip("mne")
    path = write_edf_annotations(tmp_path / "lms.edf", scored)
    annotations = mne.read_annotations(path)
    assert list(annotations.description) == EXPECTED_LABELS
    np.testing.assert_allclose(annotations.onset, scored.movements["onset"], atol=1e-3)
    np.testing.assert_allclose(annotations.duration, scored.movements["duration"], atol=1e-3)
    events, unknown = read_events(path)  # plmscope's reader: every label is a leg movement
    assert unknown == [] and (events["event"] == "leg_movement").all()
    assert events["leg"].tolist() == scored.movements["leg"].tolist()
    np.testing.assert_allclose(events["onset"], scored.movements["onset"], atol=1e-3)


def test_edf_annotations_start_at_the_recordings_time_without_its_date(tmp_path):
    from plmscope.simulate import simulate_night

    sim = simulate_night("plmd", seed=6, hours=0.25)
    scored = plmscope.score(sim.night)
    head = write_edf_annotations(tmp_path / "a.edf", scored).read_bytes()[:256]
    assert head[176:184].decode() == f"{scored.start:%H.%M.%S}"
    assert head[168:176].decode() == "01.01.85"  # anonymous date unless identity is asked for
    shown = write_edf_annotations(tmp_path / "b.edf", scored, show_identity=True).read_bytes()[:256]
    assert shown[168:176].decode() == f"{scored.start:%d.%m.%y}"


def test_nsrr_xml_reads_back_as_the_same_scoring(scored, tmp_path):
    path = write_nsrr_xml(tmp_path / "night-nsrr.xml", scored)
    text = path.read_text()
    assert text.count("PLM (Left)") == 4 and "Obstructive apnea|Obstructive Apnea" in text
    again = plmscope.score(path)
    same_lms(scored, again)
    assert again.indices == scored.indices
    assert again.hypnogram.stages.tolist() == scored.hypnogram.stages.tolist()


def test_bids_events_and_sidecar_read_back(scored, tmp_path):
    tsv, sidecar = write_bids_events(tmp_path / "bids", scored, subject="P7")
    assert tsv.name == "sub-P7_task-sleep_events.tsv"
    table = pd.read_csv(tsv, sep="\t", na_values="n/a", keep_default_na=False)
    assert list(table.columns[:3]) == ["onset", "duration", "trial_type"]
    lms = table[table["trial_type"].isin(["PLM", "LM"])]
    assert len(lms) == len(scored.movements) and (lms["trial_type"] == "PLM").sum() == 4
    described = json.loads(sidecar.read_text())
    assert set(table.columns) <= set(described) and "PLM" in described["trial_type"]["Levels"]
    again = plmscope.score(tsv)
    same_lms(scored, again)
    assert again.indices["plms_index"] == scored.indices["plms_index"]


def test_remlogic_writer_round_trip_equals_scoring_the_truth(tmp_path):
    from plmscope.simulate import simulate_night

    sim = simulate_night("apnea", seed=11, hours=0.5)
    path = write_remlogic(tmp_path / "n-Events.txt", sim.night.hypnogram, sim.night.events, lms=sim.truth,
                          start=sim.night.start)  # fmt: skip
    from_file = plmscope.score(path)
    direct = score_night(sim.night.context, sim.truth[["leg", "onset", "offset"]])
    np.testing.assert_allclose(from_file.movements["onset"], direct.movements["onset"], atol=1e-5)
    assert from_file.indices["plms_index"] == pytest.approx(direct.indices["plms_index"])
    assert from_file.indices["plms_nr_index"] == pytest.approx(direct.indices["plms_nr_index"])


def test_cli_writes_every_lab_export(tmp_path):
    from plmscope.simulate import simulate_night, write_simulation

    edf, _ = write_simulation(simulate_night("plmd", seed=8, hours=0.25), tmp_path / "n.edf")
    out = CliRunner().invoke(app, [
        "score", str(edf), "--export-edf-annotations", str(tmp_path / "o" / "lms.edf"),
        "--export-nsrr-xml", str(tmp_path / "o" / "n.xml"), "--export-bids", str(tmp_path / "o" / "bids"),
        "--bids-subject", "N8",
    ])  # fmt: skip
    assert out.exit_code == 0, out.output
    for name in ("lms.edf", "n.xml", "bids/sub-N8_task-sleep_events.tsv", "bids/sub-N8_task-sleep_events.json"):
        assert (tmp_path / "o" / name).is_file(), name
    assert "LM annotations (EDF+)" in out.output
    bad = CliRunner().invoke(app, ["score", str(edf), "--export-bids", str(tmp_path / "b"), "--bids-subject", "a-b"])
    assert bad.exit_code == 2 and "letters and digits" in bad.output


def test_an_empty_night_still_writes_readable_exports(tmp_path):
    hyp = Hypnogram(np.array(["N2"] * 10))
    ctx_path = tmp_path / "empty.csv"
    ctx_path.write_text("onset,duration,stage\n" + "\n".join(f"{30 * i},30,{s}" for i, s in enumerate(hyp.stages)))
    scored = plmscope.score(ctx_path)
    mne = pytest.importorskip("mne")
    assert len(mne.read_annotations(write_edf_annotations(tmp_path / "e.edf", scored))) == 1
    again = plmscope.score(write_nsrr_xml(tmp_path / "e.xml", scored))
    assert again.indices["n_lms"] == 0

"""A small cohort on disk: short simulated nights with NSRR XML, CSV or EDF+ annotations, and the
broken files a real cohort has (truncated, no leg channel, garbage), in NSRR-like folders.
"""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path
from xml.sax.saxutils import escape

import pandas as pd
import pytest

from plmscope.export.edf import write_edf
from plmscope.night import Hypnogram, Night, empty_events
from plmscope.simulate import simulate_night

HOURS = 0.25

NSRR_STAGES = {"W": "Wake|0", "N1": "Stage 1 sleep|1", "N2": "Stage 2 sleep|2", "N3": "Stage 3 sleep|3", "R": "REM sleep|5"}
NSRR_EVENTS = {
    ("arousal", None): ("Arousals|Arousals", "Arousal|Arousal ()"),
    ("apnea", None): ("Respiratory|Respiratory", "Obstructive apnea|Obstructive Apnea"),
    ("hypopnea", None): ("Respiratory|Respiratory", "Hypopnea|Hypopnea"),
    ("leg_movement", "left"): ("Limb Movement|Limb Movement", "Limb movement - left|Limb Movement (Left)"),
    ("leg_movement", "right"): ("Limb Movement|Limb Movement", "Limb movement - right|Limb Movement (Right)"),
}


def signals_only(night: Night) -> Night:
    """The same night without stages or events (they go in a separate annotation file)."""
    return dataclasses.replace(night, hypnogram=Hypnogram.unscored(night.duration), events=empty_events())


def stage_runs(hyp: Hypnogram) -> list[tuple[float, float, str]]:
    """(onset, duration, stage) of each run of equal stages."""
    runs, start = [], 0
    stages = list(hyp.stages)
    for i in range(1, len(stages) + 1):
        if i == len(stages) or stages[i] != stages[start]:
            runs.append((hyp.onset + start * hyp.epoch_s, (i - start) * hyp.epoch_s, stages[start]))
            start = i
    return [r for r in runs if r[2] != "?"]


def write_nsrr_xml(path: Path, night: Night, extra: list[tuple[float, float, str, str]] = ()) -> Path:
    """An NSRR ``PSGAnnotation`` file with the night's stages and events (and ``extra`` events)."""
    clock = night.start.strftime("%H.%M.%S")
    events = [
        f"<ScoredEvent><EventType/><EventConcept>Recording Start Time</EventConcept><Start>0</Start>"
        f"<Duration>{night.duration:.1f}</Duration><ClockTime>00.00.00 {clock}</ClockTime></ScoredEvent>"
    ]
    for onset, duration, stage in stage_runs(night.hypnogram):
        events.append(
            f"<ScoredEvent><EventType>Stages|Stages</EventType><EventConcept>{NSRR_STAGES[stage]}</EventConcept>"
            f"<Start>{onset:.1f}</Start><Duration>{duration:.1f}</Duration></ScoredEvent>"
        )
    rows = [
        (float(e.onset), float(e.duration), *NSRR_EVENTS[(e.event, e.leg if isinstance(e.leg, str) else None)])
        for e in night.events.itertuples()
        if (e.event, e.leg if isinstance(e.leg, str) else None) in NSRR_EVENTS
    ]
    for onset, duration, kind, concept in [*rows, *extra]:
        events.append(
            f"<ScoredEvent><EventType>{escape(kind)}</EventType><EventConcept>{escape(concept)}</EventConcept>"
            f"<Start>{onset:.3f}</Start><Duration>{duration:.3f}</Duration></ScoredEvent>"
        )
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n<PSGAnnotation>'
        "<SoftwareVersion>Compumedics</SoftwareVersion><EpochLength>30</EpochLength><ScoredEvents>\n"
        + "\n".join(events)
        + "\n</ScoredEvents></PSGAnnotation>\n",
        encoding="utf-8",
    )
    return path


def write_events_csv(path: Path, night: Night) -> Path:
    """A CSV ``onset,duration,event`` with the stages (as stage labels) and the events."""
    rows = [(o, d, f"Sleep stage {s}") for o, d, s in stage_runs(night.hypnogram)]
    rows += [(float(e.onset), float(e.duration), e.event) for e in night.events.itertuples() if e.event != "unknown"]
    pd.DataFrame(rows, columns=["onset", "duration", "event"]).to_csv(path, index=False)
    return path


def truncate(path: Path, keep_s: float, header_and_record: tuple[int, int]) -> None:
    """Cut an EDF after ``keep_s`` seconds of 1 s records (the header still promises them all)."""
    header, record = header_and_record
    data = path.read_bytes()
    path.write_bytes(data[: header + int(keep_s) * record])


def edf_layout(path: Path) -> tuple[int, int]:
    """(header bytes, bytes per data record) of an EDF file."""
    raw = path.read_bytes()
    n_signals = int(raw[252:256].decode())
    samples = [int(raw[256 + 216 * n_signals + 8 * i : 256 + 216 * n_signals + 8 * i + 8]) for i in range(n_signals)]
    return 256 * (n_signals + 1), 2 * sum(samples)


def record_seconds(path: Path) -> float:
    return float(path.read_bytes()[244:252].decode())


#: What each night of the cohort is, and whether it must be scored.
GOOD = ("plmd_nsrr", "healthy_csv", "rls_edfplus", "apnea_sibling", "cut_short", "odd_labels")
BAD = ("truncated", "no_legs", "garbage")


def build_cohort(root: Path) -> Path:
    """The cohort folder: good nights in ``edfs/`` and ``site2/``, NSRR XML in ``annotations/``."""
    edfs, site2, notes = root / "edfs", root / "site2", root / "annotations"
    for folder in (edfs, site2, notes):
        folder.mkdir(parents=True, exist_ok=True)

    plmd = simulate_night("plmd", seed=21, hours=HOURS).night
    write_edf(edfs / "plmd_nsrr.edf", signals_only(plmd))
    write_nsrr_xml(edfs / "plmd_nsrr-nsrr.xml", plmd)

    healthy = simulate_night("healthy", seed=22, hours=HOURS).night
    write_edf(edfs / "healthy_csv.edf", signals_only(healthy))
    write_events_csv(edfs / "healthy_csv.csv", healthy)

    write_edf(edfs / "rls_edfplus.edf", simulate_night("rls", seed=23, hours=HOURS).night)

    apnea = simulate_night("apnea", seed=24, hours=HOURS).night
    write_edf(site2 / "apnea_sibling.edf", signals_only(apnea))
    write_nsrr_xml(notes / "apnea_sibling-nsrr.xml", apnea)  # NSRR style: annotations in their own folder

    cut = simulate_night("plmd", seed=25, hours=HOURS).night
    write_edf(edfs / "cut_short.edf", cut)
    truncate(edfs / "cut_short.edf", 0.6 * cut.duration / record_seconds(edfs / "cut_short.edf"),
             edf_layout(edfs / "cut_short.edf"))

    odd = simulate_night("plmd", seed=26, hours=HOURS).night
    write_edf(edfs / "odd_labels.edf", signals_only(odd), labels=("EMG LAT1-LAT2", "RAT1-RAT2"))
    write_nsrr_xml(edfs / "odd_labels.xml", odd, extra=[(100.0, 20.0, "Desaturation", "SpO2 desaturation|SpO2 desaturation"),
                                                       (300.0, 5.0, "Misc", "Flow limitation?")])

    write_edf(edfs / "truncated.edf", simulate_night("plmd", seed=27, hours=HOURS).night)
    truncate(edfs / "truncated.edf", 10, edf_layout(edfs / "truncated.edf"))

    legless = simulate_night("healthy", seed=28, hours=HOURS).night
    legless = dataclasses.replace(legless, legs={"left": legless.ecg})
    write_edf(edfs / "no_legs.edf", legless, labels=("Airflow",))

    (edfs / "garbage.edf").write_bytes(bytes(range(256)) * 40)
    (root / "README.txt").write_text("not a recording\n")
    (root / "participants.csv").write_text("night_id,age\nplmd_nsrr,61\n")
    return root


@pytest.fixture(scope="session")
def cohort_folder(tmp_path_factory) -> Path:
    """The cohort, built once per test process; tests must not change it (copy it first)."""
    return build_cohort(tmp_path_factory.mktemp("cohort"))


@pytest.fixture
def cohort_copy(cohort_folder: Path, tmp_path: Path) -> Path:
    """A private copy of the cohort a test may change."""
    return Path(shutil.copytree(cohort_folder, tmp_path / "cohort"))

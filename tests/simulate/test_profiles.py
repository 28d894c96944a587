"""Each simulation profile has the structure its name promises."""

import numpy as np
import pandas as pd
import pytest

from plmscope.night import EVENT_COLUMNS, EVENT_NAMES, SLEEP_STAGES
from plmscope.simulate import PROFILES, simulate_night


def movement_onsets(truth: pd.DataFrame) -> np.ndarray:
    """Onset of each movement (the earlier leg of a bilateral one), sorted."""
    return np.sort(truth.groupby("event_id")["onset"].min().to_numpy())


def longest_periodic_run(onsets: np.ndarray, lo: float = 10.0, hi: float = 90.0) -> int:
    """Number of LMs in the longest run whose consecutive IMIs all lie in [lo, hi]."""
    ok = (np.diff(onsets) >= lo) & (np.diff(onsets) <= hi)
    best = run = 0
    for flag in ok:
        run = run + 1 if flag else 0
        best = max(best, run)
    return best + 1 if len(onsets) else 0


def sleep_onset(sim) -> float:
    hyp = sim.night.hypnogram
    return float(np.flatnonzero(np.isin(hyp.stages, SLEEP_STAGES))[0] * hyp.epoch_s)


def test_short_plmd_night_has_a_periodic_series():
    sim = simulate_night("plmd", seed=1, hours=0.5)
    assert longest_periodic_run(movement_onsets(sim.truth)) >= 4
    imis = np.diff(movement_onsets(sim.truth[sim.truth["pattern"] == "periodic"]))
    assert 15.0 < np.median(imis) < 45.0  # typical PLM interval 20–40 s with jitter


def test_plmd_series_lie_mostly_in_light_sleep():
    sim = simulate_night("plmd", seed=2, hours=2.0)
    periodic = sim.truth[sim.truth["pattern"] == "periodic"]
    stages = sim.night.hypnogram.stage_at(periodic["onset"].to_numpy())
    assert longest_periodic_run(movement_onsets(sim.truth)) >= 10
    assert np.isin(stages, ("N1", "N2")).mean() > 0.5
    assert (stages == "R").mean() < 0.25


def test_hypnic_jerks_only_at_falling_asleep():
    sim = simulate_night("hypnic", seed=4, hours=1.0)
    stages = sim.night.hypnogram.stages
    transitions = (np.flatnonzero((stages[:-1] == "W") & (stages[1:] == "N1")) + 1) * 30.0
    jerks = sim.truth[sim.truth["kind"] == "hypnic"]
    assert len(jerks) >= 2
    distance = jerks["onset"].to_numpy()[:, None] - transitions[None, :]
    assert np.all(np.any((distance > -21.0) & (distance < 42.0), axis=1))
    assert np.all((jerks["offset"] - jerks["onset"]).between(0.4, 2.3))
    assert set(jerks.groupby("event_id")["leg"].nunique()) == {2}  # bilateral


def test_apnea_movements_follow_event_ends():
    sim = simulate_night("apnea", seed=5, hours=1.0)
    breathing = sim.night.events_of("apnea", "hypopnea")
    assert len(breathing) >= 10
    assert set(breathing["label"]) <= {"Obstructive Apnea", "Central Apnea", "Hypopnea"}
    ends = (breathing["onset"] + breathing["duration"]).to_numpy()
    resp = sim.truth[sim.truth["pattern"] == "respiratory"]
    assert len(resp) >= 5
    after = resp["onset"].to_numpy()[:, None] - ends[None, :]
    assert np.all(np.any((after >= 0.0) & (after <= 10.0), axis=1))
    arousals = sim.night.events_of("arousal")["onset"].to_numpy()
    near_end = np.abs(arousals[:, None] - ends[None, :]).min(axis=1) < 3.5
    assert near_end.sum() >= len(ends) // 2


def test_rls_moves_in_wake_before_sleep():
    sim = simulate_night("rls", seed=6, hours=1.0)
    lights_off, _ = sim.night.lights
    onsets = movement_onsets(sim.truth)
    before_sleep = onsets[(onsets > lights_off) & (onsets < sleep_onset(sim))]
    assert sleep_onset(sim) - lights_off >= 15 * 60.0  # long latency (capped in short nights)
    assert len(before_sleep) >= 8
    in_sleep = np.isin(sim.night.hypnogram.stage_at(onsets), SLEEP_STAGES)
    assert longest_periodic_run(onsets[in_sleep]) >= 4


def test_healthy_night_has_few_movements():
    sim = simulate_night("healthy", seed=7, hours=1.0)
    assert len(movement_onsets(sim.truth)) < 8
    assert longest_periodic_run(movement_onsets(sim.truth)) < 4


def test_demo_night_shows_every_part():
    sim = simulate_night("demo", seed=0, hours=1.5)
    patterns = set(sim.truth["pattern"])
    assert {"periodic", "hypnic", "respiratory"} <= patterns
    assert "near_threshold" in set(sim.truth["kind"])
    assert {"apnea", "arousal", "lights_off", "lights_on"} <= set(sim.night.events["event"])
    assert longest_periodic_run(movement_onsets(sim.truth)) >= 4


@pytest.mark.parametrize("profile", sorted(PROFILES))
def test_every_profile_gives_a_consistent_night(profile):
    sim = simulate_night(profile, seed=8, hours=0.3)
    night = sim.night
    assert list(night.events.columns) == list(EVENT_COLUMNS)
    assert set(night.events["event"]) <= set(EVENT_NAMES)
    lights_off, lights_on = night.lights
    assert 0.0 < lights_off < lights_on < night.duration
    assert night.hypnogram_source == "simulated" and night.start is not None
    truth = sim.truth
    assert truth["onset"].between(lights_off, lights_on).all()
    assert ((truth["offset"] - truth["onset"]) >= 0.5).all()


@pytest.mark.parametrize("profile", sorted(PROFILES))
def test_very_short_recordings_still_simulate(profile):
    sim = simulate_night(profile, seed=1, hours=0.01, noisy_periods=1)
    assert sim.night.duration == 60.0 and len(sim.night.legs["left"].data) == 60 * 256

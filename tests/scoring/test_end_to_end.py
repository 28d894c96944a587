"""End to end: score the simulator's true LMs and compare with what the simulator planned.

The simulator gives every true monolateral LM a ``kind``/``pattern`` and an ``event_id``
shared by both legs of one movement. Checks, from strongest to loosest:
1. each simulated movement (event_id) becomes exactly one scored LM, with the same span;
2. the series equal those a plain loop over the simulator's own movements implies (SCORING_RULES
   §3 applied to event_id groups, independent of the scorer's leg-joining code), and
   plms_index equals that count in sleep over the hypnogram's sleep time;
3. the kinds land where planned: every planned periodic run that the rules allow is a series,
   doublets are short-interval, movements > 10 s are not candidates, LMs placed just after a
   breathing event are respiratory (WASM).
The simulator thins runs by stage and inserts other LMs into them, so "every periodic-kind LM
is a PLM" is not true and is not asserted.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from plmscope.night import SLEEP_STAGES
from plmscope.rules import WASM2016
from plmscope.scoring import score_night
from tests.scoring.helpers import reference_series

simulate = pytest.importorskip("plmscope.simulate")

CASES = [("plmd", 3), ("rls", 2), ("demo", 1)]  # doublets+long, PLMW, apneas+respiratory LMs


@pytest.fixture(scope="module", params=CASES, ids=[f"{p}-{s}" for p, s in CASES])
def scored(request):
    profile, seed = request.param
    sim = simulate.simulate_night(profile, seed=seed, hours=0.5)
    result = score_night(sim.night.context, sim.truth[["leg", "onset", "offset"]])
    return sim, result, planned_movements(sim)


def planned_movements(sim) -> pd.DataFrame:
    """One row per simulated movement (event_id) inside lights-off, sorted by onset."""
    truth = sim.truth.assign(length=sim.truth["offset"] - sim.truth["onset"])
    truth = truth[truth["length"] >= WASM2016.min_duration_s]  # shorter decoys are not LMs
    ev = truth.groupby("event_id").agg(
        onset=("onset", "min"),
        offset=("offset", "max"),
        pattern=("pattern", "first"),
        parts=("leg", "size"),
        longest=("length", "max"),
    )
    off, on = sim.night.lights
    ev = ev[(ev["onset"] >= off) & (ev["onset"] < on)].sort_values("onset", ignore_index=True)
    rules = WASM2016
    ev["candidate"] = (ev["longest"] <= rules.max_candidate_duration_s) & (
        (ev["parts"] == 1) | (ev["offset"] - ev["onset"] <= rules.max_bilateral_duration_s)
    )
    return ev


def test_each_simulated_movement_becomes_one_scored_lm(scored):
    _, result, planned = scored
    mov = result.movements
    assert len(mov) == len(planned)
    np.testing.assert_allclose(mov["onset"], planned["onset"])
    np.testing.assert_allclose(mov["offset"], planned["offset"])
    assert ((mov["leg"] == "bilateral") == (planned["parts"] == 2)).all()
    assert (mov["candidate"] == planned["candidate"]).all()


def test_series_are_the_ones_the_simulated_movements_imply(scored):
    sim, result, planned = scored
    onsets = planned["onset"].tolist()
    runs = reference_series(onsets, planned["candidate"].tolist(), WASM2016)
    implied = sorted(i for run in runs for i in run)
    assert np.flatnonzero(result.movements["periodic"]).tolist() == implied
    hyp = sim.night.hypnogram
    tst_h = hyp.seconds_in(SLEEP_STAGES, *sim.night.lights) / 3600
    in_sleep = np.isin(hyp.stage_at(planned["onset"].to_numpy()[implied]), SLEEP_STAGES)
    assert result.sleep["tst_h"] == pytest.approx(tst_h)
    assert result.indices["plms_index"] == pytest.approx(in_sleep.sum() / tst_h)


def test_kinds_land_where_the_simulator_put_them(scored):
    sim, result, planned = scored
    mov = result.movements
    pattern = planned["pattern"].to_numpy()
    assert mov["short_interval"][pattern == "doublet"].all()
    assert not mov["candidate"][pattern == "long"].any()
    assert mov["respiratory"][pattern == "respiratory"].all()
    # planned periodic runs: ≥ 4 periodic movements in a row (nothing else between), IMIs
    # 10–90 s, the first not within 10 s of the movement before it -> all must be PLMs
    periodic = pattern == "periodic"
    imi = np.r_[np.inf, np.diff(planned["onset"].to_numpy())]
    link = periodic & np.r_[False, periodic[:-1]] & (imi >= 10) & (imi <= 90)
    run_id = np.cumsum(~link)
    starts_ok = run_id[~link & (imi >= 10)]
    planned_plm = periodic & (np.bincount(run_id)[run_id] >= 4) & np.isin(run_id, starts_ok)
    assert planned_plm.sum() >= 8
    assert mov["periodic"][planned_plm].all()

"""Simulated PSG nights with known leg movements: the ground truth for tests and benchmarks.

    sim = simulate_night("plmd", seed=1, hours=0.5)
    sim.night      # a plmscope.night.Night (legs, ECG, EEG, hypnogram, events)
    sim.truth      # every true monolateral LM: leg, onset, offset, kind, amplitude_uv, ...
    sim.decoys     # EMG bursts that are not LMs (twitches, bursts too short to score)
    sim.disturbances  # electrode pops, baseline steps, tonic activity (options; not LMs)
    write_simulation(sim, "night.edf")   # EDF+ plus night.truth.csv

See ``plmscope.simulate.emg`` for what ``amplitude_uv`` means, ``plmscope.simulate.truth`` for
how the truth follows the scoring standard, and ``plmscope.simulate.disturbances`` for what
else a leg channel may carry. The simulator loads on first use (``import plmscope.simulate``
alone is cheap, so the command line starts fast).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from plmscope.lazy import lazy_exports

if TYPE_CHECKING:  # pragma: no cover
    from plmscope.simulate.profiles import PROFILES, Profile, get_profile
    from plmscope.simulate.simulator import TRUTH_COLUMNS, SimulatedNight, simulate_night
    from plmscope.simulate.write import read_truth, write_simulation

_LAZY = {
    "PROFILES": "profiles", "Profile": "profiles", "get_profile": "profiles",
    "TRUTH_COLUMNS": "simulator", "SimulatedNight": "simulator", "simulate_night": "simulator",
    "read_truth": "write", "write_simulation": "write",
}  # fmt: skip

__all__ = sorted(_LAZY)

__getattr__, __dir__ = lazy_exports(__name__, _LAZY)

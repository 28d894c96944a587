"""Simulated PSG nights with known leg movements: the ground truth for tests and benchmarks.

    sim = simulate_night("plmd", seed=1, hours=0.5)
    sim.night      # a plmscope.night.Night (legs, ECG, EEG, hypnogram, events)
    sim.truth      # every true monolateral LM: leg, onset, offset, kind, amplitude_uv, ...
    sim.decoys     # EMG bursts that are not LMs (twitches, bursts too short to score)
    sim.disturbances  # electrode pops, baseline steps, tonic activity (options; not LMs)
    write_simulation(sim, "night.edf")   # EDF+ plus night.truth.csv

See ``plmscope.simulate.emg`` for what ``amplitude_uv`` means, ``plmscope.simulate.truth`` for
how the truth follows the scoring standard, and ``plmscope.simulate.disturbances`` for what
else a leg channel may carry.
"""

from .profiles import PROFILES, Profile, get_profile
from .simulator import TRUTH_COLUMNS, SimulatedNight, simulate_night
from .write import read_truth, write_simulation

__all__ = [
    "PROFILES",
    "Profile",
    "SimulatedNight",
    "TRUTH_COLUMNS",
    "get_profile",
    "read_truth",
    "simulate_night",
    "write_simulation",
]

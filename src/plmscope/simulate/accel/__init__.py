"""Simulated ankle-accelerometer nights with known leg movements, postures and sleep.

    sim = simulate_accel_night("plmd", seed=1, hours=8, fs=50, noise_mg=6)
    sim.night       # a plmscope Night: legs are three-axis acceleration in g
    sim.truth       # every true monolateral LM; sim.postures: posture changes (not LMs)
    write_accel_simulation(sim, "out/")   # left.csv, right.csv (+ ActiLife layout) and truth JSON
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from plmscope.lazy import lazy_exports

if TYPE_CHECKING:  # pragma: no cover
    from plmscope.simulate.accel.profiles import ACCEL_PROFILES, AccelProfile, get_accel_profile
    from plmscope.simulate.accel.simulator import SimulatedAccelNight, simulate_accel_night
    from plmscope.simulate.accel.write import CSV_LAYOUTS, read_accel_truth, write_accel_simulation

_LAZY = {
    "ACCEL_PROFILES": "profiles", "AccelProfile": "profiles", "get_accel_profile": "profiles",
    "SimulatedAccelNight": "simulator", "simulate_accel_night": "simulator",
    "CSV_LAYOUTS": "write", "read_accel_truth": "write", "write_accel_simulation": "write",
}  # fmt: skip

__all__ = sorted(_LAZY)

__getattr__, __dir__ = lazy_exports(__name__, _LAZY)

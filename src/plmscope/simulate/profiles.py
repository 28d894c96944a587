"""What kind of night each simulation profile describes, as plain numbers.

A profile says how often each pattern of leg movement happens (per hour of sleep or wake), how
fast the person falls asleep, and how often breathing stops. The generators in
``hypnogram``, ``events`` and ``movements`` read these numbers; nothing else differs between
profiles.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Profile:
    """Rates and ranges that shape one kind of simulated night."""

    name: str
    description: str
    sleep_latency_min: tuple[float, float] = (5.0, 20.0)  # lights-off to first sleep epoch
    wake_bouts_per_h: float = 0.8  # brief awakenings after sleep onset
    plm_runs_per_h: float = 0.0  # periodic series starting per hour of sleep
    min_plm_runs: int = 0  # at least this many series, even in a short night
    run_minutes: tuple[float, float] = (4.0, 50.0)  # length of a periodic series
    imi_s: tuple[float, float] = (20.0, 40.0)  # typical inter-movement interval of a series
    plmw_runs: int = 0  # periodic series in wake before sleep onset (RLS)
    isolated_per_h_sleep: float = 1.0
    isolated_per_h_wake: float = 3.0
    hypnic_jerks: tuple[int, int] = (0, 0)  # jerks at each falling-asleep transition
    hypnic_transitions: int = 0  # how many W→N1 transitions get jerks
    long_per_h: float = 0.2  # movements longer than 10 s (turning over, stretching)
    doublet_prob: float = 0.0  # chance a periodic LM is followed by a second 3–8 s later
    bilateral_prob: float = 0.5
    apneas_per_h: float = 0.0  # apneas + hypopneas per hour of sleep
    apnea_clusters: int = 0  # for a few apneas only (demo): number of clusters
    respiratory_lm_prob: float = 0.0  # chance an apnea/hypopnea ends with a leg movement
    plm_arousal_prob: float = 0.0  # chance a periodic LM in sleep comes with an arousal
    spontaneous_arousals_per_h: float = 3.0


PROFILES: dict[str, Profile] = {
    p.name: p
    for p in (
        Profile(
            name="healthy",
            description="a good sleeper: a few isolated leg movements, some in wake",
            isolated_per_h_sleep=1.5,
            isolated_per_h_wake=4.0,
            long_per_h=0.15,
        ),
        Profile(
            name="hypnic",
            description="hypnic jerks when falling asleep, otherwise quiet legs",
            wake_bouts_per_h=1.0,
            isolated_per_h_sleep=0.5,
            isolated_per_h_wake=1.0,
            hypnic_jerks=(1, 3),
            hypnic_transitions=3,
            long_per_h=0.1,
        ),
        Profile(
            name="plmd",
            description="periodic limb movements in sleep: series every 20–40 s, mostly N1/N2",
            plm_runs_per_h=1.2,
            min_plm_runs=1,
            isolated_per_h_sleep=3.0,
            isolated_per_h_wake=4.0,
            long_per_h=0.3,
            doublet_prob=0.04,
            plm_arousal_prob=0.25,
        ),
        Profile(
            name="rls",
            description="restless legs: movements in wake before a late sleep onset, PLMW, PLMS",
            sleep_latency_min=(30.0, 60.0),
            wake_bouts_per_h=1.5,
            plm_runs_per_h=0.9,
            min_plm_runs=1,
            plmw_runs=2,
            isolated_per_h_sleep=2.0,
            isolated_per_h_wake=25.0,
            long_per_h=0.5,
            doublet_prob=0.05,
            plm_arousal_prob=0.3,
        ),
        Profile(
            name="apnea",
            description="obstructive sleep apnea: leg movements at the end of breathing events",
            wake_bouts_per_h=2.0,
            isolated_per_h_sleep=1.5,
            apneas_per_h=25.0,
            respiratory_lm_prob=0.6,
            spontaneous_arousals_per_h=4.0,
        ),
        Profile(
            name="demo",
            description="a PLMD night with a hypnic jerk and a few apneas: shows every output",
            plm_runs_per_h=1.2,
            min_plm_runs=2,
            isolated_per_h_sleep=3.0,
            isolated_per_h_wake=4.0,
            hypnic_jerks=(1, 1),
            hypnic_transitions=1,
            long_per_h=0.3,
            doublet_prob=0.05,
            apnea_clusters=1,
            respiratory_lm_prob=0.7,
            plm_arousal_prob=0.3,
        ),
    )
}


def get_profile(name: str) -> Profile:
    """The profile called ``name``; a ValueError listing the known ones otherwise."""
    try:
        return PROFILES[name.strip().lower()]
    except KeyError:
        known = ", ".join(PROFILES)
        raise ValueError(f"unknown simulation profile {name!r}; choose one of: {known}") from None

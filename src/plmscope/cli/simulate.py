"""``plmscope simulate OUT.edf``: write a simulated night (EDF+) and its truth (CSV)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from plmscope.errors import PlmscopeInputError
from plmscope.simulate.profiles import PROFILES


def _check_options(
    profile: str, hours: float, fs: float, mains: int | None, unit: str, labels: str, noisy: int,
    per_hour: dict[str, float],
) -> tuple[str, str]:
    """Raise PlmscopeInputError for an option no night can be simulated with; return labels."""
    from plmscope.simulate.simulator import UNITS

    if profile.strip().lower() not in PROFILES:
        raise PlmscopeInputError(
            f"unknown profile {profile!r}; choose one of: {', '.join(PROFILES)}"
        )
    if not hours > 0:
        raise PlmscopeInputError(f"--hours must be more than 0, got {hours}")
    if fs < 100:
        raise PlmscopeInputError(
            f"--fs {fs:g} Hz is too low for leg EMG "
            "(at least 100 Hz; 200 Hz or more is recommended)"
        )
    if mains not in (None, 50, 60):
        raise PlmscopeInputError(f"--mains must be 50 or 60 (Hz), got {mains}")
    if unit not in UNITS:
        raise PlmscopeInputError(f"--unit must be one of {', '.join(UNITS)}, got {unit!r}")
    if noisy < 0:
        raise PlmscopeInputError(f"--noisy cannot be negative, got {noisy}")
    for option, rate in per_hour.items():
        if not rate >= 0:
            raise PlmscopeInputError(f"--{option} cannot be negative, got {rate}")
    parts = [p.strip() for p in labels.split(",")]
    if len(parts) != 2 or not all(parts) or parts[0] == parts[1]:
        raise PlmscopeInputError(
            f"--labels needs two different names, left then right, got {labels!r}"
        )
    return parts[0], parts[1]


def simulate(
    out: Annotated[
        Path,
        typer.Argument(
            help="EDF+ file to write (the true LMs go to OUT.truth.csv); with --kind accel a folder "
            "(left.csv, right.csv, truth.json)."
        ),
    ],
    profile: Annotated[str, typer.Option(help=f"Kind of night: {', '.join(PROFILES)}.")] = "plmd",
    seed: Annotated[int, typer.Option(help="Random seed: the same seed gives the same night.")] = 0,
    hours: Annotated[float, typer.Option(help="Length of the recording in hours.")] = 8.0,
    fs: Annotated[
        Optional[float],
        typer.Option(help="Sampling rate in Hz (EMG: 256, 200 or more recommended; accel: 50, 25–100 usual)."),
    ] = None,
    mains: Annotated[int | None, typer.Option(help="Add mains hum at 50 or 60 Hz.")] = None,
    ecg_leak: Annotated[
        float, typer.Option(help="ECG leak into the legs: QRS height in µV (8–15 is strong).")
    ] = 3.0,
    noise: Annotated[
        float, typer.Option(help="Resting EMG noise, µV rms in the 10–100 Hz band.")
    ] = 1.0,
    noisy: Annotated[int, typer.Option(help="Number of 2–10 min periods too noisy to score.")] = 0,
    pops: Annotated[
        float, typer.Option(help="Electrode pops per hour and leg (brief 50–300 µV jumps).")
    ] = 0.0,
    steps: Annotated[
        float, typer.Option(help="Baseline steps per hour and leg (noise x1.5–2.5, 2–10 min).")
    ] = 0.0,
    tonic: Annotated[
        float, typer.Option(help="Tonic periods per hour and leg (+3–6 µV for 1–5 min).")
    ] = 0.0,
    unit: Annotated[
        str, typer.Option(help="Physical unit written to the file: uV, mV or V.")
    ] = "uV",
    labels: Annotated[
        str, typer.Option(help="Leg channel labels, left then right, comma-separated.")
    ] = "Leg L,Leg R",
    kind: Annotated[str, typer.Option(help="emg (a PSG night, EDF+) or accel (ankle accelerometers, CSV).")] = "emg",
    format: Annotated[
        str, typer.Option("--format", help="accel: generic (time,x,y,z CSV), iso (timestamp,ax,ay,az in m/s²), "
                          "plain (x,y,z: score with --rate) or actilife (ActiLife RAW CSV).")
    ] = "generic",
    noise_mg: Annotated[float, typer.Option(help="accel: sensor noise per axis, mg rms (3–12 usual).")] = 6.0,
    legs: Annotated[str, typer.Option(help="accel: both, left or right.")] = "both",
    placement: Annotated[str, typer.Option(help="accel: ankle, wrist (a forearm) or table (not worn).")] = "ankle",
) -> None:
    """Simulate a night with known leg movements: EDF+ plus a truth table, or ankle accelerometer CSVs.

    Example: [bold]plmscope simulate night1 --kind accel --hours 8[/bold], then
    [bold]plmscope score night1/left.csv night1/right.csv --report r.html[/bold].
    """
    from rich.console import Console

    from plmscope.simulate import simulate_night, write_simulation

    if kind.strip().lower() in ("accel", "accelerometer", "acc"):
        from plmscope.cli.simulate_accel import simulate_accel

        simulate_accel(out, profile=profile, seed=seed, hours=hours, fs=fs or 50.0, noise_mg=noise_mg,
                       legs=legs, placement=placement, layout=format)
        return
    if kind.strip().lower() not in ("emg", "psg"):
        raise PlmscopeInputError(f"--kind must be emg or accel, got {kind!r}")
    fs = 256.0 if fs is None else fs

    per_hour = {"pops": pops, "steps": steps, "tonic": tonic}
    leg_labels = _check_options(profile, hours, fs, mains, unit, labels, noisy, per_hour)
    sim = simulate_night(
        profile,
        seed=seed,
        hours=hours,
        fs=fs,
        mains_hz=mains,
        ecg_leak_uv=ecg_leak,
        noise_uv=noise,
        noisy_periods=noisy,
        electrode_pops_per_h=pops,
        baseline_steps_per_h=steps,
        tonic_per_h=tonic,
        unit=unit,
    )
    edf_path, truth_csv = write_simulation(sim, out, labels=leg_labels)
    console = Console()
    console.print(_summary(sim))
    console.print(f"wrote {edf_path}\nwrote {truth_csv}", soft_wrap=True, highlight=False)


def _summary(sim):
    """A short table of what was simulated."""
    from rich.table import Table

    truth, events = sim.truth, sim.night.events
    table = Table(title=f"Simulated {sim.profile} night (seed {sim.seed})", show_header=False)
    table.add_row("length", f"{sim.night.duration / 3600:.2f} h")
    table.add_row(
        "true leg movements",
        f"{len(truth)} monolateral "
        f"({(truth['leg'] == 'left').sum()} left, {(truth['leg'] == 'right').sum()} right)",
    )
    table.add_row("breathing events", str(int(events["event"].isin(["apnea", "hypopnea"]).sum())))
    table.add_row("noisy periods", str(len(sim.unscorable_truth)))
    if len(sim.disturbances):
        counts = sim.disturbances["kind"].value_counts()
        table.add_row("disturbances (not LMs)", ", ".join(f"{n} {k}" for k, n in counts.items()))
    return table

"""``plmscope simulate OUT.edf``: write a simulated night (EDF+) and its truth (CSV)."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Annotated, Optional

import typer

from plmscope.errors import PlmscopeInputError
from plmscope.simulate.profiles import PROFILES


#: Limits of what can be simulated: EDF labels are 16 ASCII characters; memory bounds the rest.
MAX_LABEL_CHARS = 16
MAX_HOURS = 48.0
MAX_FS = 8192.0
MAX_SAMPLES = 100_000_000  # per channel: 8 h at 3.4 kHz, 48 h at 578 Hz
MAX_SEED = 2**63 - 1


def _number(option: str, value: float, low: float = 0.0, strict: bool = False) -> None:
    """A finite number not below ``low`` (above it when ``strict``), else a one-line refusal."""
    if not math.isfinite(value):
        raise PlmscopeInputError(f"--{option} must be a finite number, got {value:g}")
    if not (value > low if strict else value >= low):
        bound = f"more than {low:g}" if strict else ("0 or more" if low == 0 else f"at least {low:g}")
        raise PlmscopeInputError(f"--{option} must be a number {bound}, got {value:g}")


def _check_labels(labels: str) -> tuple[str, str]:
    """Two different leg channel labels that fit an EDF header (16 ASCII characters)."""
    parts = [p.strip() for p in labels.split(",")]
    if len(parts) != 2 or not all(parts) or parts[0] == parts[1]:
        raise PlmscopeInputError(
            f"--labels needs two different names, left then right, got {labels!r}"
        )
    for part in parts:
        if not (part.isascii() and part.isprintable()):
            raise PlmscopeInputError(
                f"--labels: {part!r} has characters an EDF header cannot hold (printable ASCII only)"
            )
        if len(part) > MAX_LABEL_CHARS:
            raise PlmscopeInputError(
                f"--labels: {part!r} is {len(part)} characters; an EDF channel label holds at most "
                f"{MAX_LABEL_CHARS}"
            )
    return parts[0], parts[1]


def _check_options(
    profile: str, hours: float, fs: float, mains: int | None, unit: str, labels: str, noisy: int,
    per_hour: dict[str, float], seed: int = 0, levels: dict[str, float] | None = None,
) -> tuple[str, str]:
    """Raise PlmscopeInputError for an option no night can be simulated with; return labels."""
    from plmscope.simulate.simulator import UNITS

    if profile.strip().lower() not in PROFILES:
        raise PlmscopeInputError(
            f"unknown profile {profile!r}; choose one of: {', '.join(PROFILES)}"
        )
    if not 0 <= seed <= MAX_SEED:
        raise PlmscopeInputError(f"--seed must be a whole number from 0 to {MAX_SEED}, got {seed}")
    _number("hours", hours, 0.0, strict=True)
    if hours > MAX_HOURS:
        raise PlmscopeInputError(f"--hours at most {MAX_HOURS:g} (a night or two), got {hours:g}")
    _number("fs", fs)
    if fs < 100:
        raise PlmscopeInputError(
            f"--fs {fs:g} Hz is too low for leg EMG "
            "(at least 100 Hz; 200 Hz or more is recommended)"
        )
    if fs > MAX_FS:
        raise PlmscopeInputError(f"--fs at most {MAX_FS:g} Hz, got {fs:g}")
    if hours * 3600 * fs > MAX_SAMPLES:
        raise PlmscopeInputError(
            f"--hours {hours:g} at --fs {fs:g} Hz is {hours * 3600 * fs / 1e6:.0f} million samples "
            f"per channel, more than plmscope simulates ({MAX_SAMPLES / 1e6:.0f} million): "
            "shorten the night or lower --fs"
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
        _number(option, rate)
    for option, level in (levels or {}).items():
        _number(option, level)
    return _check_labels(labels)


def _check_out(out: Path, force: bool) -> None:
    """The EDF and its truth table may be written: refuse to replace either unless ``force``."""
    from plmscope.export import check_outputs
    from plmscope.simulate.write import truth_path

    truth = truth_path(out)
    check_outputs({"OUT": out, "its truth table": truth})
    if not force:
        for path in (out, truth):
            if path.exists() or path.is_symlink():
                raise PlmscopeInputError(
                    "already exists; plmscope simulate does not replace a file "
                    "(give --force to replace it, or choose another name)",
                    path=str(path),
                )


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
    force: Annotated[
        bool, typer.Option("--force", help="Replace OUT (and its truth table) if they exist.")
    ] = False,
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
    from rich.markup import escape

    from plmscope.simulate import simulate_night, write_simulation

    if kind.strip().lower() in ("accel", "accelerometer", "acc"):
        from plmscope.cli.simulate_accel import simulate_accel

        if not 0 <= seed <= MAX_SEED:
            raise PlmscopeInputError(f"--seed must be a whole number from 0 to {MAX_SEED}, got {seed}")
        for option, value in (("hours", hours), ("noise-mg", noise_mg), ("fs", 50.0 if fs is None else fs)):
            _number(option, value, strict=option != "noise-mg")
        simulate_accel(out, profile=profile, seed=seed, hours=hours, fs=fs or 50.0, noise_mg=noise_mg,
                       legs=legs, placement=placement, layout=format, force=force)
        return
    if kind.strip().lower() not in ("emg", "psg"):
        raise PlmscopeInputError(f"--kind must be emg or accel, got {kind!r}")
    fs = 256.0 if fs is None else fs

    per_hour = {"pops": pops, "steps": steps, "tonic": tonic}
    leg_labels = _check_options(
        profile, hours, fs, mains, unit, labels, noisy, per_hour, seed,
        {"ecg-leak": ecg_leak, "noise": noise},
    )
    _check_out(out, force)
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
    console.print(f"wrote {escape(str(edf_path))}\nwrote {escape(str(truth_csv))}", soft_wrap=True, highlight=False)


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

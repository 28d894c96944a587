"""``plmscope simulate OUT --kind accel``: an ankle-accelerometer night as CSVs plus its truth."""

from __future__ import annotations

from pathlib import Path

from plmscope.errors import PlmscopeInputError

FORMATS = {"generic": "time", "time": "time", "iso": "iso", "plain": "plain", "actilife": "actilife"}
LEG_CHOICES = {"both": ("left", "right"), "left": ("left",), "right": ("right",)}


def simulate_accel(
    out: Path, *, profile: str, seed: int, hours: float, fs: float, noise_mg: float, legs: str,
    placement: str, layout: str, force: bool = False,
) -> None:
    """Check the options, simulate, write, and say what was written (never over a night, unless ``force``)."""
    from rich.console import Console
    from rich.table import Table

    from plmscope.simulate.accel import ACCEL_PROFILES, simulate_accel_night, write_accel_simulation

    if profile.strip().lower() not in ACCEL_PROFILES:
        raise PlmscopeInputError(f"unknown accelerometer profile {profile!r}; choose one of: {', '.join(ACCEL_PROFILES)}")
    if layout not in FORMATS:
        raise PlmscopeInputError(f"--format must be one of {', '.join(FORMATS)}, got {layout!r}")
    if legs not in LEG_CHOICES:
        raise PlmscopeInputError(f"--legs must be both, left or right, got {legs!r}")
    if not hours > 0:
        raise PlmscopeInputError(f"--hours must be more than 0, got {hours}")
    if not 10 <= fs <= 400:
        raise PlmscopeInputError(f"--fs {fs:g} Hz: ankle accelerometers record at 10–400 Hz (25–100 usual)")
    if not 0 <= noise_mg <= 100:
        raise PlmscopeInputError(f"--noise-mg must be 0–100, got {noise_mg}")
    if out.exists() and not out.is_dir():
        raise PlmscopeInputError("is a file; --kind accel writes a folder (left.csv, right.csv, truth.json)", path=str(out))
    taken = [p for p in (out.glob("*.csv") if out.is_dir() else []) if p.is_file()] + (
        [out / "truth.json"] if (out / "truth.json").exists() else []
    )
    if taken and not force:
        raise PlmscopeInputError(
            f"already holds a simulated night ({', '.join(sorted(p.name for p in taken))}); plmscope simulate "
            "does not replace files (give --force to replace them, or choose another folder)",
            path=str(out),
        )
    try:
        sim = simulate_accel_night(profile, seed=seed, hours=hours, fs=fs, noise_mg=noise_mg,
                                   legs=LEG_CHOICES[legs], placement=placement)
    except ValueError as exc:
        raise PlmscopeInputError(str(exc)) from None
    written = write_accel_simulation(sim, out, layout=FORMATS[layout])
    table = Table(title=f"Simulated {sim.profile} ankle night (seed {seed})", show_header=False)
    table.add_row("length", f"{hours:g} h at {fs:g} Hz, noise {noise_mg:g} mg")
    table.add_row("true leg movements", f"{len(sim.truth)} monolateral "
                  f"({(sim.truth['leg'] == 'left').sum()} left, {(sim.truth['leg'] == 'right').sum()} right)")
    table.add_row("posture changes (not LMs)", str(len(sim.postures)))
    table.add_row("true sleep", f"{sim.timeline.sleep_seconds() / 3600:.2f} h")
    console = Console()
    console.print(table)
    for what, path in written.items():
        console.print(f"wrote {what}: {path}", soft_wrap=True, highlight=False)

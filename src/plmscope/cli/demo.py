"""``plmscope demo``: the main job on a bundled example night (simulated once, then cached)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated, Optional

import typer

from plmscope.version import __version__

DEMO_PROFILE = "demo"
DEMO_SEED = 2016
DEMO_HOURS = 8.0
DEMO_FS = 256.0


def default_night_path(seed: int = DEMO_SEED) -> Path:
    """Where the example night is cached: $PLMSCOPE_CACHE, else ~/.cache/plmscope."""
    root = Path(os.environ.get("PLMSCOPE_CACHE") or Path.home() / ".cache" / "plmscope")
    return root / f"demo-night-{__version__}-seed{seed}.edf"


def ensure_demo_night(path: Path, seed: int = DEMO_SEED) -> bool:
    """Simulate the example night into ``path`` unless it is there already; True if made now."""
    if path.exists():
        return False
    from plmscope.simulate import simulate_night, write_simulation

    sim = simulate_night(DEMO_PROFILE, seed=seed, hours=DEMO_HOURS, fs=DEMO_FS, mains_hz=50.0)
    write_simulation(sim, path)  # atomic: a run stopped half-way leaves no half-written night
    return True


def demo(
    out: Annotated[Path, typer.Option(help="Folder for the outputs.")] = Path("plmscope-demo"),
    night: Annotated[
        Optional[Path],
        typer.Option(help="Where the example night is (made on first use). Default: the user cache."),
    ] = None,
    seed: Annotated[int, typer.Option(help="Seed of the simulated example night.")] = DEMO_SEED,
    rules: Annotated[str, typer.Option(help="Scoring rules: wasm2016 or aasm.")] = "wasm2016",
    answers: Annotated[
        Optional[Path], typer.Option(help="Questionnaire answers (YAML/JSON) to add to the report.")
    ] = None,
    pdf: Annotated[bool, typer.Option(help="Also write the report as PDF.")] = False,
) -> None:
    """Score an example 8 h night (PLM series, breathing-related LMs, a sleep-onset jerk).

    Writes result.json, movements.csv and report.html into OUT.
    """
    from rich.console import Console
    from rich.markup import escape

    from plmscope.cli.display import print_summary
    from plmscope.cli.progress import progress_steps
    from plmscope.cli.score import assessment_for_night, load_answers_file, parse_rules
    from plmscope.export import check_outputs, write_outputs
    from plmscope.pipeline import load, score

    console = Console()
    ruleset = parse_rules(rules)
    night_path = night or default_night_path(seed)
    outputs = {name: out / name for name in ("result.json", "movements.csv", "report.html")}
    check_outputs(
        {**outputs, "report.pdf": out / "report.pdf" if pdf else None,
         "the example night": None if night_path.exists() else night_path},
        {"the example night": night_path if night_path.exists() else None, "the --answers file": answers},
    )
    loaded = load_answers_file(answers) if answers else None
    with progress_steps() as step:
        step(f"simulating the example night ({DEMO_HOURS:.0f} h, first run only)")
        made = ensure_demo_night(night_path, seed)
        recording = load(night_path)
        scored = score(recording, rules=ruleset, progress=lambda stage, _done: step(stage))
        assessment = assessment_for_night(loaded, scored.to_dict()) if loaded else None
        written = write_outputs(
            scored,
            signals=recording.legs,
            json_out=outputs["result.json"],
            csv_out=outputs["movements.csv"],
            report=outputs["report.html"],
            pdf=out / "report.pdf" if pdf else None,
            assessment=assessment,
            step=step,
        )
    if made:
        console.print(f"simulated the example night: {escape(str(night_path))}", highlight=False)
    print_summary(scored, written=written, assessment=assessment, name=night_path.name, out=console)
    console.print(f"Open [bold]{escape(str(out / 'report.html'))}[/bold] in a browser to read the report.", highlight=False)

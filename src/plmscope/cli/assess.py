"""``plmscope assess``: ask the questions (or read an answer file), add a night, show the findings."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from plmscope.errors import PlmscopeInputError


def assess(
    answers: Annotated[
        Optional[Path],
        typer.Option(
            "--answers",
            help="Answer file (.yaml/.yml/.json; keys are question ids, see docs/assessment.md). "
            "Without it the questions are asked in the terminal.",
        ),
    ] = None,
    night: Annotated[
        Optional[Path],
        typer.Option(
            "--night",
            help="A night to combine with the answers: a result from 'plmscope score --json', "
            "or the recording itself (EDF/EDF+/BDF), which is then scored.",
        ),
    ] = None,
    json_out: Annotated[
        Optional[Path], typer.Option("--json", help="Write the assessment as JSON to this file.")
    ] = None,
    partner: Annotated[
        bool,
        typer.Option(
            "--partner", help="A bed partner answers for the sleeper (the questions are worded for them)."
        ),
    ] = False,
    report: Annotated[
        Optional[Path],
        typer.Option(
            "--report",
            help="Write the night report with this assessment in it (needs --night RECORDING.edf).",
        ),
    ] = None,
    rules: Annotated[
        str, typer.Option(help="Scoring rules when --night is a recording: wasm2016 or aasm.")
    ] = "wasm2016",
) -> None:
    """Questions about the legs, sleep and breathing, combined with a night's result: what is
    common and harmless, what is worth discussing with a doctor, and why. Not a diagnosis."""
    from rich.console import Console
    from rich.text import Text

    from plmscope.assess import assess as assess_answers
    from plmscope.assess import load_answers, load_night
    from plmscope.cli.assess_display import render
    from plmscope.cli.prompts import ask_answers

    console = Console()
    check_assess_outputs(json_out, report, answers, night)
    scored = loaded = None
    if night and is_recording(night):
        from plmscope.cli.score import parse_rules
        from plmscope.pipeline import load, score

        loaded = load(night)
        scored = score(loaded, rules=parse_rules(rules))
        night_result = scored.to_dict()
    else:
        if report:
            raise PlmscopeInputError(
                "--report draws the night's signals, so --night must be the recording (EDF/BDF), "
                "not a result file; or run: plmscope score NIGHT.edf --answers ANSWERS --report REPORT",
                path=str(night) if night else None,
            )
        night_result = load_night(night) if night else None
    if answers:
        given = load_answers(answers)
        if partner and given.respondent is None:
            given = given.model_copy(update={"respondent": "partner"})
    else:
        given = ask_answers(partner=True if partner else None, console=console)
    assessment = assess_answers(given, night_result)
    render(assessment, console)
    if json_out:
        from plmscope.export import write_atomic

        write_atomic(json_out, assessment.to_json() + "\n")
        console.print(Text(f"Assessment written to {json_out}", style="dim"))
    if report and scored is not None:
        from plmscope.export import write_report

        write_report(report, scored, signals=loaded.legs, assessment=assessment.to_dict())
        console.print(Text(f"Night report with this assessment written to {report}", style="dim"))


def check_assess_outputs(json_out, report, answers, night) -> None:
    """Refuse a bad output path (an input, a device, twice the same file ...) before any question."""
    from plmscope.export import check_outputs

    check_outputs(
        {"--json": json_out, "--report": report},
        {"the --answers file": answers, "the --night file": night},
    )


def is_recording(path: Path) -> bool:
    """True for an EDF/EDF+/BDF file (by its first header bytes), False for a JSON result."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(8)
    except OSError:
        return False  # load_night reports the missing file with its own clear message
    return head == b"0       " or head == b"\xffBIOSEMI"

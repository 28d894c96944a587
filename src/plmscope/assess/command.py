"""``plmscope assess``: ask the questions (or read an answer file), add a night, show the findings."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console

from plmscope.assess.display import render
from plmscope.assess.interactive import ask_answers
from plmscope.assess.loading import load_answers, load_night
from plmscope.assess.triage import assess as assess_answers
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
            "--night", help="A night's result from 'plmscope score --json', combined with the answers."
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
) -> None:
    """Questions about the legs, sleep and breathing, combined with a night's result: what is
    common and harmless, what is worth discussing with a doctor, and why. Not a diagnosis."""
    console = Console()
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
        assessment.to_json(json_out)
        console.print(f"[dim]Assessment written to {json_out}[/dim]")


def main(argv: Optional[list[str]] = None) -> None:
    """Run ``assess`` on its own (user mistakes: one line on stderr, exit code 2)."""
    app = typer.Typer(add_completion=False, pretty_exceptions_enable=False)
    app.command()(assess)
    try:
        app(args=argv, standalone_mode=True)
    except PlmscopeInputError as exc:
        Console(stderr=True).print(f"[bold red]error:[/bold red] {exc}", highlight=False, soft_wrap=True)
        sys.exit(2)

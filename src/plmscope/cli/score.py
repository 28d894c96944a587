"""``plmscope score``: one night in, indices on screen, JSON / CSV / report out."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer


def parse_rules(name: str):
    """The RuleSet preset for ``--rules`` (a clear error for an unknown name)."""
    from plmscope.rules import get_rules

    try:
        return get_rules(name)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None


def score(
    night: Annotated[
        Path,
        typer.Argument(
            help="The recording (EDF, EDF+ or BDF), or a lab's scoring alone: a RemLogic event "
            "export, Profusion or NSRR XML, a Noxturnal event list or a plmscope CSV, whose scored "
            "leg movements are then scored without the recording.",
            show_default=False,
        ),
    ],
    rules: Annotated[str, typer.Option(
            help="Scoring rules: wasm2016 (default), wasm2016-somas (an LM after an IMI < 10 s "
            "cannot start a series, as SOMAS reads WASM 2016) or aasm."
        )] = "wasm2016",
    json_out: Annotated[
        Optional[Path], typer.Option("--json", help="Write the machine-readable result (JSON) here.")
    ] = None,
    csv_out: Annotated[
        Optional[Path], typer.Option("--csv", help="Write the per-movement table (CSV) here.")
    ] = None,
    report: Annotated[Optional[Path], typer.Option(help="Write the HTML report here.")] = None,
    pdf: Annotated[Optional[Path], typer.Option(help="Write the report as PDF here.")] = None,
    left: Annotated[
        Optional[str],
        typer.Option(
            help="Label of the left leg EMG channel; for a lab's scoring, the channel (Location) "
            "whose leg movements are the left leg's."
        ),
    ] = None,
    right: Annotated[
        Optional[str],
        typer.Option(help="Label of the right leg EMG channel (or, for a lab's scoring, its Location)."),
    ] = None,
    unit: Annotated[
        Optional[str],
        typer.Option(
            help="Unit of the leg channels (uV, mV, V): used when the file says none, "
            "and overrides a wrong one."
        ),
    ] = None,
    hypnogram: Annotated[
        Optional[Path], typer.Option(help="Hypnogram file (CSV onset,duration,stage or one stage per line).")
    ] = None,
    stages: Annotated[
        str,
        typer.Option(
            help="Where sleep stages come from: 'given' (the recording's own or --hypnogram; when there "
            "are none, staged automatically from the EEG with YASA), 'auto' (always automatic from the "
            "EEG), 'none' (never automatic: without stages, indices are per hour of recording)."
        ),
    ] = "given",
    events: Annotated[
        Optional[list[Path]],
        typer.Option(
            help="Extra events: CSV onset,duration,event[,leg], NSRR/Profusion XML, a RemLogic event "
            "export or a Noxturnal list (clock times are placed on the recording's; repeat for several files)."
        ),
    ] = None,
    movements: Annotated[
        Optional[str],
        typer.Option(
            help="Score leg movements already scored elsewhere instead of detecting them: "
            "a CSV/NSRR XML file, or 'annotations' for those in the recording itself."
        ),
    ] = None,
    export_edf_annotations: Annotated[
        Optional[Path],
        typer.Option(
            "--export-edf-annotations",
            help="Write every scored LM as an EDF+ annotations file (PLM, short-interval, isolated, "
            "respiratory, arousal, leg) to open next to the recording in EDFbrowser or MNE.",
        ),
    ] = None,
    export_nsrr_xml: Annotated[
        Optional[Path],
        typer.Option("--export-nsrr-xml", help="Write the scoring (stages, events, LMs) as NSRR XML."),
    ] = None,
    export_bids: Annotated[
        Optional[Path],
        typer.Option(
            "--export-bids",
            help="Write BIDS events (sub-<label>_task-sleep_events.tsv and its JSON sidecar) into this folder.",
        ),
    ] = None,
    bids_subject: Annotated[
        str, typer.Option(help="BIDS subject label for --export-bids (letters and digits).")
    ] = "01",
    answers: Annotated[
        Optional[Path], typer.Option(help="Questionnaire answers (YAML/JSON) to add to the report.")
    ] = None,
    show_identity: Annotated[
        bool, typer.Option(help="Show the patient/recording header fields in the report.")
    ] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print nothing but errors.")] = False,
) -> None:
    """Detect and score every leg movement of a night, print the indices, write the outputs.

    Example: [bold]plmscope score night.edf --report report.html --json result.json[/bold]
    """
    from plmscope.cli.progress import progress_steps
    from plmscope.export import write_outputs
    from plmscope.pipeline import load
    from plmscope.pipeline import score as score_night

    ruleset = parse_rules(rules)
    if stages not in ("given", "auto", "none"):
        raise typer.BadParameter("choose given, auto or none", param_hint="--stages")
    if export_bids and not bids_subject.isalnum():
        raise typer.BadParameter("letters and digits only", param_hint="--bids-subject")
    loaded_answers = load_answers_file(answers) if answers else None  # validate before the long work
    with progress_steps(enabled=not quiet) as step:
        step("reading")
        recording = load(
            night, left=left, right=right, unit=unit, hypnogram=hypnogram,
            events=events or None, require_legs=movements is None, stages=stages,
        )
        scored = score_night(
            recording, rules=ruleset, movements=movements, stages=stages,
            progress=lambda stage, _done: step(stage),
        )
        assessment = assessment_for_night(loaded_answers, scored.to_dict()) if loaded_answers else None
        written = write_outputs(
            scored,
            signals=recording.legs if (report or pdf) else None,
            json_out=json_out,
            csv_out=csv_out,
            report=report,
            pdf=pdf,
            assessment=assessment,
            show_identity=show_identity,
            step=step,
            edf_annotations=export_edf_annotations,
            nsrr_xml=export_nsrr_xml,
            bids_dir=export_bids,
            bids_subject=bids_subject,
        )
    if not quiet:
        from plmscope.cli.display import print_summary

        print_summary(
            scored, written=written, assessment=assessment, name=night.name, reading_notes=recording.notes
        )


def load_answers_file(path: Path):
    from plmscope.assess import load_answers

    return load_answers(path)


def assessment_for_night(answers, night: dict) -> dict:
    """The questionnaire's findings, combined with the night, as the report embeds them."""
    from plmscope.assess import assess

    return assess(answers, night=night).to_dict()

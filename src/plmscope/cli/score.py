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
    files: Annotated[
        Optional[list[Path]],
        typer.Argument(
            help="The recording: an EDF, EDF+ or BDF file; or ankle accelerometer files, LEFT then RIGHT "
            "(.gt3x, .cwa, .bin, ActiLife RAW CSV or a time,x,y,z CSV), or one of them with --leg; or a "
            "lab's scoring alone (RemLogic event export, Profusion/NSRR XML, Noxturnal list, plmscope CSV), "
            "whose scored leg movements are then scored without the recording.",
            show_default=False,
        ),
    ] = None,
    rules: Annotated[
        str,
        typer.Option(
            help="Scoring rules: wasm2016 (default), wasm2016-somas (an LM after an IMI < 10 s "
            "cannot start a series, as SOMAS reads WASM 2016) or aasm."
        ),
    ] = "wasm2016",
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
            help="Unit of the leg channels (EMG: uV, mV, V; acceleration: g, mg, m/s2): used when the "
            "file says none, and overrides a wrong one."
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
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="Print nothing but errors and warnings (on stderr).")
    ] = False,
    leg: Annotated[str, typer.Option(help="Accelerometers: the leg of a single file, left or right.")] = "left",
    rate: Annotated[
        Optional[float], typer.Option(help="Accelerometers: sampling rate (Hz) of a CSV without a time column.")
    ] = None,
    bedtime: Annotated[
        Optional[str], typer.Option(help="Accelerometers: bedtime from a sleep diary (e.g. 23:10); with --risetime.")
    ] = None,
    risetime: Annotated[
        Optional[str], typer.Option(help="Accelerometers: rise time from a sleep diary (e.g. 06:40).")
    ] = None,
    diary: Annotated[
        Optional[Path], typer.Option(help="Accelerometers: sleep diary CSV night,bedtime,risetime (with --nights).")
    ] = None,
    nights: Annotated[
        Optional[list[Path]],
        typer.Option(
            help="Accelerometers, several nights: folders (one night's one or two files each; repeat the "
            "option) or one manifest CSV night,left,right."
        ),
    ] = None,
) -> None:
    """Detect and score every leg movement of a night, print the indices, write the outputs.

    Examples: [bold]plmscope score night.edf --report report.html --json result.json[/bold];
    ankle accelerometers (an estimate): [bold]plmscope score left.csv right.csv --report r.html[/bold];
    several nights: [bold]plmscope score --nights n1 n2 n3 --report nights.html[/bold].
    """
    from plmscope.cli.accel_night import accel_detector, score_input, score_several

    if stages not in ("given", "auto", "none"):
        raise typer.BadParameter("choose given, auto or none", param_hint="--stages")
    if nights:
        score_several(
            nights, rules=parse_rules(rules), leg=leg, rate=rate, unit=unit, bedtime=bedtime, risetime=risetime,
            diary=diary, json_out=json_out, csv_out=csv_out, report=report, pdf=pdf,
            show_identity=show_identity, quiet=quiet, extra=files,
            answers=load_answers_file(answers) if answers else None, answers_file=answers,
        )
        return
    night, accel, name_warnings = score_input(files, leg)
    from plmscope.cli.progress import progress_steps
    from plmscope.export import write_outputs
    from plmscope.pipeline import load
    from plmscope.pipeline import score as score_night

    ruleset = parse_rules(rules)
    if export_bids and not bids_subject.isalnum():
        raise typer.BadParameter("letters and digits only", param_hint="--bids-subject")
    check_score_outputs(
        night, json_out, csv_out, report, pdf, hypnogram, events, movements, answers,
        {"--export-edf-annotations": export_edf_annotations, "--export-nsrr-xml": export_nsrr_xml},
    )
    loaded_answers = load_answers_file(answers) if answers else None  # validate before the long work
    detector = accel_detector(ruleset, bedtime, risetime) if accel else None
    with progress_steps(enabled=not quiet) as step:
        step("reading")
        if accel:
            recording = load(night, sf=rate, unit=unit, hypnogram=hypnogram, events=events or None, leg=leg)
        else:
            recording = load(
                night, left=left, right=right, unit=unit, hypnogram=hypnogram,
                events=events or None, require_legs=movements is None, stages=stages,
            )
        scored = score_night(
            recording, rules=ruleset, movements=movements, detector=detector, stages=stages,
            progress=lambda stage, _done: step(stage),
        )
        scored.warnings[:0] = name_warnings
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
            scored, written=written, assessment=assessment, name=display_name(night), reading_notes=recording.notes
        )
    else:  # -q hides the summary, never a warning: each one may change what the numbers mean
        from rich.console import Console

        from plmscope.cli.display import print_warnings

        print_warnings(scored, Console(stderr=True, soft_wrap=True))


def check_score_outputs(
    night, json_out, csv_out, report, pdf, hypnogram, events, movements, answers, lab_exports=None
) -> None:
    """Refuse a bad output path (an input, a device, twice the same file ...) before any work."""
    from plmscope.export import check_outputs
    from plmscope.pipeline import FROM_ANNOTATIONS

    check_outputs(
        {"--json": json_out, "--csv": csv_out, "--report": report, "--pdf": pdf, **(lab_exports or {})},
        {
            "the recording": list(night.values()) if isinstance(night, dict) else night,
            "the --hypnogram file": hypnogram,
            "an --events file": events,
            "the --movements file": None if movements == FROM_ANNOTATIONS else movements,
            "the --answers file": answers,
        },
    )
    if pdf:
        from plmscope.report.pdf import check_pdf_possible

        check_pdf_possible()


def display_name(night) -> str:
    """The name shown above the summary: the file, or both ankles' files."""
    if isinstance(night, dict):
        return " + ".join(Path(p).name for p in night.values())
    return Path(night).name


def load_answers_file(path: Path):
    from plmscope.assess import load_answers

    return load_answers(path)


def assessment_for_night(answers, night: dict) -> dict:
    """The questionnaire's findings, combined with the night, as the report embeds them."""
    from plmscope.assess import assess

    return assess(answers, night=night).to_dict()

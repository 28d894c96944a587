"""``plmscope validate``: plmscope's detection against a lab's own scoring, one night or a folder."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer


def validate(
    night: Annotated[
        Path,
        typer.Argument(
            help="A recording (EDF, BDF), or a folder of recordings (with --reference-dir).", show_default=False
        ),
    ],
    reference: Annotated[
        Optional[str],
        typer.Option(
            help="The reference scoring of the night: NSRR/Profusion XML, RemLogic or Noxturnal export, "
            "CSV, EDF+ annotations, a simulator's .truth.csv, or 'annotations' for the LMs in the recording."
        ),
    ] = None,
    reference_dir: Annotated[
        Optional[Path],
        typer.Option(
            help="Folder of reference scorings for a folder of nights, matched by name (X.edf ↔ X.xml, "
            "X-nsrr.xml, X-Events.txt, X.csv, X.truth.csv …)."
        ),
    ] = None,
    json_out: Annotated[Optional[Path], typer.Option("--json", help="Write the agreement as JSON here.")] = None,
    html: Annotated[
        Optional[Path], typer.Option(help="Write the agreement page (table, Bland–Altman plot) here.")
    ] = None,
    rules: Annotated[str, typer.Option(help="Scoring rules: wasm2016 (default), wasm2016-somas or aasm.")] = "wasm2016",
    tolerance: Annotated[
        float, typer.Option(help="Largest onset difference (s) for two movements to match.", min=0.0)
    ] = 1.0,
    left: Annotated[Optional[str], typer.Option(help="Label of the left leg EMG channel (one night).")] = None,
    right: Annotated[Optional[str], typer.Option(help="Label of the right leg EMG channel (one night).")] = None,
    show_identity: Annotated[
        bool, typer.Option(help="Name nights by their file names (hidden by default: they can name people).")
    ] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print nothing but errors.")] = False,
) -> None:
    """Compare plmscope's leg movements and PLMS index with a lab's own scoring of the same nights.

    Movements match when they are on the same leg, overlap and start at most 1 s apart.
    Example: [bold]plmscope validate night.edf --reference night-nsrr.xml --html agreement.html[/bold]
    """
    from plmscope.cli.progress import progress_steps
    from plmscope.cli.score import parse_rules
    from plmscope.errors import PlmscopeInputError
    from plmscope.export import check_outputs, write_atomic
    from plmscope.validate.nights import FolderValidation, validate_folder, validate_night
    from plmscope.validate.page import validation_page

    ruleset = parse_rules(rules)
    check_outputs({"--json": json_out, "--html": html}, validation_inputs(night, reference, reference_dir))
    if night.is_dir():
        if reference_dir is None:
            raise typer.BadParameter("a folder of nights needs --reference-dir", param_hint="--reference-dir")
        with progress_steps(enabled=not quiet) as step:
            result = validate_folder(
                night, reference_dir, rules=ruleset, tolerance=tolerance, show_names=show_identity,
                progress=lambda name, _done: step(f"scoring {name}"),
            )  # fmt: skip
    else:
        if reference is None:
            raise typer.BadParameter("give the night's reference scoring", param_hint="--reference")
        if not night.is_file():
            raise PlmscopeInputError("file not found", path=str(night))
        with progress_steps(enabled=not quiet) as step:
            step("scoring")
            one = validate_night(night, reference, rules=ruleset, left=left, right=right, tolerance=tolerance,
                                 name=night.name if show_identity else "night 1")  # fmt: skip
        if not show_identity:
            one.reference = "reference"
        result = FolderValidation([one], [], tolerance)
    written = []
    if json_out:
        import json

        written.append(("agreement (JSON)", write_atomic(json_out, json.dumps(result.to_dict(), indent=2) + "\n")))
    if html:
        written.append(("agreement page (HTML)", write_atomic(html, validation_page(result, ruleset.name, not show_identity))))
    if not quiet:
        print_validation(result, written)


def validation_inputs(night: Path, reference: str | None, reference_dir: Path | None) -> dict[str, list[Path]]:
    """Every file ``validate`` reads (a folder's files too), which no output may replace;
    ``--reference annotations`` (the recording's own) names no file of its own."""

    def files(path: str | Path | None) -> list[Path]:
        path = Path(path) if path is not None else None
        if path is None or not path.exists():
            return []
        return sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]

    return {"the recording": files(night), "--reference": files(reference), "--reference-dir": files(reference_dir)}


def print_validation(result, written) -> None:
    """The per-night table and the agreement over nights, in the terminal."""
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    from plmscope.cli.display import _fmt

    out = Console()
    table = Table(
        title="plmscope against the reference (LMs: ref, found; PLMS index /h)", title_justify="left", show_edge=False
    )
    for column in ("night", "ref", "found", "F1 L", "F1 R", "F1", "prec", "recall", "PLMS", "ref PLMS"):
        table.add_column(column, justify="left" if column == "night" else "right", no_wrap=True)
    for n in result.nights:
        a = n.agreement
        table.add_row(
            escape(n.night), str(a["both"]["reference"]), str(a["both"]["found"]),
            *(_three(a[k]["f1"]) for k in ("left", "right", "both")),
            _three(a["both"]["precision"]), _three(a["both"]["recall"]),
            _fmt(n.indices["plms_index"]["plmscope"]), _fmt(n.indices["plms_index"]["reference"]),
        )  # fmt: skip
    out.print(table)
    summary = result.summary
    if len(result.nights) > 1:
        ba = summary["plms_index_bland_altman"]
        out.print(
            f"PLMS index over {ba['n']} nights: bias {_fmt(ba['bias'])}/h, 95% limits "
            f"{_fmt(ba['loa_low'])} to {_fmt(ba['loa_high'])}/h, ICC(A,1) {_three(summary['plms_index_icc'])}",
            highlight=False,
        )
    out.print(f"[dim]match rule: {escape(result.to_dict()['match_rule'])}[/dim]", highlight=False)
    for name, why in result.skipped:
        out.print(f"[yellow]not compared:[/yellow] {escape(name)}: {escape(why)}", highlight=False)
    for what, path in written:
        out.print(f"wrote {what}: [bold]{escape(str(path))}[/bold]", highlight=False)


def _three(value: float | None) -> str:
    return "–" if value is None else f"{value:.3f}"

"""``plmscope score`` for ankle accelerometers: LEFT RIGHT, one file with --leg, and --nights."""

from __future__ import annotations

from pathlib import Path

from plmscope.cli.accel_inputs import gather_nights, read_diary, swapped_names
from plmscope.errors import PlmscopeInputError


def score_input(files: list[Path] | None, leg: str) -> tuple[object, bool, list[str]]:
    """(what to load, is it accelerometers?, warnings about the file names) from the arguments."""
    from plmscope.io.accel import accel_format

    if not files:
        raise PlmscopeInputError(
            "give a recording: an EDF file, or ankle accelerometer files LEFT RIGHT (or one with --leg), or --nights"
        )
    if leg not in ("left", "right"):
        raise PlmscopeInputError(f"--leg must be left or right, got {leg!r}")
    if len(files) > 2:
        raise PlmscopeInputError(
            f"{len(files)} files given: a night is one EDF file or at most two accelerometer files (left, right); "
            "for several nights use --nights"
        )
    for path in files:
        if not path.exists():
            raise PlmscopeInputError("file not found", path=str(path))
        if path.is_dir():
            raise PlmscopeInputError("is a folder: give its files, or score folders of nights with --nights", path=str(path))
    if len(files) == 2:
        for path in files:
            if accel_format(path) is None:
                raise PlmscopeInputError(
                    "is not an accelerometer file; two files are the left and right ankle's accelerometers "
                    "(an EDF holds both legs in one file)",
                    path=str(path),
                )
        given = {"left": files[0], "right": files[1]}
        return given, True, swapped_names(given)
    if accel_format(files[0]) is not None:
        given = {leg: files[0]}
        return given, True, swapped_names(given)
    return files[0], False, []


def accel_detector(rules, bedtime: str | None, risetime: str | None):
    """The accelerometer detector, with the diary's bedtime and rise time when given."""
    from plmscope.detect.accel import AccelDetector, SleepDiary

    if (bedtime is None) != (risetime is None):
        raise PlmscopeInputError("a sleep diary needs both --bedtime and --risetime")
    return AccelDetector(rules, diary=SleepDiary(bedtime, risetime) if bedtime else None)


def _diaries(nights: dict, diary: Path | None, bedtime: str | None, risetime: str | None, rules) -> dict:
    """Each night's detector: with its diary row (by night name or start date), or the one diary given."""
    from plmscope.detect.accel import AccelDetector, SleepDiary

    rows = read_diary(diary) if diary else {}
    unknown = sorted(set(rows) - set(nights))
    out = {}
    for name in nights:
        if name in rows:
            out[name] = AccelDetector(rules, diary=SleepDiary(*rows[name]))
        elif bedtime or risetime:
            out[name] = accel_detector(rules, bedtime, risetime)
    if diary and unknown and len(unknown) == len(rows):
        raise PlmscopeInputError(
            f"no diary row names a night to score (rows: {', '.join(unknown[:4])}; nights: {', '.join(list(nights)[:4])})",
            path=str(diary),
        )
    return out


def score_several(
    paths: list[Path], *, rules, leg: str, rate, unit, bedtime, risetime, diary, json_out, csv_out,
    report, pdf, show_identity: bool, quiet: bool, extra: list[Path] | None, answers=None,
    answers_file: Path | None = None,
) -> None:
    """Score each night of ``--nights`` and write and show every night plus their median and range.

    With questionnaire ``answers``, the assessment combines them with the nights' medians
    (``recording.nights`` tells it how many nights the estimate rests on).
    """
    from plmscope.cli.progress import progress_steps
    from plmscope.export import check_outputs
    from plmscope.export.nights import write_nights_outputs
    from plmscope.pipeline import score_nights

    if extra:
        raise PlmscopeInputError("give either files of one night or --nights, not both")
    ruleset = rules
    nights = gather_nights(paths, leg)
    check_outputs(
        {"--json": json_out, "--csv": csv_out, "--report": report, "--pdf": pdf},
        {
            "a night's recording": [path for night in nights.values() for path in night.values()],
            "the --nights manifest": [path for path in paths if path.is_file()],
            "the --diary file": diary,
            "the --answers file": answers_file,
        },
    )
    if pdf:
        from plmscope.report.pdf import check_pdf_possible

        check_pdf_possible()
    detectors = _diaries(nights, diary, bedtime, risetime, ruleset)
    with progress_steps(enabled=not quiet) as step:
        many = score_nights(
            nights, detectors=detectors, rules=ruleset, sf=rate, unit=unit,
            progress=lambda name, i, n: step(f"night {i + 1} of {n} ({name})"),
        )
        for name, night in zip(many.names, many.nights, strict=True):
            night.warnings[:0] = swapped_names(nights[name])
        assessment = None
        if answers is not None:
            from plmscope.assess import assess

            assessment = assess(answers, night=many.combined_dict(), rules=ruleset).to_dict()
        written = write_nights_outputs(
            many, json_out=json_out, csv_out=csv_out, report=report, pdf=pdf, show_identity=show_identity,
            step=step, assessment=assessment,
        )
    if not quiet:
        from plmscope.cli.display import print_nights

        print_nights(many, written=written, assessment=assessment)

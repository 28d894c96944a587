"""``plmscope.score``: any night in, one :class:`NightScore` out — the one front door.

    data ──load──▶ Night ──detector.detect──▶ Detection ──score_night(context)──▶ NightScore

``data`` is a path to an EDF/EDF+/BDF file or to a lab's event export (scored without the
recording), an open binary file, an ``mne.io.Raw``, an array of leg EMG, or a
:class:`plmscope.night.Night` already loaded; or ankle accelerometers: a path
to one (``.gt3x``, ``.cwa``, ``.bin``, ActiLife RAW CSV, generic ``time,x,y,z`` CSV) for ``leg``,
or ``{"left": path, "right": path}``. The detector follows from what was read (EMG or
acceleration) unless one is given. The rules are given once and
used for detection and scoring alike. The CLI, the web app and the cohort runner all call
this; :func:`load` is its first half, for callers that also want the signals (the report's
EMG panels).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np

from plmscope.detect import Detection, Detector, EmgDetector
from plmscope.errors import PlmscopeInputError
from plmscope.io import (
    is_event_file,
    is_mne_raw,
    night_from_array,
    night_from_raw,
    read_event_night,
    read_night,
    read_scored_events,
)
from plmscope.io.accel.sniff import accel_format
from plmscope.io.plausibility import (
    check_detectable,
    check_leg_units,
    is_unit_doubt,
    length_warnings,
    without_rough_doubts,
)
from plmscope.io.read import EventsInput, HypnogramInput
from plmscope.night import ACCELEROMETER, LEGS, PSG, Night
from plmscope.pipeline.night_score import NightScore
from plmscope.rules import WASM2016, RuleSet, get_rules
from plmscope.scoring import NightResult, monolateral_from_events, score_night
from plmscope.staging import StagingUnavailable, stage_from_eeg
from plmscope.staging.automatic import INSTALL_HINT
from plmscope.vocabulary import looks_like_code

#: ``movements=`` value meaning "the leg movements annotated in the night's own file".
FROM_ANNOTATIONS = "annotations"

#: ``progress(stage, fraction)``: the stage starting now and the share of the job done (0-1).
Progress = Callable[[str, float], None]
Data = Any  # str | Path | BinaryIO | mne.io.BaseRaw | np.ndarray | Night


def _quiet(_stage: str, _fraction: float) -> None:
    """The progress callback that says nothing."""


def load(
    data: Data,
    sf: float | None = None,
    *,
    hypnogram: HypnogramInput = None,
    events: EventsInput = None,
    left: str | None = None,
    right: str | None = None,
    unit: str | None = None,
    require_legs: bool = True,
    leg: str = "left",
    stages: str = "given",
) -> Night:
    """Read any supported night into a :class:`Night` (signals in µV or g, hypnogram, events).

    Parameters are those of :func:`score`; ``require_legs=False`` accepts a recording with no
    leg EMG (for movements scored elsewhere). The EEG is decoded only when the night may be
    staged automatically (``stages="auto"``, or no stages in a file read with ``"given"``).

    Examples
    --------
    >>> night = load(np.random.default_rng(0).normal(0, 1, (2, 256 * 60)), sf=256)
    >>> sorted(night.legs), night.legs["left"].unit
    (['left', 'right'], 'uV')
    """
    if isinstance(data, Night):
        given = {"sf": sf, "hypnogram": hypnogram, "events": events, "left": left, "right": right, "unit": unit}
        extra = [name for name, value in given.items() if value is not None]
        if extra:
            raise ValueError(f"{', '.join(extra)} cannot be applied to a Night already loaded; pass them to load()")
        return data
    if hasattr(data, "read") and not is_mne_raw(data):
        with file_on_disk(data) as (path, source):
            night = load(
                path, sf, hypnogram=hypnogram, events=events, left=left, right=right, unit=unit,
                require_legs=require_legs, leg=leg, stages=stages,
            )  # fmt: skip  # the samples are in memory before a private copy goes
        return replace(night, source=source) if source else night
    if is_accelerometer(data):
        if left is not None or right is not None:
            raise ValueError("left=/right= name EMG channels; give accelerometer files as {'left': ..., 'right': ...}")
        from plmscope.io.accel import read_accel_night

        night = read_accel_night(data, leg=leg, sf=sf, unit=unit, hypnogram=hypnogram, events=events)
        found = length_warnings(night.duration)
        return replace(night, warnings=[*night.warnings, *found]) if found else night
    if isinstance(data, (str, Path, os.PathLike)) and is_event_file(data):
        return read_event_night(data, left=left, right=right, hypnogram=hypnogram, events=events)
    options = dict(hypnogram=hypnogram, events=events, left=left, right=right, unit=unit, require_legs=require_legs)
    if isinstance(data, (str, Path, os.PathLike)):
        night = read_night(data, **options, eeg=check_stages(stages) == "auto")
        if stages == "given" and night.hypnogram_source == "none" and night.eeg is None:
            night = read_night(data, **options, eeg=True)  # no stages: the EEG may stage it
    else:
        night = _read(data, sf, **options)
    found = length_warnings(night.duration)
    warnings = night.warnings
    if require_legs:
        unit_notes = check_leg_units(night.legs, unit is not None, night.source or None)  # stops on a wrong unit
        warnings = without_rough_doubts(warnings) if unit_notes else warnings
        found += unit_notes
    return replace(night, warnings=[*warnings, *found]) if found else night


def _read(data: Data, sf: float | None, **options: Any) -> Night:
    """The EMG night from a path, an mne Raw, an open file or an array (not yet checked)."""
    if isinstance(data, (str, Path, os.PathLike)):
        return read_night(data, **options)
    if is_mne_raw(data):
        return night_from_raw(data, **options)
    if isinstance(data, (np.ndarray, list, tuple)):
        if options.get("left") is not None or options.get("right") is not None:
            raise ValueError("left=/right= name channels of a file or Raw; an array's rows are left, right")
        return night_from_array(
            np.asarray(data), sf, unit=options["unit"], hypnogram=options["hypnogram"], events=options["events"]
        )
    raise TypeError(
        f"cannot score a {type(data).__name__}: give a path, an open binary file, an mne.io.Raw, "
        "an array of leg EMG (with sf=) or a plmscope Night"
    )


def is_accelerometer(data: Data) -> bool:
    """Whether ``data`` is accelerometer input: a mapping of legs to files, or an accelerometer file."""
    if isinstance(data, Mapping):
        files = [v for v in data.values() if v is not None]
        return bool(files) and all(isinstance(v, (str, Path, os.PathLike)) for v in files)
    return isinstance(data, (str, Path, os.PathLike)) and accel_format(data) is not None


def default_detector(night: Night, rules: RuleSet) -> Detector:
    """The detector for what was read: acceleration -> AccelDetector, EMG -> EmgDetector."""
    if night.kind == ACCELEROMETER:
        from plmscope.detect.accel import AccelDetector  # loads its filters only for such nights

        return AccelDetector(rules)
    return EmgDetector(rules)


#: First bytes -> the suffix plmscope's readers know a file by (for a file object with no name).
MAGIC_SUFFIXES = ((b"0       ", ".edf"), (b"\xffBIOSEMI", ".bdf"), (b"PK\x03\x04", ".gt3x"), (b"MD", ".cwa"))


def suffix_for(head: bytes) -> str:
    """The suffix for a file that starts with ``head``: EDF, BDF, the accelerometers' binary
    formats, XML; anything else is read as text (CSV).

    >>> suffix_for(b"0       Patient X"), suffix_for(b"time,x,y,z"), suffix_for(b"Device Identity")
    ('.edf', '.csv', '.bin')
    """
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if text.startswith(b"Device Identity"):
        return ".bin"  # GENEActiv
    if text.startswith(b"<"):
        return ".xml"
    return next((suffix for magic, suffix in MAGIC_SUFFIXES if head.startswith(magic)), ".csv")


@contextmanager
def file_on_disk(fileobj: Any) -> Iterator[tuple[Path, str | None]]:
    """An open binary file as (a path to read, the night's source if not that path): its own
    path when it has one, else a private copy named by its first bytes, removed on leaving."""
    name = getattr(fileobj, "name", None)
    if isinstance(name, (str, Path)) and Path(name).is_file():
        yield Path(name), None
        return
    with tempfile.TemporaryDirectory(prefix="plmscope-") as folder:
        head = fileobj.read(64)
        copy = Path(folder) / f"recording{suffix_for(head)}"
        with copy.open("wb") as out:
            out.write(head)
            while chunk := fileobj.read(1 << 20):
                out.write(chunk)
        yield copy, "file object"


def score(
    data: Data,
    sf: float | None = None,
    *,
    hypnogram: HypnogramInput = None,
    events: EventsInput = None,
    movements: str | Path | None = None,
    rules: RuleSet | str = "wasm2016",
    left: str | None = None,
    right: str | None = None,
    unit: str | None = None,
    detector: Detector | None = None,
    progress: Progress | None = None,
    leg: str = "left",
    stages: str = "given",
) -> NightScore:
    """Detect and score every leg movement of one night, by WASM 2016 (default) or AASM.

    Parameters
    ----------
    data : path, open binary file, mne.io.Raw, array or Night
        The night. A path or file is EDF, EDF+ or BDF, or a lab's event export (RemLogic
        ``.txt``, Profusion/NSRR ``.xml``, Noxturnal list, plmscope CSV): its scored LMs are
        then scored without the recording. An ``mne.io.Raw`` has its leg
        channels found by the same label table (or ``left``/``right``); an array is leg EMG in
        µV, shape ``(n_samples,)`` (left leg) or ``(2, n_samples)`` (left, right), with ``sf``.
    sf : float, optional
        Sampling rate in Hz, for an array only.
    hypnogram : path, list or array, optional
        A hypnogram file, or one stage per 30 s epoch: strings ``W N1 N2 N3 R ?`` or YASA-style
        integers (0 W, 1 N1, 2 N2, 3 N3, 4 R, -1/-2 unscored). Replaces stages in the file.
    events : path, list of paths or DataFrame, optional
        Extra events (CSV, NSRR XML, EDF+; each file is read) or a canonical events table.
    movements : path or ``"annotations"``, optional
        Score leg movements scored elsewhere instead of detecting them.
    rules : RuleSet or str
        ``"wasm2016"`` (default), ``"aasm"``, or a RuleSet; used for detection and scoring.
    left, right : str, optional
        Leg channel labels, when the label table does not find them; for an event export, the
        channel (RemLogic ``Location`` …) whose scored LMs stand for each leg.
    unit : str, optional
        Unit of the leg channels when the file's is missing or wrong (any voltage unit).
    detector : Detector, optional
        Another detector (default: :class:`~plmscope.detect.EmgDetector` for EMG,
        :class:`~plmscope.detect.accel.AccelDetector` for acceleration, with ``rules``); its
        rule set must be ``rules``.
    progress : callable, optional
        ``progress(stage, fraction)`` at the start of each stage.
    leg : str
        The leg of a single accelerometer file (``"left"``, default, or ``"right"``).
    stages : {"given", "auto", "none"}
        Where sleep stages come from. ``"given"`` (default): the recording's own or
        ``hypnogram``; when there are none and the night has EEG, YASA stages it automatically
        (``sleep["hypnogram_source"]`` is then ``"automatic (YASA x.y)"``, and a warning says
        so). ``"auto"``: always automatic from the EEG. ``"none"``: never automatic. Without
        stages, indices are per hour of recording (lights-off), as a warning says.

    Returns
    -------
    NightScore
        Indices, scored movements, series, sleep, provenance and every warning; no samples.

    Examples
    --------
    From an array of two legs (µV) with a hypnogram of YASA integers:

    >>> import plmscope
    >>> from plmscope.simulate import simulate_night
    >>> sim = simulate_night("plmd", seed=4, hours=0.5)
    >>> legs = np.vstack([sim.night.legs["left"].data, sim.night.legs["right"].data])
    >>> stages = {"W": 0, "N1": 1, "N2": 2, "N3": 3, "R": 4, "?": -2}
    >>> hyp = [stages[s] for s in sim.night.hypnogram.stages]
    >>> result = plmscope.score(legs, sf=256.0, hypnogram=hyp)
    >>> result.indices["plms_index"] > 15
    True
    """
    rules = get_rules(rules)
    check_stages(stages)
    if detector is not None and detector.rules != rules:
        raise ValueError(
            f"the detector applies {detector.rules.name} rules but scoring was asked for {rules.name}: "
            "give the rules once (rules=) or build the detector with the same RuleSet"
        )
    say = progress or _quiet
    say("reading", 0.0)
    night = load(
        data, sf, hypnogram=hypnogram, events=events, left=left, right=right, unit=unit,
        require_legs=movements is None, leg=leg, stages=stages,
    )
    if stages == "auto" or (stages == "given" and night.hypnogram_source == "none" and night.kind == PSG):
        say("staging", 0.1)
        night = staged(night, forced=stages == "auto")
    if night.from_event_file and movements is None:
        movements = FROM_ANNOTATIONS  # a scoring without signals: its own LMs are what is scored
    detector = detector or default_detector(night, rules)
    if movements is None and detector.kind in (PSG, ACCELEROMETER) and detector.kind != night.kind:
        raise PlmscopeInputError(
            f"the {detector.kind} detector cannot read this recording: its legs are "
            f"{'acceleration' if night.kind == ACCELEROMETER else 'EMG'}",
            path=night.source or None,
        )
    detection: Detection | None = None
    extra: list[str] = []
    if movements is None:
        say("detecting", 0.2)
        if night.kind == PSG:  # EMG legs: one channel each, long enough, not flat
            check_detectable(night.legs, night.source or "night")
        detection = detector.detect(night)
        night = detection.applied_to(night)
        monolateral, unscorable, source = detection.monolateral, detection.unscorable, "detected"
    else:
        monolateral, extra, source = _scored_elsewhere(night, movements)
        unscorable = None
    say("scoring", 0.85)
    result = score_night(night.context, monolateral, rules=rules, unscorable=unscorable)
    scored = night_score(night, result, detection, source, extra)
    say("done", 1.0)
    return scored


STAGES_CHOICES = ("given", "auto", "none")


def check_stages(stages: str) -> str:
    """``stages`` if it is one of :data:`STAGES_CHOICES`, else a ValueError saying which are."""
    if stages not in STAGES_CHOICES:
        raise ValueError(f"stages must be one of {', '.join(STAGES_CHOICES)}, got {stages!r}")
    return stages


def staged(night: Night, forced: bool = False) -> Night:
    """The night with automatic stages from its EEG (YASA), or as it is with a warning saying
    why not. ``forced``: replace stages that exist (``--stages auto``); YASA missing is then
    an error, otherwise a warning."""
    if night.from_event_file:
        return night
    kept = [w for w in night.warnings if "no sleep stages found" not in w]

    def unstaged(why: str) -> Night:
        return replace(night, warnings=[*kept, f"{why}: sleep stages are unknown"])

    if night.eeg is None:
        if forced:
            return unstaged("automatic staging (--stages auto) needs an EEG channel and the recording has none")
        return unstaged("no sleep stages found (none in the file and no hypnogram given) and no EEG channel to stage them")
    try:
        staging = stage_from_eeg(night.eeg, night.duration)
    except StagingUnavailable as exc:
        if forced:
            raise PlmscopeInputError(str(exc)) from None
        return unstaged(f"no sleep stages found; the EEG could be staged automatically with YASA ({INSTALL_HINT})")
    except ValueError as exc:
        return unstaged(f"no sleep stages found and automatic staging was not possible ({exc})")
    return replace(
        night, hypnogram=staging.hypnogram, hypnogram_source=staging.source, warnings=[*kept, *staging.warnings]
    )


def _scored_elsewhere(night: Night, movements: str | Path) -> tuple[Any, list[str], str]:
    """Monolateral LMs from the recording's own annotations or a file of scored events."""
    notes: list[str] = []
    if str(movements) == FROM_ANNOTATIONS:
        scored, source = night.events, "annotations"
    else:
        scored, _unknown, notes = read_scored_events(movements, duration=night.duration, start=night.start)
        source = "file"
    legs = tuple(night.legs) or tuple(night.scored_legs or ()) or LEGS
    monolateral, warnings = monolateral_from_events(scored, legs)
    if monolateral.empty and not (night.from_event_file and source == "annotations"):
        where = "the recording's annotations" if source == "annotations" else str(movements)
        raise PlmscopeInputError(f"no leg movements found in {where}", path=str(movements))
    return monolateral, [*notes, *warnings], source


def unknown_label_warnings(labels: list[str]) -> list[str]:
    """Say which annotation names were not understood: vendor codes by name, free text by count.

    Free text (a technician's comment) can name people, so it is listed only with
    ``--show-identity``; event codes (``SNORE``, ``POSITION-SUPINE``, NSRR concepts) are not.
    """
    codes = [label for label in labels if looks_like_code(label)]
    out = []
    if codes:
        shown = ", ".join(repr(c) for c in codes[:12]) + (f" and {len(codes) - 12} more" if len(codes) > 12 else "")
        out.append(f"{len(codes)} event names are not ones plmscope scores (kept as 'unknown', not scored): {shown}")
    others = len(labels) - len(codes)
    if others:
        out.append(
            f"{others} annotation labels were not recognised (kept as 'unknown', not scored); "
            "--show-identity lists them (free text can name people)"
        )
    return out


def night_score(
    night: Night,
    result: NightResult,
    detection: Detection | None,
    movements_source: str,
    extra_warnings: list[str] = (),
) -> NightScore:
    """Put the reading, the detection and the scoring of one night into one NightScore."""
    found = [*night.warnings, *unknown_label_warnings(night.unknown_labels)]
    if detection is not None:
        found += detection.warnings
    found += [*extra_warnings, *result.warnings]
    notes = [*night.notes, *(detection.notes if detection is not None else []), *result.notes]
    kind = detection.kind if detection is not None else night.kind
    return NightScore(
        rules=result.rules,
        indices=result.indices,
        movements=result.movements,
        monolateral=result.monolateral,
        unscorable=result.unscorable,
        series=result.series,
        breakdown=result.breakdown,
        histograms=result.histograms,
        sleep=result.sleep,
        hypnogram=night.hypnogram,
        events=night.events,
        recording={
            "kind": kind,
            "duration_h": round(night.duration / 3600.0, 6),
            "channels": {
                leg: {"label": sig.label, "sf": sig.sf, "unit": sig.unit} for leg, sig in night.legs.items()
            }
            or {leg: {"label": label, "sf": None, "unit": None} for leg, label in (night.scored_legs or {}).items()},
            "movements_source": movements_source,
            "from_event_file": night.from_event_file,
            "gaps": [list(gap) for gap in night.gaps],
            "unit_doubt": any(is_unit_doubt(w) for w in night.warnings),
            **({"nights": 1} if kind == ACCELEROMETER else {}),
        },
        detection=(
            {
                "kind": detection.kind,
                "settings": detection.settings,
                "legs": detection.per_leg,
                "notes": list(detection.notes),
                **detection.findings,
            }
            if detection is not None
            else {}
        ),
        warnings=list(dict.fromkeys(w for w in found if w)),
        notes=list(dict.fromkeys(n for n in notes if n)),
        start=night.start,
        identity=dict(night.identity),
        source=night.source,
        unknown_labels=list(night.unknown_labels),
    )

"""plmscope's scoring of a night beside a reference scoring of the same night.

The reference is any scoring plmscope reads (NSRR/Profusion XML, RemLogic, Noxturnal, CSV,
EDF+ annotations, a simulator's ``.truth.csv``, or ``annotations``: the LMs in the recording
itself). plmscope detects the LMs in the recording; the reference's LMs are scored by the same
rules on the same hypnogram and events, so the PLM indices differ only by the LMs.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np
import pandas as pd

from plmscope.errors import PlmscopeInputError
from plmscope.io import read_scored_events
from plmscope.io.annotation_files import read_annotation_file
from plmscope.io.annotations import file_hypnogram
from plmscope.night import Night
from plmscope.pipeline import load, score
from plmscope.rules import RuleSet, get_rules
from plmscope.scoring import monolateral_from_events, score_night
from plmscope.validate.agreement import MATCH_RULE, bland_altman, event_agreement, icc_absolute

#: ``--reference annotations``: the leg movements annotated in the recording itself.
OWN_ANNOTATIONS = "annotations"
#: Reference files tried for night ``X`` in ``--reference-dir``, best first.
REFERENCE_SUFFIXES = (".truth.csv", "-nsrr.xml", ".xml", "-Events.txt", "_events.tsv", ".tsv", ".csv", ".txt",
                      "-annotations.edf", "-lms.edf")  # fmt: skip
RECORDING_SUFFIXES = (".edf", ".bdf", ".rec")
#: Indices compared night by night (plmscope's detection vs the reference's LMs, same rules).
COMPARED_INDICES = ("plms_index", "lms_index", "clms_index", "plmw_index")


@dataclass
class NightValidation:
    """One night: event agreement per leg, the indices both ways, what limits the comparison."""

    night: str
    reference: str
    agreement: dict
    indices: dict[str, dict[str, float | None]]
    unscorable_h: float
    warnings: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {
            "night": self.night, "reference": self.reference, "agreement": self.agreement,
            "indices": self.indices, "unscorable_h": self.unscorable_h, "warnings": list(self.warnings),
        }  # fmt: skip


def _lm_table(path: Path) -> pd.DataFrame | None:
    """A plain LM table (``leg, onset, offset``; no label column), e.g. a simulator's truth."""
    if path.suffix.lower() not in (".csv", ".tsv"):
        return None
    head = path.read_text(encoding="utf-8", errors="replace").splitlines()[:1]
    columns = {c.strip().strip('"').lower() for c in (head[0].replace("\t", ",").split(",") if head else [])}
    if not {"leg", "onset", "offset"} <= columns or columns & {"event", "stage", "label", "trial_type"}:
        return None
    table = pd.read_csv(path, sep=None, engine="python")
    table.columns = [c.strip().lower() for c in table.columns]
    return table[["leg", "onset", "offset"]].astype({"onset": float, "offset": float})


def reference_movements(reference: str | Path, night: Night, rules: RuleSet) -> tuple[pd.DataFrame, list[str]]:
    """The reference's monolateral LMs (leg, onset, offset) on the night's time line, and notes."""
    legs = tuple(night.legs) or ("left", "right")
    if str(reference) == OWN_ANNOTATIONS:
        events, notes = night.events, []
    else:
        plain = _lm_table(Path(reference))
        if plain is not None:
            return plain, []
        events, _unknown, notes = read_scored_events(reference, duration=night.duration, start=night.start)
    mono, warnings = monolateral_from_events(events, legs)
    if mono.empty:
        raise PlmscopeInputError("holds no leg movements to compare with", path=str(reference))
    return mono[["leg", "onset", "offset"]], [*notes, *warnings]


def _with_reference_stages(night: Night, reference: str | Path) -> Night:
    """A night without stages takes the reference's, when the reference has them."""
    if night.hypnogram_source != "none" or str(reference) == OWN_ANNOTATIONS or _lm_table(Path(reference)) is not None:
        return night
    try:
        hypnogram = file_hypnogram(read_annotation_file(reference), night.duration)
    except PlmscopeInputError:
        return night
    kept = [w for w in night.warnings if "sleep stages are unknown" not in w]
    return replace(night, hypnogram=hypnogram, hypnogram_source="reference scoring", warnings=kept)


def validate_night(
    recording: str | Path | Night,
    reference: str | Path,
    *,
    rules: RuleSet | str = "wasm2016",
    left: str | None = None,
    right: str | None = None,
    tolerance: float = 1.0,
    name: str | None = None,
) -> NightValidation:
    """Detect and score ``recording`` with plmscope and compare it with ``reference``.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from plmscope.simulate import simulate_night, write_simulation
    >>> edf, truth = write_simulation(simulate_night("plmd", seed=2, hours=0.5), pathlib.Path(tempfile.mkdtemp()) / "n.edf")
    >>> result = validate_night(edf, truth)
    >>> result.agreement["both"]["f1"] > 0.9, result.indices["plms_index"]["difference"] is not None
    (True, True)
    """
    rules = get_rules(rules)
    night = recording if isinstance(recording, Night) else load(recording, left=left, right=right)
    night = _with_reference_stages(night, reference)
    ref_mono, notes = reference_movements(reference, night, rules)
    ours = score(night, rules=rules)
    theirs = score_night(night.context, ref_mono, rules=rules)
    found = ours.monolateral[["leg", "onset", "offset"]]
    indices = {
        key: {
            "plmscope": ours.indices.get(key),
            "reference": theirs.indices.get(key),
            "difference": _difference(ours.indices.get(key), theirs.indices.get(key)),
        }
        for key in COMPARED_INDICES
    }
    label = name or (Path(str(recording)).name if not isinstance(recording, Night) else "night")
    return NightValidation(
        night=label,
        reference=Path(str(reference)).name,
        agreement=event_agreement(ref_mono, found, tolerance),
        indices=indices,
        unscorable_h=float(ours.sleep.get("unscorable_h") or 0.0),
        warnings=list(dict.fromkeys([*ours.warnings, *notes])),
    )


def _difference(a: float | None, b: float | None) -> float | None:
    return None if a is None or b is None else float(a) - float(b)


def find_reference(recording: Path, folder: Path) -> Path | None:
    """The reference scoring of ``recording`` in ``folder``: same name, a known suffix."""
    stem = recording.name[: -len(recording.suffix)] if recording.suffix else recording.name
    for suffix in REFERENCE_SUFFIXES:
        candidate = folder / f"{stem}{suffix}"
        if candidate.is_file() and candidate.resolve() != recording.resolve():
            return candidate
    return None


def recordings_in(folder: Path) -> list[Path]:
    """The recordings in ``folder`` (EDF, BDF), sorted by name; annotation-only EDF+ left out."""
    from plmscope.io import is_event_file

    found = sorted(p for p in folder.iterdir() if p.suffix.lower() in RECORDING_SUFFIXES and p.is_file())
    return [p for p in found if not is_event_file(p)]


@dataclass
class FolderValidation:
    """Every night of a folder against its reference, and the agreement of the PLMS index."""

    nights: list[NightValidation]
    skipped: list[tuple[str, str]]  # (night, why)
    tolerance: float = 1.0

    def plms_pairs(self) -> tuple[np.ndarray, np.ndarray]:
        ours = np.array([_num(n.indices["plms_index"]["plmscope"]) for n in self.nights])
        theirs = np.array([_num(n.indices["plms_index"]["reference"]) for n in self.nights])
        return ours, theirs

    @property
    def summary(self) -> dict:
        ours, theirs = self.plms_pairs()
        pooled = _pooled([n.agreement["both"] for n in self.nights])
        return {
            "nights": len(self.nights),
            "events": pooled,
            "plms_index_bland_altman": bland_altman(ours, theirs),
            "plms_index_icc": icc_absolute(ours, theirs),
        }

    def to_dict(self) -> dict:
        return {
            "match_rule": MATCH_RULE.format(tolerance=self.tolerance),
            "icc": "ICC(A,1): two-way random effects, absolute agreement, single measurement",
            "summary": self.summary,
            "nights": [n.to_dict() for n in self.nights],
            "skipped": [{"night": a, "why": b} for a, b in self.skipped],
        }


def _num(value: float | None) -> float:
    return float("nan") if value is None else float(value)


def _pooled(rows: list[dict]) -> dict:
    tp = sum(r["matched"] for r in rows)
    fp = sum(r["false_positives"] for r in rows)
    fn = sum(r["false_negatives"] for r in rows)
    return {
        "matched": tp, "false_positives": fp, "false_negatives": fn,
        "precision": tp / (tp + fp) if tp + fp else None, "recall": tp / (tp + fn) if tp + fn else None,
        "f1": 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else None,
    }  # fmt: skip


def validate_folder(
    folder: str | Path,
    references: str | Path,
    *,
    rules: RuleSet | str = "wasm2016",
    tolerance: float = 1.0,
    show_names: bool = False,
    progress=None,
) -> FolderValidation:
    """Validate every recording in ``folder`` against its reference in ``references``.

    Nights are named ``night 1``, ``night 2`` … in file-name order unless ``show_names`` (file
    names often carry patient names). A night that cannot be read is skipped and listed.
    """
    folder, references = Path(folder), Path(references)
    for path in (folder, references):
        if not path.is_dir():
            raise PlmscopeInputError("is not a folder", path=str(path))
    recordings = recordings_in(folder)
    if not recordings:
        raise PlmscopeInputError("holds no recordings (EDF, BDF)", path=str(folder))
    done: list[NightValidation] = []
    skipped: list[tuple[str, str]] = []
    for k, path in enumerate(recordings):
        name = path.name if show_names else f"night {k + 1}"
        if progress is not None:
            progress(name, k / len(recordings))
        reference = find_reference(path, references)
        if reference is None:
            skipped.append((name, "no reference scoring with the same name"))
            continue
        try:
            result = validate_night(path, reference, rules=rules, tolerance=tolerance, name=name)
        except PlmscopeInputError as exc:
            why = str(exc) if show_names else str(exc).replace(str(path), name).replace(str(reference), "its reference")
            skipped.append((name, why))
            continue
        if not show_names:
            result.reference = f"reference {k + 1}"
        done.append(result)
    return FolderValidation(done, skipped, tolerance)

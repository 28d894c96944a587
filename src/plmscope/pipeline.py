"""The main job, file to result: read a night, detect (or take scored) LMs, score them.

Kept apart from the CLI so the web app and cohort runner call the same steps.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from plmscope import __version__
from plmscope.detect import NightDetection, detect_night
from plmscope.errors import PlmscopeInputError
from plmscope.io import read_events, read_night
from plmscope.night import LEGS, Night
from plmscope.rules import WASM2016, RuleSet
from plmscope.scoring import NightResult, score_night

#: ``movements=`` value meaning "the leg movements annotated in the night's own file".
FROM_ANNOTATIONS = "annotations"

Step = Callable[[str], None]


@dataclass
class ScoredNight:
    """One night through the whole pipeline: what was read, detected and scored."""

    night: Night
    result: NightResult
    detection: NightDetection | None = None  # None when LMs were scored by hand elsewhere
    movements_source: str = "detected"
    warnings: list[str] = field(default_factory=list)  # what limits the result

    @property
    def notes(self) -> list[str]:
        """What was done on the way that is not a problem: signal cleaning, rule choices."""
        cleaning = self.detection.notes if self.detection is not None else []
        return [*cleaning, *self.result.notes]

    def to_dict(self, show_identity: bool = False) -> dict[str, Any]:
        """The machine-readable result (DESIGN.md keys) plus where it came from.

        File names and free-text annotation labels can carry patient names: they are included
        only with ``show_identity``.
        """
        out = self.result.to_dict()
        out["warnings"] = list(self.warnings)
        out["notes"] = self.notes
        out["recording"] = {
            "kind": "psg",
            "duration_h": round(self.night.duration / 3600.0, 4),
            "channels": {
                leg: {"label": sig.label, "sf": sig.sf, "unit": sig.unit}
                for leg, sig in self.night.legs.items()
            },
            "movements_source": self.movements_source,
        }
        if show_identity:
            out["recording"]["source"] = Path(self.night.source).name if self.night.source else ""
            out["recording"]["unknown_labels"] = list(self.night.unknown_labels)
        out["software"] = {"name": "plmscope", "version": __version__}
        return out


def scored_movements(events: pd.DataFrame, legs_recorded: tuple[str, ...]) -> tuple[pd.DataFrame, list[str]]:
    """Monolateral LMs from already-scored ``leg_movement`` events (what SOMAS scores from).

    A movement scored as bilateral becomes one LM on each leg (the rules then join them); one
    without a leg is put on the only recorded leg, or on the left leg with a warning.
    """
    lms = events[events["event"] == "leg_movement"]
    warnings: list[str] = []
    legs = lms["leg"].fillna("").astype(str).str.lower()
    unnamed = ~legs.isin((*LEGS, "bilateral"))
    if unnamed.any():
        fallback = legs_recorded[0] if len(legs_recorded) == 1 else "left"
        warnings.append(
            f"{int(unnamed.sum())} scored leg movements name no leg; they were scored as "
            f"{fallback}-leg movements (bilateral LMs cannot be formed from them)"
        )
        legs = legs.where(~unnamed, fallback)
    table = pd.DataFrame(
        {
            "leg": legs.to_numpy(),
            "onset": lms["onset"].to_numpy(dtype=float),
            "offset": (lms["onset"] + lms["duration"].fillna(0.0)).to_numpy(dtype=float),
        }
    )
    both = table["leg"] == "bilateral"
    table = pd.concat(
        [table[~both], table[both].assign(leg="left"), table[both].assign(leg="right")],
        ignore_index=True,
    )
    return table.sort_values(["onset", "leg"], kind="stable").reset_index(drop=True), warnings


def score_file(
    path: str | Path,
    *,
    rules: RuleSet = WASM2016,
    left: str | None = None,
    right: str | None = None,
    unit: str | None = None,
    hypnogram: str | Path | None = None,
    events: str | Path | None = None,
    movements: str | Path | None = None,
    step: Step | None = None,
) -> ScoredNight:
    """Read ``path``, detect every leg movement (or take ``movements``), and score the night.

    ``movements`` is a CSV/XML file of already-scored LMs, or ``"annotations"`` for the LMs
    annotated in the recording itself; detection is then skipped. ``step`` is told each stage's
    name as it starts (for progress display).
    """
    say = step or (lambda _name: None)
    say("reading")
    night = read_night(
        path,
        left=left,
        right=right,
        unit=unit,
        hypnogram=hypnogram,
        events=events,
        require_legs=movements is None,
    )
    warnings = list(night.warnings)
    if night.unknown_labels:
        warnings.append(
            f"{len(night.unknown_labels)} annotation labels were not recognised (kept as "
            "'unknown', not scored); --show-identity lists them (free text can name people)"
        )

    detection: NightDetection | None = None
    if movements is None:
        say("detecting")
        detection = detect_night(night, rules)
        monolateral, unscorable = detection.monolateral, detection.unscorable
        warnings += detection.warnings
        source = "detected"
    else:
        if str(movements) == FROM_ANNOTATIONS:
            scored = night.events
            source = "annotations"
        else:
            scored, _unknown = read_events(movements, duration=night.duration)
            source = "file"
        monolateral, extra = scored_movements(scored, tuple(night.legs))
        if monolateral.empty:
            where = "the recording's annotations" if source == "annotations" else str(movements)
            raise PlmscopeInputError(f"no leg movements found in {where}", path=str(movements))
        warnings += extra
        unscorable = None

    say("scoring")
    result = score_night(night, monolateral, rules=rules, unscorable=unscorable)
    warnings += [w for w in result.warnings if w not in warnings]
    return ScoredNight(
        night=night, result=result, detection=detection, movements_source=source, warnings=warnings
    )

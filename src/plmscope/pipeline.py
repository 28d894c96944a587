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

    def to_dict(self) -> dict[str, Any]:
        """The machine-readable result (DESIGN.md keys) plus where it came from."""
        out = self.result.to_dict()
        out["warnings"] = list(self.warnings)
        out["notes"] = self.notes
        out["recording"] = {
            "kind": "psg",
            "source": Path(self.night.source).name if self.night.source else "",
            "duration_h": round(self.night.duration / 3600.0, 4),
            "channels": {
                leg: {"label": sig.label, "sf": sig.sf, "unit": sig.unit}
                for leg, sig in self.night.legs.items()
            },
            "movements_source": self.movements_source,
        }
        out["software"] = {"name": "plmscope", "version": __version__}
        return out


def scored_movements(events: pd.DataFrame, legs_recorded: tuple[str, ...]) -> tuple[pd.DataFrame, list[str]]:
    """Monolateral LMs from already-scored ``leg_movement`` events (what SOMAS scores from).

    An LM without a leg is put on the only recorded leg, or on the left leg with a warning.
    """
    lms = events[events["event"] == "leg_movement"]
    warnings: list[str] = []
    legs = lms["leg"].fillna("").astype(str).str.lower()
    known = legs.isin(LEGS)
    if (~known).any():
        fallback = legs_recorded[0] if len(legs_recorded) == 1 else "left"
        warnings.append(
            f"{int((~known).sum())} scored leg movements name no leg; they were scored as "
            f"{fallback}-leg movements (bilateral LMs cannot be formed from them)"
        )
        legs = legs.where(known, fallback)
    table = pd.DataFrame(
        {
            "leg": legs.to_numpy(),
            "onset": lms["onset"].to_numpy(dtype=float),
            "offset": (lms["onset"] + lms["duration"].fillna(0.0)).to_numpy(dtype=float),
        }
    )
    return table.sort_values("onset", kind="stable").reset_index(drop=True), warnings


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
        shown = ", ".join(repr(x) for x in night.unknown_labels[:8])
        more = f" and {len(night.unknown_labels) - 8} more" if len(night.unknown_labels) > 8 else ""
        warnings.append(f"annotations not recognised (kept, not scored): {shown}{more}")

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
            source = Path(movements).name
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

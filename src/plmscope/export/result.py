"""The machine-readable result of a night (JSON) and its per-movement table (CSV)."""

from __future__ import annotations

from pathlib import Path

from plmscope.export.atomic import write_atomic
from plmscope.pipeline import NightScore


def write_json(path: str | Path, scored: NightScore, show_identity: bool = False) -> Path:
    """Write ``scored.to_dict()`` as JSON at ``path`` (what ``plmscope score --json`` writes).

    >>> import json, tempfile, pathlib, plmscope
    >>> from plmscope.simulate import simulate_night
    >>> scored = plmscope.score(simulate_night("healthy", seed=1, hours=0.25).night)
    >>> out = write_json(pathlib.Path(tempfile.mkdtemp()) / "r.json", scored)
    >>> json.loads(out.read_text()) == scored.to_dict()
    True
    """
    return write_atomic(path, scored.to_json(show_identity) + "\n")


def movements_csv(scored: NightScore) -> str:
    """The per-LM table as CSV text (times to the millisecond)."""
    return scored.movements.to_csv(index=False, float_format="%.3f")


def write_movements_csv(path: str | Path, scored: NightScore) -> Path:
    """Write the per-LM table as CSV at ``path``."""
    return write_atomic(path, movements_csv(scored))

"""A scored night as BIDS events: ``sub-<label>_task-sleep_events.tsv`` and its JSON sidecar.

One row per scored LM (``trial_type`` ``PLM`` or ``LM``, with its leg and every scoring flag),
per event read with the night (``apnea``, ``arousal`` …) and per 30 s sleep stage (``Sleep
stage N2``); ``onset``/``duration`` in seconds from the recording's start, ``n/a`` where a
value does not apply. The sidecar describes every column and every ``trial_type`` level, and
names the rules and the plmscope version that made the file. plmscope reads the file back.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import pandas as pd

from plmscope.export.atomic import write_atomic
from plmscope.pipeline import NightScore
from plmscope.vocabulary import stage_label

#: LM columns after onset, duration, trial_type (``NightScore.movements`` names).
LM_COLUMNS = ("leg", "sleep_stage", "candidate", "periodic", "series", "short_interval", "isolated",
              "respiratory", "arousal", "imi")  # fmt: skip

COLUMN_DESCRIPTIONS: dict[str, dict] = {
    "onset": {"Description": "Start of the event, from the start of the recording.", "Units": "s"},
    "duration": {"Description": "Length of the event.", "Units": "s"},
    "trial_type": {"Description": "What the event is (see Levels)."},
    "leg": {"Description": "Leg of a leg movement.",
            "Levels": {"left": "left leg", "right": "right leg",
                       "bilateral": "both legs (monolateral LMs joined by the rules)"}},
    "sleep_stage": {"Description": "Sleep stage of the 30 s epoch holding the LM's onset (W N1 N2 N3 R; ? unscored)."},
    "candidate": {"Description": "Candidate LM (CLM) under the rules: true/false."},
    "periodic": {"Description": "Part of a periodic series (PLM): true/false."},
    "series": {"Description": "Number of the PLM series the LM belongs to."},
    "short_interval": {"Description": "Candidate LM following the previous LM by less than the minimum IMI."},
    "isolated": {"Description": "Candidate LM neither periodic nor short-interval."},
    "respiratory": {"Description": "Respiratory-related LM (rules' window around a breathing event's end)."},
    "arousal": {"Description": "Arousal-associated LM."},
    "imi": {"Description": "Inter-movement interval: onset minus the previous LM's onset.", "Units": "s"},
}  # fmt: skip

TRIAL_TYPES = {
    "PLM": "periodic leg movement (in a series)",
    "LM": "leg movement not in a series",
    "apnea": "apnea", "hypopnea": "hypopnea", "rera": "respiratory effort-related arousal",
    "arousal": "arousal", "desaturation": "oxygen desaturation",
    "lights_off": "lights off", "lights_on": "lights on",
}  # fmt: skip


def _flag(values: pd.Series) -> list[str]:
    return ["true" if bool(v) else "false" for v in values]


def bids_events(scored: NightScore) -> pd.DataFrame:
    """The events table (strings, ``n/a`` for missing), sorted by onset."""
    mov = scored.movements
    lms = pd.DataFrame(
        {
            "onset": mov["onset"].to_numpy(float),
            "duration": (mov["offset"] - mov["onset"]).to_numpy(float),
            "trial_type": np.where(mov["periodic"].to_numpy(bool), "PLM", "LM"),
            "leg": mov["leg"].astype(str).to_numpy(),
            "sleep_stage": mov["stage"].astype(str).to_numpy(),
            **{c: _flag(mov[c]) for c in ("candidate", "periodic", "short_interval", "isolated", "respiratory", "arousal")},
            "series": [str(int(s)) if pd.notna(s) else "n/a" for s in mov["series"]],
            "imi": [f"{v:.3f}" if np.isfinite(v) else "n/a" for v in mov["imi"].to_numpy(float)],
        }
    )
    known = scored.events[scored.events["event"].isin(TRIAL_TYPES)]
    others = pd.DataFrame(
        {"onset": known["onset"].to_numpy(float), "duration": known["duration"].to_numpy(float),
         "trial_type": known["event"].to_numpy(object)}  # fmt: skip
    )
    hyp = scored.hypnogram
    scored_epochs = np.flatnonzero(hyp.stages != "?")
    stages = pd.DataFrame(
        {"onset": hyp.onset + scored_epochs * hyp.epoch_s, "duration": hyp.epoch_s,
         "trial_type": [stage_label(str(s)) for s in hyp.stages[scored_epochs]]}  # fmt: skip
    )
    table = pd.concat([lms, others, stages], ignore_index=True).sort_values("onset", kind="stable")
    table = table[["onset", "duration", "trial_type", *LM_COLUMNS]].fillna("n/a")
    table["onset"] = table["onset"].map(lambda v: f"{v:.3f}")
    table["duration"] = table["duration"].map(lambda v: f"{v:.3f}")
    return table.reset_index(drop=True)


def bids_sidecar(scored: NightScore) -> dict:
    """The JSON sidecar: every column described, every trial_type level named."""
    columns = json.loads(json.dumps(COLUMN_DESCRIPTIONS))
    levels = dict(TRIAL_TYPES)
    levels.update({stage_label(s): f"30 s epoch scored {s}" for s in ("W", "N1", "N2", "N3", "R")})
    columns["trial_type"]["Levels"] = levels
    return {
        **columns,
        "GeneratedBy": [{"Name": "plmscope", "Version": scored.software.get("version", ""),
                         "Description": f"leg movements scored by the {scored.rules.name} rules"}],
        "ScoringRules": scored.rules.name,
    }  # fmt: skip


def bids_name(subject: str, task: str = "sleep", session: str | None = None) -> str:
    """``sub-<subject>[_ses-<session>]_task-<task>_events`` (labels must be alphanumeric)."""
    for what, label in (("subject", subject), ("task", task), ("session", session)):
        if label is not None and not re.fullmatch(r"[A-Za-z0-9]+", label):
            raise ValueError(f"BIDS {what} label must be letters and digits only, got {label!r}")
    ses = f"_ses-{session}" if session else ""
    return f"sub-{subject}{ses}_task-{task}_events"


def bids_files(
    folder: Path, scored: NightScore, subject: str = "01", task: str = "sleep", session: str | None = None
) -> tuple[tuple[Path, str], tuple[Path, str]]:
    """(path, text) of the events TSV and of its sidecar in ``folder`` (nothing written)."""
    name = bids_name(subject, task, session)
    tsv = bids_events(scored).to_csv(sep="\t", index=False)
    sidecar = json.dumps(bids_sidecar(scored), indent=2) + "\n"
    return (folder / f"{name}.tsv", tsv), (folder / f"{name}.json", sidecar)


def write_bids_events(
    folder: str | Path, scored: NightScore, subject: str = "01", task: str = "sleep", session: str | None = None
) -> tuple[Path, Path]:
    """Write the events TSV and its sidecar into ``folder``; returns both paths.

    Examples
    --------
    >>> import tempfile, plmscope
    >>> from plmscope.simulate import simulate_night
    >>> scored = plmscope.score(simulate_night("plmd", seed=3, hours=0.25).night)
    >>> tsv, sidecar = write_bids_events(tempfile.mkdtemp(), scored)
    >>> tsv.name, tsv.read_text().splitlines()[0].split("\\t")[:3]
    ('sub-01_task-sleep_events.tsv', ['onset', 'duration', 'trial_type'])
    """
    (tsv, tsv_text), (sidecar, sidecar_text) = bids_files(Path(folder), scored, subject, task, session)
    return write_atomic(tsv, tsv_text), write_atomic(sidecar, sidecar_text)

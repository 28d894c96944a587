"""Which scored channel stands for which leg, when a lab's export names the channel of each LM.

RemLogic (``Location``), Profusion (``Input``), NSRR (``SignalLocation``) and Noxturnal exports
say on which signal each leg movement was scored (``EMG.Tibialis-Leg.Left``, ``LAntib1-LAntib2``,
``Leg R`` …). A leg may have been scored on more than one channel (a spare derivation, a second
scorer's pass): counting both would count its movements twice. One channel is used per leg —
the one named with ``--left``/``--right``, else the one with the most LMs among those whose
label names that leg — and the choice is said.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from plmscope.errors import PlmscopeInputError
from plmscope.io.channels import leg_patterns, matching_labels
from plmscope.night import LEGS
from plmscope.vocabulary import canonical_event


@dataclass(frozen=True)
class ScoredChannels:
    """The channel used per leg (``""`` when the file names none) and what was said about it."""

    used: dict[str, str]
    found: dict[str, int]  # channel -> number of LMs scored on it
    notes: list[str] = field(default_factory=list)


def channel_leg(channel: str) -> str | None:
    """The leg a channel label names (the same label table as EDF channels), or None.

    >>> channel_leg("EMG.Tibialis-Leg.Left"), channel_leg("RAntib1-RAntib2"), channel_leg("EMG")
    ('left', 'right', None)
    """
    for side in LEGS:
        if matching_labels([channel], leg_patterns(side)):
            return side
    return None


def _match(wanted: str, channels: list[str], side: str, path: str) -> str:
    for channel in channels:
        if channel.strip().lower() == wanted.strip().lower():
            return channel
    listed = ", ".join(repr(c) for c in channels) or "none"
    raise PlmscopeInputError(
        f"no leg movements are scored on channel {wanted!r} (given as the {side} leg); "
        f"channels with leg movements: {listed}",
        path=path,
    )


def _counts(names: pd.Series) -> str:
    counts = names.value_counts(sort=False)
    return ", ".join(f"{name!r} ({n} LMs)" for name, n in counts.items())


def choose_scored_channels(
    table: pd.DataFrame, left: str | None = None, right: str | None = None, path: str = ""
) -> tuple[pd.DataFrame, ScoredChannels]:
    """Set the leg of each scored LM from its channel and keep one channel per leg.

    The leg of an LM is, in order: the channel given for that leg, the leg its channel names,
    the leg its label names (``LM-LEFT``, ``Limb Movement (Right)``). LMs on a channel not used
    are dropped (and counted in a note); events other than LMs are untouched.

    Examples
    --------
    >>> table = pd.DataFrame({"onset": [1.0, 2.0, 3.0, 4.0], "duration": 1.0, "leg": None,
    ...     "label": ["LM"] * 4, "channel": ["Leg L", "Leg L", "Leg L2", "RAT"]})
    >>> kept, chosen = choose_scored_channels(table)
    >>> kept["leg"].tolist(), chosen.used
    (['left', 'left', 'right'], {'left': 'Leg L', 'right': 'RAT'})
    """
    meaning = {label: canonical_event(label) for label in table["label"].unique()}
    is_lm = table["label"].map(lambda x: meaning[x][0] == "leg_movement").to_numpy(dtype=bool)
    channels = (
        table["channel"].where(table["channel"].notna(), "").astype(str).str.strip()
        if "channel" in table.columns
        else pd.Series("", index=table.index)
    )
    lm_channels = list(dict.fromkeys(channels[is_lm & (channels != "").to_numpy()]))
    given = {side: wanted for side, wanted in (("left", left), ("right", right)) if wanted}
    if given and not lm_channels:
        raise PlmscopeInputError(
            "the leg movements in this file name no channel, so --left/--right cannot choose one",
            path=path,
        )
    chosen = {side: _match(wanted, lm_channels, side, path) for side, wanted in given.items()}
    if len(set(chosen.values())) < len(chosen):
        raise PlmscopeInputError("--left and --right name the same channel", path=path)

    by_channel = {c: channel_leg(c) for c in lm_channels}
    by_label = table["label"].map(lambda x: meaning[x][1])
    stated = table["leg"] if "leg" in table.columns else pd.Series(None, index=table.index)
    leg = stated.where(stated.notna(), channels.map(by_channel)).where(
        lambda x: x.notna(), by_label
    )
    for side, channel in chosen.items():
        leg = leg.mask(channels == channel, side)

    notes: list[str] = []
    lm_rows = pd.DataFrame({"channel": channels[is_lm], "leg": leg[is_lm]})
    for side in LEGS:
        if side in chosen:
            continue
        options = lm_rows.loc[(lm_rows["leg"] == side) & (lm_rows["channel"] != ""), "channel"]
        options = options[~options.isin(chosen.values())]
        if options.empty:
            continue
        counts = options.value_counts(sort=False)
        chosen[side] = str(counts.idxmax())
        if len(counts) > 1:
            notes.append(
                f"the {side} leg was scored on {len(counts)} channels: {_counts(options)}; "
                f"{chosen[side]!r} was used (choose another with --{side})"
            )
    unused = is_lm & (channels != "").to_numpy() & ~channels.isin(chosen.values()).to_numpy()
    if chosen and unused.any():
        notes.append(
            f"leg movements on other channels were not used: {_counts(channels[unused])} "
            "(name a channel with --left/--right)"
        )
    keep = ~unused if chosen else np.ones(len(table), dtype=bool)
    out = table.assign(leg=leg.where(pd.Series(is_lm, index=table.index), stated))[keep]
    out = out.reset_index(drop=True)
    kept_legs = out.loc[is_lm[keep], "leg"]
    used = {side: chosen.get(side, "") for side in LEGS if side in chosen or (kept_legs == side).any()}
    if (kept_legs == "bilateral").any():
        used = {side: used.get(side, "") for side in LEGS}
    if any(used.values()):
        parts = [f"{channel!r} ({side})" for side, channel in used.items() if channel]
        notes.insert(0, f"leg movements read from channel{'s' if len(parts) > 1 else ''} {' and '.join(parts)}")
    found = {str(k): int(v) for k, v in channels[is_lm & (channels != "").to_numpy()].value_counts(sort=False).items()}
    return out, ScoredChannels(used=used, found=found, notes=notes)

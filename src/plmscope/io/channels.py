"""Which channel is which: leg EMG, ECG and EEG found from labels (units: ``plmscope.units``).

Rules are data. Labels are compared case- and separator-insensitively (``"EMG Tib-L"``,
``"LEFT_LEG"`` and ``"Leg/L"`` become ``"emg tib l"``, ``"left leg"``, ``"leg l"``). Leg
patterns are written once with side placeholders and filled for the left and the right leg.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from plmscope.errors import PlmscopeInputError

#: Words for each side, filled into the leg templates below.
LEG_SIDES: dict[str, dict[str, str]] = {
    "left": {
        "at": "lat",
        "l": "l",
        "w": "left|sx|sin|sinistra|gauche|links",
        "fr": "g|gauche",
        "de": "l|li|links",
    },
    "right": {
        "at": "rat",
        "l": "r",
        "w": "right|dx|dex|destra|droite|rechts",
        "fr": "d|droite",
        "de": "r|re|rechts",
    },
}

#: Leg channel label templates (searched in the normalised label), with examples.
LEG_TEMPLATES: tuple[str, ...] = (
    r"^(emg )?{at}\d*( {at}\d*)?( emg)?$",  # LAT, RAT, EMG LAT, LAT1-LAT2
    r"\b{l} ?leg\d*\b",  # L Leg, LLeg1-LLeg2
    r"\bleg ?{l}\d*\b",  # Leg L, LegL, Leg/L
    r"\b({w}) (leg|tib|tibialis|at)\b",  # Left Leg, LEFT_LEG
    r"\b(leg|tib|tibialis)( ant| anterior)? ({w})\b",  # Leg left, TIB SX/DX, Tib.Ant.Sin/Dx
    r"\btib(ialis)?( ant| anterior)? ?{l}\d*\b",  # Tib L, EMG Tib-L, TibL
    r"\b{l} ?tib(ialis)?\b",  # L Tib, LTib
    r"\b{l}ant(ib)?\d*\b",  # LAntib1-LAntib2, RAnt (RemLogic derivations)
    r"\bplm ?{l}\b",  # PLMl / PLMr
    r"\bjambe ({fr})\b",  # Jambe gauche / droite
    r"\bbein ({de})\b",  # Bein links / rechts
    r"\bgamba ({w})\b",  # Gamba sx / dx
)

#: One channel recording both legs together.
COMBINED_LEG_PATTERNS: tuple[str, ...] = (
    r"^(emg )?(legs?|tib|tibialis( anterior)?|plm|bein|jambes?|both legs)( emg)?$",
)

#: ECG then EEG labels, best first.
ECG_PATTERNS: tuple[str, ...] = (r"^(ecg|ekg)$", r"\b(ecg|ekg)\w*\b")
EEG_PATTERNS: tuple[str, ...] = (
    r"\bc[34] ?(m|a)[12]\b",  # C3-M2, C4-M1, C4-A1, EEG C3-A2
    r"\bf[34] ?(m|a)[12]\b",
    r"\bfpz ?cz\b",
    r"\bpz ?oz\b",
    r"\bo[12] ?(m|a)[12]\b",
    r"^eeg\b",  # EEG, EEG(sec)
)

@dataclass(frozen=True)
class LegChoice:
    """The chosen leg labels by side, and what the user should know about the choice."""

    labels: dict[str, str]
    warnings: list[str] = field(default_factory=list)


def normalise_channel_label(label: str) -> str:
    """Lower case, every run of separators a single space."""
    return re.sub(r"[\W_]+", " ", label.lower()).strip()


def leg_patterns(side: str) -> tuple[re.Pattern[str], ...]:
    """The leg templates filled with the words for ``side``."""
    return tuple(re.compile(t.format(**LEG_SIDES[side])) for t in LEG_TEMPLATES)


def matching_labels(labels: list[str], patterns: tuple[str | re.Pattern[str], ...]) -> list[str]:
    """Labels matching any pattern, best pattern first, then in file order."""
    found: list[str] = []
    for pattern in patterns:
        for label in labels:
            if re.search(pattern, normalise_channel_label(label)) and label not in found:
                found.append(label)
    return found


def exact_label(labels: list[str], wanted: str, what: str, path: str) -> str:
    """The label equal to ``wanted`` ignoring case; an error listing the labels if absent."""
    for label in labels:
        if label.strip().lower() == wanted.strip().lower():
            return label
    raise PlmscopeInputError(
        f"no channel labelled {wanted!r} (given as the {what}); channels are: {', '.join(labels)}",
        path=path,
    )


def choose_legs(
    labels: list[str],
    path: str,
    left: str | None = None,
    right: str | None = None,
    required: bool = True,
) -> LegChoice:
    """Leg channel labels by side: given ones first, the rest found from the labels.

    One channel cannot be both legs. A leg not given is found as usual; when its own labels
    are taken (``--left "Leg R"``: the legs were swapped), the one leg channel left over is it.
    With ``required=False`` (movements scored elsewhere) a file without leg channels is fine.

    >>> choose_legs(["Leg L", "Leg R", "ECG"], "n.edf", left="Leg L").labels
    {'left': 'Leg L', 'right': 'Leg R'}
    >>> choose_legs(["Leg L", "Leg R"], "n.edf", left="Leg R").labels
    {'left': 'Leg R', 'right': 'Leg L'}
    """
    given = {"left": left, "right": right}
    chosen = {side: exact_label(labels, g, f"{side} leg", path) for side, g in given.items() if g}
    if len(chosen) == 2 and chosen["left"] == chosen["right"]:
        raise PlmscopeInputError(
            f"--left and --right both name channel {chosen['left']!r}; one channel cannot be both "
            "legs (every movement would count as bilateral)",
            path=path,
        )
    notes: list[str] = []
    for side in ("left", "right"):
        if side in chosen:
            continue
        found = [x for x in matching_labels(labels, leg_patterns(side)) if x not in chosen.values()]
        if not found and chosen:
            found = leftover_leg(labels, chosen)
            if found:
                notes.append(
                    f"the {side} leg is channel {found[0]!r}, the leg channel not named with "
                    f"--{'left' if side == 'right' else 'right'} (name it with --{side} if not)"
                )
        if found:
            chosen[side] = found[0]
            if len(found) > 1:
                notes.append(
                    f"several {side} leg channels ({', '.join(found)}); used {found[0]!r} "
                    f"(choose another with --{side})"
                )
    if not chosen:
        combined = matching_labels(labels, COMBINED_LEG_PATTERNS)
        if combined:
            notes.append(
                f"channel {combined[0]!r} records both legs together; it is read as one leg "
                "(under 'left'), so bilateral LMs cannot be scored"
            )
            return LegChoice({"left": combined[0]}, notes)
        if not required:
            return LegChoice({}, ["no leg EMG channel in the recording; the movements were scored elsewhere"])
        raise PlmscopeInputError(
            f"no leg EMG channel found among: {', '.join(labels) or '(none)'}; "
            "name them with --left/--right",
            path=path,
        )
    return LegChoice(dict(sorted(chosen.items())), notes + one_leg_notes(chosen))


def leftover_leg(labels: list[str], chosen: dict[str, str]) -> list[str]:
    """The one leg channel (of either side) not chosen yet, as a list; empty unless exactly one."""
    legs = matching_labels(labels, leg_patterns("left") + leg_patterns("right"))
    rest = [x for x in legs if x not in chosen.values()]
    return rest if len(rest) == 1 else []


def one_leg_notes(chosen: dict[str, str]) -> list[str]:
    """The warning for a night with one leg channel only."""
    if len(chosen) != 1:
        return []
    side, label = next(iter(chosen.items()))
    return [f"only the {side} leg channel {label!r} was found; bilateral LMs cannot be scored"]


def first_match(
    labels: list[str], patterns: tuple[str, ...], exclude: tuple[str, ...] = ()
) -> str | None:
    """The best label for a channel kind (ECG, EEG), or None."""
    found = [x for x in matching_labels(labels, patterns) if x not in exclude]
    return found[0] if found else None

"""Method and limits: the rules and their numbers, channels, detector settings, warnings.

Header identity (patient name, recording fields, the source file's name) appears only when
``show_identity`` is asked for: file names often carry patient names.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import PurePath

import plmscope
from plmscope.night import Night
from plmscope.report.tables import Table, fmt
from plmscope.rules import RuleSet

MIN_REDACTED_CHARS = 3  # shorter header fields ("X", "M") would blank out ordinary words

LIMITS = (
    "Automatic detection can miss small movements or count artefacts; the zoom panels show "
    "the EMG so the result can be checked by eye.",
    "The PLMS index varies a lot from night to night; several nights describe a person better "
    "than one.",
    "A PLMS index above the usual threshold is only one part of a diagnosis of periodic limb "
    "movement disorder, which also needs a sleep complaint not better explained by something "
    "else; restless legs syndrome is diagnosed from symptoms, not from a recording.",
    "Movements measured with a wearable accelerometer are estimates and cannot replace "
    "tibialis EMG for a diagnosis.",
)


def rules_table(rules: RuleSet) -> Table:
    """The rule set's key numbers, in words."""
    bilateral = (
        f"overlap or gap < {rules.bilateral_gap_s:g} s between legs"
        if rules.bilateral_rule == "wasm_overlap"
        else f"onsets < {rules.bilateral_onset_window_s:g} s apart (one movement per leg)"
    )
    respiratory = (
        f"overlaps {rules.respiratory_before_end_s:g} s before to "
        f"{rules.respiratory_after_end_s:g} s after the end of the event"
        if rules.respiratory_rule == "wasm_event_end"
        else f"within {rules.respiratory_margin_s:g} s of the event"
    )
    limits = []  # WASM's limits on bilateral candidates; AASM has none (None)
    if rules.max_bilateral_duration_s is not None:
        limits.append(f"≤ {rules.max_bilateral_duration_s:g} s")
    if rules.max_bilateral_parts is not None:
        limits.append(f"≤ {rules.max_bilateral_parts} parts")
    bilateral_limits = f"bilateral {' and '.join(limits)}" if limits else "no bilateral limits"
    rows = [
        [
            "LM onset / offset",
            f"{rules.onset_threshold_uv:g} µV above resting / within "
            f"{rules.offset_threshold_uv:g} µV for ≥ {rules.offset_hold_s:g} s",
        ],
        [
            "LM duration",
            f"≥ {rules.min_duration_s:g} s"
            + (f", ≤ {rules.max_lm_duration_s:g} s" if rules.max_lm_duration_s else ""),
        ],
        [
            "Candidate LM (CLM)",
            f"≤ {rules.max_candidate_duration_s:g} s on one leg; {bilateral_limits}",
        ],
        ["Both legs joined when", bilateral],
        [
            "PLM series",
            f"≥ {rules.min_series_length} CLMs, IMI {rules.min_imi_s:g}–{rules.max_imi_s:g} s",
        ],
        ["Respiratory-related LM", respiratory],
        ["Arousal-associated LM", f"overlap or < {rules.arousal_gap_s:g} s apart"],
        ["PLMS index threshold (adults)", f"> {rules.plms_index_threshold_adult:g} per hour"],
    ]
    return Table(f"Rules: {rules.name}", ["Rule", "Value"], rows, key="rules")


def channels_table(night: Night) -> Table:
    """Each leg channel's label, sampling rate and declared unit."""
    rows = [
        [
            leg,
            signal.label,
            fmt(signal.sf, 0, "Hz"),
            signal.unit,
            fmt(signal.duration / 3600, 2, "h"),
        ]
        for leg, signal in night.legs.items()
    ]
    return Table(
        "Channels",
        ["Leg", "Channel", "Sampling rate", "Unit in file", "Length"],
        rows,
        key="channels",
    )


#: Sub-tables of the detector settings left out of the report (the full set is in the JSON).
SETTINGS_OMITTED = ("detector", "rules")


def flat_settings(settings: dict, prefix: str = "") -> dict[str, object]:
    """Nested detector settings as one level: ``{"ecg": {"source": x}}`` -> ``{"ecg source": x}``"""
    flat: dict[str, object] = {}
    for key, value in settings.items():
        if key in SETTINGS_OMITTED:
            continue
        name = f"{prefix}{key}".replace("_", " ")
        if isinstance(value, dict):
            flat |= flat_settings(value, prefix=f"{name} ")
        else:
            flat[name] = value
    return flat


def settings_table(detection) -> Table | None:
    """The detector's per-leg settings (filter band, notch, ECG removal, baseline, thresholds)."""
    settings = getattr(detection, "settings", None) if detection is not None else None
    if not settings:
        return None
    per_leg = {leg: flat_settings(values) for leg, values in settings.items()}
    keys = list(dict.fromkeys(key for values in per_leg.values() for key in values))
    rows = [[key, *(_setting(values.get(key)) for values in per_leg.values())] for key in keys]
    return Table(
        "Detection settings",
        ["Setting", *per_leg],
        rows,
        note="Every detector parameter is also in the JSON output.",
        key="settings",
    )


def _setting(value: object) -> str:
    """A detector setting as short text."""
    if isinstance(value, (list, tuple)):
        return "–".join(_setting(v) for v in value) if value else "none"
    if isinstance(value, float):
        return f"{value:.3g}"
    return "–" if value is None else str(value)


def all_warnings(night: Night, result, detection) -> list[str]:
    """Every warning from reading, detecting and scoring (one leg, unscorable time, units), once."""
    found = [*night.warnings, *getattr(detection, "warnings", []), *getattr(result, "warnings", [])]
    return list(dict.fromkeys(_sentence(w) for w in found if w and w.strip()))


def identity_strings(night: Night) -> list[str]:
    """Text that would identify the patient: header fields, the source path and file name."""
    path = PurePath(night.source) if night.source else None
    candidates = [*night.identity.values()]
    if path is not None:
        candidates += [night.source, path.name, path.stem]
    found = {str(c).strip() for c in candidates if c and len(str(c).strip()) >= MIN_REDACTED_CHARS}
    return sorted(found, key=len, reverse=True)  # longest first, so a path goes before its name


def redact(text: str, secrets: list[str]) -> str:
    """``text`` with every identifying string replaced by ``[hidden]`` (case-insensitive)."""
    for secret in secrets:
        text = re.sub(re.escape(secret), "[hidden]", text, flags=re.IGNORECASE)
    return text


def _sentence(text: str) -> str:
    """A warning as a sentence: capital first letter, full stop."""
    text = text.strip()
    return text[0].upper() + text[1:] + ("" if text.endswith((".", "!", "?")) else ".")


def identity_table(night: Night) -> Table:
    """Header identity fields and source file (shown only with show_identity)."""
    rows = [[key, str(value)] for key, value in night.identity.items()]
    rows.append(["Source file", night.source or "–"])
    if night.start is not None:
        rows.append(["Recording start", night.start.isoformat(sep=" ")])
    return Table("Identity", ["Field", "Value"], rows, key="identity")


def method_section(
    night: Night,
    result,
    detection=None,
    show_identity: bool = False,
    warnings: list[str] | None = None,
) -> dict:
    """Everything the method-and-limits section shows, as plain data for the template."""
    hidden = [] if show_identity else identity_strings(night)
    shown_warnings = all_warnings(night, result, detection) if warnings is None else warnings
    suffix = PurePath(night.source).suffix.lstrip(".").upper()
    source = f"{suffix} file" if suffix else "not read from a file"
    return {
        "rules": rules_table(result.rules),
        "channels": channels_table(night),
        "settings": settings_table(detection),
        "warnings": [redact(_sentence(w), hidden) for w in shown_warnings if w and w.strip()],
        "notes": [_sentence(n) for n in getattr(result, "notes", [])],
        "cleaning": [_sentence(n) for n in getattr(detection, "notes", [])],
        "limits": list(LIMITS),
        "identity": identity_table(night) if show_identity else None,
        "source_kind": source,
        "hypnogram_source": night.hypnogram_source,
        "version": plmscope.__version__,
        "generated": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
    }

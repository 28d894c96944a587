"""Method and limits: the rules and their numbers, channels, detector settings, warnings.

Header identity (patient name, recording fields, the source file's name) appears only when
``show_identity`` is asked for: file names often carry patient names.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import PurePath

from plmscope.pipeline import NightScore
from plmscope.report.tables import Table, fmt
from plmscope.rules import RuleSet
from plmscope.version import __version__

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


def rules_table(rules: RuleSet, kind: str = "psg") -> Table:
    """The rule set's key numbers, in words (``kind``: ``accelerometer`` for ankle sensors)."""
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
    onset = (
        f"{rules.onset_threshold_uv:g} µV above resting / within "
        f"{rules.offset_threshold_uv:g} µV for ≥ {rules.offset_hold_s:g} s"
        if kind != "accelerometer"
        else "movement above each leg's own noise floor (thresholds in the detection settings) / "
        f"below the offset threshold for ≥ {rules.offset_hold_s:g} s"
    )
    rows = [
        ["LM onset / offset", onset],
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
        [f"Short-interval LM (IMI < {rules.min_imi_s:g} s)", short_interval_text(rules)],
        ["Respiratory-related LM", respiratory],
        ["Arousal-associated LM", f"overlap or < {rules.arousal_gap_s:g} s apart"],
        ["PLMS index threshold (adults)", f"> {rules.plms_index_threshold_adult:g} per hour"],
    ]
    return Table(f"Rules: {rules.name}", ["Rule", "Value"], rows, key="rules")


def short_interval_text(rules: RuleSet) -> str:
    """How the rule set reads an LM that follows the previous one by less than the minimum IMI."""
    if rules.short_interval_starts_series:
        return "ends the series before it; may start the next series (as PLMScoRe, MATPLM, Luna)"
    return "ends the series before it; can neither start nor join a series (SOMAS reading)"


def channels_table(scored: NightScore) -> Table:
    """Each leg channel's label, sampling rate and declared unit."""
    rows = [
        [
            leg,
            channel["label"],
            fmt(channel["sf"], 0, "Hz"),
            channel["unit"] or "–",
            fmt(scored.duration / 3600, 2, "h"),
        ]
        for leg, channel in scored.recording.get("channels", {}).items()
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


def settings_table(scored: NightScore) -> Table | None:
    """The detector's per-leg settings (filter band, notch, ECG removal, baseline, thresholds)."""
    settings = scored.detection.get("settings")
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


def identity_strings(scored: NightScore) -> list[str]:
    """Text that would identify the patient: header fields, the source path and file name."""
    path = PurePath(scored.source) if scored.source else None
    candidates = [*scored.identity.values()]
    if path is not None:
        candidates += [scored.source, path.name, path.stem]
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


def identity_table(scored: NightScore) -> Table:
    """Header identity fields and source file (shown only with show_identity)."""
    rows = [[key, str(value)] for key, value in scored.identity.items()]
    rows.append(["Source file", scored.source or "–"])
    if scored.start is not None:
        rows.append(["Recording start", scored.start.isoformat(sep=" ")])
    return Table("Identity", ["Field", "Value"], rows, key="identity")


def method_section(scored: NightScore, show_identity: bool = False) -> dict:
    """Everything the method-and-limits section shows, as plain data for the template."""
    hidden = [] if show_identity else identity_strings(scored)
    cleaning = list(scored.detection.get("notes", []))
    suffix = PurePath(scored.source).suffix.lstrip(".").upper()
    source = f"{suffix} file" if suffix else "not read from a file"
    limits = list(LIMITS)
    if scored.recording.get("from_event_file"):
        source = f"a sleep lab's scoring exported as a {suffix} file (no signals)"
        limits[0] = (
            "The leg movements are the ones the lab scored; plmscope applied the rules to them "
            "and did not see the EMG, so it cannot check them."
        )
    return {
        "rules": rules_table(scored.rules, scored.kind),
        "channels": channels_table(scored),
        "settings": settings_table(scored),
        "warnings": [redact(_sentence(w), hidden) for w in scored.warnings if w and w.strip()],
        "notes": [_sentence(n) for n in scored.notes if n not in cleaning],
        "cleaning": [_sentence(n) for n in cleaning],
        "events_read": {kind: n for kind, n in scored.events_read.items() if kind != "unknown"},
        "limits": limits,
        "identity": identity_table(scored) if show_identity else None,
        "source_kind": source,
        "hypnogram_source": scored.hypnogram_source,
        "version": __version__,
        "generated": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
    }

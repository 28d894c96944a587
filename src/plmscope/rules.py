"""Rule sets for detecting and scoring leg movements, as data (see shared SCORING_RULES.md).

Every number the detector or the scorer uses lives here, in a frozen dataclass, and is passed
in explicitly. Presets: ``WASM2016`` (the default), ``WASM2016_SOMAS`` (WASM 2016 with SOMAS's
reading of the short-interval rule) and ``AASM``.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from typing import Literal

BilateralRule = Literal["wasm_overlap", "aasm_onsets"]
RespiratoryRule = Literal["wasm_event_end", "aasm_whole_event"]


@dataclass(frozen=True)
class RuleSet:
    """All parameters of one scoring standard. Times in seconds, amplitudes in µV.

    The detection numbers (§1) apply to tibialis EMG; the rest (joining legs, candidates,
    intervals and series, associations) to every detector's movements. A rule set is given
    once, to ``plmscope.score``, and used for detection and scoring alike.

    Examples
    --------
    >>> WASM2016.min_imi_s, AASM.min_imi_s
    (10.0, 5.0)
    >>> strict = WASM2016.with_(name="WASM2016, 5 LMs per series", min_series_length=5)
    >>> strict.min_series_length, WASM2016.min_series_length
    (5, 4)
    """

    name: str

    # §1 monolateral LM detection
    onset_threshold_uv: float = 8.0  # rise above resting level that starts an LM
    offset_threshold_uv: float = 2.0  # within this of resting level ...
    offset_hold_s: float = 0.5  # ... for at least this long ends an LM
    min_duration_s: float = 0.5
    max_lm_duration_s: float | None = None  # AASM: longer is not an LM; WASM: None (kept)
    max_candidate_duration_s: float = 10.0  # monolateral LM longer than this is not a CLM
    morphology_window_s: float | None = 0.5  # WASM computer check: >= 0.5 s ...
    morphology_median_uv: float = 2.0  # ... with median >= 2 µV above resting
    unscorable_baseline_uv: float = 15.0  # baseline above quiet level beyond this: unscorable

    # §2 combining both legs
    bilateral_rule: BilateralRule = "wasm_overlap"
    bilateral_gap_s: float = 0.5  # WASM: offset-to-onset gap between legs that still joins
    bilateral_onset_window_s: float = 5.0  # AASM: onsets closer than this are one LM
    max_bilateral_duration_s: float | None = 15.0  # WASM bLM candidate limits; None: no limit
    max_bilateral_parts: int | None = 4

    # §3 intervals and periodic series
    min_series_length: int = 4
    min_imi_s: float = 10.0
    max_imi_s: float = 90.0
    # An LM after an IMI < min_imi_s ends the series before it. True: it may start the next
    # series (PLMScoRe, MATPLM, Luna; SCORING_RULES §3 default). False: SOMAS's reading, it can
    # neither start nor join one.
    short_interval_starts_series: bool = True

    # §4 associations
    respiratory_rule: RespiratoryRule = "wasm_event_end"
    respiratory_before_end_s: float = 2.0  # WASM window: event end - 2.0 s ...
    respiratory_after_end_s: float = 10.25  # ... to event end + 10.25 s
    respiratory_margin_s: float = 0.5  # AASM: event start - 0.5 s to event end + 0.5 s
    respiratory_events: tuple[str, ...] = ("apnea", "hypopnea", "rera")
    arousal_gap_s: float = 0.5  # LM and arousal closer than this (either order) are associated

    # §6 clinical thresholds (explanations only)
    plms_index_threshold_adult: float = 15.0
    plms_index_threshold_child: float = 5.0

    # hypnogram
    epoch_s: float = 30.0

    def with_(self, **changes: object) -> "RuleSet":
        """A copy with some parameters changed (the preset itself stays as it is)."""
        return replace(self, **changes)  # type: ignore[arg-type]

    def to_dict(self) -> dict:
        return asdict(self)


WASM2016 = RuleSet(name="WASM2016")

#: WASM 2016 as SOMAS reads the short-interval rule: an LM after an IMI < 10 s cannot start a series.
WASM2016_SOMAS = RuleSet(name="WASM2016-SOMAS", short_interval_starts_series=False)

AASM = RuleSet(
    name="AASM",
    max_lm_duration_s=10.0,
    morphology_window_s=None,
    bilateral_rule="aasm_onsets",
    max_bilateral_duration_s=None,  # the bLM candidate limits are WASM's, not AASM's
    max_bilateral_parts=None,
    min_imi_s=5.0,
    respiratory_rule="aasm_whole_event",
)

#: Presets by the name ``--rules`` and ``plmscope.score(rules=...)`` take.
PRESETS: dict[str, RuleSet] = {"wasm2016": WASM2016, "wasm2016-somas": WASM2016_SOMAS, "aasm": AASM}

_ALIASES = {"wasm": "wasm2016", "wasmsomas": "wasm2016-somas"}


def get_rules(name: str | RuleSet) -> RuleSet:
    """Look a preset up by name (case-insensitive; separators ignored).

    >>> get_rules("aasm").name, get_rules("WASM-2016").name
    ('AASM', 'WASM2016')
    >>> get_rules("WASM2016-SOMAS").short_interval_starts_series, get_rules("wasm").name
    (False, 'WASM2016')
    """
    if isinstance(name, RuleSet):
        return name
    key = name.strip().lower().replace("-", "").replace("_", "").replace(" ", "")
    by_key = {preset.replace("-", ""): preset for preset in PRESETS}
    preset = by_key.get(_ALIASES.get(key, key).replace("-", ""))
    if preset is None:
        raise ValueError(f"unknown rule set {name!r}; choose one of: {', '.join(PRESETS)}")
    return PRESETS[preset]

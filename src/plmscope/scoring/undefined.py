"""Why an index is undefined: the words every display puts next to its "–".

An index whose denominator is zero or unknown is None (``null`` in the JSON), never 0. The
terminal, the report and the web page say why from here, so they never disagree: a rate has
no time to be divided by (no scorable sleep, REM, wake), a ratio or mean has nothing to be
made of (no candidate LMs, no intervals, no series).
"""

from __future__ import annotations

from plmscope.scoring.catalogue import IndexInfo, index_info

#: Short reasons by denominator (rates) ...
_NO_TIME = {
    "sleep": "no scorable sleep",
    "nrem": "no scorable NREM sleep",
    "rem": "no scorable REM sleep",
    "wake": "no scorable wake in lights-off",
}
#: ... and by index (ratios and means of movements).
_NOTHING_TO_AVERAGE = {
    "periodicity_index": "no candidate LMs",
    "periodicity_index_ferri": "no intervals between CLMs",
    "ln_imi_mean": "no intervals between CLMs",
    "ln_imi_sd": "fewer than 2 intervals between CLMs",
    "mean_duration_lm_s": "no leg movements",
    "mean_duration_clm_s": "no candidate LMs",
    "mean_duration_plm_s": "no periodic LMs",
    "mean_series_length": "no PLM series",
    "mean_series_duration_min": "no PLM series",
}


def _hours(h: float) -> str:
    return f"{h:.1f} h" if h >= 1 else f"{h * 60:.0f} min"


def no_sleep_reason(sleep: dict) -> str | None:
    """Why no rate per hour of sleep can be given (None when there is scorable sleep).

    >>> no_sleep_reason({"tst_h": 0.0, "tst_total_h": 6.5, "unscorable_h": 7.9, "time_in_bed_h": 7.9,
    ...                  "staging": "scored"})
    'all 7.9 h of lights-off time is unscorable on at least one leg (the leg EMG is flat, too noisy or missing), so none of the 6.5 h of sleep could be scored'
    >>> no_sleep_reason({"tst_h": 0.0, "tst_total_h": 0.0, "staging": "scored", "unscorable_h": 0.0})
    'no sleep was scored in this recording (the hypnogram has no sleep during lights-off)'
    >>> no_sleep_reason({"tst_h": 5.2}) is None
    True
    """
    tst = sleep.get("tst_h")
    if tst is not None and tst > 0:
        return None
    unscorable = float(sleep.get("unscorable_h") or 0.0)
    in_bed = float(sleep.get("time_in_bed_h") or 0.0)
    asleep = float(sleep.get("tst_total_h") or 0.0)
    emg = "on at least one leg (the leg EMG is flat, too noisy or missing)"
    if sleep.get("staging") == "none":
        return f"all {_hours(in_bed)} of lights-off time is unscorable {emg}" if unscorable else "no time to score"
    if asleep <= 0:
        return "no sleep was scored in this recording (the hypnogram has no sleep during lights-off)"
    if unscorable >= in_bed - 1e-9:
        return f"all {_hours(in_bed)} of lights-off time is unscorable {emg}, so none of the {_hours(asleep)} of sleep could be scored"
    return f"all {_hours(asleep)} of sleep fell in time that is unscorable {emg}"


def undefined_reason(key: str | IndexInfo, sleep: dict) -> str:
    """A few words saying why index ``key`` is undefined on this night (for a "–").

    >>> undefined_reason("plms_index_rem", {"tst_h": 6.0})
    'no scorable REM sleep'
    >>> undefined_reason("periodicity_index", {"tst_h": 6.0})
    'no candidate LMs'
    """
    info = key if isinstance(key, IndexInfo) else index_info(key)
    if info.denominator is not None:
        return _NO_TIME.get(info.denominator, f"no scorable {info.denominator}")
    if info.key in _NOTHING_TO_AVERAGE:
        return _NOTHING_TO_AVERAGE[info.key]
    return "nothing to compute it from" if no_sleep_reason(sleep) is None else "no scorable sleep"


def nothing_scored(sleep: dict) -> bool:
    """True when no rate per hour of sleep could be computed at all (every such index is None)."""
    return no_sleep_reason(sleep) is not None

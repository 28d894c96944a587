"""Counts and rates per hour, breakdowns by state and leg, IMI histograms, series table.

Rates are per hour of scorable TST (sleep rows), of scorable NREM/REM time, and of scorable
wake during lights-off (wake rows, PLMW). An index whose denominator is zero or unknown (a rate
over no time, a ratio over no movements, a mean of nothing) is None — ``null`` in the JSON,
"–" on screen — never 0 (the result's warnings say why). Only scorable LMs are counted; LMs in unstaged (``?``) epochs count neither
as sleep nor as wake.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from plmscope.night import NREM_STAGES
from plmscope.rules import RuleSet
from plmscope.scoring.intervals import at_most
from plmscope.scoring.series import ferri_periodicity

BREAKDOWN_COLUMNS: tuple[str, ...] = (
    "count_sleep", "index_sleep", "index_nrem", "index_rem",
    "count_wake", "index_wake", "index_left", "index_right", "index_bilateral",
)  # fmt: skip


def per_hour(count: float, hours: float) -> float | None:
    """A rate per hour; None when there is no time to divide by (the rate is undefined)."""
    return float(count) / hours if hours > 0 else None


Columns = dict[str, np.ndarray]


def as_columns(mov: pd.DataFrame) -> Columns:
    """The movements table as plain numpy columns (``series`` 0 where not in a series)."""
    cols = {name: mov[name].to_numpy() for name in mov.columns if name != "series"}
    cols["series"] = mov["series"].fillna(0).to_numpy(dtype=np.int64)
    return cols


def lm_groups(mov: Columns, periodic_nr: np.ndarray) -> dict[str, np.ndarray]:
    """The kinds of LM that are counted, as masks over the movements."""
    scorable = mov["scorable"]
    candidate = mov["candidate"] & scorable
    periodic = mov["periodic"]
    return {
        "lms": scorable,
        "clms": candidate,
        "plms": periodic,
        "plms_nr": periodic_nr & scorable,
        "plms_arousal": periodic & mov["arousal"],
        "short_interval": mov["short_interval"],
        "isolated": mov["isolated"],
        "respiratory_clms": candidate & mov["respiratory"],
    }


def breakdown_table(mov: Columns, periodic_nr: np.ndarray, sleep: dict) -> pd.DataFrame:
    """Counts and rates of each LM kind in sleep, NREM, REM, wake and per leg (in sleep)."""
    in_sleep = mov["in_sleep"]
    stage = mov["stage"].astype(object)
    leg = mov["leg"].astype(object)
    staged = sleep["staging"] == "scored"
    nrem = np.isin(stage, NREM_STAGES) & staged
    rem = (stage == "R") & staged
    wake = (stage == "W") & staged
    rows = {}
    for name, mask in lm_groups(mov, periodic_nr).items():
        sleeping = mask & in_sleep
        rows[name] = {
            "count_sleep": int(sleeping.sum()),
            "index_sleep": per_hour(sleeping.sum(), sleep["tst_h"]),
            "index_nrem": per_hour((mask & nrem).sum(), sleep["nrem_h"]),
            "index_rem": per_hour((mask & rem).sum(), sleep["rem_h"]),
            "count_wake": int((mask & wake).sum()),
            "index_wake": per_hour((mask & wake).sum(), sleep["wake_h"]),
            **{
                f"index_{side}": per_hour((sleeping & (leg == side)).sum(), sleep["tst_h"])
                for side in ("left", "right", "bilateral")
            },
        }
    return pd.DataFrame.from_dict(rows, orient="index", columns=list(BREAKDOWN_COLUMNS))


def series_table(mov: Columns) -> pd.DataFrame:
    """One row per PLM series: number, start, end, LM count, duration, mean IMI, main stage.

    The mean IMI leaves out each series' first IMI (it leads into the series).
    """
    member = mov["series"] > 0
    number = mov["series"][member]
    first = np.flatnonzero(np.r_[True, number[1:] != number[:-1]][: number.size])
    last = np.r_[first[1:], number.size][: first.size] - 1
    start, end = mov["onset"][member][first], mov["offset"][member][last]
    n_lms = last - first + 1
    inner = np.r_[False, number[1:] == number[:-1]][: number.size]
    imi_sum = np.bincount(number[inner] - 1, mov["imi"][member][inner], len(first))
    codes, stage_of = pd.factorize(mov["stage"][member].astype(object), sort=True)
    tally = np.zeros((len(first), max(len(stage_of), 1)), dtype=np.int64)
    np.add.at(tally, (number - 1, codes), 1)
    majority = np.asarray(stage_of, dtype=object)[tally.argmax(axis=1)] if len(stage_of) else []
    return pd.DataFrame(
        {
            "series": number[first],
            "start": start,
            "end": end,
            "n_lms": n_lms.astype(np.int64),
            "duration": end - start,
            "mean_imi": imi_sum / np.maximum(n_lms - 1, 1),
            "stage_majority": pd.Series(majority, dtype=object),
        }
    )


def imi_histograms(
    imis: np.ndarray, rules: RuleSet, linear_bin_s: float = 2.0, ln_bin: float = 0.1
) -> dict:
    """IMI histograms: linear bins from 0 to the maximum IMI, and ln(IMI) bins from 0 up.

    ``n_imis`` is the number of IMIs in the linear histogram (0 to ``max_imi_s``); longer
    IMIs fall in no bin and are not counted. The ln histogram starts at ln 1 s, so IMIs
    under 1 s are in the linear histogram only.
    """
    linear_edges = np.arange(0.0, rules.max_imi_s + linear_bin_s / 2, linear_bin_s)
    ln_top = np.ceil(np.log(rules.max_imi_s) / ln_bin - 1e-9) * ln_bin
    ln_edges = np.round(np.arange(0.0, ln_top + ln_bin / 2, ln_bin), 10)
    positive = imis[imis > 0]
    lin_counts, _ = np.histogram(imis, bins=linear_edges)
    ln_counts, _ = np.histogram(np.log(positive), bins=ln_edges)
    return {
        "imi_linear": {"edges": linear_edges.tolist(), "counts": lin_counts.tolist()},
        "imi_ln": {"edges": ln_edges.tolist(), "counts": ln_counts.tolist()},
        "n_imis": int(lin_counts.sum()),
    }


def _mean(values: np.ndarray) -> float | None:
    """Mean, or None for no values (a mean of nothing is undefined)."""
    return float(np.mean(values)) if values.size else None


def night_indices(
    mov: Columns,
    breakdown: pd.DataFrame,
    series: pd.DataFrame,
    imis: tuple[np.ndarray, np.ndarray],
    rules: RuleSet,
) -> dict[str, float]:
    """The flat ``indices`` dict; ``imis`` is (all IMIs, mask of the counted ones)."""
    bd = breakdown["index_sleep"]
    in_sleep, scorable, periodic = mov["in_sleep"], mov["scorable"], mov["periodic"]
    candidate = mov["candidate"] & scorable
    duration = mov["duration"]
    imi, counted = imis
    ln_imi = np.log(imi[counted & (imi > 0) & at_most(imi, rules.max_imi_s)])
    n_clms_sleep = int(breakdown.at["clms", "count_sleep"])
    out = {
        "plms_index": bd["plms"],
        "plmw_index": breakdown.at["plms", "index_wake"],
        "lms_index": bd["lms"],
        "clms_index": bd["clms"],
        "plms_nr_index": bd["plms_nr"],
        "plms_arousal_index": bd["plms_arousal"],
        "short_imi_index": bd["short_interval"],
        "isolated_lms_index": bd["isolated"],
        "respiratory_clms_index": bd["respiratory_clms"],
        "plms_index_nrem": breakdown.at["plms", "index_nrem"],
        "plms_index_rem": breakdown.at["plms", "index_rem"],
        "periodicity_index": (
            breakdown.at["plms", "count_sleep"] / n_clms_sleep if n_clms_sleep else None
        ),
        "periodicity_index_ferri": ferri_periodicity(imi, counted, rules),
        "mean_duration_lm_s": _mean(duration[scorable & in_sleep]),
        "mean_duration_clm_s": _mean(duration[candidate & in_sleep]),
        "mean_duration_plm_s": _mean(duration[periodic & in_sleep]),
        "ln_imi_mean": _mean(ln_imi),
        "ln_imi_sd": float(np.std(ln_imi, ddof=1)) if ln_imi.size > 1 else None,
        "n_series": float(len(series)),
        "mean_series_length": _mean(series["n_lms"].to_numpy(float)),
        "mean_series_duration_min": _minutes(_mean(series["duration"].to_numpy(float))),
        "n_lms": float(scorable.sum()),
        "n_clms": float(candidate.sum()),
        "n_plms": float(periodic.sum()),
        "n_plms_sleep": float(breakdown.at["plms", "count_sleep"]),
        "n_plmw": float(breakdown.at["plms", "count_wake"]),
    }
    for kind in ("lms", "clms", "plms"):
        for side in ("left", "right", "bilateral"):
            out[f"{kind}_index_{side}"] = breakdown.at[kind, f"index_{side}"]
    return {k: _index(v) for k, v in out.items()}


def _minutes(seconds: float | None) -> float | None:
    return None if seconds is None else seconds / 60.0


def _index(value: object) -> float | None:
    """An index as a float, or None when it is undefined (NaN or None)."""
    if value is None:
        return None
    number = float(value)
    return number if np.isfinite(number) else None

"""Every index a scored night reports: its key, its label in words, its unit and denominator.

One table for everything that shows numbers (the terminal summary, the report, the web page,
the cohort table): each reads the labels from here rather than keeping its own list.
``denominator`` names the time an index is divided by (``sleep``, ``nrem``, ``rem``, ``wake``),
or is None for counts, ratios and durations.

>>> INDEX_CATALOGUE["plms_index"].label, INDEX_CATALOGUE["plms_index"].unit
('PLMS index', '/h sleep')
>>> [info.key for info in headline_indices()][:3]
['plms_index', 'plms_index_nrem', 'plms_index_rem']
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class IndexInfo:
    """One index: key in ``indices``, label in words, unit as shown, what it is divided by."""

    key: str
    label: str
    unit: str
    denominator: str | None
    headline: bool = False  # shown in the terminal summary and the report's key table

    @property
    def is_count(self) -> bool:
        return self.unit == "count"


_ROWS: tuple[IndexInfo, ...] = (
    IndexInfo("plms_index", "PLMS index", "/h sleep", "sleep", True),
    IndexInfo("plms_index_nrem", "PLMS index in NREM", "/h NREM", "nrem", True),
    IndexInfo("plms_index_rem", "PLMS index in REM", "/h REM", "rem", True),
    IndexInfo("plms_nr_index", "PLMS index without respiratory LMs", "/h sleep", "sleep", True),
    IndexInfo("plms_arousal_index", "PLMS-arousal index", "/h sleep", "sleep", True),
    IndexInfo("plmw_index", "PLMW index", "/h wake", "wake", True),
    IndexInfo("lms_index", "LMS index (all LMs in sleep)", "/h sleep", "sleep", True),
    IndexInfo("clms_index", "CLMS index", "/h sleep", "sleep", True),
    IndexInfo("respiratory_clms_index", "Respiratory-related CLM index", "/h sleep", "sleep", True),
    IndexInfo("short_imi_index", "Short-interval LM index", "/h sleep", "sleep", True),
    IndexInfo("isolated_lms_index", "Isolated LM index", "/h sleep", "sleep", True),
    IndexInfo("periodicity_index", "Periodicity index (PLM / CLM)", "", None, True),
    IndexInfo("periodicity_index_ferri", "Periodicity index (Ferri 2006)", "", None, True),
    IndexInfo("n_series", "PLM series", "count", None, True),
    IndexInfo("lms_index_left", "LMS index, left leg", "/h sleep", "sleep"),
    IndexInfo("lms_index_right", "LMS index, right leg", "/h sleep", "sleep"),
    IndexInfo("lms_index_bilateral", "LMS index, both legs", "/h sleep", "sleep"),
    IndexInfo("clms_index_left", "CLMS index, left leg", "/h sleep", "sleep"),
    IndexInfo("clms_index_right", "CLMS index, right leg", "/h sleep", "sleep"),
    IndexInfo("clms_index_bilateral", "CLMS index, both legs", "/h sleep", "sleep"),
    IndexInfo("plms_index_left", "PLMS index, left leg", "/h sleep", "sleep"),
    IndexInfo("plms_index_right", "PLMS index, right leg", "/h sleep", "sleep"),
    IndexInfo("plms_index_bilateral", "PLMS index, both legs", "/h sleep", "sleep"),
    IndexInfo("mean_duration_lm_s", "Mean LM duration", "s", None),
    IndexInfo("mean_duration_clm_s", "Mean CLM duration", "s", None),
    IndexInfo("mean_duration_plm_s", "Mean PLM duration", "s", None),
    IndexInfo("ln_imi_mean", "ln(IMI), mean", "ln s", None),
    IndexInfo("ln_imi_sd", "ln(IMI), SD", "ln s", None),
    IndexInfo("mean_series_length", "PLMs per series, mean", "count", None),
    IndexInfo("mean_series_duration_min", "Series duration, mean", "min", None),
    IndexInfo("n_lms", "Leg movements (scorable, lights off)", "count", None),
    IndexInfo("n_clms", "Candidate LMs (scorable, lights off)", "count", None),
    IndexInfo("n_plms", "Periodic LMs (lights off)", "count", None),
    IndexInfo("n_plms_sleep", "Periodic LMs in sleep", "count", None),
    IndexInfo("n_plmw", "Periodic LMs in wake", "count", None),
    IndexInfo("n_excluded_long", "Movements too long to be LMs", "count", None),
    IndexInfo("n_excluded_short", "Movements too short to be LMs", "count", None),
)

INDEX_CATALOGUE: dict[str, IndexInfo] = {row.key: row for row in _ROWS}


def headline_indices() -> tuple[IndexInfo, ...]:
    """The indices a sleep physician reads first, in reading order."""
    return tuple(row for row in _ROWS if row.headline)


def index_info(key: str) -> IndexInfo:
    """The catalogue entry of ``key``; an unknown key is described by its own name."""
    return INDEX_CATALOGUE.get(key) or IndexInfo(key, key.replace("_", " "), "", None)

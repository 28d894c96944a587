"""The cohort summary page (``results/summary.html``): one self-contained HTML page.

How many nights were scored, the distribution of the PLMS index (histogram, share at or
above the adult threshold, by each grouping column of the manifest), the other headline
indices, every failure with its reason, and the software versions and rules used.
"""

from __future__ import annotations

import datetime as dt
import platform
from functools import lru_cache
from importlib import metadata
from pathlib import Path

import jinja2
import numpy as np
import pandas as pd

from plmscope.cohort.figures import group_strips, grouped_values, plms_histogram
from plmscope.errors import PlmscopeInputError
from plmscope.report.html import STYLESHEET, template_environment
from plmscope.rules import RuleSet
from plmscope.scoring import INDEX_CATALOGUE, headline_indices
from plmscope.version import __version__

HERE = Path(__file__).parent
TEMPLATE = "summary.html.j2"
MAX_GROUPS = 12
PACKAGES = ("numpy", "scipy", "pandas", "pyarrow", "edfio", "dask", "distributed")


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    return template_environment(HERE / "templates")


def fmt(value: object, digits: int = 1) -> str:
    """A number for the page; missing or undefined values are an en dash.

    >>> fmt(12.345), fmt(None), fmt(float("nan")), fmt(3, 0)
    ('12.3', '–', '–', '3')
    """
    if value is None or value is pd.NA or (isinstance(value, float) and not np.isfinite(value)):
        return "–"
    return f"{float(value):.{digits}f}"


def spread(values: np.ndarray) -> dict:
    """n, median, quartiles, min and max of the defined values, formatted."""
    values = np.asarray(values, dtype=float)
    values = values[np.isfinite(values)]
    if not len(values):
        return {"n": 0, "median": "–", "iqr": "–", "range": "–"}
    q1, med, q3 = np.percentile(values, [25, 50, 75])
    return {
        "n": len(values),
        "median": fmt(med),
        "iqr": f"{fmt(q1)}–{fmt(q3)}",
        "range": f"{fmt(values.min())}–{fmt(values.max())}",
    }


def share_at_or_above(values: np.ndarray, threshold: float) -> dict:
    """How many of the defined values are at or above ``threshold``, and their percentage."""
    values = np.asarray(values, dtype=float)
    values = values[np.isfinite(values)]
    count = int((values >= threshold).sum())
    return {"count": count, "of": len(values), "percent": fmt(100.0 * count / len(values), 0) if len(values) else "–"}


def grouping_columns(table: pd.DataFrame, extra: list[str], group_by: list[str] | None) -> list[str]:
    """The manifest columns to break the PLMS index down by: those asked for, or by default every
    column that looks like a category (2 to 12 values, repeated; numbers only with up to 5 values).
    """
    if group_by:
        unknown = [c for c in group_by if c not in extra]
        if unknown:
            raise PlmscopeInputError(
                f"cannot group by {unknown[0]!r}: not a column of the manifest "
                f"(its columns: {', '.join(extra) or 'none beyond the standard ones'})"
            )
        return list(group_by)
    chosen = []
    for column in extra:
        values = table[column].dropna()
        distinct = values.nunique()
        numeric = pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values)
        if 2 <= distinct <= (5 if numeric else MAX_GROUPS) and distinct < len(values):
            chosen.append(column)
    return chosen


def group_section(table: pd.DataFrame, column: str, threshold: float) -> dict:
    """One grouping column: a row per group (nights, scored, PLMS index, share above), a figure."""
    labels = table[column].astype("string").fillna("(blank)")
    order = sorted(labels.unique(), key=str)[:MAX_GROUPS]
    values = grouped_values(table, column, order)
    rows = []
    for group in order:
        members = table[labels == group]
        rows.append({
            "group": group,
            "nights": len(members),
            "scored": int((members["status"] == "ok").sum()),
            "plms": spread(values[group]),
            "above": share_at_or_above(values[group], threshold),
        })
    return {"column": column, "rows": rows, "figure": group_strips(values, threshold, f"PLMS index by {column}")}


def versions() -> list[tuple[str, str]]:
    """plmscope, Python and the packages the scoring and the cluster rest on."""
    found = [("plmscope", __version__), ("Python", platform.python_version())]
    for name in PACKAGES:
        try:
            found.append((name, metadata.version(name)))
        except metadata.PackageNotFoundError:
            continue
    return found


def summary_context(
    table: pd.DataFrame,
    rules: RuleSet,
    *,
    extra: list[str] = (),
    group_by: list[str] | None = None,
    pending: int = 0,
) -> dict:
    """Everything the summary page shows, as plain data."""
    threshold = float(rules.plms_index_threshold_adult)
    scored = table[table["status"] == "ok"]
    plms = scored["plms_index"].to_numpy(dtype=float, na_value=np.nan)
    defined = plms[np.isfinite(plms)]
    failures = table[table["status"] != "ok"]
    indices = [
        {"label": info.label, "unit": info.unit, **spread(scored[info.key].to_numpy(dtype=float, na_value=np.nan))}
        for info in headline_indices()
        if info.key in scored and not info.is_count
    ]
    return {
        "generated": dt.datetime.now().strftime("%Y-%m-%d %H:%M"),
        "counts": {
            "nights": len(table) + pending,
            "scored": len(scored),
            "failed": len(failures),
            "pending": pending,
            "hours": fmt(scored["duration_h"].sum(), 1) if len(scored) else "–",
            "undefined": int(len(plms) - len(defined)),
        },
        "threshold": threshold,
        "child_threshold": float(rules.plms_index_threshold_child),
        "plms": spread(defined),
        "above": share_at_or_above(defined, threshold),
        "histogram": plms_histogram(defined, threshold),
        "tst": spread(scored["tst_h"].to_numpy(dtype=float, na_value=np.nan)),
        "indices": indices,
        "groups": [group_section(table, c, threshold) for c in grouping_columns(table, list(extra), group_by)],
        "failures": [
            {"night_id": r.night_id, "file": r.file or "", "reason": r.reason}
            for r in failures[["night_id", "file", "reason"]].itertuples(index=False)
        ],
        "warned": int((scored["warnings"].fillna(0) > 0).sum()),
        "rules": rules,
        "rule_items": [(k, v) for k, v in rules.to_dict().items() if k != "name"],
        "versions": versions(),
        "software_in_table": sorted(set(table["software"].dropna().astype(str))),
        "index_count": len(INDEX_CATALOGUE),
    }


def build_summary(
    table: pd.DataFrame,
    rules: RuleSet,
    *,
    extra: list[str] = (),
    group_by: list[str] | None = None,
    pending: int = 0,
) -> str:
    """The summary page of a cohort table as one self-contained HTML document.

    Examples
    --------
    >>> from plmscope.cohort.rows import table_columns
    >>> from plmscope.rules import WASM2016
    >>> table = pd.DataFrame([{"night_id": "a", "status": "ok", "plms_index": 22.0, "duration_h": 8.0,
    ...                        "tst_h": 6.5, "warnings": 0, "software": "0.1"}], columns=table_columns())
    >>> html = build_summary(table, WASM2016)
    >>> "1 of 1" in html and "<script" not in html
    True
    """
    context = summary_context(table, rules, extra=extra, group_by=group_by, pending=pending)
    css = jinja2.filters.Markup(STYLESHEET.read_text(encoding="utf-8"))
    return environment().get_template(TEMPLATE).render(css=css, fmt=fmt, **context)

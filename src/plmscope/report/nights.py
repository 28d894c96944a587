"""The nights side by side: one small night-at-a-glance strip per night and the PLMS index per night.

Built from a :class:`~plmscope.pipeline.NightsScore` alone (no samples): a dot plot of each
night's PLMS index with the median, one strip per night (estimated sleep and wake, every LM
as a tick, PLM series shaded), and a table of every night plus median and range.
"""

from __future__ import annotations

import datetime as dt

from plmscope.interpret import plms_threshold
from plmscope.pipeline import NightsScore
from plmscope.report.figures.nights import night_strip, plms_dot_plot
from plmscope.report.html import STYLESHEET, environment
from plmscope.report.tables import fmt
from plmscope.version import __version__

TEMPLATE = "nights.html.j2"
SPREAD_LABELS = {"plms_index": "PLMS index (/h)", "lms_index": "LMS index (/h)", "periodicity_index": "Periodicity (PLM/CLM)"}


def nights_sentences(many: NightsScore) -> list[str]:
    """The answer over several nights in plain words (median, range, threshold, limits)."""
    spread = many.summary()["plms_index"]
    threshold = plms_threshold(many.nights[0].rules)
    out = []
    if spread["median"] is None:
        out.append("No night had enough estimated sleep to give a PLMS index.")
    else:
        above = sum(1 for n in many.nights if (v := n.indices.get("plms_index")) is not None and v > threshold)
        out.append(
            f"Over {len(many)} nights the PLMS index was {fmt(spread['median'])} per hour at the median "
            f"(from {fmt(spread['min'])} to {fmt(spread['max'])}); {above} of {spread['n']} nights were above "
            f"the {threshold:g} per hour often used in sleep studies of adults."
        )
        out.append(
            "The index varies from night to night, which is why several nights are a better guide than "
            "any single one."
        )
    if many.kind == "accelerometer":
        out.append(
            "These are estimates from ankle accelerometers: movement, not muscle activity, and sleep "
            "from stillness, not brain signals. An EMG sleep study is what confirms periodic limb "
            "movements in sleep; a doctor who knows your story can say what they mean for you."
        )
    return out


def nights_context(many: NightsScore, assessment: dict | None = None) -> dict:
    """Everything the nights template shows, figures drawn, as plain data."""
    summary = many.summary()
    rows = []
    for row in many.table().to_dict(orient="records"):
        rows.append([row["night"], row["start"] or "–", fmt(row["tst_h"], 1, " h"), fmt(row["plms_index"]),
                     fmt(row["lms_index"]), fmt(row["periodicity_index"], 2), fmt(row["n_posture_changes"], 0)])
    spread_rows = [
        [SPREAD_LABELS[k], fmt(v["median"], 2 if k == "periodicity_index" else 1),
         f"{fmt(v['min'], 2 if k == 'periodicity_index' else 1)} – {fmt(v['max'], 2 if k == 'periodicity_index' else 1)}", str(v["n"])]
        for k, v in summary.items()
    ]
    warnings = list(dict.fromkeys(w for n in many.nights for w in n.warnings))
    return {
        "title": "plmscope: several nights",
        "subtitle": f"{len(many)} nights · {many.nights[0].rules.name} rules"
        + (" · ankle accelerometers (an estimate)" if many.kind == "accelerometer" else ""),
        "summary": nights_sentences(many)
        + ([f"From the questionnaire: {assessment.get('plain_summary', '')}"] if assessment else []),
        "dots": plms_dot_plot(many),
        "strips": [
            {"name": name, "src": night_strip(night, name)} for name, night in zip(many.names, many.nights, strict=True)
        ],
        "rows": rows,
        "spread_rows": spread_rows,
        "warnings": warnings,
        "version": __version__,
        "generated": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "median": summary["plms_index"]["median"],
    }


def build_nights_report(many: NightsScore, assessment: dict | None = None) -> str:
    """The self-contained HTML page of several nights side by side.

    Examples
    --------
    >>> from plmscope.pipeline import score_nights
    >>> from plmscope.simulate.accel import simulate_accel_night
    >>> many = score_nights([simulate_accel_night("plmd", seed=s, hours=1.0, fs=25.0).night for s in (1, 2)])
    >>> html = build_nights_report(many)
    >>> html.startswith("<!DOCTYPE html>") and "night 2" in html
    True
    """
    import jinja2

    css = STYLESHEET.read_text(encoding="utf-8")
    return environment().get_template(TEMPLATE).render(css=jinja2.filters.Markup(css), **nights_context(many, assessment))


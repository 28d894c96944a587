"""The validation page: one self-contained HTML file (inline CSS and SVG, nothing fetched)."""

from __future__ import annotations

import datetime as dt
import io

import jinja2
import numpy as np

from plmscope.validate.nights import FolderValidation
from plmscope.version import __version__

HUMAN_AGREEMENT = (
    "For scale: two human scorers of the same night agree on leg movements with an F1 of about "
    "0.75–0.91 in published studies, so a perfect score is not expected of anyone."
)

TEMPLATE = jinja2.Environment(autoescape=True, trim_blocks=True, lstrip_blocks=True).from_string(
    """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>plmscope validation</title>
<meta name="generator" content="plmscope {{ version }}">
<style>
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;color:#1f2933;max-width:1100px;margin:2rem auto;padding:0 1rem;line-height:1.45}
h1{font-size:1.6rem;margin-bottom:.2rem} h2{font-size:1.15rem;margin-top:2rem;border-bottom:1px solid #d8dee4;padding-bottom:.2rem}
.cards{display:flex;flex-wrap:wrap;gap:.8rem;margin:1rem 0}.card{border:1px solid #d8dee4;border-radius:8px;padding:.6rem .9rem;min-width:9rem}
.card b{display:block;font-size:1.4rem}.card span{color:#52606d;font-size:.85rem}
table{border-collapse:collapse;width:100%;font-size:.88rem;margin:.6rem 0}th,td{padding:.3rem .45rem;border-bottom:1px solid #e4e7eb;text-align:right}
th:first-child,td:first-child,th:nth-child(2),td:nth-child(2){text-align:left;white-space:nowrap} th{background:#f5f7fa;font-weight:600}
.figs{display:flex;flex-wrap:wrap;gap:1rem}.figs figure{margin:0;flex:1 1 420px}.figs figcaption{font-size:.85rem;color:#52606d}
.note{color:#52606d;font-size:.9rem} svg{max-width:100%;height:auto}
</style></head><body>
<h1>plmscope against your scorers</h1>
<p class="note">{{ nights|length }} night{{ "s" if nights|length != 1 }} · rules {{ rules }} · plmscope {{ version }} · {{ generated }}</p>
<div class="cards">
  <div class="card"><b>{{ f(summary.events.f1, 3) }}</b><span>event F1, all legs, all nights</span></div>
  <div class="card"><b>{{ f(summary.events.precision, 3) }}</b><span>precision</span></div>
  <div class="card"><b>{{ f(summary.events.recall, 3) }}</b><span>recall</span></div>
  <div class="card"><b>{{ f(ba.bias, 2) }}</b><span>PLMS index bias (plmscope − reference, /h)</span></div>
  <div class="card"><b>{{ f(ba.loa_low, 1) }} to {{ f(ba.loa_high, 1) }}</b><span>95% limits of agreement (/h)</span></div>
  <div class="card"><b>{{ f(summary.plms_index_icc, 3) }}</b><span>ICC(A,1) of the PLMS index</span></div>
</div>
<p>How movements are matched: {{ match_rule }}. Precision is the share of plmscope's movements the
reference also scored; recall the share of the reference's movements plmscope found. The PLMS index
of the reference is computed from its movements by the same rules, on the same sleep stages and
events, so the two indices differ only by the movements.</p>
{% if figures %}
<h2>PLMS index: plmscope and the reference</h2>
<div class="figs">{% for svg, caption in figures %}<figure>{{ svg }}<figcaption>{{ caption }}</figcaption></figure>{% endfor %}</div>
{% endif %}
<h2>Night by night</h2>
<table><thead><tr><th>night</th><th>reference</th><th>reference LMs</th><th>plmscope LMs</th>
<th>F1 left</th><th>F1 right</th><th>F1</th><th>precision</th><th>recall</th>
<th>onset error (median, s)</th><th>offset error (median, s)</th><th>PLMS index plmscope</th><th>PLMS index reference</th><th>difference</th></tr></thead><tbody>
{% for n in nights %}{% set a = n.agreement %}<tr><td>{{ n.night }}</td><td>{{ n.reference }}</td><td>{{ a.both.reference }}</td><td>{{ a.both.found }}</td>
<td>{{ f(a.left.f1, 3) }}</td><td>{{ f(a.right.f1, 3) }}</td><td>{{ f(a.both.f1, 3) }}</td><td>{{ f(a.both.precision, 3) }}</td><td>{{ f(a.both.recall, 3) }}</td>
<td>{{ f(a.both.onset_error_s.median, 2) }}</td><td>{{ f(a.both.offset_error_s.median, 2) }}</td>
<td>{{ f(n.indices.plms_index.plmscope, 1) }}</td><td>{{ f(n.indices.plms_index.reference, 1) }}</td><td>{{ f(n.indices.plms_index.difference, 1) }}</td></tr>
{% endfor %}</tbody></table>
{% if skipped %}<h2>Not compared</h2><ul>{% for name, why in skipped %}<li>{{ name }}: {{ why }}</li>{% endfor %}</ul>{% endif %}
<h2>Limits</h2>
<ul><li>{{ human }}</li>
<li>Onset and offset errors are plmscope minus the reference, over matched movements; a positive offset error means plmscope ends movements later.</li>
<li>Time plmscope found too noisy to score counts against it here (its movements there are not reported); the per-night JSON gives the unscorable time.</li>
<li>Bland–Altman limits and the ICC need several nights to mean much; with few nights, read the table.</li>
{% if hidden %}<li>Nights are numbered in file-name order; their file names are hidden (use --show-identity to show them).</li>{% endif %}
</ul>
</body></html>
"""
)


def _fmt(value: object, digits: int = 2) -> str:
    if value is None or (isinstance(value, float) and not np.isfinite(value)):
        return "–"
    return f"{float(value):.{digits}f}"


def _svg(fig) -> jinja2.filters.Markup:
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", bbox_inches="tight")
    text = buffer.getvalue()
    return jinja2.filters.Markup(text[text.index("<svg") :])


def agreement_figures(ours: np.ndarray, theirs: np.ndarray, ba: dict) -> list[tuple[object, str]]:
    """Bland–Altman plot and scatter of the PLMS index (SVG), or none with fewer than 2 nights."""
    ok = np.isfinite(ours) & np.isfinite(theirs)
    if ok.sum() < 2:
        return []
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    a, b = ours[ok], theirs[ok]
    mean, diff = (a + b) / 2, a - b
    with plt.rc_context({"font.size": 9, "axes.spines.top": False, "axes.spines.right": False, "svg.fonttype": "none"}):
        fig, ax = plt.subplots(figsize=(5.2, 3.6))
        ax.scatter(mean, diff, s=22, color="#1f77b4", alpha=0.8)
        for value, style, label in ((ba["bias"], "-", "bias"), (ba["loa_low"], "--", "−1.96 SD"), (ba["loa_high"], "--", "+1.96 SD")):
            if value is not None:
                ax.axhline(value, color="#52606d", linestyle=style, linewidth=1)
                ax.annotate(f"{label} {value:.1f}", (1.0, value), xycoords=("axes fraction", "data"), ha="right",
                            va="bottom", fontsize=8, color="#52606d")  # fmt: skip
        ax.set_xlabel("mean of the two PLMS indices (/h)")
        ax.set_ylabel("plmscope − reference (/h)")
        bland = _svg(fig)
        plt.close(fig)
        fig, ax = plt.subplots(figsize=(4.2, 3.6))
        top = float(max(a.max(), b.max(), 1.0)) * 1.05
        ax.plot([0, top], [0, top], color="#9aa5b1", linewidth=1)
        ax.scatter(b, a, s=22, color="#1f77b4", alpha=0.8)
        ax.set_xlim(0, top), ax.set_ylim(0, top)
        ax.set_xlabel("reference PLMS index (/h)")
        ax.set_ylabel("plmscope PLMS index (/h)")
        scatter = _svg(fig)
        plt.close(fig)
    return [
        (bland, "Bland–Altman: each dot a night; the solid line the mean difference, dashed the 95% limits of agreement."),
        (scatter, "plmscope against the reference; on the grey line they agree."),
    ]


def validation_page(result: FolderValidation, rules: str, hidden: bool = True) -> str:
    """The HTML page of a validation (one night or a folder)."""
    summary = result.summary
    ours, theirs = result.plms_pairs()
    ba = summary["plms_index_bland_altman"]
    data = result.to_dict()
    return TEMPLATE.render(
        nights=data["nights"],
        summary=summary,
        ba=ba,
        figures=agreement_figures(ours, theirs, ba),
        skipped=result.skipped,
        match_rule=data["match_rule"],
        rules=rules,
        human=HUMAN_AGREEMENT,
        hidden=hidden,
        f=_fmt,
        version=__version__,
        generated=dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
    )

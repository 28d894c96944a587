"""A scored night as NSRR XML (``PSGAnnotation``): stages, events and every leg movement.

What NSRR's tools and plmscope's own reader read: a ``Recording Start Time`` event (length and
clock time), one ``Stages`` event per 30 s epoch, the events read with the night (apneas,
hypopneas, RERAs, arousals, desaturations, lights), and each per-leg movement that went into a
scored LM, named ``PLM (Left)`` when its LM is periodic and ``Limb Movement (Left)`` otherwise,
with ``SignalLocation`` the leg channel. Names come from ``vocabulary`` (NSRR_*), so reading the
file back gives the same night.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import numpy as np

from plmscope.export.atomic import write_atomic
from plmscope.pipeline import NightScore
from plmscope.vocabulary import NSRR_EVENT_CONCEPTS, NSRR_STAGE_CONCEPTS, nsrr_lm_concept


def _event(parent: ET.Element, kind: str, concept: str, start: float, duration: float, where: str = "") -> None:
    node = ET.SubElement(parent, "ScoredEvent")
    ET.SubElement(node, "EventType").text = kind
    ET.SubElement(node, "EventConcept").text = concept
    ET.SubElement(node, "Start").text = f"{start:.3f}".rstrip("0").rstrip(".")
    ET.SubElement(node, "Duration").text = f"{duration:.3f}".rstrip("0").rstrip(".") or "0"
    if where:
        ET.SubElement(node, "SignalLocation").text = where


def nsrr_xml(scored: NightScore) -> str:
    """The NSRR XML text of a scored night.

    Examples
    --------
    >>> import plmscope
    >>> from plmscope.simulate import simulate_night
    >>> text = nsrr_xml(plmscope.score(simulate_night("plmd", seed=3, hours=0.25).night))
    >>> text.startswith('<?xml version="1.0" encoding="UTF-8"?>'), "PLM (Left)" in text
    (True, True)
    """
    root = ET.Element("PSGAnnotation")
    ET.SubElement(root, "SoftwareVersion").text = f"plmscope {scored.software.get('version', '')}"
    ET.SubElement(root, "EpochLength").text = f"{scored.hypnogram.epoch_s:g}"
    events = ET.SubElement(root, "ScoredEvents")
    start = ET.SubElement(events, "ScoredEvent")
    ET.SubElement(start, "EventType")
    ET.SubElement(start, "EventConcept").text = "Recording Start Time"
    ET.SubElement(start, "Start").text = "0"
    # the length is kept as hours to 6 decimals (±2 ms): to 10 ms it is the recording's again
    ET.SubElement(start, "Duration").text = f"{scored.duration:.2f}".rstrip("0").rstrip(".")
    if scored.start is not None:
        ET.SubElement(start, "ClockTime").text = f"00.00.00 {scored.start:%H.%M.%S}"

    hyp = scored.hypnogram
    for i, stage in enumerate(hyp.stages):
        _event(events, "Stages|Stages", NSRR_STAGE_CONCEPTS[str(stage)], hyp.onset + i * hyp.epoch_s, hyp.epoch_s)
    for onset, duration, event in scored.events[["onset", "duration", "event"]].itertuples(index=False):
        if event in NSRR_EVENT_CONCEPTS:
            kind, concept = NSRR_EVENT_CONCEPTS[event]
            _event(events, kind, concept, float(onset), float(duration))

    mono = scored.monolateral
    used = mono[mono["lm"].notna()] if "lm" in mono else mono.iloc[:0]
    periodic = scored.movements["periodic"].to_numpy(dtype=bool)
    channels = scored.recording.get("channels", {})
    rows = used.assign(periodic=periodic[used["lm"].to_numpy(dtype=np.int64)]).sort_values("onset")
    for leg, onset, offset, is_plm in rows[["leg", "onset", "offset", "periodic"]].itertuples(index=False):
        kind, concept = nsrr_lm_concept(str(leg), bool(is_plm))
        where = str(channels.get(leg, {}).get("label") or "")
        _event(events, kind, concept, float(onset), float(offset - onset), where)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def write_nsrr_xml(path: str | Path, scored: NightScore) -> Path:
    """Write :func:`nsrr_xml` of ``scored`` at ``path``."""
    return write_atomic(path, nsrr_xml(scored))

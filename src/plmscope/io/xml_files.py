"""XML scorings: NSRR ``PSGAnnotation`` and Compumedics Profusion ``CMPStudyConfig``.

NSRR: ``ScoredEvent`` with ``EventConcept``, ``Start``, ``Duration`` (seconds from recording
start), optional ``SignalLocation``; a ``Recording Start Time`` event gives the length and the
clock time. Profusion: ``EpochLength``, ``ScoredEvents/ScoredEvent`` with ``Name``, ``Start``,
``Duration``, ``Input`` (the channel), and ``SleepStages`` with one number per epoch (0 W, 1 N1,
2 N2, 3-4 N3, 5 REM, others unscored).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from plmscope.errors import PlmscopeInputError
from plmscope.io.annotation_table import AnnotationFile, table_from_rows
from plmscope.io.header_info import parse_time
from plmscope.night import EPOCH_S
from plmscope.vocabulary import canonical_event

#: Said whenever a Profusion scoring with leg movements is read.
PROFUSION_IMI_NOTE = (
    "Compumedics Profusion measures the inter-movement interval from the end of one leg movement "
    "to the start of the next; plmscope ignores Profusion's intervals and PLM labels and "
    "recomputes every IMI onset to onset (WASM/AASM), then the series, so IMIs and series can "
    "differ from Profusion's own report"
)


def xml_annotation_file(path: str) -> AnnotationFile:
    """NSRR (``PSGAnnotation``) or Compumedics Profusion (``CMPStudyConfig``) XML."""
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as exc:
        raise PlmscopeInputError(f"not readable XML ({exc})", path=path) from None
    if root.tag == "CMPStudyConfig":
        return profusion_file(root, path)
    if root.tag != "PSGAnnotation":
        raise PlmscopeInputError(
            f"unknown XML annotation format <{root.tag}> (expected NSRR "
            "<PSGAnnotation> or Profusion <CMPStudyConfig>)",
            path=path,
        )
    return nsrr_file(root, path)


def nsrr_file(root: ET.Element, path: str) -> AnnotationFile:
    """NSRR XML: every ScoredEvent as written; the recording start event gives length and clock."""
    rows, duration, start = [], None, None
    for event in root.iter("ScoredEvent"):
        concept = (event.findtext("EventConcept") or "").strip()
        onset, length = xml_number(event, "Start", path), xml_number(event, "Duration", path)
        if concept.lower().startswith("recording start time"):
            duration, start = length, parse_time((event.findtext("ClockTime") or "").split(" ")[-1])
            continue
        channel = (event.findtext("SignalLocation") or "").strip() or None
        rows.append((onset, length, concept, None, channel))
    return AnnotationFile(
        path, table_from_rows(rows, with_channel=True), duration, start, kind="NSRR XML"
    )


def profusion_file(root: ET.Element, path: str) -> AnnotationFile:
    """Profusion XML: named scored events (with their input channel) and one stage per epoch."""
    epoch = xml_number(root, "EpochLength", path, default=EPOCH_S)
    rows = [
        (
            xml_number(e, "Start", path),
            xml_number(e, "Duration", path),
            (e.findtext("Name") or "").strip(),
            None,
            (e.findtext("Input") or "").strip() or None,
        )
        for e in root.iter("ScoredEvent")
    ]
    stages = [(s.text or "").strip() for s in root.iter("SleepStage")]
    if stages and abs(epoch - EPOCH_S) > 1e-6:
        raise PlmscopeInputError(
            f"sleep stages are scored in {epoch:g} s epochs; plmscope scores 30 s epochs "
            "(AASM/WASM): export the scoring with 30 s epochs",
            path=path,
        )
    rows += [(i * epoch, epoch, stage, None, None) for i, stage in enumerate(stages)]
    has_lms = any(canonical_event(name)[0] == "leg_movement" for name in {r[2] for r in rows})
    return AnnotationFile(
        path,
        table_from_rows(rows, with_channel=True),
        kind="Profusion XML",
        notes=(PROFUSION_IMI_NOTE,) if has_lms else (),
    )


def xml_number(event: ET.Element, tag: str, path: str, default: float = 0.0) -> float:
    """A number inside an element (``default`` when absent); an error naming the tag when malformed."""
    text = (event.findtext(tag) or "").strip()
    if not text:
        return default
    try:
        return float(text)
    except ValueError:
        raise PlmscopeInputError(f"<{tag}> is {text!r}, not a number", path=path) from None

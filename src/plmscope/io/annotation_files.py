"""Annotation files as one raw table (onset, duration, label, leg): NSRR/Profusion XML, CSV/TSV,
one-stage-per-line hypnograms and EDF+ annotation files. Labels stay as written; what they mean
is decided by ``vocabulary``.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from plmscope.errors import PlmscopeInputError
from plmscope.io.edf_annotations import ANNOTATION_COLUMNS, empty_annotations, read_edf_annotations
from plmscope.io.edf_file import open_record_file
from plmscope.io.event_tables import LEG_WORDS as LEG_WORDS  # re-exported
from plmscope.io.event_tables import LABEL_NAMES, has_onset_column, looks_like_header, read_event_table
from plmscope.io.header_info import parse_time
from plmscope.vocabulary import canonical_stage
from plmscope.night import EPOCH_S

#: Column names accepted for the label, and leg words (both: ``event_tables``).
LABEL_COLUMNS = LABEL_NAMES


@dataclass(frozen=True)
class AnnotationFile:
    """What an annotation file holds, plus the recording it says it belongs to (when it says)."""

    path: str
    table: pd.DataFrame  # onset, duration, label, leg
    declared_duration: float | None = None
    declared_start: dt.time | None = None


def read_annotation_file(path: str | Path) -> AnnotationFile:
    """Read any supported annotation file, chosen by its extension."""
    path = str(path)
    if not Path(path).is_file():
        raise PlmscopeInputError(
            "file not found" if not Path(path).exists() else "is not a file", path=path
        )
    suffix = Path(path).suffix.lower()
    if suffix in (".edf", ".bdf", ".rec"):
        return edf_annotation_file(path)
    if suffix == ".xml":
        return xml_annotation_file(path)
    return text_annotation_file(path)


def edf_annotation_file(path: str) -> AnnotationFile:
    """The annotations of an EDF+ file (e.g. a separate ``Hypnogram.edf``).

    Its start time is not compared with the night's: anonymising tools often reset one of them.
    """
    rf = open_record_file(path)
    table, _ = read_edf_annotations(rf)
    duration = rf.n_records_declared * rf.record_duration
    return AnnotationFile(path, table, duration if duration > 0 else None)


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
    rows, duration, start = [], None, None
    for event in root.iter("ScoredEvent"):
        concept = (event.findtext("EventConcept") or "").strip()
        onset, length = xml_number(event, "Start", path), xml_number(event, "Duration", path)
        if concept.lower().startswith("recording start time"):
            duration, start = length, parse_time((event.findtext("ClockTime") or "").split(" ")[-1])
            continue
        rows.append((onset, length, concept, None))
    return AnnotationFile(path, table_from_rows(rows), duration, start)


def profusion_file(root: ET.Element, path: str) -> AnnotationFile:
    """Profusion XML: named scored events plus one ``SleepStage`` number per epoch."""
    epoch = float(root.findtext("EpochLength") or EPOCH_S)
    rows = [
        (
            xml_number(e, "Start", path),
            xml_number(e, "Duration", path),
            (e.findtext("Name") or "").strip(),
            None,
        )
        for e in root.iter("ScoredEvent")
    ]
    stages = [(s.text or "").strip() for s in root.iter("SleepStage")]
    rows += [(i * epoch, epoch, stage, None) for i, stage in enumerate(stages)]
    return AnnotationFile(path, table_from_rows(rows))


def xml_number(event: ET.Element, tag: str, path: str) -> float:
    """A number inside a ScoredEvent (0 when absent); an error naming the tag when malformed."""
    text = (event.findtext(tag) or "0").strip()
    try:
        return float(text)
    except ValueError:
        raise PlmscopeInputError(
            f"<{tag}> of a ScoredEvent is {text!r}, not a number", path=path
        ) from None


def text_annotation_file(path: str) -> AnnotationFile:
    """CSV/TSV with an onset column (``event_tables``), or a hypnogram with one stage per line (30 s)."""
    text = Path(path).read_bytes().decode("utf-8", "replace")
    lines = [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    if not lines:
        raise PlmscopeInputError("is empty", path=path)
    if has_onset_column(lines[0]) or looks_like_header(lines[0]):
        return AnnotationFile(path, csv_table(text, path))
    header = lines[0].lower().strip("\"' ") in ("stage", "stages", "hypnogram", "sleep stage")
    stages = [line.strip("\"'") for line in (lines[1:] if header else lines)]
    odd = list(dict.fromkeys(x for x in stages if canonical_stage(x) is None))
    if odd:
        raise PlmscopeInputError(
            "neither an events table (no onset column in the first line) nor a hypnogram "
            f"(not sleep stages: {', '.join(repr(x[:40]) for x in odd[:5])})",
            path=path,
        )
    rows = [(i * EPOCH_S, EPOCH_S, stage, None) for i, stage in enumerate(stages)]
    return AnnotationFile(path, table_from_rows(rows))


def csv_table(text: str, path: str) -> pd.DataFrame:
    """An ``onset,duration,event[,leg]`` (or ``...,stage``) table, the usual spellings, every cell checked."""
    return read_event_table(text, path)


def table_from_rows(rows: list[tuple]) -> pd.DataFrame:
    """A raw annotation table sorted by onset."""
    if not rows:
        return empty_annotations()
    table = pd.DataFrame(rows, columns=list(ANNOTATION_COLUMNS)).astype(
        {"onset": "float64", "duration": "float64"}
    )
    return table.sort_values("onset", kind="stable").reset_index(drop=True)

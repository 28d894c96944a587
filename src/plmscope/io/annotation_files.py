"""Annotation files as one raw table (onset, duration, label, leg[, channel]): NSRR/Profusion XML
(``xml_files``), RemLogic event exports (``remlogic``), Noxturnal event lists (``nox``), CSV/TSV,
one-stage-per-line hypnograms and EDF+ annotation files. Labels stay as written; what they mean
is decided by ``vocabulary``.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from plmscope.errors import PlmscopeInputError
from plmscope.io.annotation_table import AnnotationFile, decode_text, table_from_rows
from plmscope.io.edf_annotations import read_edf_annotations
from plmscope.io.edf_file import open_record_file
from plmscope.io.event_tables import LEG_WORDS as LEG_WORDS  # re-exported
from plmscope.io.event_tables import LABEL_NAMES, has_onset_column, looks_like_header, read_event_table
from plmscope.io.nox import is_nox, nox_file
from plmscope.io.remlogic import is_remlogic, remlogic_file
from plmscope.io.xml_files import xml_annotation_file
from plmscope.vocabulary import canonical_stage
from plmscope.night import EPOCH_S

#: Column names accepted for the label, and leg words (both: ``event_tables``).
LABEL_COLUMNS = LABEL_NAMES


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
    return AnnotationFile(path, table, duration if duration > 0 else None, kind="EDF+ annotations")


def text_annotation_file(path: str) -> AnnotationFile:
    """RemLogic or Noxturnal exports, CSV/TSV with an onset column (``event_tables``), or a
    hypnogram with one stage per line (30 s)."""
    text = decode_text(Path(path).read_bytes())
    if is_remlogic(text):
        return remlogic_file(path, text)
    if is_nox(text):
        return nox_file(path, text)
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

"""Find the nights in a folder: recordings, found recursively, each paired with its annotations.

Recordings are EDF/EDF+/BDF files and ankle-accelerometer files (``.gt3x``, ``.cwa``,
GENEActiv ``.bin``, ActiLife RAW CSV and ``time,x,y,z`` CSV). Each is paired with its
annotation file by the usual names, best first::

    X.edf  +  X-nsrr.xml | X.xml | X-profusion.xml | X-Events.txt | X.csv | X.tsv

looked for beside the recording first, then anywhere in the folder (NSRR keeps EDFs and
annotations in sibling folders). Two accelerometer files ``X-left.cwa`` and ``X-right.cwa``
(also ``_L``/``_R``, ``-lt``/``-rt``) are the two legs of one night ``X``. A CSV that pairs
with a recording is its annotation file; any other CSV is a recording only if its header
looks like accelerometer samples (other tables, e.g. ``X.truth.csv``, are left alone).
"""

from __future__ import annotations

import os
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from plmscope.cohort.entries import ACCEL_SUFFIXES, PSG_SUFFIXES, NightEntry

#: Annotation-file name endings (lower case) after the recording's base name, best first.
ANNOTATION_ENDINGS: tuple[str, ...] = (
    "-nsrr.xml", ".xml", "-profusion.xml", "-events.txt", ".csv", ".tsv",
    "-annotations.edf", "-hypnogram.edf",
)  # fmt: skip

_SIDE = re.compile(r"^(?P<base>.+?)[-_. ](?P<side>left|right|lt|rt|l|r)$", re.IGNORECASE)
_SIDE_WORDS = {"left": "left", "lt": "left", "l": "left", "right": "right", "rt": "right", "r": "right"}
_ACCEL_COLUMNS = re.compile(r"(^|[\s_])(x|y|z)$")


@dataclass(frozen=True)
class Discovery:
    """The nights found in a folder, and the files that were looked at but are not nights."""

    root: Path
    entries: list[NightEntry]
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (path, why)


def find_nights(folder: str | Path, *, exclude: tuple[str | Path, ...] = ()) -> Discovery:
    """Every night under ``folder``: recordings paired with their annotation files.

    ``exclude``: folders not to look into (e.g. the results folder).

    Examples
    --------
    >>> import pathlib, tempfile
    >>> root = pathlib.Path(tempfile.mkdtemp())
    >>> for name in ("a.edf", "a-nsrr.xml", "b.edf", "b.csv", "notes.txt"):
    ...     _ = (root / name).write_text("")
    >>> found = find_nights(root)
    >>> [(e.night_id, [pathlib.Path(p).name for p in e.annotations]) for e in found.entries]
    [('a', ['a-nsrr.xml']), ('b', ['b.csv'])]
    """
    root = Path(folder)
    files = list(walk_files(root, tuple(Path(e).resolve() for e in exclude)))
    psg, accel, annotation_like, tables, skipped = classify(files)
    bases = {recording_base(p)[0].lower() for p in [*psg, *accel]}
    for table in tables:
        if annotation_base(table) in bases:
            annotation_like.append(table)
        elif looks_like_accelerometer_csv(table):
            accel.append(table)
        else:
            skipped.append((str(table), "a table that is neither a night's annotations nor accelerometer samples"))
    groups = group_recordings(psg, accel)
    annotations = pair_annotations(groups, annotation_like)
    used = {p for paths in annotations.values() for p in paths}
    skipped += [(str(p), "annotation file that matches no recording") for p in annotation_like if p not in used]
    entries = name_nights(root, groups, annotations)
    return Discovery(root, entries, sorted(skipped))


def walk_files(root: Path, exclude: tuple[Path, ...]) -> list[Path]:
    """Every visible file under ``root`` (following folder links once), sorted."""
    seen: set[Path] = set()
    found: list[Path] = []
    for folder, subfolders, names in os.walk(root, followlinks=True):
        here = Path(folder).resolve()
        if here in seen or any(here == e or e in here.parents for e in exclude):
            subfolders[:] = []
            continue
        seen.add(here)
        subfolders[:] = sorted(d for d in subfolders if not d.startswith("."))
        found += [Path(folder) / n for n in sorted(names) if not n.startswith(".")]
    return [p for p in found if p.is_file()]


def classify(files: list[Path]) -> tuple[list[Path], list[Path], list[Path], list[Path], list[tuple[str, str]]]:
    """(PSG recordings, accelerometer files, annotation files, undecided tables, skipped)."""
    psg, accel, annotation_like, tables, skipped = [], [], [], [], []
    for path in files:
        name, suffix = path.name.lower(), path.suffix.lower()
        if suffix in PSG_SUFFIXES:
            (annotation_like if holds_only_annotations(path) else psg).append(path)
        elif suffix in (".gt3x", ".cwa") or (suffix == ".bin" and is_geneactiv_bin(path)):
            accel.append(path)
        elif suffix == ".xml" or name.endswith("-events.txt"):
            annotation_like.append(path)
        elif suffix in (".csv", ".tsv"):
            tables.append(path)
        elif suffix in ACCEL_SUFFIXES:
            skipped.append((str(path), "a .bin file that is not a GENEActiv recording"))
    return psg, accel, annotation_like, tables, skipped


def holds_only_annotations(path: Path) -> bool:
    """True for an EDF+/BDF+ file whose only signal is its annotations (a hypnogram file)."""
    try:
        with path.open("rb") as fh:
            head = fh.read(256 + 16)
        n_signals = int(head[252:256].decode("ascii").strip())
    except (OSError, ValueError, UnicodeDecodeError):
        return False  # not a readable header: scoring will say what is wrong with it
    return n_signals == 1 and head[256:272].decode("ascii", "replace").strip().endswith("Annotations")


def is_geneactiv_bin(path: Path) -> bool:
    """GENEActiv ``.bin`` files are text and begin with a ``Device Identity`` section."""
    try:
        with path.open("rb") as fh:
            return fh.read(15) == b"Device Identity"
    except OSError:
        return False


def looks_like_accelerometer_csv(path: Path) -> bool:
    """ActiLife RAW CSV (its banner) or a table whose header has x, y and z columns."""
    try:
        with path.open("r", encoding="utf-8", errors="replace") as fh:
            lines = [fh.readline() for _ in range(12)]
    except OSError:
        return False
    if lines[0].lstrip().startswith("------------ Data File Created By ActiGraph"):
        return True
    for line in lines:
        columns = [c.strip().strip('"').lower() for c in re.split(r"[,;\t]", line)]
        axes = {m.group(2) for c in columns if (m := _ACCEL_COLUMNS.search(c))}
        if axes == {"x", "y", "z"}:
            return True
    return False


def recording_base(path: Path) -> tuple[str, str | None]:
    """(night base name, leg or None): ``X-left.cwa`` -> ``("X", "left")``; PSG files have no leg."""
    stem = path.stem
    if path.suffix.lower() in PSG_SUFFIXES:
        return stem, None
    match = _SIDE.match(stem)
    if match:
        return match.group("base"), _SIDE_WORDS[match.group("side").lower()]
    return stem, None


def annotation_base(path: Path) -> str | None:
    """The recording base (lower case) an annotation file names, by the best ending it has."""
    name = path.name.lower()
    for ending in ANNOTATION_ENDINGS:
        if name.endswith(ending) and len(name) > len(ending):
            return name[: -len(ending)]
    return None


def annotation_rank(path: Path) -> int:
    """Position of the file's name ending in :data:`ANNOTATION_ENDINGS` (lower is better)."""
    name = path.name.lower()
    return next(i for i, ending in enumerate(ANNOTATION_ENDINGS) if name.endswith(ending))


@dataclass
class RecordingGroup:
    """The file(s) of one night before it has an id: a PSG file, or accelerometer legs."""

    base: str
    folder: Path
    psg: Path | None = None
    legs: dict[str, Path] = field(default_factory=dict)
    single: Path | None = None

    @property
    def first(self) -> Path:
        return self.psg or self.single or next(iter(self.legs.values()))


def group_recordings(psg: list[Path], accel: list[Path]) -> list[RecordingGroup]:
    """One group per PSG file; accelerometer files of the same base and folder joined by leg."""
    groups = [RecordingGroup(p.stem, p.parent, psg=p) for p in psg]
    by_night: dict[tuple[Path, str], RecordingGroup] = {}
    for path in sorted(accel):
        base, leg = recording_base(path)
        if leg is None:
            groups.append(RecordingGroup(base, path.parent, single=path))
            continue
        group = by_night.setdefault((path.parent, base.lower()), RecordingGroup(base, path.parent))
        if leg in group.legs:  # two files for one leg: keep them as separate nights
            groups.append(RecordingGroup(path.stem, path.parent, single=path))
        else:
            group.legs[leg] = path
    return groups + list(by_night.values())


def pair_annotations(groups: list[RecordingGroup], candidates: list[Path]) -> dict[int, list[Path]]:
    """For each group (by position), its annotation file: beside it first, else unique in the tree."""
    by_base: dict[str, list[Path]] = defaultdict(list)
    for path in candidates:
        base = annotation_base(path)
        if base is not None:
            by_base[base].append(path)
    recordings_per_base: dict[str, int] = defaultdict(int)
    for group in groups:
        recordings_per_base[group.base.lower()] += 1
    paired: dict[int, list[Path]] = {}
    for i, group in enumerate(groups):
        options = [p for p in by_base.get(group.base.lower(), []) if p != group.psg]
        beside = [p for p in options if p.parent == group.folder]
        if beside:
            options = beside
        elif recordings_per_base[group.base.lower()] > 1:
            options = []  # the same name in several folders: only files beside a recording pair
        if not options:
            continue
        best = min(annotation_rank(p) for p in options)
        chosen = sorted(p for p in options if annotation_rank(p) == best)
        if len(chosen) == 1:
            paired[i] = chosen
    return paired


def name_nights(root: Path, groups: list[RecordingGroup], annotations: dict[int, list[Path]]) -> list[NightEntry]:
    """Entries with unique ids: the base name, or the path below ``root`` where names repeat."""
    count: dict[str, int] = defaultdict(int)
    for group in groups:
        count[group.base.lower()] += 1
    entries = []
    for i, group in enumerate(groups):
        night_id = group.base
        if count[group.base.lower()] > 1:
            where = group.first.parent / group.base
            try:
                night_id = where.relative_to(root).as_posix()
            except ValueError:
                night_id = where.as_posix()
        leg = "left"
        if group.single is not None:
            leg = recording_base(group.single)[1] or "left"
        entries.append(
            NightEntry(
                night_id=night_id,
                recording=str(group.psg or group.single) if (group.psg or group.single) else None,
                annotations=tuple(str(p) for p in annotations.get(i, [])),
                left_file=str(group.legs["left"]) if "left" in group.legs else None,
                right_file=str(group.legs["right"]) if "right" in group.legs else None,
                leg=leg,
            )
        )
    return sorted(entries, key=lambda e: e.night_id)

"""Accelerometer inputs as a user gives them: two files of one night, folders of nights, a manifest.

- which leg a file name says (``left``, ``right``, ``_L``, ``_R``), to warn when the order given
  says the other;
- ``--nights DIR...``: each folder holds one night's one or two files (the names say the legs);
- ``--nights manifest.csv``: columns ``night,left,right`` (paths relative to the manifest);
- ``--diary diary.csv``: columns ``night,bedtime,risetime`` (night: a name, or the date the night
  starts, YYYY-MM-DD).
"""

from __future__ import annotations

import re
from pathlib import Path

from plmscope.errors import PlmscopeInputError

_WORD = re.compile(r"(?<![a-z])(left|right)(?![a-z])", re.IGNORECASE)
_LETTER = re.compile(r"(?:^|[_\-. ])([LR])(?=[_\-. ]|$)")
ACCEL_SUFFIXES = (".gt3x", ".cwa", ".bin", ".csv", ".txt", ".gz")


def side_in_name(name: str) -> str | None:
    """``left``/``right`` when a file name says which leg (word, or an ``_L``/``_R`` letter), else None.

    >>> side_in_name("night1_left_ankle.csv"), side_in_name("P03_R.gt3x"), side_in_name("leg.csv")
    ('left', 'right', None)
    """
    stem = Path(name).name
    for suffix in (".gz", *ACCEL_SUFFIXES):
        if stem.lower().endswith(suffix):
            stem = stem[: -len(suffix)]
    words = {m.group(1).lower() for m in _WORD.finditer(stem)}
    if len(words) == 1:
        return words.pop()
    letters = {"left" if m.group(1) == "L" else "right" for m in _LETTER.finditer(stem)}
    return letters.pop() if len(letters) == 1 else None


def swapped_names(files: dict[str, Path]) -> list[str]:
    """Warnings for files whose names say the other leg than the one they were given as."""
    out = []
    for leg, path in files.items():
        said = side_in_name(path.name)
        if said is not None and said != leg:
            out.append(
                f"{path.name} was given as the {leg} leg but its name says {said}: check the order "
                "(left leg first, then right)"
            )
    return out


def _accel_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.is_file() and p.name.lower().endswith(ACCEL_SUFFIXES)
                  and not p.name.startswith(".") and p.name != "truth.json")


def night_of_folder(folder: Path, leg: str) -> dict[str, Path]:
    """The legs of the night in ``folder``: two files named by side, or one file (``leg``)."""
    files = [p for p in _accel_files(folder) if not p.name.endswith(".truth.csv")]
    if not files:
        raise PlmscopeInputError("holds no accelerometer file (.gt3x, .cwa, .bin, .csv)", path=str(folder))
    if len(files) == 1:
        return {leg: files[0]}
    sides = {p: side_in_name(p.name) for p in files}
    named = {side: p for p, side in sides.items() if side}
    if len(files) == 2 and len(named) == 2:
        return {"left": named["left"], "right": named["right"]}
    raise PlmscopeInputError(
        f"holds {len(files)} files ({', '.join(p.name for p in files[:4])}); a night's folder holds one "
        "file, or two whose names say left and right",
        path=str(folder),
    )


def read_manifest(path: Path) -> dict[str, dict[str, Path]]:
    """Nights of a manifest CSV: ``night,left,right`` (either leg may be empty)."""
    import pandas as pd

    try:
        table = pd.read_csv(path, dtype=str, keep_default_na=False)
    except (OSError, ValueError, pd.errors.ParserError) as exc:
        raise PlmscopeInputError(f"cannot be read as a manifest CSV ({exc})", path=str(path)) from None
    columns = {c.strip().lower(): c for c in table.columns}
    if "night" not in columns or not ({"left", "right"} & set(columns)):
        raise PlmscopeInputError("a manifest needs columns night,left,right", path=str(path))
    nights: dict[str, dict[str, Path]] = {}
    for i, row in table.iterrows():
        name = str(row[columns["night"]]).strip() or f"night {i + 1}"
        legs = {}
        for leg in ("left", "right"):
            cell = str(row[columns[leg]]).strip() if leg in columns else ""
            if cell:
                file = Path(cell) if Path(cell).is_absolute() else path.parent / cell
                if not file.is_file():
                    raise PlmscopeInputError(f"row {i + 2}: no such file {cell!r}", path=str(path))
                legs[leg] = file
        if not legs:
            raise PlmscopeInputError(f"row {i + 2} (night {name!r}) names no file", path=str(path))
        if name in nights:
            raise PlmscopeInputError(f"night {name!r} is listed twice", path=str(path))
        nights[name] = legs
    return nights


def gather_nights(paths: list[Path], leg: str) -> dict[str, dict[str, Path]]:
    """Nights from folders (one night each) or from one manifest CSV."""
    if len(paths) == 1 and paths[0].is_file():
        return read_manifest(paths[0])
    nights: dict[str, dict[str, Path]] = {}
    for folder in paths:
        if not folder.is_dir():
            raise PlmscopeInputError("is neither a night's folder nor a manifest CSV", path=str(folder))
        name = folder.name or str(folder)
        nights[name if name not in nights else str(folder)] = night_of_folder(folder, leg)
    return nights


def read_diary(path: Path) -> dict[str, tuple[str, str]]:
    """Bedtime and rise time per night from a diary CSV: ``night,bedtime,risetime``."""
    import pandas as pd

    try:
        table = pd.read_csv(path, dtype=str, keep_default_na=False)
    except (OSError, ValueError, pd.errors.ParserError) as exc:
        raise PlmscopeInputError(f"cannot be read as a diary CSV ({exc})", path=str(path)) from None
    columns = {c.strip().lower().replace("_", ""): c for c in table.columns}
    need = ("night", "bedtime", "risetime")
    if not all(c in columns for c in need):
        raise PlmscopeInputError("a sleep diary needs columns night,bedtime,risetime", path=str(path))
    return {
        str(r[columns["night"]]).strip(): (str(r[columns["bedtime"]]).strip(), str(r[columns["risetime"]]).strip())
        for _, r in table.iterrows()
    }

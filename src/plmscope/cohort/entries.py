"""One night of a cohort, before it is scored: which files, which channels, which extra columns.

A :class:`NightEntry` is plain data (cheap to send to a Dask worker). It says what to pass to
:func:`plmscope.score`: a PSG recording (EDF/EDF+/BDF) with its annotation files and, when
given, the labels of its leg channels; or the accelerometer file(s) of one night, one per leg.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

#: Suffixes of PSG recordings (read by ``plmscope.io``).
PSG_SUFFIXES = (".edf", ".bdf", ".rec")
#: Suffixes of accelerometer files that need no sniffing (issue 11's readers).
ACCEL_SUFFIXES = (".gt3x", ".cwa", ".bin")


@dataclass(frozen=True)
class NightEntry:
    """What one night of a cohort is made of.

    Attributes
    ----------
    night_id : str
        Unique within the cohort; names the night's files under ``results/nights/``.
    recording : str or None
        The PSG file (or the one accelerometer file of a one-leg night).
    annotations : tuple of str
        Annotation files passed as ``events=`` (NSRR/Profusion XML, CSV, RemLogic text, EDF+).
    left, right : str or None
        Leg channel labels of the recording (like ``plmscope score --left``).
    left_file, right_file : str or None
        Accelerometer files of each leg, for a night recorded by ankle accelerometers.
    leg : str
        The leg a single accelerometer ``recording`` was worn on.
    extra : dict
        Manifest columns carried into the cohort table (age, sex, group, ...).

    Examples
    --------
    >>> entry = NightEntry("n1", recording="/data/n1.edf", annotations=("/data/n1-nsrr.xml",))
    >>> entry.kind, entry.files()
    ('psg', {'recording': '/data/n1.edf', 'annotations': '/data/n1-nsrr.xml'})
    """

    night_id: str
    recording: str | None = None
    annotations: tuple[str, ...] = ()
    left: str | None = None
    right: str | None = None
    left_file: str | None = None
    right_file: str | None = None
    leg: str = "left"
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def kind(self) -> str:
        """``psg`` for an EDF/BDF recording, ``accelerometer`` for ankle accelerometer files."""
        if self.left_file or self.right_file:
            return "accelerometer"
        if self.recording and Path(self.recording).suffix.lower() not in PSG_SUFFIXES:
            return "accelerometer"
        return "psg"

    def files(self) -> dict[str, str]:
        """Every input file by role (annotation files joined by ``;``), for tables and checks."""
        roles = {
            "recording": self.recording,
            "left_file": self.left_file,
            "right_file": self.right_file,
            "annotations": ";".join(self.annotations) or None,
        }
        return {role: path for role, path in roles.items() if path}

    def input_paths(self) -> list[str]:
        """Every file this night reads, recording first."""
        paths = [self.recording, self.left_file, self.right_file, *self.annotations]
        return [p for p in paths if p]

    def score_arguments(self) -> tuple[Any, dict[str, Any]]:
        """``(data, keyword arguments)`` for :func:`plmscope.score` (without ``rules``).

        >>> NightEntry("a", left_file="a-L.cwa", right_file="a-R.cwa").score_arguments()
        ({'left': 'a-L.cwa', 'right': 'a-R.cwa'}, {})
        >>> NightEntry("b", recording="b.edf", left="LAT", annotations=("b.xml",)).score_arguments()
        ('b.edf', {'events': ['b.xml'], 'left': 'LAT'})
        """
        options: dict[str, Any] = {}
        if self.annotations:
            options["events"] = list(self.annotations)
        if self.left_file or self.right_file:
            legs = {"left": self.left_file, "right": self.right_file}
            return {leg: path for leg, path in legs.items() if path}, options
        if self.kind == "accelerometer":
            options["leg"] = self.leg
            return self.recording, options
        for side in ("left", "right"):
            label = getattr(self, side)
            if label:
                options[side] = label
        return self.recording, options

"""The scored LMs of a night as an EDF+ annotations file, to open next to the original recording.

One annotation per scored LM, from its onset for its duration, labelled with what scoring made
of it: ``PLM left``, ``LM bilateral, short-interval``, ``PLM right, respiratory, arousal``,
``LM left, isolated``, ``LM right, non-candidate`` (the words of ``vocabulary.lm_label``; they
read back as leg movements of that leg). The file holds no signals; its start time is the
recording's, so EDFbrowser (``Tools → Import annotations``) and ``mne.read_annotations`` place
the LMs on the recording's time line. The start date is written only with ``show_identity``.
"""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd

from plmscope.export.atomic import write_atomic_with
from plmscope.pipeline import NightScore
from plmscope.vocabulary import lm_label


def lm_qualifiers(row: pd.Series) -> tuple[str, ...]:
    """The qualifier words of one scored LM (a row of ``NightScore.movements``)."""
    flags = (
        ("non-candidate", not row["candidate"]),
        ("short-interval", row["short_interval"]),
        ("isolated", row["isolated"]),
        ("respiratory", row["respiratory"]),
        ("arousal", row["arousal"]),
        ("unscorable", not row["scorable"]),
    )
    return tuple(word for word, on in flags if bool(on))


def lm_labels(movements: pd.DataFrame) -> list[str]:
    """The export label of every scored LM, in table order."""
    return [
        lm_label(str(row["leg"]), bool(row["periodic"]), lm_qualifiers(row))
        for _, row in movements.iterrows()  # one step per LM (hundreds), not per sample
    ]


def edf_annotations_bytes(scored: NightScore, show_identity: bool = False) -> bytes:
    """The EDF+ annotations file of ``scored`` as bytes (see :func:`write_edf_annotations`)."""
    buffer = io.BytesIO()
    _annotations_edf(scored, show_identity).write(buffer)
    return buffer.getvalue()


def write_edf_annotations(path: str | Path, scored: NightScore, show_identity: bool = False) -> Path:
    """Write every scored LM of ``scored`` as an EDF+ annotations-only file at ``path``.

    Examples
    --------
    >>> import tempfile, pathlib, plmscope
    >>> from plmscope.io import read_events
    >>> from plmscope.simulate import simulate_night
    >>> scored = plmscope.score(simulate_night("plmd", seed=2, hours=0.25).night)
    >>> out = write_edf_annotations(pathlib.Path(tempfile.mkdtemp()) / "lms.edf", scored)
    >>> events, _ = read_events(out)
    >>> len(events) == len(scored.movements), set(events["event"])
    (True, {'leg_movement'})
    """
    return write_atomic_with(path, _annotations_edf(scored, show_identity).write)


def _annotations_edf(scored: NightScore, show_identity: bool):
    """The edfio object: no signals, one annotation per scored LM, the recording's start time."""
    import edfio

    mov = scored.movements
    notes = [
        edfio.EdfAnnotation(round(float(on), 3), round(float(off - on), 3), text)
        for on, off, text in zip(mov["onset"], mov["offset"], lm_labels(mov))
    ]
    start = scored.start
    recording = (
        edfio.Recording(startdate=start.date(), equipment_code="plmscope")
        if show_identity and start is not None
        else edfio.Recording(equipment_code="plmscope")
    )
    return edfio.Edf(
        [],
        recording=recording,
        starttime=start.time().replace(microsecond=0) if start is not None else None,
        annotations=notes or [edfio.EdfAnnotation(0.0, None, "plmscope: no leg movements scored")],
    )

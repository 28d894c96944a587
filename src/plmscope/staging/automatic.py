"""One EEG channel → one stage per 30 s epoch, by YASA's pre-trained classifier."""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field
from importlib import metadata

import numpy as np

from plmscope.night import EPOCH_S, Hypnogram, Signal

#: YASA's integer stages (``yasa.Hypnogram.as_int``) and its letters (YASA < 0.7) → canonical.
YASA_INT = {0: "W", 1: "N1", 2: "N2", 3: "N3", 4: "R"}
YASA_STR = {"W": "W", "WAKE": "W", "N1": "N1", "N2": "N2", "N3": "N3", "R": "R", "REM": "R"}
INSTALL_HINT = "pip install 'plmscope[staging]'"
#: Published agreement of YASA's classifier with human scorers (Vallat & Walker, eLife 2021).
ACCURACY_NOTE = (
    "in YASA's own validation automatic stages agree with human scorers on about 85% of epochs "
    "(Vallat & Walker, eLife 2021; a little less from one EEG channel alone), N1 least well"
)


class StagingUnavailable(ImportError):
    """YASA (the optional ``staging`` extra) is not installed."""


@dataclass(frozen=True)
class Staging:
    """An automatic hypnogram, where it came from (``automatic (YASA 0.8.1)``) and what to say."""

    hypnogram: Hypnogram
    source: str
    channel: str
    warnings: list[str] = field(default_factory=list)


def staging_version() -> str | None:
    """The installed YASA version, or None when YASA is missing."""
    try:
        return metadata.version("yasa")
    except metadata.PackageNotFoundError:
        return None


def _canonical(predicted: object) -> np.ndarray:
    """YASA's prediction (a ``yasa.Hypnogram`` or an array of letters) as canonical stages."""
    if hasattr(predicted, "as_int"):
        values = np.asarray(predicted.as_int(), dtype=np.int64)
        return np.array([YASA_INT.get(int(v), "?") for v in values], dtype="<U2")
    return np.array([YASA_STR.get(str(v).upper(), "?") for v in np.asarray(predicted)], dtype="<U2")


def stage_from_eeg(eeg: Signal, duration: float) -> Staging:
    """Stage a night from one EEG channel (µV) with YASA; epochs past the last whole 30 s of
    EEG (and any YASA cannot stage) are ``?``. The hypnogram covers ``duration`` seconds.

    Raises :class:`StagingUnavailable` when YASA is not installed, ValueError when the EEG is
    shorter than one epoch.

    Examples
    --------
    >>> from plmscope.simulate import simulate_night
    >>> night = simulate_night("plmd", seed=3, hours=0.25).night
    >>> staging = stage_from_eeg(night.eeg, night.duration)  # doctest: +SKIP
    >>> set(staging.hypnogram.stages) <= {"W", "N1", "N2", "N3", "R", "?"}  # doctest: +SKIP
    True
    """
    version = staging_version()
    if version is None:
        raise StagingUnavailable(f"automatic sleep staging needs YASA: {INSTALL_HINT}")
    if len(eeg.data) < EPOCH_S * eeg.sf:
        raise ValueError(f"EEG channel {eeg.label!r} is shorter than one 30 s epoch")
    with warnings.catch_warnings():
        # YASA's shipped classifier was pickled with an older scikit-learn; it loads fine
        warnings.simplefilter("ignore")
        import mne
        import yasa

        info = mne.create_info([eeg.label], eeg.sf, ch_types="eeg", verbose=False)
        raw = mne.io.RawArray(eeg.data[None, :].astype(np.float64) * 1e-6, info, verbose=False)
        predicted = yasa.SleepStaging(raw, eeg_name=eeg.label).predict()
    stages = _canonical(predicted)
    n_epochs = int(np.ceil(duration / EPOCH_S - 1e-6))
    epochs = np.full(n_epochs, "?", dtype="<U2")
    epochs[: min(n_epochs, stages.size)] = stages[:n_epochs]
    source = f"automatic (YASA {version})"
    said = [
        f"sleep stages were scored automatically by YASA {version} from the EEG channel "
        f"{eeg.label!r} (no hypnogram was given): {ACCURACY_NOTE}; indices per hour of sleep "
        "rest on these stages"
    ]
    return Staging(Hypnogram(stages=epochs, epoch_s=EPOCH_S), source, eeg.label, said)

"""Automatic sleep staging from the EEG, when nobody scored the night: YASA's ``SleepStaging``.

YASA's shipped classifier (LightGBM, trained on thousands of human-scored nights) stages each
30 s epoch from one central EEG channel; it needs nothing downloaded at run time. YASA is an
optional extra (``pip install 'plmscope[staging]'``): it brings LightGBM, scikit-learn, numba
and MNE, hundreds of MB that scoring a scored night never needs.

Nothing here reads files or scores: a :class:`~plmscope.night.Signal` in, a
:class:`~plmscope.night.Hypnogram` out.
"""

from plmscope.staging.automatic import (
    Staging,
    StagingUnavailable,
    stage_from_eeg,
    staging_version,
)

__all__ = ["Staging", "StagingUnavailable", "stage_from_eeg", "staging_version"]

"""Reading nights: EDF/EDF+/BDF files, MNE Raw objects and arrays, annotation files, vocabulary.

Every reader returns a :class:`plmscope.night.Night` (signals in µV, hypnogram, events);
nothing here detects or scores.
"""

from plmscope.io.annotations import hypnogram_from_values, read_events, read_hypnogram
from plmscope.io.arrays import night_from_array
from plmscope.io.mne_raw import is_mne_raw, night_from_raw
from plmscope.io.read import read_night
from plmscope.vocabulary import canonical_event, canonical_stage

__all__ = [
    "canonical_event",
    "canonical_stage",
    "hypnogram_from_values",
    "is_mne_raw",
    "night_from_array",
    "night_from_raw",
    "read_events",
    "read_hypnogram",
    "read_night",
]

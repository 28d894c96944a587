"""Reading nights: EDF/EDF+/BDF files, MNE Raw objects and arrays, annotation files (NSRR and
Profusion XML, RemLogic and Noxturnal exports, CSV, EDF+), a lab's scoring alone, vocabulary.

Every reader returns a :class:`plmscope.night.Night` (signals in µV, hypnogram, events);
nothing here detects or scores.
"""

from plmscope.io.annotations import hypnogram_from_values, read_events, read_hypnogram, read_scored_events
from plmscope.io.arrays import night_from_array
from plmscope.io.event_night import is_event_file, read_event_night
from plmscope.io.mne_raw import is_mne_raw, night_from_raw
from plmscope.io.read import read_night
from plmscope.vocabulary import canonical_event, canonical_stage

__all__ = [
    "canonical_event",
    "canonical_stage",
    "hypnogram_from_values",
    "is_event_file",
    "is_mne_raw",
    "night_from_array",
    "night_from_raw",
    "read_event_night",
    "read_events",
    "read_hypnogram",
    "read_night",
    "read_scored_events",
]

"""Reading nights: EDF/EDF+/BDF signals, annotation files, and the vendor vocabulary."""

from plmscope.io.annotations import read_events, read_hypnogram
from plmscope.io.read import read_night
from plmscope.io.vocabulary import canonical_event, canonical_stage

__all__ = ["canonical_event", "canonical_stage", "read_events", "read_hypnogram", "read_night"]

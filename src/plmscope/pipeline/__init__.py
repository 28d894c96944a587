"""The front door: :func:`score` any night into a :class:`NightScore` (and :func:`load` it)."""

from plmscope.pipeline.front_door import FROM_ANNOTATIONS, load, night_score, score
from plmscope.pipeline.night_score import NightScore
from plmscope.pipeline.nights import NightsScore, score_nights

__all__ = ["FROM_ANNOTATIONS", "NightScore", "NightsScore", "load", "night_score", "score", "score_nights"]

"""plmscope: leg movements during sleep — detect, score (WASM 2016 / AASM), explain.

>>> import plmscope
>>> result = plmscope.score("night.edf")          # doctest: +SKIP
>>> result.summary()                              # doctest: +SKIP

``plmscope.score`` takes a path, an open file, an ``mne.io.Raw`` or an array and returns a
:class:`NightScore`. Importing plmscope is cheap: the scoring machinery loads on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from plmscope.lazy import lazy_exports
from plmscope.version import __version__

if TYPE_CHECKING:  # pragma: no cover
    from plmscope.pipeline import NightScore, NightsScore, load, score, score_nights

__all__ = ["NightScore", "NightsScore", "__version__", "load", "score", "score_nights"]

_LAZY = {
    "score": "pipeline", "load": "pipeline", "NightScore": "pipeline",
    "score_nights": "pipeline", "NightsScore": "pipeline",
}  # fmt: skip

__getattr__, __dir__ = lazy_exports(__name__, _LAZY)

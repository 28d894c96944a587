"""plmscope: leg movements during sleep — detect, score (WASM 2016 / AASM), explain.

>>> import plmscope
>>> result = plmscope.score("night.edf")          # doctest: +SKIP
>>> result.summary()                              # doctest: +SKIP

``plmscope.score`` takes a path, an open file, an ``mne.io.Raw`` or an array and returns a
:class:`NightScore`. Importing plmscope is cheap: the scoring machinery loads on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from plmscope.version import __version__

if TYPE_CHECKING:  # pragma: no cover
    from plmscope.pipeline import NightScore, NightsScore, load, score, score_nights

__all__ = ["NightScore", "NightsScore", "__version__", "load", "score", "score_nights"]

_LAZY = {
    "score": "plmscope.pipeline", "load": "plmscope.pipeline", "NightScore": "plmscope.pipeline",
    "score_nights": "plmscope.pipeline", "NightsScore": "plmscope.pipeline",
}  # fmt: skip


def __getattr__(name: str):
    """Load the front door on first use, so that ``import plmscope`` stays light."""
    if name in _LAZY:
        import importlib

        value = getattr(importlib.import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'plmscope' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted([*globals(), *_LAZY])

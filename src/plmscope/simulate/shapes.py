"""Burst envelopes beyond the classic raised-cosine plateau: other ramps, amplitude modulation.

Real LM bursts differ: some rise in 20 ms, some build up over half a second; some fade
slowly; some wax and wane (clonic bursts at a few Hz), some decay, some have two humps. A
detector tuned on one shape may miss the others — so ``simulate_night(burst_shapes="varied")``
draws each LM burst's envelope from this catalogue. The truth is still what the standard
scores on the clean envelope (``truth.scored_spans``), whatever the shape.
"""

from __future__ import annotations

import numpy as np

#: Ramp shapes: raised cosine, straight line, fast exponential attack, slow (quadratic) build-up.
RAMPS = ("cosine", "linear", "exponential", "slow")
#: Plateau modulations: none, waxing-waning (2–6 Hz), decaying, two humps.
MODULATIONS = ("flat", "waxing", "decaying", "two_humps")


def ramp(kind: str, n: int) -> np.ndarray:
    """A rise from 0 to 1 over ``n`` samples, of the given kind."""
    x = (np.arange(n) + 0.5) / max(n, 1)
    if kind == "linear":
        return x
    if kind == "exponential":
        return (1.0 - np.exp(-4.0 * x)) / (1.0 - np.exp(-4.0))
    if kind == "slow":
        return x**2
    return 0.5 - 0.5 * np.cos(np.pi * x)


def modulation(rng: np.random.Generator, kind: str, n: int, fs: float) -> np.ndarray:
    """A plateau multiplier (mean 1) of the given kind, ``n`` samples long."""
    t = np.arange(n) / fs
    if kind == "waxing":
        depth, rate = rng.uniform(0.3, 0.7), rng.uniform(2.0, 6.0)
        shape = 1.0 + depth * np.sin(2 * np.pi * rate * t + rng.uniform(0, 2 * np.pi))
    elif kind == "decaying":
        shape = np.exp(-np.log(rng.uniform(1.5, 3.5)) * t / max(t[-1], 1e-9)) if n > 1 else np.ones(n)
    elif kind == "two_humps":
        dip = rng.uniform(0.4, 0.75)
        shape = 1.0 - dip * np.exp(-0.5 * ((t - t[-1] * rng.uniform(0.35, 0.65)) / max(0.08 * t[-1], 1e-3)) ** 2)
    else:
        shape = np.ones(n)
    return shape / max(float(shape.mean()), 1e-9)


def varied_envelope(rng: np.random.Generator, length: float, amplitude: float, fs: float) -> tuple[np.ndarray, slice]:
    """Envelope ``a(t)`` (µV above rest) of one burst of drawn shape, and its plateau slice.

    Rise 20–600 ms and fall 20–800 ms (each at most 40 % of the burst), of independent ramp
    kinds; the plateau modulated by one of :data:`MODULATIONS`. ``amplitude`` is the plateau's
    mean, as for the classic envelope.

    >>> env, plateau = varied_envelope(np.random.default_rng(1), 1.0, 20.0, 256.0)
    >>> len(env), round(float(env[plateau].mean()), 3)
    (256, 20.0)
    """
    n = max(int(round(length * fs)), 4)
    rise = int(min(rng.uniform(0.02, 0.6), 0.4 * length) * fs)
    fall = int(min(rng.uniform(0.02, 0.8), 0.4 * length) * fs)
    n_plateau = max(n - rise - fall, 2)
    plateau = modulation(rng, str(rng.choice(MODULATIONS)), n_plateau, fs)
    up = ramp(str(rng.choice(RAMPS)), rise) * plateau[0]
    down = ramp(str(rng.choice(RAMPS)), fall)[::-1] * plateau[-1]
    env = np.concatenate([up, plateau, down]) * amplitude
    return env, slice(rise, rise + n_plateau)


def short_lengths(rng: np.random.Generator, n: int) -> np.ndarray:
    """Burst lengths (s) that give LMs piled just above the 0.5 s minimum (mostly 0.5–1 s)."""
    return 0.5 + rng.gamma(1.5, 0.12, size=n)

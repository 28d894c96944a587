"""Was the sensor worn, and on an ankle? A device lying still, and a wrist, recognised and named.

- **Not worn**: for ``still_min`` (2 h) or more no movement at all and gravity fixed (its
  direction never changes by ``still_angle_deg`` between 5 s epochs): no sleeper's leg stays
  that still for so long, a device on a table or a bedside does. That time is not scored.
- **Wrist, not ankle**: in bed the shank lies along the mattress in every posture (on the
  back, side or front the leg turns about its own long axis), so gravity stays close to one
  plane of the sensor. A forearm points anywhere. When the night's postures differ enough to
  tell (``wrist_min_turn``) and gravity strays off every plane by ``wrist_spread`` or more (the
  least eigenvalue of the mean outer product of gravity's direction), the sensor behaved like a
  wrist's, and the result is said not to count leg movements.
"""

from __future__ import annotations

import numpy as np

from plmscope.detect.accel.events import runs
from plmscope.detect.accel.settings import AccelSettings


def still_periods(
    epoch_turns: np.ndarray, moving_seconds: np.ndarray, settings: AccelSettings
) -> list[tuple[float, float]]:
    """(start, end) s of every stretch without movement or turn lasting ``still_min`` or more.

    ``epoch_turns``: change of direction per 5 s epoch (degrees); ``moving_seconds``: bool per
    second, True where a movement was detected.

    >>> from plmscope.detect.accel.settings import DEFAULT_ACCEL_SETTINGS as S
    >>> still_periods(np.zeros(3 * 720), np.zeros(3 * 3600, bool), S)
    [(0.0, 10800.0)]
    """
    epoch = settings.angle_epoch_s
    k = int(epoch)
    n = min(len(epoch_turns), len(moving_seconds) // k)
    if n == 0:
        return []
    moving = moving_seconds[: n * k].reshape(n, k).any(axis=1)
    still = (epoch_turns[:n] < settings.still_angle_deg) & ~moving
    starts, ends = runs(still)
    long = (ends - starts) * epoch >= settings.still_min * 60
    return [(float(s * epoch), float(e * epoch)) for s, e in zip(starts[long], ends[long], strict=True)]


def off_plane_share(directions: np.ndarray) -> tuple[float, float]:
    """(least, middle) eigenvalue of the mean outer product of unit gravity directions.

    Directions all in one plane give a least eigenvalue of 0; spread over the sphere, 1/3.

    >>> a = np.radians(np.arange(0, 360, 10))
    >>> ring = np.column_stack([np.cos(a), np.zeros_like(a), np.sin(a)])
    >>> [round(v, 3) for v in off_plane_share(ring)]
    [0.0, 0.5]
    """
    if len(directions) == 0:
        return 0.0, 0.0
    m = directions.T @ directions / len(directions)
    values = np.linalg.eigvalsh(m)
    return float(values[0]), float(values[1])


def looks_like_wrist(minute_directions: np.ndarray, settings: AccelSettings) -> tuple[bool, float, float]:
    """(wrist-like?, least, middle eigenvalue) from gravity's direction minute by minute in bed."""
    least, middle = off_plane_share(minute_directions)
    return middle >= settings.wrist_min_turn and least >= settings.wrist_spread, least, middle

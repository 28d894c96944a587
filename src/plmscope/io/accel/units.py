"""Acceleration to g: the declared unit, or the one gravity's magnitude tells."""

from __future__ import annotations

from pathlib import PurePath

import numpy as np

from plmscope.errors import PlmscopeInputError
from plmscope.units import acceleration_factor, to_g, unit_from_gravity

#: Rows used to measure gravity's magnitude (every k-th sample: enough and fast).
GRAVITY_SAMPLE = 50_000


def median_magnitude(xyz: np.ndarray) -> float:
    """Median vector magnitude of (a regular subsample of) the samples."""
    step = max(1, len(xyz) // GRAVITY_SAMPLE)
    part = np.asarray(xyz[::step], dtype=np.float64)
    return float(np.median(np.sqrt(np.einsum("ij,ij->i", part, part))))


def scaled_to_g(xyz: np.ndarray, unit: str, *, in_place: bool = False) -> np.ndarray:
    """``xyz`` in g (float32); with ``in_place`` a float32 array of the caller's is scaled where it is.

    >>> x = np.array([[0.0, 0.0, 1000.0]], np.float32)
    >>> scaled_to_g(x, "mg", in_place=True) is x, float(x[0, 2])
    (True, 1.0)
    """
    factor = acceleration_factor(unit)
    if in_place and factor is not None and xyz.dtype == np.float32 and xyz.flags.writeable and xyz.ndim == 2:
        if factor != 1.0:
            xyz *= np.float32(factor)
        return xyz
    return to_g(xyz, unit)


def in_g(
    xyz: np.ndarray, declared: str | None, source: str, *, overridden: bool = False, in_place: bool = False
) -> tuple[np.ndarray, str, list[str]]:
    """(samples in g, unit used, notes): the declared unit, else the unit gravity's magnitude names.

    A declared unit that gravity contradicts is kept when the caller gave it (``overridden``) and
    otherwise replaced by the one gravity names, with a note either way. With ``in_place`` a
    float32 ``xyz`` is scaled where it is (no copy of a night's samples).

    >>> x, unit, notes = in_g(np.array([[0.0, 0.0, 9.81]] * 10), None, "leg.csv")
    >>> unit, round(float(x[0, 2]), 4)
    ('m/s²', 1.0003)
    """
    name = PurePath(source).name
    magnitude = median_magnitude(xyz)
    told = unit_from_gravity(magnitude)
    if declared is not None and told is None and magnitude * acceleration_factor(declared) < 0.3:
        raise PlmscopeInputError(
            f"median acceleration magnitude is {magnitude:.3g} {declared}: this looks like acceleration with "
            "gravity removed (a phone's 'linear acceleration'); plmscope needs raw acceleration, gravity included",
            path=source,
        )
    if declared is not None:
        if told is not None and acceleration_factor(told) != acceleration_factor(declared) and not overridden:
            return scaled_to_g(xyz, told, in_place=in_place), told, [
                f"{name}: the columns say {declared!r} but gravity measures {magnitude:.3g} "
                f"(about 1 g in {told}): read as {told}"
            ]
        return scaled_to_g(xyz, declared, in_place=in_place), declared, []
    if told is None:
        if magnitude < 0.3:
            reason = (
                "this looks like acceleration with gravity removed (a phone's 'linear acceleration'); "
                "plmscope needs raw acceleration, gravity included"
            )
        else:
            reason = "it matches no unit's gravity (1 g, 9.81 m/s², 1000 mg): give the unit (--unit)"
        raise PlmscopeInputError(f"median acceleration magnitude is {magnitude:.3g}: {reason}", path=source)
    return scaled_to_g(xyz, told, in_place=in_place), told, []

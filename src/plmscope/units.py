"""Every unit table plmscope knows, in one place: voltages (to µV) and accelerations (to g).

Inside the pipeline EMG is float32 µV and acceleration float32 g; readers, the detector, the
simulator and the writers all convert through here, so a unit one of them accepts the others
accept too. Units are compared in plain ASCII lower case: both micro signs (U+00B5, U+03BC)
become ``u``, and ``m/s²``, ``m/s^2``, ``m/s2`` and ``m s-2`` are one unit.

>>> voltage_factor("mV"), voltage_factor(" µV "), voltage_factor("degC")
(1000.0, 1.0, None)
>>> acceleration_factor("m/s²")
0.10197162129779283
"""

from __future__ import annotations

import numpy as np

from plmscope.errors import PlmscopeInputError

#: Standard gravity (m/s² per g).
STANDARD_GRAVITY = 9.80665

#: Voltage unit (normalised) → factor to µV.
VOLTAGE_TO_UV: dict[str, float] = {
    "nv": 1e-3, "nanovolt": 1e-3, "nanovolts": 1e-3,
    "uv": 1.0, "microvolt": 1.0, "microvolts": 1.0,
    "mv": 1e3, "millivolt": 1e3, "millivolts": 1e3,
    "v": 1e6, "volt": 1e6, "volts": 1e6,
}  # fmt: skip

#: Acceleration unit (normalised) → factor to g.
ACCELERATION_TO_G: dict[str, float] = {
    "g": 1.0, "gravity": 1.0,
    "mg": 1e-3, "milli g": 1e-3, "millig": 1e-3,
    "m/s2": 1.0 / STANDARD_GRAVITY, "m s-2": 1.0 / STANDARD_GRAVITY, "ms-2": 1.0 / STANDARD_GRAVITY,
}  # fmt: skip

#: The names written back into files (EDF physical dimension, CSV headers) for each scale.
VOLTAGE_NAMES: dict[str, float] = {"nV": 1e-3, "uV": 1.0, "mV": 1e3, "V": 1e6}


def normalise_unit(unit: str) -> str:
    """A unit in plain ASCII lower case: micro signs become ``u``, powers of two ``2``."""
    text = str(unit).strip().replace("\u00b5", "u").replace("\u03bc", "u").lower()
    return text.replace("²", "2").replace("^2", "2").replace("**2", "2")


def voltage_factor(unit: str) -> float | None:
    """Factor turning values in ``unit`` into µV, or None if ``unit`` is not a voltage.

    >>> voltage_factor("uV"), voltage_factor("V"), voltage_factor("nanovolts")
    (1.0, 1000000.0, 0.001)
    """
    return VOLTAGE_TO_UV.get(normalise_unit(unit))


def acceleration_factor(unit: str) -> float | None:
    """Factor turning values in ``unit`` into g, or None if ``unit`` is not an acceleration.

    >>> acceleration_factor("mg"), acceleration_factor("g")
    (0.001, 1.0)
    """
    return ACCELERATION_TO_G.get(normalise_unit(unit))


def voltage_names() -> str:
    """The voltage units in words for messages: ``nV, uV, mV, V``."""
    return ", ".join(VOLTAGE_NAMES)


def to_microvolts(samples: np.ndarray, unit: str) -> np.ndarray:
    """A 1-D copy of ``samples`` in µV as float32 (``unit``: any voltage unit).

    >>> to_microvolts(np.array([0.001, -0.002]), "mV")
    array([ 1., -2.], dtype=float32)
    """
    factor = voltage_factor(unit)
    if factor is None:
        raise PlmscopeInputError(f"unknown EMG unit {unit!r}; use one of: {voltage_names()}")
    x = np.asarray(samples)
    if x.ndim != 1:
        raise PlmscopeInputError(f"EMG must be one channel (1-D array), got shape {x.shape}")
    if not np.issubdtype(x.dtype, np.number) or np.issubdtype(x.dtype, np.complexfloating):
        raise PlmscopeInputError(f"EMG must be real numbers, got dtype {x.dtype}")
    out = x.astype(np.float32, copy=True)
    if factor != 1.0:
        out *= np.float32(factor)
    return out


#: Magnitude of gravity at rest in each acceleration unit plmscope can tell apart by it.
GRAVITY_IN: dict[str, float] = {"g": 1.0, "m/s²": STANDARD_GRAVITY, "mg": 1000.0}
#: How far (ratio) the median magnitude may lie from gravity and still name the unit.
GRAVITY_TOLERANCE = 1.6


def unit_from_gravity(median_magnitude: float) -> str | None:
    """The acceleration unit whose gravity (1 g, 9.81 m/s², 1000 mg) the median magnitude matches.

    A still or slowly moving sensor measures gravity, so the median vector magnitude of a night
    tells the unit; None when it matches none (then the caller must be told the unit).

    >>> unit_from_gravity(1.02), unit_from_gravity(9.7), unit_from_gravity(998.0), unit_from_gravity(0.1)
    ('g', 'm/s²', 'mg', None)
    """
    if not np.isfinite(median_magnitude) or median_magnitude <= 0:
        return None
    for unit, gravity in GRAVITY_IN.items():
        if 1 / GRAVITY_TOLERANCE <= median_magnitude / gravity <= GRAVITY_TOLERANCE:
            return unit
    return None


def to_g(samples: np.ndarray, unit: str) -> np.ndarray:
    """Three-axis acceleration ``samples`` (shape (n, 3)) in g as float32 (a new array unless
    they already are float32 g).

    >>> to_g(np.array([[0.0, 0.0, 9.80665]]), "m/s^2")
    array([[0., 0., 1.]], dtype=float32)
    """
    factor = acceleration_factor(unit)
    if factor is None:
        raise PlmscopeInputError(
            f"unknown acceleration unit {unit!r}; use one of: g, mg, m/s²"
        )
    x = np.asarray(samples)
    if x.ndim != 2 or x.shape[1] != 3:
        raise PlmscopeInputError(f"acceleration must have three axes (shape (n, 3)), got shape {x.shape}")
    if factor == 1.0:
        return np.ascontiguousarray(x, dtype=np.float32)
    return np.multiply(x, np.float32(factor), dtype=np.float32)

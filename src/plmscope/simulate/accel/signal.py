"""Draw one leg's three-axis acceleration (g) from the night's postures and movements.

The sensor sits on the front of the shank above the ankle, strapped at its own angle. In the
leg's frame ``y`` runs down the shank, ``z`` out of the shin, ``x`` to the side; lying on the
back, gravity reads ``+z``. A posture is a roll of the leg about its long axis (and a small
tilt of the shank); a leg movement tilts the shank (knee and hip flex) by ``angle_deg`` and
shakes it by ``jitter_deg`` at 1.5–6 Hz, which also accelerates the sensor (0.4 m from the
knee). Standing up tilts the shank upright and walking adds steps. The sensor adds its own
mounting angle, offset and gain error, white noise of ``noise_mg`` per axis, and quantisation.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from plmscope.units import STANDARD_GRAVITY

LEVER_M = 0.4  # knee to sensor
RAMP_S = 0.15  # how fast a movement's shaking starts and stops


def _smoothstep(u: np.ndarray) -> np.ndarray:
    u = np.clip(u, 0.0, 1.0)
    return u * u * (3.0 - 2.0 * u)


def _rotation(rng: np.random.Generator, tilt_deg: float) -> np.ndarray:
    """The sensor's mounting: any turn about the shank axis, a small tilt about the others."""
    a, b, c = np.radians([rng.uniform(-180, 180), rng.normal(0, tilt_deg), rng.normal(0, tilt_deg)])
    ry = np.array([[np.cos(a), 0, np.sin(a)], [0, 1, 0], [-np.sin(a), 0, np.cos(a)]])
    rx = np.array([[1, 0, 0], [0, np.cos(b), -np.sin(b)], [0, np.sin(b), np.cos(b)]])
    rz = np.array([[np.cos(c), -np.sin(c), 0], [np.sin(c), np.cos(c), 0], [0, 0, 1]])
    return rz @ rx @ ry


def _shake(rng: np.random.Generator, t: np.ndarray, amplitude: float, band=(1.5, 6.0), parts: int = 3) -> np.ndarray:
    """An irregular tremble: a few sinusoids of random frequency and phase."""
    f = rng.uniform(*band, parts)
    w = rng.dirichlet(np.ones(parts)) * amplitude * np.sqrt(parts)
    phase = rng.uniform(0, 2 * np.pi, parts)
    return (w[:, None] * np.sin(2 * np.pi * f[:, None] * t[None, :] + phase[:, None])).sum(axis=0)


def posture_angles(
    rng: np.random.Generator, postures: pd.DataFrame, n: int, sf: float, leg: str, anywhere: bool = False
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(roll, pitch in radians, standing 0–1) at every sample, changing smoothly at posture changes.

    ``anywhere``: each posture points the limb anywhere (a forearm), not along the mattress.
    """
    roll_step = np.zeros(n, np.float64)
    pitch_step = np.zeros(n, np.float64)
    stand = np.zeros(n, np.float64)
    first = float(postures["roll_from"].iloc[0]) if len(postures) else float(rng.choice([0.0, 90.0, -90.0]))
    pitch = rng.normal(3.0, 4.0)
    pitch_step[0] += pitch
    for row in postures.itertuples(index=False):
        lag = row.lag_s if leg == "right" else 0.0
        s, e = int((row.start + lag) * sf), int(min(row.end + lag, n / sf) * sf)
        if e <= s + 1:
            continue
        ramp = np.diff(_smoothstep(np.linspace(0.0, 1.0, e - s + 1)))
        if row.kind == "out_of_bed":
            rise = max(2, int(min(3.0 * sf, e - s)))
            up = np.diff(_smoothstep(np.linspace(0.0, 1.0, rise + 1)))
            pitch_step[s : s + rise] += up * (rng.uniform(80, 90) - pitch)
            stand[s:e] = 1.0
            continue
        delta = ((row.roll_to - row.roll_from + 180.0) % 360.0) - 180.0
        roll_step[s:e] += ramp * delta
        new_pitch = rng.normal(4.0, 7.0) if abs(row.roll_to) > 45 else rng.normal(2.0, 4.0)
        if anywhere:
            new_pitch = float(np.degrees(np.arcsin(rng.uniform(-0.95, 0.95))))
        pitch_step[s:e] += ramp * (new_pitch - pitch)
        pitch = new_pitch
    roll = np.radians(first + np.cumsum(roll_step))
    return roll, np.radians(np.cumsum(pitch_step)), stand


def gravity_of(roll: np.ndarray, pitch: np.ndarray) -> np.ndarray:
    """Gravity (as the sensor reads it, +1 g upwards) in the leg's frame, shape (n, 3)."""
    cp = np.cos(pitch)
    return np.column_stack([np.sin(roll) * cp, np.sin(pitch), np.cos(roll) * cp])


def add_movement(
    rng: np.random.Generator, g: np.ndarray, lin: np.ndarray, sf: float,
    onset: float, offset: float, angle_deg: float, jitter_deg: float,
) -> None:
    """Tilt and shake the shank for one leg movement (in place): gravity turns, the sensor accelerates."""
    n = len(g)
    s, e = int(onset * sf), min(int(np.ceil(offset * sf)), n)
    if e - s < 2:
        return
    t = np.arange(e - s) / sf
    dur = (e - s) / sf
    rise = min(0.45, dur / 3)
    bump = _smoothstep(t / rise) * _smoothstep((dur - t) / rise)
    hold = 1.0 - 0.25 * _smoothstep((t - rise) / max(dur - 2 * rise, 1e-3))
    edge = _smoothstep(t / RAMP_S) * _smoothstep((dur - t) / RAMP_S)
    tilt = np.radians(angle_deg) * bump * hold + np.radians(jitter_deg) * edge * _shake(rng, t, 1.0)
    twist = np.radians(0.3 * angle_deg) * bump * rng.choice([-1, 1]) + np.radians(0.5 * jitter_deg) * edge * _shake(rng, t, 1.0)
    y, z = g[s:e, 1].copy(), g[s:e, 2].copy()
    g[s:e, 1] = y * np.cos(tilt) - z * np.sin(tilt)
    g[s:e, 2] = y * np.sin(tilt) + z * np.cos(tilt)
    x, z = g[s:e, 0].copy(), g[s:e, 2].copy()
    g[s:e, 0] = x * np.cos(twist) + z * np.sin(twist)
    g[s:e, 2] = -x * np.sin(twist) + z * np.cos(twist)
    scale = LEVER_M / STANDARD_GRAVITY * sf * sf
    lin[s:e, 2] += np.gradient(np.gradient(tilt)) * scale
    lin[s:e, 0] += np.gradient(np.gradient(twist)) * scale


def add_body_movement(rng: np.random.Generator, lin: np.ndarray, sf: float, start: float, end: float, size_g: float) -> None:
    """The jolts of turning over in bed (in place): irregular acceleration on every axis."""
    s, e = int(start * sf), min(int(end * sf), len(lin))
    if e - s < 2:
        return
    t = np.arange(e - s) / sf
    dur = (e - s) / sf
    edge = _smoothstep(t / 0.4) * _smoothstep((dur - t) / 0.4)
    for axis in range(3):
        lin[s:e, axis] += size_g * edge * _shake(rng, t, 1.0, band=(0.8, 5.0), parts=4)


def add_walking(rng: np.random.Generator, lin: np.ndarray, sf: float, stand: np.ndarray) -> None:
    """Steps while up and about: about one stride a second, large along the shank (in place)."""
    idx = np.flatnonzero(stand > 0)
    if idx.size == 0:
        return
    t = idx / sf
    f = rng.uniform(0.85, 1.0)
    phase = rng.uniform(0, 2 * np.pi)
    wave = np.sin(2 * np.pi * f * t + phase) + 0.5 * np.sin(4 * np.pi * f * t + 2 * phase) + 0.3 * np.sin(6 * np.pi * f * t)
    size = rng.uniform(0.5, 1.1)
    lin[idx, 1] += size * wave
    lin[idx, 2] += 0.5 * size * np.roll(wave, int(0.1 * sf))


def leg_signal(
    rng: np.random.Generator,
    *,
    n: int,
    sf: float,
    leg: str,
    movements: pd.DataFrame,
    postures: pd.DataFrame,
    noise_mg: float,
    resolution_mg: float = 3.9,
    placement: str = "ankle",
) -> np.ndarray:
    """The three axes (float32 g, shape (n, 3)) of one sensor through the night."""
    if placement == "table":
        g = np.tile(np.array([0.0, 0.0, 1.0]), (n, 1))
        lin = np.zeros((n, 3))
    else:
        roll, pitch, stand = posture_angles(rng, postures, n, sf, leg, anywhere=placement == "wrist")
        g = gravity_of(roll, pitch)
        lin = np.zeros((n, 3))
        for row in movements.itertuples(index=False):
            add_movement(rng, g, lin, sf, row.onset, row.offset, row.angle_deg, row.jitter_deg)
        for row in postures.itertuples(index=False):
            if row.kind != "out_of_bed":
                lag = row.lag_s if leg == "right" else 0.0
                size = rng.uniform(0.08, 0.3) if row.kind == "turnover" else rng.uniform(0.04, 0.15)
                add_body_movement(rng, lin, sf, row.start + lag, row.end + lag, size)
        add_walking(rng, lin, sf, stand)
    mount = _rotation(rng, 2.0 if placement == "table" else 12.0)
    if placement == "table":
        mount = np.eye(3)
    xyz = (g + lin) @ mount.T
    gain = 1.0 + rng.normal(0.0, 0.015, 3)
    offset = rng.normal(0.0, 0.02, 3)
    xyz = xyz * gain + offset
    xyz += rng.normal(0.0, noise_mg / 1000.0, (n, 3))
    step = resolution_mg / 1000.0
    if step > 0:
        xyz = np.round(xyz / step) * step
    return xyz.astype(np.float32)

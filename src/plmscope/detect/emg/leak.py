"""Heartbeats leaking into the leg EMG, taken off as a waveform before the EMG is rectified.

The QRS complex reaches the tibialis electrodes by volume conduction: at every beat much the
same waveform adds to the EMG. Once rectified it no longer adds (``|emg + beat|`` is not
``|emg| + |beat|``), so it can only be left out or roughly subtracted, and a burst under a beat
loses part of its amplitude either way. Before rectification it adds exactly. With an ECG
channel the beats are timed on the ECG to a small fraction of a sample (each beat aligned to
the ECG's own median beat), the leg's median beat is measured around those times, band-passed
like the EMG and made at :data:`PHASES` sub-sample shifts, and subtracted at every beat while
the EMG is filtered. What the subtraction leaves (a beat that changes its shape or size) is
then left out of the envelope as before (``envelope_without_heartbeats``).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.fft as nfft

#: Sub-sample shifts the leg's beat is made at (a beat is off by at most 1/32 of a sample).
PHASES = 16
#: The span of a beat's waveform around its R peak (s): the QRS and what filtering spreads of it
#: (the P and T waves lie mostly below the 10 Hz edge), its outer TAPER_S eased to zero.
BEFORE_S, AFTER_S, TAPER_S = 0.15, 0.25, 0.05
#: Beats the median beat is measured on (evenly spread over the night).
SAMPLE_BEATS = 600


@dataclass(frozen=True)
class LeakWaveform:
    """The leg's band-passed heartbeat and where to take it off.

    ``starts[i]`` is the first sample of beat ``i``'s span, ``phases[i]`` which of the
    ``waves`` (the beat at ``PHASES`` sub-sample shifts, µV) it takes; ``rise_uv`` is what the
    beat adds to the rectified EMG at rest (its largest block mean), as the notes report it.
    """

    starts: np.ndarray
    phases: np.ndarray
    waves: np.ndarray
    rise_uv: float

    def remove(self, y: np.ndarray, first: int) -> None:
        """Subtract every beat overlapping ``y`` (samples ``first`` to ``first + len(y)``), in place.

        Beats are at least 0.3 s apart (200/min) and a span is shorter than two of those, so
        every other beat never overlaps: each half is subtracted with one indexed operation.

        >>> waves = np.tile(np.array([0.0, 5.0, -2.0]), (PHASES, 1))
        >>> leak = LeakWaveform(np.array([1, 6]), np.array([0, 0]), waves, 5.0)
        >>> y = np.array([0.0, 0.0, 5.0, -2.0, 0.0, 0.0, 0.0, 5.0, -1.0])
        >>> leak.remove(y, 0)
        >>> y.tolist()
        [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0]
        """
        span = self.waves.shape[1]
        lo = np.searchsorted(self.starts, first - span + 1)
        hi = np.searchsorted(self.starts, first + len(y))
        for parity in (0, 1):  # a loop over the two halves of the beats, not over beats
            starts = self.starts[lo + parity : hi : 2] - first
            if len(starts) == 0:
                continue
            values = self.waves[self.phases[lo + parity : hi : 2]]
            index = starts[:, None] + np.arange(span)
            if starts[0] < 0 or starts[-1] + span > len(y):  # a beat across the chunk's edge
                inside = (index >= 0) & (index < len(y))
                index, values = index[inside], values[inside]
            y[index] -= values


def shifted(wave: np.ndarray, shift: float) -> np.ndarray:
    """``wave`` delayed by ``shift`` samples (a fraction), by a phase ramp on its zero-padded spectrum."""
    n = 2 * len(wave)
    freqs = nfft.rfftfreq(n)
    return nfft.irfft(nfft.rfft(wave, n) * np.exp(-2j * np.pi * freqs * shift), n)[: len(wave)]


def leak_waveform(
    x: np.ndarray, sf: float, beat_times: np.ndarray, response: np.ndarray, half: int, min_rise_uv: float
) -> LeakWaveform | None:
    """The leg's heartbeat as :class:`LeakWaveform`, or None when the beats leave no trace on
    the leg (the median beat's rise in the rectified EMG under ``min_rise_uv``).

    ``beat_times`` (s) are the ECG's refined R peaks; ``response`` and ``half`` the EMG filter
    (its real spectrum on an FFT grid, and the FIR's half-length), so the waveform is
    band-passed and notched exactly like the EMG it is taken from.
    """
    n_fft = 2 * (len(response) - 1)
    before, after = int(round(BEFORE_S * sf)), int(round(AFTER_S * sf))
    span = before + after + 1
    if span + 2 * (half + 1) > n_fft or len(beat_times) < 10:
        return None
    position = np.asarray(beat_times, dtype=np.float64) * sf
    base = np.floor(position).astype(np.int64)
    phases = np.round((position - base) * PHASES).astype(np.int64)
    base += phases // PHASES  # a fraction that rounds to a whole sample moves to the next one
    phases %= PHASES
    starts = base - before
    reach = half + 1  # raw samples the filter needs on either side of a span
    usable = np.flatnonzero((starts - reach >= 0) & (starts + span + reach <= len(x)))
    if len(usable) < 10:
        return None
    # the median beat is measured on the beats of the commonest sub-sample phase (on a real
    # recording a sixteenth of them; all of them when the beats fall on the sampling grid), so
    # each window is already aligned to within 1/32 of a sample
    common = int(np.argmax(np.bincount(phases[usable], minlength=PHASES)))
    usable = usable[phases[usable] == common]
    if len(usable) < 10:
        return None
    chosen = usable[np.linspace(0, len(usable) - 1, min(SAMPLE_BEATS, len(usable))).astype(np.int64)]
    windows = np.asarray(x[(starts[chosen] - reach)[:, None] + np.arange(span + 2 * reach)], dtype=np.float64)
    finite = np.isfinite(windows).all(axis=1)
    if finite.sum() < 10:
        return None
    aligned = windows[finite]
    aligned -= aligned.mean(axis=1, keepdims=True)
    raw = np.median(aligned, axis=0)
    padded = np.zeros(n_fft)
    padded[: len(raw)] = raw
    filtered = nfft.irfft(nfft.rfft(padded) * response, n_fft)[reach : reach + span]
    ease = max(1, int(round(TAPER_S * sf)))
    taper = np.ones(span)
    taper[:ease] = taper[-ease:][::-1] = 0.5 - 0.5 * np.cos(np.pi * (np.arange(ease) + 0.5) / ease)
    filtered *= taper
    waves = np.stack([shifted(filtered, (k - common) / PHASES) for k in range(PHASES)]).astype(np.float32)
    q = max(1, int(round(sf / 100.0)))
    rise = float(np.max(np.abs(filtered[: span // q * q]).reshape(-1, q).mean(axis=1)))
    if rise < min_rise_uv:
        return None
    return LeakWaveform(starts, phases, waves, rise)

"""Signal-processing constants of the detector that are not scoring rules.

The scoring numbers (8 µV onset, 2 µV offset held 0.5 s, 0.5 s minimum, morphology check,
15 µV unscorable rise) live in :class:`plmscope.rules.RuleSet`. What is here only shapes the
signal before those rules are applied: filter band, envelope, how the resting level is tracked
and how heartbeats are found. Defaults follow the usual practice (SCORING_RULES.md §1) and the
authors' own software (MATPLM: 0.5 s look-back maximum, 60 s minimum).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class DetectorSettings:
    """Filter, envelope, resting-level and ECG constants of the leg-movement detector."""

    # band-pass (zero-phase FIR applied by overlap-save FFT)
    band_hz: tuple[float, float] = (10.0, 100.0)  # usual tibialis EMG band
    band_order: int = 4  # Butterworth band-pass (scipy's butter), as if applied forward and backward
    max_high_fraction: float = 0.45  # upper edge at most this fraction of the sampling rate
    fir_length_s: float = 2.0  # FIR length: sets how narrow the mains notch can be
    min_sf: float = 50.0  # below this no usable EMG band is left

    # mains hum
    mains_candidates_hz: tuple[float, ...] = (50.0, 60.0)
    mains_min_ratio: float = 10.0  # hum peak must exceed its neighbourhood 10× (10 dB)
    notch_half_width_hz: float = 1.0  # removed on each side of the hum and its harmonics

    # envelope of the rectified EMG
    envelope_rate_hz: float = 100.0  # envelope kept at about this rate (sets time resolution)
    envelope_smooth_s: float = 0.1  # moving mean of the rectified EMG (shorter than 0.5 s gaps)
    # A movement is found on that envelope, but its onset is placed on a sharper one (as a
    # scorer marks it on the raw trace): a 0.1 s mean flattens the first peaks of a burst that
    # waxes and wanes or builds up slowly, putting onsets late and cutting 0.5 s LMs short.
    onset_smooth_s: float = 0.01  # one envelope sample: no smoothing beyond the blocks
    onset_dip_s: float = 0.1  # ... looked for back to the last 0.1 s within 2 µV (not past it)
    # ... and its offset on a smoother one (a further moving mean): whether the EMG stays within
    # 2 µV of rest is read with less noise, so a fading burst is not ended early by chance
    offset_smooth_s: float = 0.1

    # resting level (MATPLM-like, made two-sided so a step in the baseline is followed)
    rest_block_s: float = 0.5  # the resting level is the top of the noise in 0.5 s blocks ...
    rest_window_s: float = 60.0  # ... at its lowest over 60 s (longer activity becomes baseline)
    rest_percentile: float = 25.0  # ... but never below the lower quartile of those tops (noisy rest)
    quiet_percentile: float = 5.0  # the night's quiet level: this percentile of the resting level
    flat_uv: float = 0.05  # resting level below this: the channel is flat (disconnected)

    # heartbeats leaking into the leg
    ecg_band_hz: tuple[float, float] = (8.0, 30.0)  # QRS band of the ECG channel
    r_peak_fraction: float = 0.4  # an R peak reaches 40% of the typical beat nearby (5 min)
    beat_min_rr_s: float = 0.3  # 200 beats/min at most
    beat_max_rr_s: float = 2.0  # 30 beats/min at least
    beat_profile_s: float = 0.4  # half-width of the median rectified EMG looked at around a beat
    leak_min_uv: float = 0.5  # a heartbeat raising the rectified leg EMG by less is ignored
    spike_width_s: float = 0.3  # leg spikes narrower than this may be heartbeats (no ECG)
    spike_mad: float = 8.0  # ... if they stand this many median deviations above the rest
    beat_steady: float = 0.2  # successive beat intervals differ by at most 20% in a rhythm
    leak_block_s: float = 300.0  # heartbeat regularity is judged per 5 min block
    leak_regular_fraction: float = 0.5  # share of regular beat intervals that confirms a leak

    def to_dict(self) -> dict:
        return asdict(self)


DEFAULT_SETTINGS = DetectorSettings()

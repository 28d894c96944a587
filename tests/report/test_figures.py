"""Figure helpers: EMG envelope, clock ticks, LM categories, zoom windows, SVG output."""

from __future__ import annotations

import base64
import datetime as dt

import numpy as np
import pandas as pd

from plmscope.night import Signal
from plmscope.report.figures.emg import DisplayFilter, filtered_window, minmax_envelope
from plmscope.report.figures.glance import glance_figure
from plmscope.report.figures.spans import runs, unscorable_spans
from plmscope.report.figures.style import format_time, lm_category, time_ticks
from plmscope.report.figures.zoom import choose_windows


def svg_text(uri: str) -> str:
    return base64.b64decode(uri.split(",", 1)[1]).decode("utf-8")


def test_minmax_envelope_matches_a_plain_loop():
    rng = np.random.default_rng(3)
    signal = Signal("L", rng.normal(size=256 * 60).astype(np.float32), 256.0)
    times, lo, hi = minmax_envelope(signal, 10.0, 40.0, columns=100)
    filtered, i0 = filtered_window(signal, 10.0, 40.0)
    per = (30 * 256) // 100
    assert i0 == 2560 and len(filtered) == 30 * 256 and len(times) == 30 * 256 // per
    for k in (0, 17, len(times) - 1):
        block = filtered[k * per : (k + 1) * per]
        assert lo[k] == block.min() and hi[k] == block.max()
    assert 10.0 < times[0] < times[-1] < 40.0


def test_envelope_of_a_window_past_the_end_is_clipped():
    signal = Signal("L", np.zeros(256 * 10, np.float32), 256.0)
    times, lo, _ = minmax_envelope(signal, 5.0, 20.0, columns=50)
    assert times[-1] <= 10.0 and len(lo) == len(times)


def test_display_filter_removes_offset_drift_and_hum_but_keeps_bursts():
    t = np.arange(256 * 60) / 256.0
    data = 500.0 + 80.0 * np.sin(2 * np.pi * 0.2 * t)  # DC offset and slow drift
    data += 20.0 * np.sin(2 * np.pi * 50.0 * t)  # mains hum
    data[256 * 30 : 256 * 32] += 50.0 * np.sin(2 * np.pi * 40.0 * t[:512])  # 2 s burst at 40 Hz
    signal = Signal("L", data.astype(np.float32), 256.0)
    view = DisplayFilter.from_settings({"band_hz": (10.0, 100.0), "notch_hz": (50.0, 100.0)})
    filtered, _ = filtered_window(signal, 10.0, 50.0, view)
    quiet, burst = filtered[: 256 * 15], filtered[256 * 20 + 64 : 256 * 22 - 64]
    assert np.abs(quiet).max() < 2.0 and np.abs(burst).max() > 40.0
    hum_left, _ = filtered_window(signal, 10.0, 50.0, DisplayFilter())  # no notch: hum stays
    assert np.abs(hum_left[: 256 * 15]).max() > 15.0
    assert view.describe(256.0) == "10–100 Hz, notch 50/100 Hz"
    assert DisplayFilter().describe(100.0) == "10–45 Hz"  # kept below Nyquist


def test_clock_ticks_fall_on_round_clock_times():
    start = dt.datetime(2026, 1, 1, 22, 47, 30)
    positions, labels = time_ticks(0.0, 8 * 3600.0, start)
    assert labels[:3] == ["23:00", "00:00", "01:00"]
    assert positions[0] == 750.0  # 22:47:30 + 12.5 min
    assert (
        format_time(90.0, None) == "0:01" and format_time(95.0, start, seconds=True) == "22:49:05"
    )


def test_categories_follow_priority():
    movements = pd.DataFrame(
        {
            "respiratory": [True, False, False, False, False],
            "periodic": [True, True, False, False, False],
            "short_interval": [False, False, True, False, False],
            "isolated": [False, False, False, True, False],
        }
    )
    assert list(lm_category(movements)) == [
        "respiratory",
        "periodic",
        "short_interval",
        "isolated",
        "other",
    ]


def test_runs_and_unscorable_spans():
    starts, ends = runs(np.array([0, 1, 1, 0, 1], bool))
    assert starts.tolist() == [1, 4] and ends.tolist() == [3, 5]
    table = pd.DataFrame({"leg": ["left", "any"], "start": [1.0, 5.0], "end": [2.0, 6.0]})
    assert unscorable_spans(table, "right") == [(5.0, 6.0)]
    assert unscorable_spans(table, "left") == [(1.0, 2.0), (5.0, 6.0)]


def test_zoom_windows_of_the_hand_made_night(night, result):
    windows = {w.key: w for w in choose_windows(result)}
    assert set(windows) == {"series", "respiratory", "sleep_onset"}
    series = windows["series"]
    assert series.start == 290.0 and 120.0 <= series.end - series.start <= 300.0
    respiratory = windows["respiratory"]
    assert respiratory.start < 896.0 < respiratory.end  # the LM right after the apnea
    assert windows["sleep_onset"].start == 60.0  # one minute before sleep onset at 120 s


def test_glance_figure_has_units_legend_and_clock_time(night, result):
    svg = svg_text(glance_figure(result, result.unscorable))
    assert "Clock time (hh:mm)" in svg and "Sleep stage" in svg
    assert "periodic LM (PLM)" in svg and "PLM series" in svg  # legend
    assert "Left leg (8)" in svg and "Breathing events (1)" in svg

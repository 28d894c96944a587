"""Reading speed: two leg channels (+ ECG, EEG, annotations) of an 8 h, 20-channel, 256 Hz night.

Times ``plmscope.io.read_night`` (best of 5; the legs and the ECG, decoded in one chunked pass
over the file) on an EDF+, against edfio's lazy reader decoding the same channels (the path
read_night took before) and MNE's ``read_raw_edf`` with ``include=`` the leg channels and without
it (all channels), both with ``preload=True``. Then the same night as BDF+ (24-bit) against
``edfio.read_bdf``, which loads every channel. Test files are built once and cached under
benchmarks/out/ (gitignored). MNE comes from .venv-bench (make bench); without it MNE is skipped
with a note.

    python benchmarks/bench_read.py [--hours 8] [--fs 256]
"""

from __future__ import annotations

import argparse
import os
import warnings
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")

import edfio  # noqa: E402
import numpy as np  # noqa: E402

from plmscope.io import read_night  # noqa: E402
from plmscope.io.edf_file import open_record_file, read_channels  # noqa: E402
from timing import best_of  # noqa: E402  (benchmarks/timing.py)

OUT = Path(__file__).parent / "out"
LABELS = (
    "C3-M2", "C4-M1", "F3-M2", "F4-M1", "O1-M2", "O2-M1", "E1-M2", "E2-M2", "Chin1-Chin2", "ECG",
    "Leg L", "Leg R", "Airflow", "Nasal Pressure", "Thor", "Abdo", "SpO2", "Pulse", "Position",
    "Snore",
)  # fmt: skip
LEGS = ["Leg L", "Leg R"]
STAGES = ["Sleep stage W", "Sleep stage N1", "Sleep stage N2", "Sleep stage N3", "Sleep stage R"]




def night_file(hours: float, fs: float, bdf: bool = False) -> Path:
    """An EDF+ (or BDF+) with 20 realistic labels, stages every 30 s and some events; built once."""
    path = OUT / f"read-{hours:g}h-{len(LABELS)}ch-{fs:g}Hz.{'bdf' if bdf else 'edf'}"
    if path.exists():
        return path
    OUT.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(1)
    n = int(hours * 3600 * fs)
    kind, dtype = (edfio.BdfSignal, np.int32) if bdf else (edfio.EdfSignal, np.int16)
    signals = [
        kind.from_digital(
            rng.integers(-2000, 2000, n).astype(dtype),
            fs,
            label=label,
            physical_dimension="uV",
            physical_range=(-3276.8, 3276.7),
            digital_range=(-32768, 32767),
        )
        for label in LABELS
    ]
    seconds = hours * 3600
    notes = [edfio.EdfAnnotation(i * 30.0, 30.0, s) for i, s in
             enumerate(rng.choice(STAGES, int(seconds // 30)))]  # fmt: skip
    notes += [edfio.EdfAnnotation(float(t), 15.0, "Obstructive Apnea")
              for t in rng.uniform(0, seconds, 200)]  # fmt: skip
    notes += [edfio.EdfAnnotation(float(t), 5.0, "Arousal") for t in rng.uniform(0, seconds, 300)]
    part = path.with_suffix(".part")
    (edfio.Bdf if bdf else edfio.Edf)(signals, annotations=notes).write(part)
    part.replace(path)
    return path


def mne_seconds(path: Path) -> tuple[float, float] | None:
    """MNE read with include= the legs, and of all channels (None when MNE is not installed)."""
    try:
        import mne
    except ImportError:
        return None
    mne.set_log_level("ERROR")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        legs, _ = best_of(3, lambda: mne.io.read_raw_edf(path, preload=True, include=LEGS))
        everything, _ = best_of(1, lambda: mne.io.read_raw_edf(path, preload=True))
    return legs, everything


def edfio_seconds(path: Path, labels: list[str]) -> float:
    """edfio's lazy reader decoding ``labels`` into float32 physical values (the earlier path)."""

    def run() -> list[np.ndarray]:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            edf = edfio.read_edf(path, lazy_load_data=True)
        return [edf.get_signal(lab).data.astype(np.float32) for lab in labels]

    return best_of(3, run)[0]


def row(name: str, seconds: float, ours: float) -> str:
    return f"{name:44s} {seconds:8.3f} {seconds / ours:11.1f}x"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hours", type=float, default=8.0)
    parser.add_argument("--fs", type=float, default=256.0)
    args = parser.parse_args()

    edf = night_file(args.hours, args.fs)
    read_night(edf)  # warm the page cache once so every reader sees the same disk state
    ours, night = best_of(5, lambda: read_night(edf))
    print(f"{edf.name}: {edf.stat().st_size / 1e6:.0f} MB; plmscope reads legs {sorted(night.legs)}"
          f" + ECG ({night.ecg.label}), {len(night.events)} events,"
          f" {len(night.hypnogram.stages)} epochs")  # fmt: skip
    print(f"{'reader':44s} {'seconds':>8s} {'vs plmscope':>12s}")
    print(row("plmscope.io.read_night (one chunked pass)", ours, ours))
    taken = [*(night.legs[side].label for side in sorted(night.legs)), night.ecg.label]
    rf = open_record_file(edf)
    samples, _ = best_of(5, lambda: read_channels(rf, dict.fromkeys(taken, 1.0), annotations=True))
    print(row("  of which the samples (+ annotation bytes)", samples, ours))
    print(row("edfio lazy, the same channels to float32", edfio_seconds(edf, taken), ours))
    mne = mne_seconds(edf)
    if mne is None:
        print("note: mne is not installed here (it is in .venv-bench: make bench); MNE not timed")
    else:
        print(row("mne read_raw_edf(preload, include=legs)", mne[0], ours))
        print(row("mne read_raw_edf(preload), all channels", mne[1], ours))

    bdf = night_file(args.hours, args.fs, bdf=True)
    read_night(bdf)
    ours_bdf, _ = best_of(3, lambda: read_night(bdf))
    edfio_bdf, _ = best_of(1, lambda: edfio.read_bdf(bdf))
    print(f"{bdf.name}: {bdf.stat().st_size / 1e6:.0f} MB")
    print(row("plmscope.io.read_night (BDF, one chunked pass)", ours_bdf, ours_bdf))
    print(row("edfio.read_bdf (loads every channel)", edfio_bdf, ours_bdf))


if __name__ == "__main__":
    main()

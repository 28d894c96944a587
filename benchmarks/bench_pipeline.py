"""Whole-night speed: read + detect + score an 8 h, 2-leg, 256 Hz night on one core.

Target (DESIGN.md): well under a second. Prints each stage (best of 3) and, when the peer is
installed (make bench puts it in .venv-bench), the ratio to psgscoring's LM detector alone on
the same two legs, measured in the same run.

    python benchmarks/bench_pipeline.py [--hours 8] [--fs 256]
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

from plmscope.detect import detect_night  # noqa: E402
from plmscope.io import read_night  # noqa: E402
from plmscope.rules import WASM2016  # noqa: E402
from plmscope.scoring import score_night  # noqa: E402
from plmscope.simulate import simulate_night, write_simulation  # noqa: E402
from timing import best_of  # noqa: E402  (benchmarks/timing.py)

OUT = Path(__file__).parent / "out"




def night_file(hours: float, fs: float) -> Path:
    path = OUT / f"pipeline-demo-{hours:g}h-{fs:g}Hz.edf"
    if not path.exists():
        OUT.mkdir(parents=True, exist_ok=True)
        write_simulation(simulate_night("demo", seed=7, hours=hours, fs=fs, mains_hz=50.0), path)
    return path


def psgscoring_seconds(night) -> float | None:
    """psgscoring's LM detector on both legs (None when the peer is not installed)."""
    try:
        from psgscoring.plm import _detect_lm_channel  # type: ignore[import-not-found]
    except ImportError:
        return None
    import inspect

    params = inspect.signature(_detect_lm_channel).parameters

    def run():
        for sig in night.legs.values():
            kwargs = {}
            if "sf" in params:
                kwargs["sf"] = sig.sf
            elif "fs" in params:
                kwargs["fs"] = sig.sf
            _detect_lm_channel(sig.data.astype("float64"), **kwargs)

    return best_of(3, run)[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hours", type=float, default=8.0)
    parser.add_argument("--fs", type=float, default=256.0)
    args = parser.parse_args()
    path = night_file(args.hours, args.fs)

    t_read, night = best_of(3, lambda: read_night(path))
    t_detect, detection = best_of(3, lambda: detect_night(night, WASM2016))
    t_score, result = best_of(
        3, lambda: score_night(night.context, detection.monolateral, rules=WASM2016, unscorable=detection.unscorable)
    )
    total = t_read + t_detect + t_score
    print(f"night: {path.name} ({night.duration / 3600:.1f} h, legs {sorted(night.legs)}, "
          f"{len(detection.monolateral)} mLMs, PLMS index {result.indices['plms_index']:.1f}/h)")
    print(f"{'stage':<10}{'seconds':>10}")
    for name, t in (("read", t_read), ("detect", t_detect), ("score", t_score), ("total", total)):
        print(f"{name:<10}{t:>10.3f}")
    peer = psgscoring_seconds(night)
    if peer is None:
        print("psgscoring not installed: run via `make bench` for the peer baseline")
    else:
        print(f"psgscoring LM detector, both legs: {peer:.3f} s -> plmscope whole pipeline is "
              f"{peer / total:.1f}x faster than the peer's detector alone")


if __name__ == "__main__":
    main()

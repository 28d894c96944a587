"""psgscoring's whole job on one night, as a user of that package would run it (a peer, not a dependency).

mne reads the two leg channels of the EDF (``include=``, preloaded, in volts -> µV), then
``psgscoring.plm.analyze_plm`` detects and scores the leg movements with a flat N2 hypnogram
(the stages do not change the work it does). Prints the PLM index it finds.

    python benchmarks/peer_psgscoring.py NIGHT.edf [LEFT_LABEL RIGHT_LABEL]
"""

from __future__ import annotations

import sys

import mne
from psgscoring.plm import analyze_plm


def main() -> None:
    path = sys.argv[1]
    left, right = (sys.argv[2], sys.argv[3]) if len(sys.argv) > 3 else ("Leg L", "Leg R")
    raw = mne.io.read_raw_edf(path, include=[left, right], preload=True, verbose="error")
    sf = raw.info["sfreq"]
    data = raw.get_data(picks=[left, right]) * 1e6
    n_epochs = int(data.shape[1] / sf // 30)
    result = analyze_plm(data[0], data[1], sf, ["N2"] * n_epochs, leg_unit="uV")
    summary = result.get("summary") or {}
    print(summary.get("plm_index", result.get("error")))


if __name__ == "__main__":
    main()

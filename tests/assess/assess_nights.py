"""Build small night-result dicts (the ``plmscope score --json`` shape) for the assessment tests."""

from __future__ import annotations

# Every key question answered "no": nothing of note, and enough answered to say so.
NOTHING = {
    "jerks_falling_asleep": False,
    "kicks_in_sleep": False,
    "rls_urge": False,
    "sleep_complaint": False,
    "tiredness": False,
    "snoring": False,
    "observed_apneas": False,
}


def make_night(
    kind: str = "psg",
    pattern: str = "periodic",
    plms_index: float = 0.0,
    clms_index: float | None = None,
    respiratory_clms_index: float = 0.0,
    sleep_onset: float | None = 900.0,
    tst_h: float = 7.0,
    plms_nr_index: float | None = -1.0,
    plms_arousal_index: float | None = None,
    nights: int | None = None,
    apneas: int = 0,
    hypopneas: int = 0,
) -> dict:
    """Periodic LMs in N2 (``periodic``), or a few non-periodic LMs in N1 at sleep onset (``onset``).

    ``plms_nr_index`` defaults to the PLMS index (-1 means "same"); ``None`` values are JSON
    nulls (undefined); ``nights`` adds ``recording.nights`` (a multi-night summary); ``apneas``
    and ``hypopneas`` add scored breathing events to ``events``.
    """
    if pattern == "periodic":
        movements = [
            {
                "onset": 3600.0 + 30.0 * i,
                "offset": 3601.5 + 30.0 * i,
                "leg": "left",
                "stage": "N2",
                "candidate": True,
                "imi": None if i == 0 else 30.0,
                "periodic": True,
                "series": 1,
                "respiratory": False,
                "arousal": False,
            }
            for i in range(40)
        ]
    else:
        start = sleep_onset if sleep_onset is not None else 900.0
        movements = [
            {
                "onset": start + 60.0 + 97.0 * i,
                "offset": start + 61.0 + 97.0 * i,
                "leg": "right",
                "stage": "N1",
                "candidate": True,
                "imi": None if i == 0 else 97.0,
                "periodic": False,
                "series": None,
                "respiratory": False,
                "arousal": False,
            }
            for i in range(5)
        ]
    return {
        "indices": {
            "plms_index": plms_index,
            "plmw_index": 0.0,
            "lms_index": len(movements) / tst_h,
            "clms_index": clms_index if clms_index is not None else plms_index,
            "respiratory_clms_index": respiratory_clms_index,
            "plms_nr_index": plms_index if plms_nr_index == -1.0 else plms_nr_index,
            "plms_arousal_index": plms_arousal_index,
        },
        "events": [
            {"onset": 1000.0 + 60.0 * i, "duration": 15.0, "event": kind, "leg": None}
            for i, kind in enumerate(["apnea"] * apneas + ["hypopnea"] * hypopneas)
        ],
        "movements": movements,
        "sleep": {
            "tst_h": tst_h,
            "wake_h": 0.5,
            "sleep_onset": sleep_onset,
            "lights_off": 0.0,
            "lights_on": tst_h * 3600 + 1800,
            "staging": "none" if kind == "accelerometer" else "scored",
            "hypnogram_source": "estimate" if kind == "accelerometer" else "file",
        },
        "recording": {"kind": kind, **({"nights": nights} if nights is not None else {})},
        "warnings": [],
    }

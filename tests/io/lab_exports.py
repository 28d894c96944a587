"""Small lab exports written the way the vendors write them (a few KB each, no patient data).

One night in every format: 22:58:00 start, 40 epochs (20 min): W W then N2, epochs 20-23 REM,
the last two unscored; five left LMs 20 s apart from 23:05:00 (one series), a right LM joining
the second one, an apnea, an arousal, a desaturation, lights off and on, a snore (not scored).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

START = dt.datetime(2021, 3, 4, 22, 58, 0)
STAGES = ["W", "W", *["N2"] * 18, *["R"] * 4, *["N2"] * 14, "?", "?"]
LEFT_LMS = [(420.0 + 20 * k, 1.5) for k in range(5)]  # 23:05:00 ... 23:06:20
RIGHT_LMS = [(440.3, 1.0)]  # overlaps the second left LM: one bilateral LM
APNEA = (600.0, 15.0)
AROUSAL = (612.0, 4.0)
DESAT = (620.0, 20.0)
LIGHTS = (30.0, 1140.0)
REMLOGIC_STAGE = {"W": "SLEEP-S0", "N2": "SLEEP-S2", "R": "SLEEP-REM", "?": "SLEEP-UNSCORED"}


def clock(seconds: float, iso: bool = False) -> str:
    t = START + dt.timedelta(seconds=seconds)
    return t.strftime("%Y-%m-%dT%H:%M:%S.%f") if iso else t.strftime("%H:%M:%S.%f")[:-3]


def remlogic_rows(left: str = "LAntib1-LAntib2", right: str = "RAntib1-RAntib2") -> list[tuple]:
    rows = [(30.0 * i, REMLOGIC_STAGE[s], 30.0, "") for i, s in enumerate(STAGES)]
    rows += [(t, "PLM-LM", d, left) for t, d in LEFT_LMS]
    rows += [(t, "LM", d, right) for t, d in RIGHT_LMS]
    rows += [
        (APNEA[0], "APNEA-OBSTRUCTIVE", APNEA[1], "Flow"),
        (AROUSAL[0], "AROUSAL-RESP", AROUSAL[1], "C3-A2"),
        (DESAT[0], "DESAT", DESAT[1], "SpO2"),
        (LIGHTS[0], "LIGHTS-OFF", 0.0, ""),
        (LIGHTS[1], "LIGHTS-ON", 0.0, ""),
        (700.0, "SNORE", 3.0, "Snore"),
    ]
    return sorted(rows)


def write_remlogic(path: Path, rows: list[tuple] | None = None, iso: bool = False) -> Path:
    """A RemLogic "Event Export" with identity lines, an Events Included list and CRLF ends."""
    rows = remlogic_rows() if rows is None else rows
    head = [
        "RemLogic Event Export",
        "Patient:\tDoe, Jane",
        "Patient ID:\tPID-0042",
        "Recording Date:\t04/03/2021",
        "",
        "Events Included:",
        *sorted({r[1] for r in rows}),
        "",
        "Time [hh:mm:ss.xxx]\tEvent\tDuration[s]\tSleep Stage\tLocation" if not iso
        else "Time [hh:mm:ss.xxx]\tEvent\tDuration[s]\tLocation",
    ]
    body = []
    for t, event, duration, location in rows:
        stage = REMLOGIC_STAGE[STAGES[min(int(t // 30), len(STAGES) - 1)]]
        cells = [clock(t, iso), event, f"{duration:g}", *([] if iso else [stage]), location]
        body.append("\t".join(cells))
    path.write_bytes(("\r\n".join(head + body) + "\r\n").encode("utf-8"))
    return path


PROFUSION_STAGE = {"W": 0, "N2": 2, "R": 5, "?": 9}


def write_profusion(path: Path, epoch: float = 30.0) -> Path:
    events = [("Limb Movement (Left)", t, d, "Leg L") for t, d in LEFT_LMS[:2]]
    events += [("PLM (Left)", t, d, "Leg L") for t, d in LEFT_LMS[2:]]
    events += [("Limb Movement (Right)", t, d, "Leg R") for t, d in RIGHT_LMS]
    events += [
        ("Obstructive Apnea", *APNEA, "Airflow"),
        ("Arousal (ASDA)", *AROUSAL, "C3"),
        ("SpO2 desaturation", *DESAT, "SpO2"),
        ("Lights Off", LIGHTS[0], 0.0, ""),
        ("Lights On", LIGHTS[1], 0.0, ""),
    ]
    scored = "".join(
        f"<ScoredEvent><Name>{n}</Name><Start>{t}</Start><Duration>{d}</Duration>"
        f"<Input>{i}</Input></ScoredEvent>"
        for n, t, d, i in events
    )
    stages = "".join(f"<SleepStage>{PROFUSION_STAGE[s]}</SleepStage>" for s in STAGES)
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<CMPStudyConfig>'
        f"<EpochLength>{epoch:g}</EpochLength><ScoredEvents>{scored}</ScoredEvents>"
        f"<SleepStages>{stages}</SleepStages></CMPStudyConfig>\n",
        encoding="utf-8",
    )
    return path


NOX_STAGE = {"W": "Sleep-Wake", "N2": "Sleep-N2", "R": "Sleep-REM", "?": "Sleep-Unscored"}
FRENCH_STAGE = {"W": "Éveil", "N2": "N2", "R": "REM", "?": "Non scoré"}


def write_nox(path: Path, french: bool = False) -> Path:
    """A Noxturnal event list: English comma-separated UTF-8, or French tab-separated UTF-16."""
    names = FRENCH_STAGE if french else NOX_STAGE
    rows = [(30.0 * i, 30.0, names[s], "") for i, s in enumerate(STAGES)]
    lm = "Mouvement de jambe" if french else "Limb Movement"
    rows += [(t, d, lm, "Jambe G" if french else "Leg L") for t, d in LEFT_LMS]
    rows += [(t, d, lm, "Jambe D" if french else "Leg R") for t, d in RIGHT_LMS]
    rows += [
        (*APNEA, "Apnée obstructive" if french else "Obstructive Apnea", "Flow"),
        (*AROUSAL, "Micro-éveil" if french else "Arousal", "C3"),
        (*DESAT, "Désaturation" if french else "Desaturation", "SpO2"),
    ]
    rows.sort()

    def stamp(seconds: float) -> str:
        t = START + dt.timedelta(seconds=seconds)
        return t.strftime("%H:%M:%S.%f")[:-3] if french else t.strftime("%d/%m/%Y %H:%M:%S.%f")[:-3]

    sep = "\t" if french else ","
    header = (
        ["Heure de début", "Heure de fin", "Événement", "Durée", "Signal"]
        if french
        else ["Start Time", "End Time", "Event", "Duration", "Signal"]
    )
    lines = [sep.join(header), "[]"]
    lines += [sep.join([stamp(t), stamp(t + d), name, f"{d:g}", sig]) for t, d, name, sig in rows]
    text = "\r\n".join(lines) + "\r\n"
    path.write_bytes(text.encode("utf-16") if french else text.encode("utf-8"))
    return path


def write_nsrr(path: Path) -> Path:
    concepts = [("Stages", f"{c}", 30.0 * i, 30.0, "") for i, c in enumerate(
        {"W": "Wake|0", "N2": "Stage 2 sleep|2", "R": "REM sleep|5", "?": "Unscored|9"}[s] for s in STAGES
    )]  # fmt: skip
    concepts += [("Limb Movement", "Limb movement - left|Limb Movement (Left)", t, d, "Leg L") for t, d in LEFT_LMS]
    concepts += [("Limb Movement", "Limb movement - right|Limb Movement (Right)", t, d, "Leg R") for t, d in RIGHT_LMS]
    concepts += [("Respiratory", "Obstructive apnea|Obstructive Apnea", *APNEA, "Airflow")]
    events = "".join(
        f"<ScoredEvent><EventType>{t}|{t}</EventType><EventConcept>{c}</EventConcept>"
        f"<Start>{s}</Start><Duration>{d}</Duration>"
        + (f"<SignalLocation>{loc}</SignalLocation>" if loc else "")
        + "</ScoredEvent>"
        for t, c, s, d, loc in concepts
    )
    start = "<ScoredEvent><EventType/><EventConcept>Recording Start Time</EventConcept><Start>0</Start>"
    start += f"<Duration>{30.0 * len(STAGES)}</Duration><ClockTime>00.00.00 22.58.00</ClockTime></ScoredEvent>"
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<PSGAnnotation><SoftwareVersion>Compumedics</SoftwareVersion>'
        f"<EpochLength>30</EpochLength><ScoredEvents>{start}{events}</ScoredEvents></PSGAnnotation>\n",
        encoding="utf-8",
    )
    return path

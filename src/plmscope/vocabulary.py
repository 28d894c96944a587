"""One two-way vocabulary: vendor annotation spellings → canonical events and sleep stages
(reading), and canonical names → the labels plmscope writes (exporting).

Rules are data: each row is a regular expression matched (in full) against a normalised label
(lower case, accents dropped, punctuation as single spaces, ``?`` kept). NSRR labels such as
``"Obstructive apnea|Obstructive Apnea"`` are split on ``|`` and each part is tried in turn.
The first matching row wins, so more specific rows (RERA) come before general ones (arousal).
Every written label (``EVENT_LABELS``, ``stage_label``) reads back to the name it was written for.

>>> canonical_event("Limb Movement (Left)")
('leg_movement', 'left')
>>> canonical_stage(stage_label("N2"))
'N2'
"""

from __future__ import annotations

import re
import unicodedata

_LEFT = r"(left|l|links|li|sx|sin|sinistra|gauche|g)"
_RIGHT = r"(right|r|rechts|re|dx|dex|destra|droite|d)"
_LM = (
    r"(periodic |p )?(limb|leg) movements?( of sleep)?( lm)?|p?lms?|plmw?s?|plm lm|lm plm"
    r"|bein(bewegung)?|beinbewegung|mouvement (de )?jambe"
)

#: What plmscope adds to the label of a scored LM it exports (see :func:`lm_label`).
LM_QUALIFIERS: tuple[str, ...] = (
    "non-candidate", "short-interval", "isolated", "respiratory", "arousal", "unscorable",
)  # fmt: skip
_QUALIFIED = "( (" + "|".join(q.replace("-", " ") for q in LM_QUALIFIERS) + "))*"

#: (pattern, canonical event, leg) — leg is ``left``/``right``/``bilateral`` or None when not said.
EVENT_VOCABULARY: tuple[tuple[str, str, str | None], ...] = (
    # plmscope's own LM labels first: "PLM left, respiratory, arousal" is an LM, not an arousal
    (rf"p?lm left{_QUALIFIED}", "leg_movement", "left"),
    (rf"p?lm right{_QUALIFIED}", "leg_movement", "right"),
    (rf"p?lm bilateral{_QUALIFIED}|({_LM}) (bilateral|both legs?)", "leg_movement", "bilateral"),
    (r"lights? (off|out)|licht aus|lumiere eteinte", "lights_off", None),
    (r"lights? on|licht an|lumiere allumee", "lights_on", None),
    (r"rera|resp(iratory)? (effort|event) related arousals?|effort arousal", "rera", None),
    (
        r"(obstructive |central |mixed |obstr |obs |ob )?(apnea|apnoea|apnee)"
        r"( obstructive| central| mixed)?|oa|ca|ma|osa|csa",
        "apnea",
        None,
    ),
    (
        r"(obstructive |central |mixed )?(hypopnea|hypopnoea|hypopnee)"
        r"( obstructive| central| mixed)?|unsure|oh|ch",
        "hypopnea",
        None,
    ),
    (
        r"(spo2 |sao2 |o2 |oxygen )?(desat|desaturation)( spo2)?|(spo2|sao2) (drop|dip)"
        r"|(oxygen|spo2|sao2) desaturation event",
        "desaturation",
        None,
    ),
    (
        r"(\w+ )*(arousal|arousals|microarousal|micro arousal|weckreaktion|eveil)( \w+)*",
        "arousal",
        None,
    ),
    (rf"({_LM}) {_LEFT}|{_LEFT} ({_LM})", "leg_movement", "left"),
    (rf"({_LM}) {_RIGHT}|{_RIGHT} ({_LM})", "leg_movement", "right"),
    (rf"{_LM}", "leg_movement", None),
)

_STAGE_PREFIX = r"((sleep )?stage |sleep |stade )?"

#: (pattern, stage) — EDF+, AASM, R&K (stage 4 is N3), NSRR/Profusion numeric (0 W … 5 R),
#: RemLogic (``SLEEP-S0`` … ``SLEEP-S4``, ``SLEEP-REM``, ``SLEEP-MT``, ``SLEEP-UNSCORED``) and letters.
STAGE_VOCABULARY: tuple[tuple[str, str], ...] = (
    (rf"{_STAGE_PREFIX}(w|wake|awake|0|s0)|wach|eveil", "W"),
    (rf"{_STAGE_PREFIX}(n1|s1|1|nrem ?1)( sleep)?", "N1"),
    (rf"{_STAGE_PREFIX}(n2|s2|2|nrem ?2)( sleep)?", "N2"),
    (rf"{_STAGE_PREFIX}(n3|n4|s3|s4|3|4|nrem ?3|sws)( sleep)?", "N3"),
    (rf"{_STAGE_PREFIX}(r|rem|5)( sleep)?|paradoxical sleep", "R"),
    (rf"{_STAGE_PREFIX}(\?|unscored|unknown|mt|movement time|6|9)|non scores?|non classes?", "?"),
)

_EVENT_TABLE = tuple((re.compile(p), event, leg) for p, event, leg in EVENT_VOCABULARY)
_STAGE_TABLE = tuple((re.compile(p), stage) for p, stage in STAGE_VOCABULARY)


def normalise_label(label: str) -> str:
    """Lower case, accents dropped (``Éveil`` is ``eveil``), punctuation and underscores as
    single spaces, ``?`` kept.

    >>> normalise_label("Micro-Éveil"), normalise_label("SLEEP-S0")
    ('micro eveil', 'sleep s0')
    """
    text = unicodedata.normalize("NFKD", str(label).lower())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return re.sub(r"[^\w?]+|_", " ", text).strip()


def _label_parts(label: str) -> list[str]:
    """The ``|``-separated parts of a label (NSRR), each normalised, empty parts dropped."""
    return [p for p in (normalise_label(part) for part in str(label).split("|")) if p]


def canonical_stage(label: str) -> str | None:
    """Sleep stage (``W N1 N2 N3 R ?``) named by ``label``, or None if it names no stage."""
    for part in _label_parts(label):
        for pattern, stage in _STAGE_TABLE:
            if pattern.fullmatch(part):
                return stage
    return None


_CODE = re.compile(r"[A-Z0-9][A-Z0-9_\-./+ ]{0,39}|[^|]{1,60}\|[^|]{1,60}")


def looks_like_code(label: str) -> bool:
    """Whether a label is a vendor's event code (``SNORE``, ``POSITION-SUPINE``, an NSRR
    ``Concept|Name`` pair) rather than free text that could name a person.

    >>> looks_like_code("POSITION-SUPINE"), looks_like_code("SpO2 artifact|SpO2 artifact")
    (True, True)
    >>> looks_like_code("Mr Smith got up")
    False
    """
    return bool(_CODE.fullmatch(str(label).strip()))


def canonical_event(label: str) -> tuple[str, str | None]:
    """Canonical event name and leg for ``label``; ``("unknown", None)`` if not in the table."""
    for part in _label_parts(label):
        for pattern, event, leg in _EVENT_TABLE:
            if pattern.fullmatch(part):
                return event, leg
    return "unknown", None


#: Canonical event → the label plmscope writes for it (EDF+ annotations, NSRR-style exports).
EVENT_LABELS: dict[str, str] = {
    "lights_off": "Lights off",
    "lights_on": "Lights on",
    "arousal": "Arousal",
    "hypopnea": "Hypopnea",
    "apnea": "Obstructive Apnea",
    "rera": "RERA",
    "leg_movement": "Limb movement",
    "desaturation": "SpO2 desaturation",
}

#: Leg → the words added to a leg-movement label (``Limb movement left``).
LEG_LABELS: dict[str, str] = {"left": "left", "right": "right"}


def event_label(event: str, leg: str | None = None) -> str:
    """The label plmscope writes for a canonical event (and leg); reads back as the same event.

    >>> event_label("leg_movement", "right"), event_label("apnea")
    ('Limb movement right', 'Obstructive Apnea')
    """
    label = EVENT_LABELS.get(event, event)
    if event == "leg_movement" and leg in LEG_LABELS:
        label = f"{label} {LEG_LABELS[leg]}"
    return label


def lm_label(leg: str, periodic: bool, qualifiers: tuple[str, ...] = ()) -> str:
    """The label of one scored LM in plmscope's exports: ``PLM left``, ``LM bilateral, arousal``.

    ``qualifiers`` are words of :data:`LM_QUALIFIERS`; the label reads back as a leg movement
    of that leg.

    >>> lm_label("bilateral", True, ("respiratory", "arousal"))
    'PLM bilateral, respiratory, arousal'
    >>> canonical_event(lm_label("left", False, ("short-interval",)))
    ('leg_movement', 'left')
    """
    odd = [q for q in qualifiers if q not in LM_QUALIFIERS]
    if odd:
        raise ValueError(f"unknown LM qualifiers {odd}; use {', '.join(LM_QUALIFIERS)}")
    return ", ".join([f"{'PLM' if periodic else 'LM'} {leg}", *qualifiers])


def stage_label(stage: str) -> str:
    """The EDF+ label for a canonical stage (``Sleep stage N2``; ``?`` is ``Sleep stage ?``)."""
    return f"Sleep stage {stage}"


#: Canonical stage → the NSRR XML ``EventConcept`` plmscope writes (reads back as that stage).
NSRR_STAGE_CONCEPTS: dict[str, str] = {
    "W": "Wake|0", "N1": "Stage 1 sleep|1", "N2": "Stage 2 sleep|2", "N3": "Stage 3 sleep|3",
    "R": "REM sleep|5", "?": "Unscored|9",
}  # fmt: skip

#: Canonical event → NSRR XML (``EventType``, ``EventConcept``) as plmscope writes them.
NSRR_EVENT_CONCEPTS: dict[str, tuple[str, str]] = {
    "apnea": ("Respiratory|Respiratory", "Obstructive apnea|Obstructive Apnea"),
    "hypopnea": ("Respiratory|Respiratory", "Hypopnea|Hypopnea"),
    "rera": ("Respiratory|Respiratory", "RERA|RERA"),
    "desaturation": ("Respiratory|Respiratory", "SpO2 desaturation|SpO2 desaturation"),
    "arousal": ("Arousals|Arousals", "Arousal|Arousal ()"),
    "lights_off": ("Lights|Lights", "Lights off|Lights off"),
    "lights_on": ("Lights|Lights", "Lights on|Lights on"),
}


def nsrr_lm_concept(leg: str, periodic: bool) -> tuple[str, str]:
    """NSRR (``EventType``, ``EventConcept``) of a monolateral LM (``PLM (Left)`` when periodic).

    >>> canonical_event(nsrr_lm_concept("right", True)[1])
    ('leg_movement', 'right')
    """
    side = leg.capitalize()
    concept = (
        f"Periodic leg movement - {leg}|PLM ({side})" if periodic
        else f"Limb movement - {leg}|Limb Movement ({side})"
    )  # fmt: skip
    return "Limb Movement|Limb Movement", concept


#: Canonical stage / event → the RemLogic event names plmscope writes (``SLEEP-S2``, ``PLM-LM``).
REMLOGIC_STAGES: dict[str, str] = {
    "W": "SLEEP-S0", "N1": "SLEEP-S1", "N2": "SLEEP-S2", "N3": "SLEEP-S3", "R": "SLEEP-REM",
    "?": "SLEEP-UNSCORED",
}  # fmt: skip
REMLOGIC_EVENTS: dict[str, str] = {
    "leg_movement": "PLM-LM", "apnea": "APNEA-OBSTRUCTIVE", "hypopnea": "HYPOPNEA-OBSTRUCTIVE",
    "rera": "RERA", "arousal": "AROUSAL", "desaturation": "DESAT", "lights_off": "LIGHTS-OFF",
    "lights_on": "LIGHTS-ON",
}  # fmt: skip

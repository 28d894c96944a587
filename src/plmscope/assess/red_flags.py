"""Red flags in the answers: each check returns findings whose reason names the answers behind it."""

from __future__ import annotations

from plmscope.assess.catalogue import make_finding
from plmscope.assess.instruments import EpworthScore
from plmscope.assess.result import Finding
from plmscope.assess.schema import Answers
from plmscope.assess.wording import join_and

# Medicines known to bring on or worsen restless legs and periodic limb movements, by class.
MEDICINE_CLASSES: dict[str, tuple[str, ...]] = {
    "an SSRI antidepressant": (
        "sertraline",
        "fluoxetine",
        "citalopram",
        "escitalopram",
        "paroxetine",
        "fluvoxamine",
    ),
    "an SNRI antidepressant": ("venlafaxine", "desvenlafaxine", "duloxetine", "milnacipran"),
    "a sedating antidepressant": ("mirtazapine", "trazodone"),
    "a tricyclic antidepressant": ("amitriptyline", "nortriptyline", "clomipramine", "imipramine", "doxepin"),
    "a sedating antihistamine": (
        "diphenhydramine",
        "doxylamine",
        "promethazine",
        "chlorphenamine",
        "chlorpheniramine",
        "hydroxyzine",
        "cyclizine",
    ),
    "an antipsychotic": (
        "quetiapine",
        "olanzapine",
        "risperidone",
        "haloperidol",
        "aripiprazole",
        "clozapine",
        "chlorpromazine",
    ),
    "an anti-sickness medicine that blocks dopamine": ("metoclopramide", "prochlorperazine", "droperidol"),
}


SEIZURE_SIGNS: dict[str, str] = {
    "tongue_biting": "tongue biting",
    "incontinence_at_night": "wetting the bed during events",
    "confusion_after_events": "confusion afterwards",
    "stereotyped_events": "events that look the same each time",
}


def _yes(answers: Answers, labels: dict[str, str]) -> dict[str, str]:
    """The subset of ``labels`` (question id -> words) answered yes."""
    return {key: text for key, text in labels.items() if getattr(answers, key) is True}


def medicine_classes(names: list[str] | None) -> dict[str, str]:
    """Medicine name (as typed) -> its class, for the known RLS/PLM-provoking medicines."""
    found: dict[str, str] = {}
    for name in names or []:
        lowered = name.strip().lower()
        for klass, members in MEDICINE_CLASSES.items():
            if any(member in lowered for member in members):
                found[name.strip()] = klass
    return found


def neurological_signs(answers: Answers) -> list[Finding]:
    """Weakness, wasting, numbness, one-sided or constant symptoms point beyond RLS/PLMS."""
    said = _yes(
        answers,
        {
            "weakness": "weakness",
            "muscle_wasting": "muscle wasting",
            "numbness": "numbness",
            "one_sided": "symptoms on one side only",
            "symptoms_constant": "symptoms that stay the same whatever you do",
        },
    )
    if not said:
        return []
    sources = list(said)
    if answers.movement_kind in ("twitch", "both") and (answers.weakness or answers.muscle_wasting):
        said = {"movement_kind": "twitching under the skin", **said}
        sources.append("movement_kind")
    reason = (
        f"The answers mention {join_and(list(said.values()))}, which restless legs and leg jerks do not "
        "cause, so a doctor should examine the nerves and muscles."
    )
    return [make_finding("neurological_signs", reason, sources)]


def widespread_or_daytime_jerks(answers: Answers) -> list[Finding]:
    """Jerks in several body parts or also by day are not the usual night-time leg movements."""
    said = _yes(answers, {"jerks_daytime": "also during the day"})
    parts = answers.other_body_parts
    if answers.jerks_elsewhere is True:
        legs_too = " as well as the legs" if "legs" in (answers.body_parts or ["legs"]) else ""
        where = f"in the {join_and(parts)}{legs_too}" if parts else "in several parts of the body"
        key = "body_parts" if answers.body_parts is not None else "jerks_several_body_parts"
        said = {key: where, **said}
    if not said:
        return []
    reason = (
        f"The jerks happen {join_and(list(said.values()))}, unlike hypnic jerks or periodic leg movements, "
        "so they are worth discussing with a doctor."
    )
    return [make_finding("widespread_or_daytime_jerks", reason, list(said))]


def medicine_review(answers: Answers) -> list[Finding]:
    """Symptoms that began with a new medicine: review with the prescriber, never stop alone."""
    known = medicine_classes(answers.medicines)
    if answers.new_medicine is not True and not known:
        return []
    named = join_and([f"{name} ({klass})" for name, klass in known.items()]) if known else ""
    if answers.new_medicine is True and named:
        reason = (
            f"The symptoms began after starting {named}, a kind of medicine known to bring on restless legs "
            "or leg jerks, so its prescriber should review it."
        )
    elif answers.new_medicine is True:
        reason = (
            "The symptoms began after starting a new medicine, so it is worth asking its prescriber whether "
            "the two are linked."
        )
    else:
        reason = (
            f"The medicines listed include {named}, which can bring on or worsen restless legs and leg "
            "jerks, so mention the leg symptoms to the prescriber."
        )
    sources = ["new_medicine"] * (answers.new_medicine is True) + ["medicines"] * bool(answers.medicines)
    return [make_finding("medicine_review", reason, sources)]


def possible_seizures(answers: Answers) -> list[Finding]:
    """Tongue biting, incontinence, confusion after events, stereotyped events: possible night seizures."""
    said = _yes(answers, SEIZURE_SIGNS)
    if not said:
        return []
    features = join_and(list(said.values()))
    if answers.sleep_injuries is True:
        reason = (
            f"Night-time events with {features}, together with injuries, can be seizures, so contact a "
            "doctor today and don't drive until a doctor has assessed them."
        )
        return [make_finding("possible_seizures_injury", reason, [*said, "sleep_injuries"])]
    reason = (
        f"Night-time events with {features} can be seizures rather than leg jerks, "
        "so it is worth seeing a doctor soon to look into them."
    )
    return [make_finding("possible_seizures", reason, list(said))]


def dream_enactment(answers: Answers) -> list[Finding]:
    """Acting out dreams (and injuries from it) fits REM sleep behaviour disorder, which needs a doctor."""
    if answers.dream_enactment is not True and answers.sleep_injuries is not True:
        return []
    if answers.sleep_injuries is True and not possible_seizures(answers):
        what = (
            "acting out dreams and injuries during sleep"
            if answers.dream_enactment
            else "injuries during sleep"
        )
        reason = (
            f"The answers mention {what}, which can happen in REM sleep behaviour disorder, "
            "so it is worth seeing a doctor soon and making the bedroom safe meanwhile."
        )
        return [make_finding("dream_enactment_injury", reason, ["dream_enactment", "sleep_injuries"])]
    if answers.dream_enactment is not True:
        return []
    reason = (
        "Acting out dreams (moving, talking or fighting in sleep) can be a sign of REM sleep behaviour "
        "disorder, which is worth discussing with a doctor."
    )
    return [make_finding("dream_enactment", reason, ["dream_enactment"])]


def sleepiness(answers: Answers, epworth: EpworthScore) -> list[Finding]:
    """Dozing while driving, severe or excessive daytime sleepiness (Epworth-style total)."""
    if answers.dozing_while_driving is True:
        reason = (
            "Dozing off while driving puts you and others at risk now: don't drive until a doctor "
            "has found and treated the cause of the sleepiness."
        )
        return [make_finding("dozing_while_driving", reason, ["dozing_while_driving"])]
    if epworth.total is None or not epworth.excessive:
        return []
    if epworth.severe:
        reason = (
            f"A sleepiness score of {epworth.total} of 24 is severe (above 10 is already too sleepy), "
            "so it is worth seeing a doctor soon about the cause."
        )
        return [make_finding("severe_sleepiness", reason, ["epworth"])]
    reason = (
        f"A sleepiness score of {epworth.total} of 24 is above 10, more daytime sleepiness than usual, "
        "which is worth discussing with a doctor."
    )
    return [make_finding("daytime_sleepiness", reason, ["epworth"])]


def possible_clot(answers: Answers) -> list[Finding]:
    """A swollen, red or warm calf can be a deep vein thrombosis: contact a doctor today."""
    if answers.calf_swollen is not True:
        return []
    sore = "sore and " if answers.sore_calves else ""
    risk = ", which is more likely in pregnancy," if answers.is_pregnant else ""
    reason = (
        f"A calf that is {sore}swollen, red or warm can be a blood clot (deep vein thrombosis){risk} "
        "and is not caused by leg movements in sleep, so contact a doctor today."
    )
    sources = ["calf_swollen", "sore_calves", "pregnant", "pregnancy_week"]
    return [make_finding("possible_clot", reason, sources)]


def red_flags(answers: Answers, epworth: EpworthScore) -> list[Finding]:
    """Every red-flag finding the answers raise."""
    return [
        *possible_clot(answers),
        *neurological_signs(answers),
        *widespread_or_daytime_jerks(answers),
        *medicine_review(answers),
        *possible_seizures(answers),
        *dream_enactment(answers),
        *sleepiness(answers, epworth),
    ]

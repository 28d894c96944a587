"""Practical advice, as data: each finding lists advice ids and gets these sentences."""

from __future__ import annotations

ADVICE: dict[str, str] = {
    "regular_sleep": (
        "Keep regular sleep and wake times and aim for enough sleep; sleep loss makes jerks and restless "
        "legs worse."
    ),
    "caffeine": "Cut down on coffee, tea, cola and energy drinks, and have none after about 2 pm.",
    "alcohol": (
        "Keep alcohol low, especially in the evening: it fragments sleep and worsens snoring and restless "
        "legs."
    ),
    "wind_down": "Give yourself a calm half hour before bed; stress makes sleep-onset jerks more frequent.",
    "stretching": (
        "Gentle calf and thigh stretches in the evening, or a short walk, often ease restless legs."
    ),
    "warm_bath": "A warm bath or a leg massage before bed helps many people with restless legs.",
    "iron_test": (
        "Ask a doctor to check your iron stores (ferritin and transferrin saturation); take iron only "
        "after a test, with their advice."
    ),
    "symptom_diary": (
        "Keep a two-week diary of when the symptoms come, what you ate and drank, and how you slept; "
        "bring it to the appointment."
    ),
    "more_nights": (
        "One night can mislead: leg movements vary a lot from night to night, so several nights tell more "
        "than one."
    ),
    "lab_confirmation": (
        "A wearable estimates leg movements; a sleep study with leg-muscle sensors is what confirms them."
    ),
    "side_sleeping": (
        "Sleeping on the side and avoiding alcohol and sedatives in the evening can reduce snoring and "
        "breathing pauses."
    ),
    "sleep_study": (
        "A doctor can arrange a sleep study (often a simple home test) to check breathing during sleep."
    ),
    "apnea_first": (
        "Have breathing checked first: leg movements caused by breathing pauses usually settle once the "
        "breathing is treated."
    ),
    "prescriber_review": (
        "Ask the doctor who prescribed the medicine to review it; do not stop or change it on your own."
    ),
    "no_dose_change": "Do not raise the dose yourself; more of the same medicine usually makes this worse.",
    "no_driving": "Do not drive or use dangerous machines until a doctor has assessed the sleepiness.",
    "safe_bedroom": (
        "Make the bedroom safe meanwhile: move sharp or hard objects away from the bed and pad the "
        "bedside; a partner may prefer a separate bed for now."
    ),
    "bring_witness": (
        "If someone has seen the events, ask them to come along or take a short video; it helps the "
        "doctor a lot."
    ),
    "seek_help_if_injured": (
        "If an event causes an injury, lasts more than five minutes or the person does not wake up "
        "normally, call emergency services."
    ),
    "pregnancy_care": (
        "Tell your midwife or doctor: restless legs are common in pregnancy and usually ease after birth, "
        "and iron is often checked."
    ),
    "kidney_care": (
        "Mention it to your kidney team: restless legs are common with kidney disease and there are "
        "treatments that suit it."
    ),
    "neuro_exam": "A doctor can examine nerves and muscles; bring a list of when each symptom started.",
    "partner_sleep": (
        "If the kicks keep a partner awake, separate blankets or a larger bed can help both of you sleep "
        "meanwhile."
    ),
    "nicotine": (
        "Nicotine is a stimulant: avoid it in the hours before bed; stopping altogether helps sleep."
    ),
    "watch_for": (
        "Watch for daytime tiredness, restless or uncomfortable legs in the evening, and signs of low "
        "iron (tiredness, pale skin, breathlessness); if any appear, see a doctor, who may check ferritin."
    ),
    "not_periodic_doctor": (
        "They are worth a doctor's look if they disturb sleep, are new or getting more frequent, or come "
        "with other symptoms such as jerks by day or in the arms, weakness, numbness or pain."
    ),
    "clot_help": (
        "Contact a doctor or urgent care today; call emergency services if there is chest pain or "
        "breathlessness. Do not massage the calf meanwhile."
    ),
    "calf_stretch": (
        "Stretch the calves before bed (toes pulled towards you, 30 seconds a side), drink enough during "
        "the day, and note when the soreness comes."
    ),
    "answer_more": (
        "Answer the questions named above, any you can; a bed partner can answer what happens during "
        "sleep in a questionnaire of their own."
    ),
    "insomnia_help": (
        "If poor sleep lasts more than three months or spoils the days, talk to a doctor: insomnia has "
        "good treatments that need no medicine, such as CBT-I."
    ),
    "nerve_check": (
        "Ask a doctor to check the nerves of the feet (touch, vibration, reflexes); good blood-sugar "
        "control protects them."
    ),
    "parkinsons_team": (
        "Tell your Parkinson's team what the nights are like, with the times: when doses are taken often "
        "matters; do not change them on your own."
    ),
    "antenatal_snoring": (
        "Mention the snoring at your next antenatal visit, where blood pressure is checked; sleeping on "
        "the side helps."
    ),
}


def advice_for(*ids: str, concrete: dict[str, str] | None = None) -> tuple[str, ...]:
    """The advice sentences for the given ids, in order, without repeats.

    ``concrete`` (advice id -> sentence) replaces the general sentence of an id with one that fits
    what the person said ("cut down from 4 cups a day"), and adds those the ids do not list.

    >>> advice_for("caffeine", concrete={"caffeine": "Cut down from 4 cups."})
    ('Cut down from 4 cups.',)
    """
    concrete = concrete or {}
    ids = list(dict.fromkeys([*ids, *concrete]))
    return tuple(concrete[i] if i in concrete else ADVICE[i] for i in ids)

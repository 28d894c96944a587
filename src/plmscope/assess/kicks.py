"""What was seen of the movements: how often the kicks come (periodic, far apart, very quick or
too vaguely said to tell), fine twitching as opposed to jerks, sore calves, and what the
movements do to the household."""

from __future__ import annotations

from typing import Literal

from plmscope.assess.case import Case
from plmscope.assess.catalogue import make_finding
from plmscope.assess.frequency import Interval
from plmscope.assess.lifestyle import trigger_advice, trigger_sources
from plmscope.assess.result import Finding
from plmscope.assess.schema import Answers
from plmscope.assess.story import STOP_BANG_WORDS, answered, trigger_tail
from plmscope.assess.wording import join_and
from plmscope.rules import RuleSet

Rhythm = Literal["periodic", "far_apart", "rapid", "vague"]
VAGUE_SPREAD = 8.0  # words whose longest interval is > 8x their shortest cannot say which kind it is
TYPICAL_IMI = "typically 20–40 s"  # where most intervals between periodic limb movements lie
HOUSEHOLD_NIGHTS = 3  # a partner woken on this many nights a week or more: worth a doctor's time
FREQUENCY_SOURCES = ("kicks_in_sleep", "kick_frequency", "kick_interval_s")


def rhythm(interval: Interval, rules: RuleSet) -> Rhythm:
    """Where the interval's middle falls against the rule set's PLM interval range (WASM 10–90 s).

    >>> from plmscope.assess.frequency import parse_frequency
    >>> from plmscope.rules import WASM2016
    >>> [rhythm(parse_frequency(t), WASM2016) for t in ("every 30 s", "every half hour", "every 3 s")]
    ['periodic', 'far_apart', 'rapid']
    >>> rhythm(parse_frequency("many times a night"), WASM2016)
    'vague'
    """
    if interval.spread > VAGUE_SPREAD:
        return "vague"
    if interval.typical_s < rules.min_imi_s:
        return "rapid"
    return "far_apart" if interval.typical_s > rules.max_imi_s else "periodic"


def at_the_edge(interval: Interval, rules: RuleSet) -> bool:
    """The interval's range reaches across a bound of the PLM range: it may or may not be periodic."""
    return any(interval.low_s < bound < interval.high_s for bound in (rules.min_imi_s, rules.max_imi_s))


def kick_rhythm(case: Case) -> str | None:
    """'about every 40 s (38–43 s apart)' when reported kicks recur like PLMs, else None."""
    answers = case.answers
    if not answers.kicks_reported or answers.movement_kind == "twitch":
        return None
    interval = answers.kick_interval
    if interval is None:
        return "at regular intervals" if answers.jerks_rhythmic is True else None
    if rhythm(interval, case.rules) != "periodic":
        return None
    words = interval.describe()
    if at_the_edge(interval, case.rules):
        words = words.replace(" apart)", " apart, at the edge of the periodic range)")
    return words


def plm_span(rules: RuleSet) -> str:
    return f"{rules.min_imi_s:g}–{rules.max_imi_s:g} s"


def kicks_rhythm_unknown(case: Case) -> list[Finding]:
    """Kicks again and again in sleep with neither their timing nor their rhythm given, or words too
    vague to tell ('many times a night')."""
    answers = case.answers
    interval = answers.kick_interval
    if interval is not None:
        reason = (
            f"Kicks '{interval.said}' could come anywhere from {interval.range_text()} apart, so it is "
            "not clear whether they recur like periodic limb movements (every "
            f"{plm_span(case.rules)}); timing a few of them, or a night's recording, can tell."
        )
        return [make_finding("kicks_rhythm_unknown", reason, FREQUENCY_SOURCES)]
    if answers.jerks_rhythmic is not None:
        return []
    reason = (
        "Kicks again and again during sleep can be periodic limb movements, but the answers do not say "
        "how regularly they come; timing a few of them, or a night's recording, can tell."
    )
    return [make_finding("kicks_rhythm_unknown", reason, ["kicks_in_sleep"])]


def household_disturbed(answers: Answers) -> bool:
    """Someone moved to another bed, or the bed partner is woken on 3 or more nights a week."""
    nights = answers.nights_per_week
    most_nights = nights is not None and nights >= HOUSEHOLD_NIGHTS
    return answers.separate_beds is True or (answers.partner_woken is True and most_nights)


def worth_a_look(case: Case) -> list[str]:
    """What makes non-periodic jerks worth a doctor's look: disturbed sleep, new, the household."""
    answers = case.answers
    why = []
    if case.has_complaint:
        why.append(f"they come with {join_and(case.complaint_words)}")
    if answers.started_recently is True:
        why.append("they started or changed in the last three months")
    if household_disturbed(answers):
        why.append("they disturb the bed partner's sleep")
    return why


def not_periodic(case: Case, interval: Interval, kind: Rhythm) -> list[Finding]:
    """Jerks far apart (minutes to hours) or very quick (seconds): not periodic limb movements."""
    span = plm_span(case.rules)
    said = answered(case.answers, ["sleep_complaint", "tiredness", "started_recently"])
    sources = [*FREQUENCY_SOURCES, *said]
    why = worth_a_look(case)
    if why:
        what = "too far apart" if kind == "far_apart" else "too quick"
        reason = (
            f"Jerks {interval.describe()} are {what} to be periodic limb movements (every {span}), but "
            f"{join_and(why)}, which makes them worth a doctor's look."
        )
        extra = answered(case.answers, ["partner_woken", "separate_beds", "epworth", "dozing_while_driving"])
        return [make_finding("kicks_not_periodic_discuss", reason, sources + extra)]
    if kind == "far_apart":
        reason = (
            f"Jerks {interval.describe()} are too far apart to be periodic limb movements, which recur "
            f"every {span} ({TYPICAL_IMI}); jerks this far apart are more likely ordinary movements in "
            "sleep, such as turning over, a sleep start while drifting off again, or a brief awakening."
        )
        return [make_finding("kicks_far_apart", reason, sources)]
    reason = (
        f"Jerks {interval.describe()} come faster than periodic limb movements, which recur every {span}; "
        "very quick repeated movements can be restless moving in a light or broken sleep, rhythmic "
        "rocking, or a tremor while still awake, and a short video helps a doctor tell them apart."
    )
    return [make_finding("kicks_rapid", reason, sources)]


def periodic_kicks(case: Case, every: str) -> list[Finding]:
    """Kicks at PLM-like intervals: with a sleep complaint worth discussing, without it self-care."""
    span = plm_span(case.rules)
    sources = [*FREQUENCY_SOURCES, "jerks_rhythmic", "sleep_complaint", "tiredness", "epworth"]
    if case.has_complaint:
        reason = (
            f"Kicks during sleep {every} fit periodic limb movements, which recur every {span}, and "
            f"together with {join_and(case.complaint_words)} they are worth discussing with a doctor."
        )
        return [make_finding("periodic_kicks", reason, sources)]
    reason = (
        f"Kicks during sleep {every} look like periodic limb movements (every {span}), which are common "
        "and often harmless when sleep and daytime alertness are fine."
    )
    return [make_finding("periodic_kicks_no_complaint", reason, sources)]


def kicks_apnea_first(case: Case, every: str) -> list[Finding]:
    """Reported regular kicks plus breathing signs: kicks may follow breathing pauses, so breathing first."""
    answers, stop_bang = case.answers, case.stop_bang
    signs = [STOP_BANG_WORDS[k] for k in ("snoring", "observed_apneas") if getattr(answers, k) is True]
    signs = signs or [f"a STOP-Bang score of {stop_bang.score}"]
    reason = (
        f"Kicks during sleep {every} together with {join_and(signs)} can be the body's reaction to "
        "breathing pauses, so breathing should be assessed first."
    )
    return [make_finding("sleep_apnea_first", reason, [*FREQUENCY_SOURCES, "snoring", "observed_apneas"])]


def reported_kicks(case: Case) -> list[Finding]:
    """A report of kicks during sleep, judged by how often they come (no measured night)."""
    answers = case.answers
    if not answers.kicks_reported or answers.movement_kind == "twitch":
        return []
    every = kick_rhythm(case)
    if every is not None:
        return kicks_apnea_first(case, every) if case.apnea_suspected else periodic_kicks(case, every)
    interval = answers.kick_interval
    if interval is None or rhythm(interval, case.rules) == "vague":
        return kicks_rhythm_unknown(case)
    return not_periodic(case, interval, rhythm(interval, case.rules))


def twitching(case: Case) -> list[Finding]:
    """Fine twitching under the skin (fasciculations) without whole-leg jerks: not PLMs."""
    answers = case.answers
    if answers.movement_kind != "twitch" or answers.weakness or answers.muscle_wasting:
        return []  # with weakness or wasting the neurological finding speaks (see a doctor soon)
    reason = (
        "Fine twitching under the skin, without the foot or leg moving, is not periodic limb movements "
        "(those bend the ankle, knee or hip); such twitches are common and usually harmless"
        f"{trigger_tail(case, 'can make them more frequent', lead=', and ')}."
    )
    sources = ["movement_kind", *trigger_sources(case.triggers)]
    return [make_finding("twitching", reason, sources, concrete=trigger_advice(case.triggers))]


def sore_calves(case: Case) -> list[Finding]:
    """Sore or aching calves: night cramps or restless legs more often than anything serious."""
    answers = case.answers
    if answers.sore_calves is not True or answers.calf_swollen is True:
        return []  # a swollen calf is the clot red flag
    fits = ", and here they fit the restless-legs feelings described" if answers.rls_urge is True else ""
    reason = (
        "Sore or aching calves often come from night-time cramps or from restless legs (many describe "
        f"those as an ache){fits}; stretching the calves before bed often helps."
    )
    return [make_finding("sore_calves", reason, ["sore_calves", "calf_swollen", "rls_urge"])]


def household(case: Case) -> list[Finding]:
    """What the movements do to a shared bed: a partner woken often or moved out is a reason to act."""
    answers = case.answers
    nights = answers.nights_per_week
    often = f" on {nights:g} nights a week" if nights else ""
    sources = ["partner_woken", "separate_beds", "nights_per_week"]
    if household_disturbed(answers):
        what = [
            text
            for key, text in (
                ("partner_woken", f"wake the bed partner{often}"),
                ("separate_beds", "have moved someone to another bed or room"),
            )
            if getattr(answers, key) is True
        ]
        fine = "" if case.has_complaint else ", even if the sleeper feels fine"
        reason = (
            f"The movements {join_and(what)}, which is a reason in itself to discuss them with a "
            f"doctor{fine}."
        )
        return [make_finding("household_impact", reason, sources)]
    if answers.partner_woken is True:
        reason = (
            f"The movements wake the bed partner{often}; separate blankets or a larger bed often help, "
            f"and if it happens on {HOUSEHOLD_NIGHTS} or more nights a week it is worth raising with a doctor."
        )
        return [make_finding("household_sleep", reason, sources)]
    return []


def movements(case: Case) -> list[Finding]:
    """Twitching, sore calves and the household (the rhythm of kicks is judged separately)."""
    return [*twitching(case), *sore_calves(case), *household(case)]

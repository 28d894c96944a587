"""What a night (or several) adds to the answers: breathing first, PLMD to discuss, many PLMs
without a complaint, few PLMs, sleep-onset-only movements, and where night and story disagree."""

from __future__ import annotations

from plmscope.assess.case import Case
from plmscope.assess.catalogue import make_finding
from plmscope.assess.kicks import kick_rhythm, rhythm
from plmscope.assess.result import Finding
from plmscope.assess.wording import first_upper, join_and
from plmscope.interpret import very_many_breathing_events


def _advice(case: Case) -> tuple[tuple[str, ...], dict[str, str]]:
    """Extra advice ids (a wearable's estimate wants an EMG study) and the several-nights wording."""
    facts = case.facts
    extra = ("lab_confirmation",) if facts.is_estimate else ()
    concrete = {}
    if not case.one_night:
        concrete["more_nights"] = (
            f"These numbers rest on {facts.nights} nights, which weigh more than one night would: leg "
            "movements vary a lot from night to night."
        )
    return extra, concrete


def _finding(case: Case, key: str, reason: str, sources: list[str]) -> Finding:
    extra, concrete = _advice(case)
    return make_finding(key, reason, [*sources, "recording.kind", "recording.nights"], extra, concrete)


def breathing_evidence(case: Case) -> list[str]:
    """The night's breathing signs in words, e.g. '14 leg movements an hour right after breathing events'."""
    facts, signs, words = case.facts, case.night_breathing, []
    if "respiratory_lms" in signs:
        share = facts.respiratory_share
        of_all = f", {share:.0%} of the candidate leg movements" if share is not None else ""
        words.append(
            f"a respiratory-related leg-movement index of {facts.respiratory_clms_index:.0f}/h (movements "
            f"right after breathing events{of_all})"
        )
    if "breathing_events" in signs:
        rate = facts.breathing_events_index
        words.append(f"{rate:.0f} breathing events (apneas and hypopneas) an hour of sleep")
    if "plms_from_breathing" in signs:
        words.append(
            f"a PLMS index of {facts.plms_index:.0f}/h that is above {case.plms_limit:g}/h only because of "
            f"movements after breathing events (without them it is {facts.plms_nr_index:.0f}/h)"
        )
    return words


def left_after_breathing(case: Case) -> str:
    """'; without the movements after breathing events the PLMS index is still 22/h, above 15/h, ...'."""
    facts, limit = case.facts, case.plms_limit
    nr = facts.plms_nr_index
    if nr is None or facts.plms_index is None or "plms_from_breathing" in case.night_breathing:
        return ""
    if nr > limit:
        return (
            f"; without the movements after breathing events the PLMS index is still {nr:.0f}/h, above "
            f"{limit:g}/h, so the legs are worth a second look once breathing is treated"
        )
    return (
        f"; without the movements after breathing events the PLMS index is {nr:.0f}/h, at or below "
        f"{limit:g}/h, so most of the leg activity goes with the breathing"
    )


def night_breathing_finding(case: Case) -> list[Finding]:
    """A night showing breathing signs: with snoring or sleepiness (or a very high breathing-events
    rate) see a doctor soon, breathing first; otherwise discuss, breathing first."""
    facts = case.facts
    over = f" over {facts.nights} nights" if facts.nights > 1 else ""
    if facts.is_estimate:
        lead = f"The wearable's estimates{over} show"
    else:
        lead = f"The {facts.nights} nights show" if over else "The night shows"
    evidence = f"{lead} {join_and(breathing_evidence(case))}"
    symptoms = case.sleepy_or_snoring
    severe = very_many_breathing_events(facts.breathing_events_index, case.thresholds)
    sources = [
        "indices.respiratory_clms_index",
        "indices.clms_index",
        "indices.plms_nr_index",
        "events",
        "snoring",
        "observed_apneas",
        "tiredness",
        "epworth",
        "epworth_total",
        "dozing_while_driving",
    ]
    tail = left_after_breathing(case)
    if (every := kick_rhythm(case)) is not None:
        tail += f"; the kicks described, {every}, fit movements that follow breathing pauses"
    if symptoms:
        reason = (
            f"{evidence}, together with {join_and(symptoms)}, which points to possible sleep apnea, so see a "
            f"doctor soon and have breathing checked first{tail}."
        )
        return [_finding(case, "sleep_apnea_night", reason, sources)]
    if severe:
        reason = (
            f"{evidence}, a rate that points to sleep apnea even without symptoms, so see a doctor soon and "
            f"have breathing checked first{tail}."
        )
        return [_finding(case, "sleep_apnea_night", reason, sources)]
    reason = f"{evidence}, so sleep apnea should be assessed first{tail}."
    return [_finding(case, "sleep_apnea_first", reason, sources)]


def story_note(case: Case) -> str:
    """How the night compares with what was seen: '; this fits the kicks described (...)' etc."""
    answers = case.answers
    every = kick_rhythm(case)
    if every is not None:
        return f"; this fits the kicks described, {every}"
    interval = answers.kick_interval
    if interval is not None and rhythm(interval, case.rules) == "far_apart":
        return (
            f"; the jerks described, {interval.describe()}, are other movements, as periodic ones are "
            "often too small for a bed partner to notice"
        )
    if answers.kicks_in_sleep is False:
        return "; no kicks were noticed, which is common, as periodic movements are often too small to notice"
    return ""


def arousal_note(case: Case) -> str:
    """', 6/h of them with a brief awakening' from the PLMS-arousal index, when the night has it."""
    arousals = case.facts.plms_arousal_index
    return "" if arousals is None else f", {arousals:.0f}/h of them with a brief awakening"


def plms_findings(case: Case, rls_all: bool) -> list[Finding]:
    """The PLMS index against the limit, with the complaint (or its absence) and the story."""
    facts, answers, limit = case.facts, case.answers, case.plms_limit
    plms = facts.plms_index
    said = first_upper(case.measured_words("PLMS index", f"{plms:.0f}/h"))
    sources = ["indices.plms_index", "indices.plms_arousal_index"]
    if plms <= limit:
        every = kick_rhythm(case)
        if every is not None:
            reason = (
                f"{said} is at or below {limit:g}/h although kicks {every} were described; leg "
                "movements vary a lot from night to night, so more nights or a diary can show whether "
                "this one was typical."
            )
            story = [*sources, "kicks_in_sleep", "kick_frequency", "kick_interval_s"]
            return [_finding(case, "night_story_disagree", reason, story)]
        reason = f"{said} is at or below {limit:g}/h, {case.limit_words}."
        return [_finding(case, "night_low_plms", reason, [*sources, "age"])]
    if rls_all:
        return []  # the PLMS are then part of the RLS finding (PLMD is not diagnosed with RLS)
    if case.apnea_suspected:
        reason = (
            f"{said} is above {limit:g}/h, but the breathing answers suggest possible sleep apnea, which "
            "can cause leg movements, so breathing should be assessed first."
        )
        return [_finding(case, "sleep_apnea_first", reason, [*sources, "snoring", "observed_apneas"])]
    note = story_note(case)
    story_sources = ["kicks_in_sleep", "kick_frequency", "kick_interval_s"]
    if case.has_complaint:
        reason = (
            f"{said} is above {limit:g}/h{arousal_note(case)}, and comes with "
            f"{join_and(case.complaint_words)}, so periodic limb movement disorder is worth discussing "
            f"with a doctor{note}."
        )
        complaint_sources = ["sleep_complaint", "tiredness", "epworth", "epworth_total"]
        return [_finding(case, "plmd_discuss", reason, [*sources, *complaint_sources, *story_sources])]
    if case.has_complaint is False:
        reason = (
            f"{said} is above {limit:g}/h{arousal_note(case)}, but without disturbed sleep or daytime "
            f"sleepiness this is common and not a disorder on its own{note}."
        )
        fine = [*sources, "sleep_complaint", "tiredness", "epworth", "epworth_total"]
        return [_finding(case, "plms_no_complaint", reason, fine)]
    reason = (
        f"{said} is above {limit:g}/h{arousal_note(case)}; whether it matters depends on how "
        f"{'they sleep and feel' if answers.is_partner else 'you sleep and feel'} by day, which the answers "
        f"did not say{note}."
    )
    return [_finding(case, "plms_complaint_unknown", reason, [*sources, *story_sources])]


def night_findings(case: Case, rls_all: bool) -> list[Finding]:
    """What the night adds: breathing first, sleep-onset-only movements, or the PLMS findings."""
    facts = case.facts
    if case.night_breathing:
        return night_breathing_finding(case)
    if facts.onset_only:
        reason = (
            f"All {facts.n_movements} leg movements of the night came around sleep onset and none were "
            "periodic, which is consistent with hypnic jerks."
        )
        return [_finding(case, "night_sleep_onset_only", reason, ["movements", "sleep.sleep_onset"])]
    if facts.plms_index is None:
        return []
    return plms_findings(case, rls_all)

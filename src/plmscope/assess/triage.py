"""Combine answers (and a night's result, when there is one) into an :class:`Assessment`."""

from __future__ import annotations

from dataclasses import asdict, replace

from plmscope.assess.catalogue import FINDING_TYPES, make_finding
from plmscope.assess.instruments import (
    DEFAULT_CUTOFFS,
    InstrumentCutoffs,
    instruments_dict,
    score_epworth,
    score_rls,
    score_stop_bang,
)
from plmscope.assess.loading import answers_from_mapping
from plmscope.assess.night_facts import DEFAULT_NIGHT_THRESHOLDS, NightFacts, NightThresholds, night_facts
from plmscope.assess.red_flags import red_flags
from plmscope.assess.result import Assessment, Finding, is_child
from plmscope.assess.schema import QUESTION_IDS, Answers
from plmscope.assess.story import (
    apnea_suspected,
    breathing,
    hypnic_jerks,
    kicks_apnea_first,
    reported_kicks,
    restless_legs,
    sleep_complaint,
)
from plmscope.assess.wording import first_upper, join_and
from plmscope.rules import WASM2016, RuleSet

ORDER = {key: i for i, key in enumerate(FINDING_TYPES)}


def plms_threshold(answers: Answers, rules: RuleSet) -> float:
    """The rule set's PLMS-index threshold: the child value under 18, else the adult one."""
    return rules.plms_index_threshold_child if is_child(answers.age) else rules.plms_index_threshold_adult


def limit_words(answers: Answers) -> str:
    """Whose limit the threshold is, saying so when the age was not given (the adult one is used)."""
    child = is_child(answers.age)
    if child is None:
        return "the usual limit for adults (no age was given)"
    return "the usual limit for children" if child else "the usual limit"


def _measured(facts: NightFacts, what: str) -> str:
    """ "the night's PLMS index" or "the wearable's estimated PLMS index"."""
    return f"the wearable's estimated {what}" if facts.is_estimate else f"the night's {what}"


def many_respiratory(facts: NightFacts, thresholds: NightThresholds) -> bool:
    """Many CLMs follow breathing events (absolute rate or share of all CLMs)."""
    rate, share = facts.respiratory_clms_index, facts.respiratory_share
    return (rate is not None and rate >= thresholds.respiratory_clms_index_many) or (
        share is not None and share >= thresholds.respiratory_share_many
    )


def night_findings(
    answers: Answers,
    facts: NightFacts,
    rules: RuleSet,
    thresholds: NightThresholds,
    complaint: bool | None,
    complaint_words: list[str],
    apnea: bool,
    rls_all: bool,
) -> list[Finding]:
    """What the night adds: PLMD to discuss, breathing first, sleep-onset-only movements, or little."""
    extra = ("lab_confirmation",) if facts.is_estimate else ()
    limit = plms_threshold(answers, rules)
    plms = facts.plms_index
    plms_text = f"{_measured(facts, 'PLMS index')} of {plms:.0f}/h" if plms is not None else ""
    sources = ["indices.plms_index", "recording.kind"]
    if many_respiratory(facts, thresholds):
        reason = (
            f"{first_upper(_measured(facts, 'respiratory-related leg-movement index'))} is "
            f"{facts.respiratory_clms_index:.0f}/h: many leg movements follow breathing events, "
            "so sleep apnea should be assessed first."
        )
        return [
            make_finding(
                "sleep_apnea_first", reason, ["indices.respiratory_clms_index", "indices.clms_index"], extra
            )
        ]
    if facts.onset_only:
        reason = (
            f"All {facts.n_movements} leg movements of the night came around sleep onset and none were "
            "periodic, which is consistent with hypnic jerks."
        )
        return [make_finding("night_sleep_onset_only", reason, ["movements", "sleep.sleep_onset"], extra)]
    if plms is None:
        return []
    if plms <= limit:
        reason = f"{first_upper(plms_text)} is at or below {limit:g}/h, {limit_words(answers)}."
        return [make_finding("night_low_plms", reason, [*sources, "age"], extra)]
    if rls_all:
        return []  # the PLMS are then part of the RLS finding (PLMD is not diagnosed with RLS)
    if apnea:
        reason = (
            f"{first_upper(plms_text)} is above {limit:g}/h, but the breathing answers suggest possible "
            "sleep apnea, which can cause leg movements, so breathing should be assessed first."
        )
        return [make_finding("sleep_apnea_first", reason, sources + ["snoring", "observed_apneas"], extra)]
    if complaint:
        reason = (
            f"{first_upper(plms_text)} is above {limit:g}/h and comes with {join_and(complaint_words)}, "
            "so periodic limb movement disorder is worth discussing with a doctor."
        )
        return [
            make_finding("plmd_discuss", reason, sources + ["sleep_complaint", "tiredness", "epworth"], extra)
        ]
    if complaint is False:
        reason = (
            f"{first_upper(plms_text)} is above {limit:g}/h, but without disturbed sleep or daytime "
            "sleepiness such movements are common and not treated on their own."
        )
        return [make_finding("plms_no_complaint", reason, sources + ["sleep_complaint", "tiredness"], extra)]
    reason = (
        f"{first_upper(plms_text)} is above {limit:g}/h; whether it matters depends on how you sleep and "
        "feel by day, which the answers did not say."
    )
    return [make_finding("plms_complaint_unknown", reason, sources, extra)]


def _rls_plms_note(facts: NightFacts | None, answers: Answers, rules: RuleSet) -> str:
    """', and the night's PLMS index of 38/h fits with it' when the night shows PLMS."""
    if facts is None or facts.plms_index is None or facts.plms_index <= plms_threshold(answers, rules):
        return ""
    return f", and {_measured(facts, 'PLMS index')} of {facts.plms_index:.0f}/h fits with this"


def given_sources(finding: Finding, answers: Answers) -> Finding:
    """The finding with only the questions actually answered (and the night keys) as its sources."""

    def given(source: str) -> bool:
        if source == "bmi":
            return answers.bmi_value is not None
        return source not in QUESTION_IDS or getattr(answers, source) is not None

    return replace(finding, sources=tuple(s for s in finding.sources if given(s)))


def assess(
    answers: Answers | dict,
    night: dict | None = None,
    *,
    rules: RuleSet = WASM2016,
    cutoffs: InstrumentCutoffs = DEFAULT_CUTOFFS,
    night_thresholds: NightThresholds = DEFAULT_NIGHT_THRESHOLDS,
) -> Assessment:
    """Score the instruments, check red flags, and combine with a night's result into findings."""
    if not isinstance(answers, Answers):
        answers = answers_from_mapping(answers)
    rls, epworth, stop_bang = (
        score_rls(answers, cutoffs),
        score_epworth(answers, cutoffs),
        score_stop_bang(answers, cutoffs),
    )
    facts = night_facts(night, night_thresholds) if night is not None else None
    complaint, complaint_words = sleep_complaint(answers, epworth)
    apnea = apnea_suspected(answers, stop_bang)

    findings = [
        *red_flags(answers, rls, epworth, cutoffs),
        *breathing(answers, stop_bang),
        *restless_legs(answers, rls, _rls_plms_note(facts, answers, rules)),
        *hypnic_jerks(answers),
    ]
    if facts is not None:
        findings += night_findings(
            answers, facts, rules, night_thresholds, complaint, complaint_words, apnea, rls.all_criteria
        )
    measured = facts is not None and (facts.plms_index is not None or facts.onset_only)
    if not measured:
        findings += (
            kicks_apnea_first(answers, rules, stop_bang)
            if apnea
            else reported_kicks(answers, rules, complaint, complaint_words)
        )
    if not findings:  # (below: one finding per key, the first one found wins)
        findings = [
            make_finding("no_concerns", "None of the answers given points to a problem that needs a doctor.")
        ]
    findings = sorted({f.key: f for f in reversed(findings)}.values(), key=lambda f: (-f.level, ORDER[f.key]))
    findings = [given_sources(f, answers) for f in findings]
    instruments = instruments_dict(rls, epworth, stop_bang)
    if facts is not None:
        instruments["night"] = asdict(facts)
    return Assessment(
        findings=tuple(findings),
        instruments=instruments,
        respondent=answers.respondent or "self",
        night_kind=facts.kind if facts is not None else None,
        age=answers.age,
    )

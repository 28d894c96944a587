"""Combine answers (and a night's result, when there is one) into an :class:`Assessment`."""

from __future__ import annotations

from dataclasses import asdict, replace

from plmscope.assess.case import Case
from plmscope.assess.catalogue import FINDING_TYPES
from plmscope.assess.conditions import conditions
from plmscope.assess.coverage import complete
from plmscope.assess.instruments import (
    DEFAULT_CUTOFFS,
    InstrumentCutoffs,
    instruments_dict,
    score_epworth,
    score_rls,
    score_stop_bang,
)
from plmscope.assess.kicks import movements, reported_kicks
from plmscope.assess.loading import answers_from_mapping
from plmscope.assess.night_facts import DEFAULT_NIGHT_THRESHOLDS, NightThresholds, night_facts
from plmscope.assess.night_rules import night_findings
from plmscope.assess.red_flags import red_flags
from plmscope.assess.result import Assessment, Finding
from plmscope.assess.schema import QUESTION_IDS, Answers
from plmscope.assess.story import breathing, hypnic_jerks, restless_legs
from plmscope.rules import WASM2016, RuleSet

ORDER = {key: i for i, key in enumerate(FINDING_TYPES)}


def _rls_plms_note(case: Case) -> str:
    """', and the night's PLMS index of 38/h fits with this' when the night shows PLMS."""
    facts = case.facts
    if facts is None or facts.plms_index is None or facts.plms_index <= case.plms_limit:
        return ""
    return f", and {case.measured_words('PLMS index', f'{facts.plms_index:.0f}/h')} fits with this"


def given_sources(finding: Finding, answers: Answers) -> Finding:
    """The finding with only the questions actually answered (and the night keys) as its sources."""

    def given(source: str) -> bool:
        if source == "bmi":
            return answers.bmi_value is not None
        return source not in QUESTION_IDS or getattr(answers, source) is not None

    return replace(finding, sources=tuple(s for s in finding.sources if given(s)))


def ordered(findings: list[Finding]) -> list[Finding]:
    """One finding per key (the first one found wins), highest level first, then catalogue order."""
    unique = {f.key: f for f in reversed(findings)}.values()
    return sorted(unique, key=lambda f: (-f.level, ORDER[f.key]))


def assess(
    answers: Answers | dict,
    night: dict | None = None,
    *,
    rules: RuleSet = WASM2016,
    cutoffs: InstrumentCutoffs = DEFAULT_CUTOFFS,
    night_thresholds: NightThresholds = DEFAULT_NIGHT_THRESHOLDS,
) -> Assessment:
    """Score the instruments, check red flags, and combine with a night's result into findings.

    ``night`` is a night's result dict (``plmscope score --json``; a multi-night summary may say
    ``recording.nights``). Undefined night values (``None``) are unknown, never zero.

    >>> result = assess({"kicks_in_sleep": True, "kick_frequency": "about every half hour"})
    >>> result.findings[0].key, result.overall_level.label
    ('kicks_far_apart', 'self-care')
    >>> assess({}).overall_level.label
    'not enough answers to judge'
    """
    if not isinstance(answers, Answers):
        answers = answers_from_mapping(answers)
    case = Case(
        answers=answers,
        rules=rules,
        cutoffs=cutoffs,
        thresholds=night_thresholds,
        rls=score_rls(answers, cutoffs),
        epworth=score_epworth(answers, cutoffs),
        stop_bang=score_stop_bang(answers, cutoffs),
        facts=night_facts(night, night_thresholds) if night is not None else None,
    )
    findings = [
        *red_flags(answers, case.epworth),
        *conditions(case),
        *breathing(case),
        *restless_legs(case, _rls_plms_note(case)),
        *hypnic_jerks(case),
        *movements(case),
    ]
    if case.facts is not None:
        findings += night_findings(case, case.rls.all_criteria)
    if not case.measured:
        findings += reported_kicks(case)
    findings = ordered(complete(case, ordered(findings)))
    findings = [given_sources(f, answers) for f in findings]
    instruments = instruments_dict(case.rls, case.epworth, case.stop_bang)
    if case.facts is not None:
        instruments["night"] = asdict(case.facts)
    return Assessment(
        findings=tuple(findings),
        instruments=instruments,
        respondent=answers.respondent or "self",
        night_kind=case.facts.kind if case.facts is not None else None,
        age=answers.age,
    )

"""Silence is never reassurance: when nothing was found, say whether the answers were enough.

"Nothing points to a problem" needs every core question answered (``core:`` in
questions.yaml: what the legs do, sleep, tiredness, snoring, breathing pauses). With fewer, and
nothing found, the outcome is "not enough answers to judge", naming the questions that matter
most. Poor sleep or tiredness that nothing in the answers explains is said as such.
"""

from __future__ import annotations

from plmscope.assess.case import Case
from plmscope.assess.catalogue import make_finding
from plmscope.assess.questions import CORE_QUESTIONS
from plmscope.assess.result import Finding, Level
from plmscope.assess.wording import join_and

# Reassuring findings that rest on the person's own answers (the night-only ones do not).
ANSWER_REASSURANCE = frozenset({"hypnic_jerks"})


def missing_core(case: Case) -> list[str]:
    """What the unanswered core questions would have settled, in words, in asking order."""
    return [q.core for q in CORE_QUESTIONS if getattr(case.answers, q.id) is None]


def unexplained_sleep(case: Case, missing: list[str]) -> list[Finding]:
    """Poor sleep or tiredness said, and nothing in the answers that explains it."""
    if not case.has_complaint:
        return []
    unknown = f"; the answers do not say {join_and(missing)}" if missing else ""
    reason = (
        f"The answers mention {join_and(case.complaint_words)} but nothing that explains it, such as leg "
        f"movements, restless legs or breathing problems{unknown}."
    )
    sources = ["sleep_complaint", "tiredness", "epworth", "epworth_total", "dozing_while_driving"]
    return [make_finding("sleep_unexplained", reason, sources)]


def not_enough_answers(case: Case, missing: list[str]) -> Finding:
    """The distinct outcome for too few answers: never 'reassure'."""
    answered = len(CORE_QUESTIONS) - len(missing)
    reason = (
        f"With {answered} of the {len(CORE_QUESTIONS)} key questions answered there is too little to "
        f"judge, and a skipped question is never read as a no: please answer {join_and(missing)}."
    )
    return make_finding("not_enough_answers", reason, [q.id for q in CORE_QUESTIONS])


def complete(case: Case, findings: list[Finding]) -> list[Finding]:
    """The findings, plus what the answers leave open when nothing above 'reassure' was found."""
    if any(f.level > Level.REASSURE for f in findings):
        return findings
    missing = missing_core(case)
    if unexplained := unexplained_sleep(case, missing):
        return findings + unexplained
    if missing and not any(f.key in ANSWER_REASSURANCE for f in findings):
        return [*findings, not_enough_answers(case, missing)]
    if not findings:
        reason = "None of the answers given points to a problem that needs a doctor."
        return [make_finding("no_concerns", reason)]
    return findings

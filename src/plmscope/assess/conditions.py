"""Conditions that change what the leg symptoms mean and what a doctor will do: pregnancy (and
its week), kidney disease and dialysis, low iron or anaemia, diabetes or neuropathy,
Parkinson's disease, and worsening on a dopamine agonist."""

from __future__ import annotations

from plmscope.assess.case import Case
from plmscope.assess.catalogue import make_finding
from plmscope.assess.result import Finding
from plmscope.assess.wording import first_upper, join_and

TRIMESTERS = ((13, "first"), (27, "second"), (42, "third"))  # (last week, trimester)


def trimester(week: int) -> str:
    """Week of pregnancy -> 'first' | 'second' | 'third'.

    >>> trimester(12), trimester(20), trimester(30)
    ('first', 'second', 'third')
    """
    return next(name for last, name in TRIMESTERS if week <= last)


def pregnancy(case: Case) -> list[Finding]:
    """Pregnancy brings on restless legs (most in the third trimester) and limits medicines."""
    answers = case.answers
    if answers.is_pregnant is not True:
        return []
    week = answers.pregnancy_week
    tail = "limits which medicines are safe, so mention the leg symptoms at your next antenatal visit."
    if week is None:
        reason = f"Pregnancy often brings on restless legs and {tail}"
    elif trimester(week) == "third":
        reason = (
            f"Restless legs are commonest in the third trimester of pregnancy, where week {week} falls, "
            f"and pregnancy {tail}"
        )
    else:
        reason = (
            f"Pregnancy (week {week}, the {trimester(week)} trimester) often brings on restless legs, most "
            f"of all in the third trimester, and {tail}"
        )
    return [make_finding("pregnancy", reason, ["pregnant", "pregnancy_week"])]


def kidney_disease(case: Case) -> list[Finding]:
    """Kidney disease and dialysis: restless legs and low iron are common, iron and doses differ."""
    answers = case.answers
    if answers.has_kidney_disease is not True:
        return []
    if answers.dialysis is True:
        ferritin = case.cutoffs.rls_ferritin_max_dialysis_ug_l
        reason = (
            "Dialysis often comes with restless legs and low iron, doctors consider iron on dialysis at a "
            f"higher ferritin (below {ferritin:g} µg/L), and some medicines for restless legs need smaller "
            "doses, so tell your kidney team."
        )
    else:
        reason = (
            "Kidney disease often comes with restless legs and low iron, and changes which treatments and "
            "doses fit, so tell your kidney team."
        )
    return [make_finding("kidney_disease", reason, ["kidney_disease", "dialysis"])]


def ferritin_limit(case: Case) -> tuple[float, str]:
    """The ferritin (µg/L) under which iron is considered for restless legs, and for whom."""
    cutoffs, answers = case.cutoffs, case.answers
    if answers.dialysis is True:
        return cutoffs.rls_ferritin_max_dialysis_ug_l, " on dialysis"
    if case.child:
        return cutoffs.rls_ferritin_max_child_ug_l, " in children"
    return cutoffs.rls_ferritin_max_ug_l, ""


def low_iron(case: Case) -> list[Finding]:
    """Ferritin at or below the limit with RLS symptoms, or known low iron or anaemia."""
    answers, rls = case.answers, case.rls
    ferritin = answers.ferritin_ug_l
    limit, group = ferritin_limit(case)
    if ferritin is not None and ferritin <= limit and (rls.all_criteria or answers.rls_urge is True):
        reason = (
            f"A ferritin of {ferritin:g} µg/L is at or below {limit:g} µg/L, the level under which doctors "
            f"consider iron for restless legs{group}, so ask a doctor about iron treatment."
        )
        return [make_finding("iron_deficiency", reason, ["ferritin_ug_l", "dialysis", "age"])]
    known = [
        text
        for key, text in (("iron_deficiency", "known low iron"), ("anaemia", "anaemia (a low blood count)"))
        if getattr(answers, key) is True
    ]
    if not known:
        return []
    if answers.anaemia is True and answers.iron_deficiency is not True:
        reason = (
            "Anaemia (a low blood count) is often from low iron, which can cause or worsen restless legs, "
            "so ask a doctor whether iron is the cause and whether to treat it."
        )
    else:
        reason = (
            f"{first_upper(join_and(known))} can cause or worsen restless legs, so ask a doctor about iron "
            "treatment."
        )
    return [make_finding("iron_deficiency", reason, ["iron_deficiency", "anaemia"])]


def diabetes_neuropathy(case: Case) -> list[Finding]:
    """Neuropathy (often from diabetes) mimics restless legs and also comes with it."""
    answers = case.answers
    if answers.diabetes is not True and answers.neuropathy is not True:
        return []
    what = {
        (True, True): "Diabetes with nerve damage in the legs (neuropathy)",
        (True, False): "Diabetes",
        (False, True): "Nerve damage in the legs (neuropathy)",
    }[(answers.diabetes is True, answers.neuropathy is True)]
    reason = (
        f"{what} can cause burning, tingling or aching legs at night that feel like restless legs, and "
        "restless legs are also more common with it, so a doctor should examine the nerves of the feet."
    )
    return [make_finding("diabetes_neuropathy", reason, ["diabetes", "neuropathy"])]


def parkinsons(case: Case) -> list[Finding]:
    """Parkinson's disease: restless legs, PLMs, tremor, cramps and dream enactment are all commoner."""
    if case.answers.parkinsons is not True:
        return []
    reason = (
        "With Parkinson's disease, night-time movements can be restless legs, periodic limb movements, "
        "tremor, early-morning cramps or acting out dreams, and its medicines affect all of them, so "
        "tell your Parkinson's team."
    )
    return [make_finding("parkinsons", reason, ["parkinsons"])]


def augmentation(case: Case) -> list[Finding]:
    """Worse, earlier or spreading symptoms on a dopamine agonist: augmentation."""
    if case.answers.worse_on_dopamine_agonist is not True:
        return []
    reason = (
        "Symptoms getting worse, earlier in the day or spreading while on a dopamine agonist can be "
        "augmentation, a known effect of these medicines that the prescriber should review soon."
    )
    return [make_finding("augmentation", reason, ["worse_on_dopamine_agonist"])]


def conditions(case: Case) -> list[Finding]:
    """Every condition finding the answers raise."""
    return [
        *augmentation(case),
        *pregnancy(case),
        *kidney_disease(case),
        *low_iron(case),
        *diabetes_neuropathy(case),
        *parkinsons(case),
    ]

"""Everything one assessment rests on, worked out once: the answers, the instrument scores, the
night's facts and what follows from them (a sleep complaint, breathing signs, triggers).

The rule modules (``story``, ``kicks``, ``conditions``, ``night_rules``) read a :class:`Case`
instead of passing a dozen arguments around.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from plmscope.assess.instruments import EpworthScore, InstrumentCutoffs, RlsScore, StopBangScore
from plmscope.assess.lifestyle import Trigger, triggers
from plmscope.assess.night_facts import NightFacts, NightThresholds
from plmscope.assess.result import is_child
from plmscope.assess.schema import Answers
from plmscope.interpret import breathing_signs, plms_threshold
from plmscope.rules import RuleSet


COMPLAINT_WORDS = (  # a sleep complaint (with an Epworth-style total > 10)
    ("sleep_complaint", "disturbed or unrefreshing sleep"),
    ("tiredness", "daytime tiredness"),
    ("dozing_while_driving", "dozing while driving"),
)
BREATHING_SYMPTOM_WORDS = (  # what makes a night's breathing signs count double
    ("snoring", "loud snoring"),
    ("observed_apneas", "breathing pauses seen"),
    ("tiredness", "daytime tiredness"),
    ("dozing_while_driving", "dozing while driving"),
)


@dataclass(frozen=True)
class Case:
    answers: Answers
    rules: RuleSet
    cutoffs: InstrumentCutoffs
    thresholds: NightThresholds
    rls: RlsScore
    epworth: EpworthScore
    stop_bang: StopBangScore | None
    facts: NightFacts | None = None

    @cached_property
    def complaint(self) -> tuple[bool | None, list[str]]:
        """Whether the sleeper has a sleep complaint (ICSD-3 needs one for PLMD), and its words.

        True with the words when one was said; False only when both the night and the day
        were answered as fine; None otherwise (a missing answer is not a "no").
        """
        answers, epworth = self.answers, self.epworth
        words = self._said(COMPLAINT_WORDS)
        if words:
            return True, words
        no_daytime_complaint = answers.tiredness is False or epworth.excessive is False
        if answers.sleep_complaint is False and no_daytime_complaint:
            return False, []
        return None, []

    @property
    def has_complaint(self) -> bool | None:
        return self.complaint[0]

    @property
    def complaint_words(self) -> list[str]:
        return self.complaint[1]

    @cached_property
    def sleepy_or_snoring(self) -> list[str]:
        """The answers that make a night's breathing signs count double: snoring, pauses, sleepiness."""
        return self._said(BREATHING_SYMPTOM_WORDS)

    def _said(self, labels: tuple[tuple[str, str], ...]) -> list[str]:
        """The words of the yes answers among ``labels``, plus an excessive sleepiness score."""
        said = [text for key, text in labels if getattr(self.answers, key) is True]
        if self.epworth.excessive:
            said.append(f"a sleepiness score of {self.epworth.total}")
        return said

    @property
    def apnea_suspected(self) -> bool:
        """From the answers: breathing pauses seen, or intermediate/high STOP-Bang risk."""
        sb = self.stop_bang
        return self.answers.observed_apneas is True or (sb is not None and sb.risk != "low")

    @property
    def child(self) -> bool | None:
        return is_child(self.answers.age)

    @property
    def plms_limit(self) -> float:
        """The rule set's PLMS-index threshold: the child value under 18, else the adult one."""
        return plms_threshold(self.rules, child=bool(self.child))

    @property
    def limit_words(self) -> str:
        """Whose limit it is, saying so when no age was given (the adult one is then used)."""
        if self.child is None:
            return "the usual limit for adults (no age was given)"
        return "the usual limit for children" if self.child else "the usual limit"

    @cached_property
    def triggers(self) -> list[Trigger]:
        """Caffeine, alcohol, nicotine, stress or sleep loss as given."""
        return triggers(self.answers, self.cutoffs)

    @cached_property
    def night_breathing(self) -> tuple[str, ...]:
        """What in the night points to breathing first (``interpret.breathing_signs``); () without a night."""
        facts = self.facts
        if facts is None:
            return ()
        return breathing_signs(
            facts.respiratory_clms_index,
            facts.clms_index,
            facts.breathing_events_index,
            facts.plms_index,
            facts.plms_nr_index,
            self.plms_limit,
            self.thresholds,
        )

    @property
    def measured(self) -> bool:
        """A night with a PLMS index or a sleep-onset pattern: it supersedes a reported rhythm."""
        facts = self.facts
        return facts is not None and (facts.plms_index is not None or facts.onset_only is True)

    def measured_words(self, what: str, value: str) -> str:
        """'the night's PLMS index of 38/h', 'the PLMS index of 38/h over 3 nights', or
        'the wearable's estimated PLMS index of 30/h from one night' (or 'over 4 nights')."""
        facts = self.facts
        nights = facts.nights if facts is not None else 1
        if facts is not None and facts.is_estimate:
            span = f"over {nights} nights" if nights > 1 else "from one night"
            return f"the wearable's estimated {what} of {value} {span}"
        return f"the {what} of {value} over {nights} nights" if nights > 1 else f"the night's {what} of {value}"

    @property
    def one_night(self) -> bool:
        """The night's numbers rest on a single night (more nights would tell more)."""
        return self.facts is None or self.facts.nights <= 1

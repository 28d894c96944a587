"""The question bank: read from ``questions.yaml`` (data: ids, wording for the sleeper and for a
bed partner, type, help, when to ask) into :class:`Question` objects; ranges come from the schema.

The RLS severity items follow the topics of the IRLS and the sleepiness situations the idea of
the Epworth scale, both in plmscope's own words: for clinical scoring the official, licensed
forms must be used (see docs/assessment.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib.resources import files
from typing import Literal

import yaml

from plmscope.assess.schema import RANGES

Kind = Literal["choice", "yes_no", "integer", "number", "items", "text_list", "frequency", "parts"]
Condition = tuple[str, str, object]  # (question id, "==" | "!=" | "<" | "missing" | "given", value)
OPERATORS = ("==", "!=", "<", "missing", "given")


@dataclass(frozen=True)
class Question:
    id: str
    section: str
    kind: Kind
    text_self: str
    text_partner: str
    help: str = ""
    choices: tuple[str, ...] = ()
    items: tuple[str, ...] = ()  # for kind "items": one short text per item score
    ask_if: tuple[Condition, ...] = ()  # asked when ANY condition holds (always when empty)
    skip_if: tuple[Condition, ...] = ()  # ... and not asked when ANY of these holds
    core: str = ""  # what it settles, in words, for the questions that matter most
    interactive: bool = True  # False: answer files only (another question asks it better)

    @property
    def range(self) -> tuple[float, float] | None:
        """Allowed numeric range (items: per item), from the schema."""
        return RANGES.get(self.id)

    def text(self, partner: bool) -> str:
        """The wording for the respondent."""
        return self.text_partner if partner else self.text_self


def parse_condition(text: str) -> Condition:
    """'rls_urge == yes' -> ('rls_urge', '==', True); 'bmi missing' -> ('bmi', 'missing', None)."""
    parts = text.split(maxsplit=2)
    if len(parts) == 2 and parts[1] in ("missing", "given"):
        return parts[0], parts[1], None
    if len(parts) != 3 or parts[1] not in OPERATORS:
        raise ValueError(
            f"bad ask_if condition {text!r}; use 'id == value', 'id != value', 'id < value', "
            "'id missing' or 'id given'"
        )
    return parts[0], parts[1], yaml.safe_load(parts[2])


def question_from_entry(entry: dict) -> Question:
    """One YAML entry -> a Question."""
    return Question(
        id=entry["id"],
        section=entry["section"],
        kind=entry["kind"],
        text_self=entry["self"],
        text_partner=entry["partner"],
        help=entry.get("help", ""),
        choices=tuple(entry.get("choices", ())),
        items=tuple(entry.get("items", ())),
        ask_if=tuple(parse_condition(c) for c in entry.get("ask_if", ())),
        skip_if=tuple(parse_condition(c) for c in entry.get("skip_if", ())),
        core=entry.get("core", ""),
        interactive=entry.get("interactive", True),
    )


def load_bank(text: str) -> tuple[dict[str, str], tuple[Question, ...]]:
    """Sections (id -> heading) and questions, in asking order, from the bank's YAML text."""
    data = yaml.safe_load(text)
    return dict(data["sections"]), tuple(question_from_entry(e) for e in data["questions"])


SECTIONS, QUESTIONS = load_bank(
    files("plmscope.assess").joinpath("questions.yaml").read_text(encoding="utf-8")
)


def holds(condition: Condition, answered: dict) -> bool:
    """Whether one condition holds for the answers so far (a missing answer is ``None``)."""
    qid, op, value = condition
    got = answered.get(qid)
    return (
        (op == "==" and got == value)
        or (op == "!=" and got != value)
        or (op == "missing" and got is None)
        or (op == "given" and got is not None)
        or (op == "<" and got is not None and got < value)
    )


def should_ask(question: Question, answered: dict) -> bool:
    """True when the question applies given the answers so far.

    Asked in the terminal when it is interactive, any ``ask_if`` condition holds (or there is
    none) and no ``skip_if`` condition holds.
    """
    if not question.interactive or any(holds(c, answered) for c in question.skip_if):
        return False
    return not question.ask_if or any(holds(c, answered) for c in question.ask_if)


CORE_QUESTIONS: tuple[Question, ...] = tuple(q for q in QUESTIONS if q.core)

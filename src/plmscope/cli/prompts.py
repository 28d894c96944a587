"""Ask the question bank in the terminal (rich prompts): every question skippable with Enter,
wording for the sleeper or for a bed partner (``plmscope assess`` without ``--answers``).

Every text shown is escaped for rich markup, so square brackets in questions, help or a
refused reply are printed as typed. Replies are parsed by ``plmscope.assess.replies`` (shared
with the web form)."""

from __future__ import annotations

from collections.abc import Callable

from rich.console import Console
from rich.markup import escape
from rich.prompt import Prompt

from plmscope.assess.loading import answers_from_mapping
from plmscope.assess.questions import QUESTIONS, SECTIONS, Question, should_ask
from plmscope.assess.replies import SKIPPED, ReplyError, parse_reply
from plmscope.assess.schema import Answers

Ask = Callable[[str], str]


def _hint(question: Question) -> str:
    if question.kind == "yes_no":
        return "y/n"
    if question.kind == "choice":
        return "/".join(question.choices)
    if question.kind == "frequency":
        return "in words, e.g. every 30 seconds or 7-8 times in 5 minutes"
    if question.kind == "parts":
        return "legs, arms, face, trunk"
    if question.range:
        return f"{question.range[0]:g}–{question.range[1]:g}"
    return "text"


def ask_one(question: Question, text: str, ask: Ask, console: Console) -> object:
    """Ask until the reply fits; returns the value or ``SKIPPED``."""
    while True:
        try:
            prompt = f"{escape(text)} [dim]({escape(_hint(question))}, Enter to skip)[/dim]"
            return parse_reply(question, ask(prompt))
        except ReplyError as exc:
            console.print(f"  [yellow]{escape(str(exc))}[/yellow]", highlight=False)


def ask_items(question: Question, partner: bool, ask: Ask, console: Console) -> list[int] | None:
    """Item scores one by one; a skipped item leaves the whole scale out (it needs every item)."""
    console.print(f"{escape(question.text(partner))}\n  [dim]{escape(question.help)}[/dim]")
    scores = []
    for number, item in enumerate(question.items, start=1):
        value = ask_one(question, f"  {number}. {item}", ask, console)
        if value is SKIPPED:
            console.print("  [dim]Skipped: this score needs every item, so it is left out.[/dim]")
            return None
        scores.append(value)
    return scores


def ask_answers(
    partner: bool | None = None, ask: Ask | None = None, console: Console | None = None
) -> Answers:
    """Walk the question bank (with its ask-if conditions) and return validated answers."""
    console = console or Console()
    ask = ask or (lambda text: Prompt.ask(text, console=console, default="", show_default=False))
    if partner is None:
        who = ask(
            "Are you answering about [bold]your own[/bold] sleep (1) or for the [bold]person you sleep "
            "beside[/bold] (2)? [dim](Enter = 1)[/dim]"
        ).strip()
        partner = who in ("2", "p", "partner")
    answered: dict = {"respondent": "partner" if partner else "self"}
    section = None
    console.print("[dim]Press Enter to skip any question.[/dim]")
    for question in QUESTIONS:
        if not should_ask(question, answered):
            continue
        if question.section != section:
            section = question.section
            console.rule(escape(SECTIONS[section]))
        if question.kind == "items":
            value = ask_items(question, partner, ask, console)
        else:
            if question.help:
                console.print(f"[dim]{escape(question.help)}[/dim]", highlight=False)
            value = ask_one(question, question.text(partner), ask, console)
        if value is not SKIPPED and value is not None:
            answered[question.id] = value
    return answers_from_mapping(answered, source="interactive answers")

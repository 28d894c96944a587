"""Interactive questions: reply parsing, scripted answers, and the real terminal through a pseudo-terminal."""

from __future__ import annotations

import io
import os
import pty
import re
import select
import subprocess
import sys
import time

import pytest
from rich.console import Console

from plmscope.assess.replies import SKIPPED, ReplyError, parse_reply
from plmscope.cli.prompts import ask_answers
from plmscope.assess.questions import QUESTIONS

BY_ID = {q.id: q for q in QUESTIONS}


@pytest.mark.parametrize(
    ("qid", "reply", "value"),
    [
        ("snoring", "y", True),
        ("snoring", " No ", False),
        ("snoring", "", SKIPPED),
        ("age", "58", 58),
        ("neck_cm", "41,5", 41.5),
        ("sex", "fem", "female"),
        ("medicines", "sertraline, , quetiapine", ["sertraline", "quetiapine"]),
        ("epworth", "3", 3),
        ("kick_frequency", " 7–8 times in 5 minutes ", "7–8 times in 5 minutes"),
        ("kick_frequency", "about every half hour", "about every half hour"),
        ("caffeine_cups_per_day", "4", 4.0),
        ("caffeine_cups_per_day", "2,5", 2.5),
        ("alcohol_drinks_per_evening", "3", 3.0),
        ("body_parts", "feet, Arms", ["legs", "arms"]),
        ("movement_kind", "tw", "twitch"),
        ("epworth_total", "13", 13),
        ("irls_total", "22", 22),
        ("pregnancy_week", "30", 30),
    ],
)
def test_parse_reply(qid: str, reply: str, value: object) -> None:
    assert parse_reply(BY_ID[qid], reply) == value


@pytest.mark.parametrize(
    ("qid", "reply"),
    [
        ("snoring", "maybe"),
        ("age", "old"),
        ("age", "130"),
        ("age", "5.5"),
        ("epworth", "4"),
        ("sex", "x"),
        ("snoring", "1"),  # a number is never a yes
        ("kick_frequency", "30"),  # 30 what?
        ("kick_frequency", "often"),
        ("caffeine_cups_per_day", "four"),
        ("caffeine_cups_per_day", "31"),
        ("epworth_total", "25"),
        ("irls_total", "41"),
        ("body_parts", "tail"),
        ("pregnancy_week", "43"),
    ],
)
def test_replies_that_do_not_fit_are_refused(qid: str, reply: str) -> None:
    with pytest.raises(ReplyError):
        parse_reply(BY_ID[qid], reply)


def scripted(replies: dict[str, list[str]], asked: list[str]):
    """An ``ask`` that answers prompts containing a key with the next reply for it, and skips the rest."""

    def ask(prompt: str) -> str:
        asked.append(prompt)
        for key, queue in replies.items():
            if key in prompt and queue:
                return queue.pop(0)
        return ""

    return ask


def test_scripted_self_answers_follow_the_ask_if_conditions() -> None:
    asked: list[str] = []
    replies = {
        "answering about": ["1"],
        "urge to move your legs": ["y"],
        "sit or lie still": ["y"],
        "moving (walking": ["y"],
        "worse in the evening": ["y"],
        "fully explained": ["n"],
        "days a week": ["3"],
        "How old": ["47"],
    }
    replies.update({f"{n}. ": ["2"] for n in range(1, 11)})
    console = Console(file=io.StringIO())
    answers = ask_answers(ask=scripted(replies, asked), console=console)
    assert answers.respondent == "self" and answers.age == 47 and answers.rls_days_per_week == 3
    assert answers.irls == [2] * 10 and answers.epworth is None  # epworth items were skipped
    assert not any("how many times has it happened" in p for p in asked)  # only asked when < 2 days a week
    assert not any("seconds apart" in p for p in asked)  # no kicks reported
    assert all("person you sleep beside" not in p for p in asked[1:])  # asked[0]: who is answering


def test_a_skipped_item_leaves_the_whole_scale_out() -> None:
    replies = {"1. ": ["1"], "2. ": ["1"]}
    answers = ask_answers(partner=True, ask=scripted(replies, []), console=Console(file=io.StringIO()))
    assert answers.epworth is None and answers.respondent == "partner"


def drive_terminal(args: list[str], replies: dict[str, list[str]], timeout: float = 40.0) -> str:
    """Run the assess command in a pseudo-terminal, answering prompts by substring; return all output."""
    main_fd, child_fd = pty.openpty()
    wide = {"COLUMNS": "400", "LINES": "50"}  # a dumb terminal is 80 wide unless both are given
    env = {**os.environ, "NO_COLOR": "1", "TERM": "dumb", **wide, "PYTHONUNBUFFERED": "1"}
    code = "import sys; from plmscope.cli import main; main(['assess', *sys.argv[1:]])"
    proc = subprocess.Popen(
        [sys.executable, "-c", code, *args],
        stdin=child_fd,
        stdout=child_fd,
        stderr=child_fd,
        env=env,
        close_fds=True,
    )
    os.close(child_fd)
    output, pending, deadline = b"", b"", time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([main_fd], [], [], 0.2)
            if ready:
                try:
                    chunk = os.read(main_fd, 65536)
                except OSError:  # the child closed the terminal
                    break
                if not chunk:
                    break
                output += chunk
                pending += chunk
            text = pending.decode("utf-8", "replace")
            if re.search(r"skip\)\s*:\s*$|Enter = 1\)\s*:\s*$", text):
                reply = next((queue.pop(0) for key, queue in replies.items() if key in text and queue), "")
                os.write(main_fd, reply.encode() + b"\r")
                pending = b""
            elif proc.poll() is not None and not ready:
                break
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait(timeout=5)
        os.close(main_fd)
    return output.decode("utf-8", "replace")


def test_interactive_partner_session_in_a_pseudo_terminal() -> None:
    """A partner: '7-8 times in 5 minutes', four coffees a day (typed 'four' first), sleep poor."""
    replies = {
        "kick or jerk their legs": ["y"],
        "How often do the kicks come": ["soon", "7-8 times in 5 minutes"],
        "fine twitching": ["jerk"],
        "Which parts of their body": ["legs"],
        "disturbed or unrefreshing": ["y"],
        "tired or sleepy": ["y"],
        "cups of coffee": ["four", "4"],
        "after mid-afternoon": ["n"],
        "How old": ["58"],
    }
    text = drive_terminal(["--partner"], replies)
    assert "Does the person you sleep beside" in text
    assert "cannot tell how often from 'soon'" in text  # refused and asked again
    assert "please type a number" in text  # "four" cups was refused and asked again
    assert "Overall: discuss with a doctor" in text
    assert "Regular kicks during sleep" in text and "about every 40 s (38–43 s apart)" in text
    assert "answered by a bed partner" in text and "This is not a diagnosis" in text


def test_interactive_far_apart_jerks_and_a_count_in_a_night() -> None:
    """'A few times a night' is converted to an interval and judged: not periodic limb movements."""
    replies = {
        "answering about": ["1"],
        "kick or jerk your legs": ["y"],
        "How often do the kicks come": ["a few times a night"],
        "disturbed or unrefreshing": ["n"],
        "tired or sleepy": ["n"],
        "cups of coffee": ["2"],
        "alcoholic drinks": ["3"],
    }
    text = drive_terminal([], replies)
    assert "Overall: self-care" in text and "Jerks far apart: not periodic limb movements" in text
    assert "about every 2.3 h (1.2–4.5 h apart)" in text and "too far apart" in text


def test_interactive_self_session_skipping_everything_is_not_enough_to_judge() -> None:
    text = drive_terminal([], {"answering about": ["1"]})
    assert "Do you have sudden jerks" in text
    assert "Overall: not enough answers to judge" in text and "Overall: reassure" not in text
    assert "please answer whether there are jerks while falling asleep" in text


def test_interactive_totals_pregnancy_week_and_an_interval_in_words() -> None:
    """Totals from forms filled in elsewhere (asked when the items are skipped), the week of a
    pregnancy, body parts and 'about every half hour'."""
    replies = {
        "answering about": ["1"],
        "What is your sex": ["female"],
        "kick or jerk your legs": ["y"],
        "How often do the kicks come": ["about every half hour"],
        "Which parts of your body": ["feet, hands"],
        "urge to move your legs": ["y"],
        "sit or lie still": ["y"],
        "moving (walking": ["y"],
        "worse in the evening": ["y"],
        "fully explained": ["n"],
        "days a week did it happen": ["5"],
        "IRLS total": ["41", "22"],
        "Epworth total": ["12"],
        "Are you pregnant": ["y"],
        "which week": ["30"],
    }
    text = drive_terminal([], replies)
    assert "please type a number from 0 to 40" in text  # 41 refused, asked again
    assert "Overall: discuss with a doctor" in text
    assert "IRLS-style severity 22 of 40: severe" in text and "third trimester" in text
    assert "A sleepiness score of 12 of 24 is above 10" in text
    assert "in the arms as well as the legs" in text
    assert "Jerks about every 30 min (25–36 min apart) are too far apart" in text


def test_scripted_totals_are_asked_only_when_the_items_are_skipped() -> None:
    asked: list[str] = []
    replies = {"answering about": ["1"], "1. ": ["2"], "2. ": ["2"]}
    replies.update({f"{n}. ": ["1"] for n in range(3, 9)})
    answers = ask_answers(ask=scripted(replies, asked), console=Console(file=io.StringIO()))
    assert answers.epworth == [2, 2, 1, 1, 1, 1, 1, 1] and answers.epworth_total is None
    assert not any("Epworth total" in p for p in asked)  # the items were answered
    assert not any("IRLS total" in p for p in asked)  # no restless legs: not asked at all

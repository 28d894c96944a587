"""What the scoring processes run: score one stored night, build a report page, render a PDF.

These functions run in the worker pool's processes (see :mod:`plmscope.web.jobs`), so one
long night never blocks the server. They take and return plain data (paths, dicts, text):
the scoring itself is :func:`plmscope.score`, the page :func:`plmscope.report.build_report`.
A scoring job reports its stage to the database as it goes; its result is written by the
server, together with the status ``done``, in one transaction.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from pathlib import Path
from typing import Any

log = logging.getLogger("plmscope.web")

#: How each role of an uploaded file is named in a message to the person who uploaded it.
ROLE_WORDS = {
    "recording": "the recording",
    "left": "the left-leg file",
    "right": "the right-leg file",
    "hypnogram": "the hypnogram file",
    "events": "the events file",
}
INTERNAL_ERROR = "scoring failed unexpectedly (an internal error; the server's log has the details)"


def night_input(kind: str, files: list[tuple[str, str]]) -> tuple[Any, dict[str, Any]]:
    """The ``data`` and keyword arguments of :func:`plmscope.score` / :func:`plmscope.load`.

    >>> night_input("psg", [("recording", "/d/a.edf"), ("events", "/d/b.csv")])
    ('/d/a.edf', {'events': ['/d/b.csv']})
    >>> night_input("accelerometer", [("right", "/d/r.cwa")])
    ({'right': '/d/r.cwa'}, {})
    """
    options: dict[str, Any] = {}
    hypnogram = [path for role, path in files if role == "hypnogram"]
    events = [path for role, path in files if role == "events"]
    if hypnogram:
        options["hypnogram"] = hypnogram[0]
    if events:
        options["events"] = events
    if kind == "accelerometer":
        data: Any = {role: path for role, path in files if role in ("left", "right")}
    else:
        data = next(path for role, path in files if role == "recording")
    return data, options


def user_message(exc: Exception, files: list[tuple[str, str]]) -> str:
    """An input error's one line, with the server's file names replaced by what they are."""
    text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    for role, path in sorted(files, key=lambda rf: -len(rf[1])):
        words = ROLE_WORDS.get(role, "an uploaded file")
        text = text.replace(path, words).replace(Path(path).name, words)
    return text[:500]


def night_of(start: dt.datetime | None) -> str | None:
    """The date of the evening a recording began (a start after midnight belongs to the day before)."""
    from plmscope.io.header_info import ANONYMOUS_DATE

    if start is None or start.date() == ANONYMOUS_DATE:
        return None
    return (start - dt.timedelta(hours=12)).date().isoformat()


def score_job(
    folder: str, night_id: int, kind: str, files: list[tuple[str, str]], rules: str, show_identity: bool
) -> dict[str, Any]:
    """Score a stored night; returns ``{"ok": True, "result": ..., ...}`` or ``{"ok": False, "error": ...}``."""
    import plmscope
    from plmscope.errors import PlmscopeInputError
    from plmscope.web.store import Store

    store = Store(Path(folder), migrate_schema=False)
    if not store.set_status(night_id, "scoring", stage="reading", progress=0.0, only_from=("queued", "scoring")):
        return {"ok": False, "skipped": True}  # deleted (or already scored) meanwhile

    def progress(stage: str, fraction: float) -> None:
        store.set_status(night_id, "scoring", stage=stage, progress=fraction, only_from=("scoring",))

    started = time.perf_counter()
    data, options = night_input(kind, files)
    try:
        scored = plmscope.score(data, rules=rules, progress=progress, **options)
    except PlmscopeInputError as exc:
        return {"ok": False, "error": user_message(exc, files)}
    except MemoryError:
        return {"ok": False, "error": "the night is too large to score with the memory available"}
    except Exception:
        log.exception("night %s: scoring failed", night_id)
        return {"ok": False, "error": INTERNAL_ERROR}
    return {
        "ok": True,
        "result": scored.to_dict(show_identity=show_identity),
        "identity": dict(scored.identity) if show_identity else None,
        "date": night_of(scored.start),
        "seconds": round(time.perf_counter() - started, 3),
    }


def report_job(
    result: dict,
    kind: str,
    files: list[tuple[str, str]],
    assessment: dict | None,
    show_identity: bool,
    identity: dict | None,
) -> str:
    """The night's report page: the CLI's report, with the EMG panels when the upload is kept."""
    import plmscope
    from plmscope.errors import PlmscopeInputError
    from plmscope.pipeline import NightScore
    from plmscope.report import build_report

    scored = NightScore.from_dict(result)
    if identity:
        scored.identity = dict(identity)
    signals = None
    if files:
        data, _options = night_input(kind, files)
        try:
            signals = plmscope.load(data).legs
        except (PlmscopeInputError, OSError) as exc:
            log.warning("report without signal panels: %s", user_message(exc, files))
    return build_report(scored, signals=signals, assessment=assessment, show_identity=show_identity)


def pdf_job(html: str) -> bytes:
    """The report page as A4 PDF bytes."""
    from plmscope.report import html_to_pdf

    return html_to_pdf(html)


def warm_up() -> bool:
    """Import the scoring and report machinery once, so the first night starts at once."""
    import plmscope.pipeline  # noqa: F401
    import plmscope.report  # noqa: F401

    return True

"""The pages: server-rendered HTML (jinja2), plain CSS, a little JavaScript; nothing from the network.

The night page is the night report itself (the same HTML as ``plmscope score --report``)
with the app's bar on top and the night's notes, diary and downloads below it;
``/nights/{id}/report`` is the report alone.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from pathlib import Path

import jinja2
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from starlette.concurrency import run_in_threadpool

from plmscope.version import __version__
from plmscope.web.chart import trend_svg
from plmscope.web.diary import DIARY_FIELDS, DIARY_SECTIONS, diary_summary
from plmscope.web.questionnaire import form_sections
from plmscope.web.trend import CAVEAT, KIND_WORDS, comparison_hint, comparisons

router = APIRouter(include_in_schema=False)
TEMPLATES = Path(__file__).parent / "templates"
KIND_LABELS = {"psg": "recording (EMG)", "accelerometer": "wearable (estimate)", "none": "diary only"}


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=jinja2.select_autoescape(["html", "j2"], default=True),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["rate"] = lambda v: "–" if v is None else f"{v:.1f}"
    env.filters["day"] = lambda d: dt.date.fromisoformat(d).strftime("%a %d %b %Y") if d else "no date"
    env.globals.update(
        version=__version__, kind_labels=KIND_LABELS, diary_fields=DIARY_FIELDS, diary_sections=DIARY_SECTIONS
    )
    return env


def render(name: str, status: int = 200, **context) -> HTMLResponse:
    return HTMLResponse(environment().get_template(name).render(**context), status_code=status)


def error_page(status: int, message: str) -> str:
    """A plain page saying what went wrong (never a trace)."""
    return environment().get_template("error.html.j2").render(status=status, message=message, page="error")


def _web(request: Request):
    return request.app.state.web


FAVICON = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><rect width="16" height="16" rx="3" fill="#0072b2"/>'
    '<path d="M2 11h3l1.5-5 2 8 1.5-6 1 3H14" fill="none" stroke="#fff" stroke-width="1.6"/></svg>'
)


@router.get("/favicon.ico")
def favicon() -> Response:
    return Response(FAVICON, media_type="image/svg+xml", headers={"Cache-Control": "max-age=86400"})


@router.get("/", response_class=HTMLResponse)
def upload_page(request: Request):
    web = _web(request)
    recent = list(reversed(web.store.nights()[-5:]))
    return render(
        "upload.html.j2", page="upload", max_upload=web.config.max_upload,
        recent=recent, today=dt.date.today().isoformat(),
    )


@router.get("/nights", response_class=HTMLResponse)
def nights_page(request: Request):
    web = _web(request)
    nights = web.store.nights()
    diaries = web.store.diaries()
    found = comparisons(nights, diaries)
    return render(
        "nights.html.j2", page="nights", nights=list(reversed(nights)), chart=jinja2.filters.Markup(trend_svg(nights)),
        comparisons=found, caveat=CAVEAT, hint=comparison_hint(nights, diaries) if not found else "",
        summaries={n["id"]: diary_summary(diaries.get(n["id"])) for n in nights},
        kind_words=KIND_WORDS, has_estimates=any(n["kind"] == "accelerometer" for n in nights),
        today=dt.date.today().isoformat(),
    )


def _night_context(web, night: dict) -> dict:
    latest = web.store.latest_assessment(night["id"])
    return {
        "night": night,
        "diary": web.store.diary(night["id"]) or {},
        "assessment": latest,
        "summary": diary_summary(web.store.diary(night["id"])),
    }


@router.get("/nights/{night_id}", response_class=HTMLResponse)
async def night_page(request: Request, night_id: int):
    web = _web(request)
    night = web.service.require(night_id)
    context = await run_in_threadpool(_night_context, web, night)
    if night["kind"] == "none":
        return render("night_diary.html.j2", page="night", **context)
    if night["status"] != "done":
        return render("night_status.html.j2", page="night", **context)
    report = await web.service.report_html(night_id)
    env = environment()
    top = env.get_template("chrome_top.html.j2").render(page="night", **context)
    bottom = env.get_template("chrome_bottom.html.j2").render(page="night", **context)
    return HTMLResponse(with_chrome(report, top, bottom))


def with_chrome(report: str, top: str, bottom: str) -> str:
    """The report page with the app's bar after ``<body>`` and the night's panel before ``</body>``."""
    head = '<link rel="stylesheet" href="/static/chrome.css">\n<script src="/static/app.js" defer></script>\n'
    page = report.replace("</head>", head + "</head>", 1)
    page = re.sub(r"<body[^>]*>", lambda m: m.group(0) + top, page, count=1)
    end = page.rfind("</body>")
    return page[:end] + bottom + page[end:] if end >= 0 else page + bottom


@router.get("/nights/{night_id}/report", response_class=HTMLResponse)
async def report_page(request: Request, night_id: int):
    return HTMLResponse(await _web(request).service.report_html(night_id))


@router.get("/questionnaire", response_class=HTMLResponse)
def questionnaire_page(request: Request, night: int | None = None, who: str = "self"):
    web = _web(request)
    chosen = web.service.require(night) if night is not None else None
    partner = who == "partner"
    return render(
        "questionnaire.html.j2", page="questionnaire", night=chosen, partner=partner,
        sections=form_sections(partner), scored=bool(chosen and chosen["status"] == "done" and chosen["kind"] != "none"),
    )


@router.get("/settings", response_class=HTMLResponse)
def settings_page(request: Request):
    web = _web(request)
    return render(
        "settings.html.j2", page="settings", settings=web.store.settings(), folder=str(web.store.folder),
        max_upload=web.config.max_upload, token=web.config.token is not None,
    )

"""The JSON API (described at ``/openapi.json``); the pages use these same endpoints."""

from __future__ import annotations

import json
from typing import Literal

from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from plmscope.errors import PlmscopeInputError
from plmscope.version import __version__
from plmscope.web.diary import parse_diary
from plmscope.web.questionnaire import answers_from_replies, form_sections, walk_replies
from plmscope.web.service import WebError, add_without_recording, parse_date
from plmscope.web.upload_stream import FORM_OVERHEAD, BadForm, UploadTooLarge, receive_form

router = APIRouter(prefix="/api")

UPLOAD_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "required": ["file"],
                    "properties": {
                        "file": {
                            "type": "array", "items": {"type": "string", "format": "binary"},
                            "description": "One EDF/EDF+/BDF recording, or one or two accelerometer files "
                            "(.gt3x, .cwa, GENEActiv .bin, ActiLife RAW CSV, time,x,y,z CSV).",
                        },
                        "legs": {"type": "string", "description": "Which leg each accelerometer file is, "
                                 "in order: 'left', 'right' or 'left,right' (default left, then right)."},
                        "hypnogram": {"type": "string", "format": "binary",
                                      "description": "Optional hypnogram (CSV onset,duration,stage or one stage per line)."},
                        "events": {"type": "array", "items": {"type": "string", "format": "binary"},
                                   "description": "Optional event files (CSV onset,duration,event[,leg], NSRR XML, EDF+)."},
                        "date": {"type": "string", "format": "date",
                                 "description": "The night of (YYYY-MM-DD); default: the recording's evening."},
                        "rules": {"type": "string", "enum": ["wasm2016", "aasm"], "default": "wasm2016"},
                    },
                }
            }
        },
    }
}  # fmt: skip


def _web(request: Request):
    return request.app.state.web


def size_text(n: int) -> str:
    """Bytes in words: ``2 GB``, ``500 MB``."""
    for unit, size in (("GB", 1024**3), ("MB", 1024**2), ("KB", 1024)):
        if n >= size:
            return f"{n / size:.3g} {unit}"
    return f"{n} bytes"


def night_json(web, night: dict, full: bool = False) -> dict:
    """A night as the API shows it (``full``: with its result, diary and questionnaire)."""
    out = {
        "id": night["id"],
        "date": night["date"],
        "kind": night["kind"],
        "status": night["status"],
        "error": night["error"],
        "plms_index": night["plms_index"],
        "lms_index": night["lms_index"],
        "notes": night["notes"],
    }
    if not full:
        return out
    store = web.store
    latest = store.latest_assessment(night["id"])
    return {
        **out,
        "rules": night["rules"],
        "progress": {"stage": night["stage"], "fraction": night["progress"]} if night["status"] == "scoring" else None,
        "upload_kept": bool(night["kept_files"]),
        "result": store.result(night["id"]) if night["status"] == "done" and night["kind"] != "none" else None,
        "diary": store.diary(night["id"]),
        "assessment": latest["result"] if latest else None,
    }


@router.get("/health")
def health(request: Request) -> dict:
    """The server is up: its version and how many jobs wait."""
    return {"ok": True, "version": __version__, "waiting_jobs": _web(request).runner.waiting}


@router.post("/nights", status_code=202, openapi_extra=UPLOAD_BODY)
async def upload_night(request: Request) -> JSONResponse:
    """Upload a night (multipart): it is checked, kept under a server name, and queued for scoring.

    Returns ``202 {"id": ...}``; follow ``GET /api/nights/{id}`` until its status is
    ``done`` or ``error``. 413 over the size limit, 415 for a file of a kind not taken, 422 for
    a broken one or a form that makes no night.
    """
    web = _web(request)
    limit = web.config.max_upload
    too_large = f"the upload is larger than this server's limit of {size_text(limit)} (plmscope serve --max-upload)"
    length = request.headers.get("content-length", "")
    if length.isdigit() and int(length) > limit + FORM_OVERHEAD:
        raise WebError(413, too_large)
    try:
        form = await receive_form(request.stream(), request.headers.get("content-type"), web.incoming, limit)
    except UploadTooLarge:
        raise WebError(413, too_large) from None
    except BadForm as exc:
        raise WebError(exc.status, str(exc)) from None
    night_id = await run_in_threadpool(web.service.add_upload, form)
    return JSONResponse(
        {"id": night_id, "status": "queued"}, status_code=202, headers={"Location": f"/api/nights/{night_id}"}
    )


class WithoutRecording(BaseModel):
    date: str | None = Field(None, description="The night of (YYYY-MM-DD); default last night.")
    diary: dict = Field(default_factory=dict, description="The diary entry (see PUT /api/nights/{id}/diary).")


@router.post("/nights/without-recording", status_code=201)
def add_night_without_recording(request: Request, body: WithoutRecording) -> dict:
    """A night with no device: its date and what the diary (and the partner) say."""
    web = _web(request)
    diary = _checked(parse_diary, body.diary)
    return {"id": add_without_recording(web.store, body.date, diary)}


@router.get("/nights")
def list_nights(request: Request) -> list[dict]:
    """Every night: id, date, kind, status, PLMS index, LMS index, notes."""
    web = _web(request)
    return [night_json(web, night) for night in web.store.nights()]


@router.get("/nights/{night_id}")
def get_night(request: Request, night_id: int) -> dict:
    """One night: its status (``queued``, ``scoring``, ``done``, ``error``), error, progress and result."""
    web = _web(request)
    return night_json(web, web.service.require(night_id), full=True)


class NightPatch(BaseModel):
    date: str | None = Field(None, description="The night of (YYYY-MM-DD).")


@router.patch("/nights/{night_id}")
def patch_night(request: Request, night_id: int, body: NightPatch) -> dict:
    """Change a night's date."""
    web = _web(request)
    web.service.require(night_id)
    if body.date is not None:
        web.store.update_night(night_id, date=parse_date(body.date))
    return night_json(web, web.service.require(night_id))


@router.delete("/nights/{night_id}", status_code=204)
def delete_night(request: Request, night_id: int) -> Response:
    """Delete a night with its result, notes, diary, questionnaires and stored upload."""
    _web(request).service.delete(night_id)
    return Response(status_code=204)


class Notes(BaseModel):
    notes: str = Field(max_length=20_000)


@router.put("/nights/{night_id}/notes")
def put_notes(request: Request, night_id: int, body: Notes) -> dict:
    """Replace the night's notes (plain text)."""
    web = _web(request)
    web.service.require(night_id)
    web.store.update_night(night_id, notes=body.notes.strip())
    return {"id": night_id, "notes": body.notes.strip()}


@router.put("/nights/{night_id}/diary")
def put_diary(request: Request, night_id: int, body: dict) -> dict:
    """Replace the night's diary entry (caffeine, alcohol, stress, ..., what the partner noticed)."""
    web = _web(request)
    web.service.require(night_id)
    diary = _checked(parse_diary, body)
    web.store.set_diary(night_id, diary)
    return {"id": night_id, "diary": diary}


class Rescore(BaseModel):
    rules: Literal["wasm2016", "aasm"] | None = None


@router.post("/nights/{night_id}/rescore", status_code=202)
def rescore(request: Request, night_id: int, body: Rescore | None = None) -> dict:
    """Score a night again from its kept upload (after an error, or with other rules)."""
    _web(request).service.rescore(night_id, body.rules if body else None)
    return {"id": night_id, "status": "queued"}


def _download_name(night: dict, ext: str) -> str:
    return f"plmscope-night-{night['date'] or night['id']}-{night['id']}.{ext}"


def _scored_night(web, night_id: int) -> tuple[dict, dict]:
    night = web.service.require(night_id)
    result = web.store.result(night_id) if night["status"] == "done" else None
    if result is None:
        raise WebError(409, f"night {night_id} has no result yet (status: {night['status']})")
    return night, result


@router.get("/nights/{night_id}/result.json")
def download_json(request: Request, night_id: int) -> Response:
    """The result as ``plmscope score --json`` writes it."""
    night, result = _scored_night(_web(request), night_id)
    return Response(
        json.dumps(result, indent=2, allow_nan=False) + "\n", media_type="application/json",
        headers={"Content-Disposition": f'attachment; filename="{_download_name(night, "json")}"'},
    )


@router.get("/nights/{night_id}/movements.csv")
def download_csv(request: Request, night_id: int) -> Response:
    """The per-movement table, as ``plmscope score --csv`` writes it."""
    from plmscope.export.result import movements_csv
    from plmscope.pipeline import NightScore

    night, result = _scored_night(_web(request), night_id)
    return Response(
        movements_csv(NightScore.from_dict(result)), media_type="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{_download_name(night, "csv")}"'},
    )


@router.get("/nights/{night_id}/report.pdf")
async def download_pdf(request: Request, night_id: int) -> Response:
    """The night report as an A4 PDF (needs weasyprint: ``pip install 'plmscope[pdf]'``)."""
    web = _web(request)
    night = web.service.require(night_id)
    try:
        pdf = await web.service.report_pdf(night_id)
    except PlmscopeInputError as exc:
        raise WebError(501, str(exc)) from None
    return Response(
        pdf, media_type="application/pdf",
        headers={"Content-Disposition": f'attachment; filename="{_download_name(night, "pdf")}"'},
    )


@router.get("/questions")
def questions(who: Literal["self", "partner"] = "self") -> list[dict]:
    """The questionnaire by section, worded for the sleeper (``self``) or a bed partner.

    Each question has its ``ask_if``/``skip_if`` conditions and ``shown`` (whether it applies
    before any reply); ``POST /api/questions/check`` says which apply given replies.
    Questions for answer files only are not listed (the terminal does not ask them either).
    """
    return form_sections(partner=who == "partner")


Replies = dict[str, str | bool | int | float | list[str | int | None] | None]
REPLIES_HELP = (
    "Typed replies by question id, as in the terminal ('y', '42', 'every 30 seconds', 'legs, arms'); "
    "a list of item scores for a scale, or of body parts."
)


class RepliesIn(BaseModel):
    respondent: Literal["self", "partner"] = "self"
    replies: Replies = Field(default_factory=dict, description=REPLIES_HELP)


@router.post("/questions/check")
def check_replies(body: RepliesIn) -> dict:
    """Which questions apply given the replies so far, and which replies do not fit (and why).

    The questionnaire page calls this as the replies change: the conditions and the reply
    parsing are the terminal's, in one place.
    """
    walk = walk_replies(body.replies, partner=body.respondent == "partner")
    return {"shown": list(walk.shown), "problems": walk.problems, "notes": list(walk.notes)}


class AssessmentIn(BaseModel):
    night_id: int | None = Field(None, description="The night the answers go with (its report shows them).")
    respondent: Literal["self", "partner"] = "self"
    replies: Replies | None = Field(None, description=REPLIES_HELP)
    answers: dict | None = Field(None, description="Answer values by question id (as in an answers file).")


@router.post("/assessments", status_code=201)
def post_assessment(request: Request, body: AssessmentIn) -> JSONResponse:
    """Answer the questionnaire (for a night or on its own); returns the findings.

    The findings join the night's report, as ``plmscope score --answers`` does.
    """
    from plmscope.assess import assess
    from plmscope.assess.loading import answers_from_mapping

    web = _web(request)
    partner = body.respondent == "partner"
    night_result, notes = None, []
    if body.night_id is not None:
        night = web.service.require(body.night_id)
        if night["kind"] != "none":
            if night["status"] != "done":
                raise WebError(409, f"night {body.night_id} is not scored yet (status: {night['status']})")
            night_result = web.store.result(body.night_id)
    if body.replies is not None:
        answers, problems, notes = answers_from_replies(body.replies, partner)
        if problems:
            return JSONResponse(
                {"error": "some answers do not fit: " + "; ".join(f"{k}: {v}" for k, v in problems.items()),
                 "fields": problems},
                status_code=422,
            )
    else:
        answers = _checked(answers_from_mapping, {**(body.answers or {}), "respondent": body.respondent})
    try:
        assessment = assess(answers, night=night_result)
    except PlmscopeInputError:
        assessment = assess(answers)  # the night holds nothing the questionnaire can use
        notes.append("the night's result holds no index the questionnaire can use: answers only")
    result = assessment.to_dict()
    assessment_id = web.store.add_assessment(
        body.night_id, body.respondent, answers.model_dump(mode="json", exclude_none=True), result
    )
    return JSONResponse(
        {"id": assessment_id, "night_id": body.night_id, "assessment": result, "notes": notes}, status_code=201
    )


class SettingsIn(BaseModel):
    keep_uploads: bool | None = Field(None, description="Keep uploaded files after scoring (default yes).")
    show_identity: bool | None = Field(
        None, description="Store and show EDF header identity and file names (default no)."
    )


@router.get("/settings")
def get_settings(request: Request) -> dict:
    web = _web(request)
    return {**web.store.settings(), "data_folder": str(web.store.folder)}


@router.put("/settings")
def put_settings(request: Request, body: SettingsIn) -> dict:
    web = _web(request)
    values = {k: v for k, v in body.model_dump().items() if v is not None}
    return {**web.store.set_settings(**values), "data_folder": str(web.store.folder)}


def _checked(parse, value):
    """Run a validating parser; its PlmscopeInputError becomes a 422 with its one line."""
    try:
        return parse(value)
    except PlmscopeInputError as exc:
        raise WebError(422, str(exc)) from None

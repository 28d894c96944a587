"""The nights service: accept an upload, queue its scoring, store the outcome, build pages.

It joins the store (what is kept) and the job runner (what runs in the worker processes);
the API and the pages call it. It holds no scoring logic: scoring is :func:`plmscope.score`,
pages are :func:`plmscope.report.build_report`, both run in :mod:`plmscope.web.worker`.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import secrets
from concurrent.futures import CancelledError, Future
from dataclasses import dataclass
from pathlib import Path

from plmscope.rules import get_rules
from plmscope.version import __version__
from plmscope.web import worker
from plmscope.web.jobs import PAGE, SCORE, JobRunner, WorkerDied
from plmscope.web.sniff import Damaged, Sniffed, Unsupported, sniff
from plmscope.web.store import StoredFile, Store
from plmscope.web.upload_stream import ReceivedFile, ReceivedForm

log = logging.getLogger("plmscope.web")

LEGS = ("left", "right")
MAX_EVENT_FILES = 4
INTERRUPTED = "scoring was interrupted and the upload is no longer kept: upload the night again"


class WebError(Exception):
    """A request the server refuses, with its HTTP status and a one-line reason."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
        self.message = message


@dataclass(frozen=True)
class Accepted:
    """An upload checked and ready to store: the night's kind and its files by role."""

    kind: str
    files: tuple[tuple[str, ReceivedFile, Sniffed], ...]
    date: str | None
    rules: str


def _sniffed(received: ReceivedFile) -> Sniffed:
    try:
        return sniff(received.path)
    except Unsupported as exc:
        raise WebError(415, f"{received.client_name}: {exc}") from None
    except Damaged as exc:
        raise WebError(422, f"{received.client_name}: {exc}") from None


def parse_legs(text: str | None, count: int) -> list[str]:
    """The ``legs`` field (``left,right``) for ``count`` accelerometer files.

    >>> parse_legs(None, 2), parse_legs("right", 1)
    (['left', 'right'], ['right'])
    """
    if not text:
        return list(LEGS[:count])
    legs = [part.strip().lower() for part in text.split(",") if part.strip()]
    if any(leg not in LEGS for leg in legs) or len(set(legs)) != len(legs):
        raise WebError(422, f"legs must name each file's leg once, left or right (e.g. legs=left,right), got {text!r}")
    if len(legs) != count:
        raise WebError(422, f"legs names {len(legs)} leg(s) for {count} accelerometer file(s)")
    return legs


def parse_date(text: str | None) -> str | None:
    """A night's date as YYYY-MM-DD (None when not given)."""
    if not text or not text.strip():
        return None
    try:
        return dt.date.fromisoformat(text.strip()).isoformat()
    except ValueError:
        raise WebError(422, f"date must be YYYY-MM-DD, got {text.strip()[:40]!r}") from None


def parse_rules(text: str | None) -> str:
    name = (text or "wasm2016").strip().lower()
    try:
        get_rules(name)
    except ValueError as exc:
        raise WebError(422, str(exc)) from None
    return name


def check_upload(form: ReceivedForm) -> Accepted:
    """Which night the form's files make, or the reason it makes none (415/422)."""
    main = form.files_of("file")
    if not main:
        raise WebError(422, "no recording: send it in the form field 'file'")
    unknown = sorted({f.field for f in form.files} - {"file", "hypnogram", "events"})
    if unknown:
        raise WebError(422, f"unknown file field(s): {', '.join(unknown)} (use file, hypnogram, events)")
    kinds = [(received, _sniffed(received)) for received in main]
    families = {s.family for _r, s in kinds}
    if families == {"recording"}:
        if len(main) > 1:
            raise WebError(422, "one EDF/BDF recording per night (two files are for two accelerometers)")
        kind, roles = "psg", ["recording"]
    elif families == {"accelerometer"}:
        if len(main) > 2:
            raise WebError(422, "at most two accelerometer files per night (one per leg)")
        kind, roles = "accelerometer", parse_legs(form.value("legs"), len(main))
    else:
        table = next((r for r, s in kinds if s.family == "table"), None)
        if table is not None:
            raise WebError(
                415, f"{table.client_name}: is text, not an EDF/EDF+/BDF recording or an accelerometer "
                "file (a hypnogram or events table goes in the field 'hypnogram' or 'events')"
            )
        raise WebError(422, "a night is one EDF/BDF recording or one/two accelerometer files, not both")
    files = [(role, received, sniffed) for role, (received, sniffed) in zip(roles, kinds)]
    hypnograms, events = form.files_of("hypnogram"), form.files_of("events")
    if len(hypnograms) > 1:
        raise WebError(422, "one hypnogram file per night")
    if len(events) > MAX_EVENT_FILES:
        raise WebError(422, f"at most {MAX_EVENT_FILES} events files per night")
    for role, received in [*(("hypnogram", h) for h in hypnograms), *(("events", e) for e in events)]:
        sniffed = _sniffed(received)
        if sniffed.family == "accelerometer" or (role == "hypnogram" and sniffed.family == "recording"):
            raise WebError(415, f"{received.client_name}: is not a {role} file (CSV, text or XML)")
        files.append((role, received, sniffed))
    return Accepted(kind, tuple(files), parse_date(form.value("date")), parse_rules(form.value("rules")))


class NightService:
    """Uploads in, nights scored in the worker pool, results and pages out."""

    def __init__(self, store: Store, runner: JobRunner):
        self.store = store
        self.runner = runner

    # --- uploads and scoring --------------------------------------------------------------
    def add_upload(self, form: ReceivedForm) -> int:
        """Check a received form, keep its files under server names, store the night, queue it."""
        try:
            accepted = check_upload(form)
            settings = self.store.settings()
            stored = self._keep(accepted)
        except BaseException:
            form.discard()
            raise
        label = accepted.files[0][1].client_name if settings["show_identity"] else None
        try:
            night_id = self.store.add_night(
                kind=accepted.kind, date=accepted.date, rules=accepted.rules, label=label, files=stored
            )
        except BaseException:
            for item in stored:
                (self.store.uploads / item.file).unlink(missing_ok=True)
            raise
        self.queue(night_id)
        return night_id

    def _keep(self, accepted: Accepted) -> tuple[StoredFile, ...]:
        """Move the received files to their final, server-chosen names in uploads/."""
        kept = []
        for role, received, sniffed in accepted.files:
            name = f"{secrets.token_hex(12)}{sniffed.extension}"
            received.path.replace(self.store.uploads / name)
            kept.append(StoredFile(role, name, sniffed.format, received.size))
        return tuple(kept)

    def queue(self, night_id: int) -> None:
        """Hand a night to the worker pool; the outcome is stored when it comes back."""
        night = self.store.night(night_id)
        files = self.store.files(night_id)
        if night is None or not files:
            return
        paths = [(f.role, str(self.store.uploads / f.file)) for f in files]
        future = self.runner.submit(
            SCORE, worker.score_job, str(self.store.folder), night_id, night["kind"], paths, night["rules"],
            bool(self.store.settings()["show_identity"]),
        )
        future.add_done_callback(lambda done: self._scored(night_id, done))

    def _scored(self, night_id: int, future: Future) -> None:
        try:
            outcome = future.result()
        except CancelledError:
            return  # shutting down: the night stays queued/scoring and is re-queued at the next start
        except WorkerDied as exc:
            self.store.set_status(night_id, "error", error=f"{exc}; re-score it from its page", only_from=("queued", "scoring"))
            return
        except Exception:
            log.exception("night %s: the scoring job failed", night_id)
            self.store.set_status(night_id, "error", error=worker.INTERNAL_ERROR, only_from=("queued", "scoring"))
            return
        if outcome.get("skipped"):
            return
        if not outcome["ok"]:
            self.store.set_status(night_id, "error", error=outcome["error"], only_from=("queued", "scoring"))
            return
        removed = self.store.save_result(
            night_id, outcome["result"], date=outcome["date"] or _today(), identity=outcome["identity"]
        )
        if removed is not None:
            log.info("night %s scored in %.1f s", night_id, outcome["seconds"])
            _remove(removed)

    def rescore(self, night_id: int, rules: str | None = None) -> None:
        night = self.require(night_id)
        if night["kind"] == "none":
            raise WebError(409, "this night has no recording to score")
        if night["status"] in ("queued", "scoring"):
            raise WebError(409, "this night is already being scored")
        if not self.store.files(night_id):
            raise WebError(409, "the upload of this night is no longer kept: upload the night again")
        if rules:
            with self.store.transaction() as con:
                con.execute("UPDATE nights SET rules = ? WHERE id = ?", (parse_rules(rules), night_id))
        self.store.set_status(night_id, "queued")
        self.queue(night_id)

    def recover(self) -> tuple[int, int]:
        """After a stop or crash: re-queue interrupted nights whose upload is kept; the rest is error."""
        queued = failed = 0
        for night_id in self.store.interrupted():
            if self.store.files(night_id):
                self.store.set_status(night_id, "queued")
                self.queue(night_id)
                queued += 1
            else:
                self.store.set_status(night_id, "error", error=INTERRUPTED)
                failed += 1
        return queued, failed

    def clean_incoming(self, incoming: Path) -> None:
        """Remove partial uploads a stop left behind, and upload files no night refers to."""
        if incoming.is_dir():
            _remove(list(incoming.glob("*.part")))
        known = self.store.known_files()
        _remove([p for p in self.store.uploads.iterdir() if p.is_file() and p.name not in known])

    # --- nights ---------------------------------------------------------------------------
    def require(self, night_id: int) -> dict:
        night = self.store.night(night_id)
        if night is None:
            raise WebError(404, f"no night {night_id}")
        return night

    def delete(self, night_id: int) -> None:
        files = self.store.delete_night(night_id)
        if files is None:
            raise WebError(404, f"no night {night_id}")
        _remove(files)

    def report_key(self, night: dict, assessment: dict | None) -> str:
        show = self.store.settings()["show_identity"]
        return f"{__version__}|a{assessment['id'] if assessment else 0}|i{int(show)}|f{night['kept_files']}"

    async def report_html(self, night_id: int) -> str:
        """The night's report page (built in a worker process once, then kept until it changes)."""
        night = self.require(night_id)
        if night["status"] != "done" or night["kind"] == "none":
            raise WebError(409, f"night {night_id} has no report yet (status: {night['status']})")
        assessment = self.store.latest_assessment(night_id)
        key = self.report_key(night, assessment)
        cached = self.store.cached_report(night_id, key)
        if cached is not None:
            return cached
        show_identity = bool(self.store.settings()["show_identity"])
        identity = _json_or_none(night["identity"]) if show_identity else None
        paths = [(f.role, str(self.store.uploads / f.file)) for f in self.store.files(night_id)]
        job = self.runner.submit(
            PAGE, worker.report_job, self.store.result(night_id), night["kind"], paths,
            assessment["result"] if assessment else None, show_identity, identity,
        )
        html = await asyncio.wrap_future(job)
        self.store.cache_report(night_id, key, html)
        return html

    async def report_pdf(self, night_id: int) -> bytes:
        html = await self.report_html(night_id)
        return await asyncio.wrap_future(self.runner.submit(PAGE, worker.pdf_job, html))


def _json_or_none(text: str | None) -> dict | None:
    import json

    return json.loads(text) if text else None


def _today() -> str:
    """The date of last night's evening, for a night whose recording carries no date."""
    return (dt.datetime.now() - dt.timedelta(hours=12)).date().isoformat()


def _remove(paths: list[Path]) -> None:
    for path in paths:
        try:
            path.unlink(missing_ok=True)
        except OSError as exc:  # pragma: no cover - e.g. permissions changed under us
            log.warning("could not remove an upload file: %s", exc.strerror)


def add_without_recording(store: Store, date: str | None, diary: dict) -> int:
    """A night with no device at all: its date and diary (what the partner noticed)."""
    night_id = store.add_night(kind="none", date=parse_date(date) or _today(), status="done")
    if diary:
        store.set_diary(night_id, diary)
    return night_id

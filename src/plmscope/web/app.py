"""The web app factory: ``create_app(WebConfig(...))`` -> a FastAPI app (``plmscope serve`` runs it).

On start it opens (and migrates) the nights database, starts the worker pool, removes partial
uploads a stop left behind and re-queues nights a stop or crash interrupted; on stop it ends
the pool (a night being scored then stays queued and is scored at the next start).
"""

from __future__ import annotations

import contextlib
import logging
from dataclasses import dataclass
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from plmscope.errors import PlmscopeInputError
from plmscope.version import __version__
from plmscope.web import worker
from plmscope.web.api import router as api_router
from plmscope.web.config import WebConfig
from plmscope.web.jobs import JobRunner
from plmscope.web.pages import error_page
from plmscope.web.pages import router as page_router
from plmscope.web.security import Guard
from plmscope.web.service import NightService, WebError
from plmscope.web.store import Store

log = logging.getLogger("plmscope.web")
STATIC = Path(__file__).parent / "static"
INTERNAL = "internal error (the server's log has the details)"


@dataclass
class WebState:
    """What the routes share: the configuration, the store, the worker pool, the service."""

    config: WebConfig
    store: Store
    runner: JobRunner
    service: NightService

    @property
    def incoming(self) -> Path:
        return self.store.uploads / ".incoming"


def create_app(config: WebConfig) -> FastAPI:
    """The plmscope web app for ``config`` (its store is opened when the app starts)."""

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI):
        store = Store(config.data)
        runner = JobRunner(config.workers)
        service = NightService(store, runner)
        state = WebState(config, store, runner, service)
        app.state.web = state
        service.clean_incoming(state.incoming)
        if config.warm_up:
            runner.warm_up(worker.warm_up)
        queued, failed = service.recover()
        if queued or failed:
            log.warning("%d interrupted night(s) queued again, %d could not be (upload gone)", queued, failed)
        try:
            yield
        finally:
            runner.shutdown(wait=False)

    app = FastAPI(
        title="plmscope",
        version=__version__,
        summary="Leg movements during sleep, on this computer: upload a night, answer the questions, "
        "read the report, follow the nights.",
        lifespan=lifespan,
        docs_url="/api/docs",
        redoc_url=None,
    )
    app.include_router(api_router)
    app.include_router(page_router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.add_middleware(Guard, token=config.token, loopback=config.loopback)
    _handlers(app)
    return app


def _is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/") or "text/html" not in request.headers.get("accept", "")


def _error(request: Request, status: int, message: str):
    if _is_api(request):
        return JSONResponse({"error": message}, status_code=status)
    return HTMLResponse(error_page(status, message), status_code=status)


def _handlers(app: FastAPI) -> None:
    @app.exception_handler(WebError)
    async def web_error(request: Request, exc: WebError):
        return _error(request, exc.status, exc.message)

    @app.exception_handler(PlmscopeInputError)
    async def input_error(request: Request, exc: PlmscopeInputError):
        return _error(request, 422, str(exc).splitlines()[0])

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        message = exc.detail if isinstance(exc.detail, str) else "request refused"
        if exc.status_code == 404 and message == "Not Found":
            message = f"nothing at {request.url.path}"
        return _error(request, exc.status_code, message)

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError):
        problems = []
        for err in exc.errors()[:5]:
            where = ".".join(str(p) for p in err.get("loc", ()) if p not in ("body", "query", "path"))
            problems.append(f"{where or 'request'}: {str(err.get('msg', 'invalid')).lower()}")
        return _error(request, 422, "; ".join(problems))

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception):
        log.error("unexpected error on %s %s", request.method, request.url.path, exc_info=exc)
        return _error(request, 500, INTERNAL)

"""The local web app (``plmscope serve``): upload a night, answer the questions, read the report,
follow the nights and what went with them — in a browser, on this computer, nothing sent anywhere.

- ``app``: :func:`create_app` (FastAPI), its start and stop, error handling.
- ``api`` / ``pages``: the JSON API (``/openapi.json``) and the server-rendered pages.
- ``store`` / ``migrations``: the nights database (SQLite, WAL) and its schema versions.
- ``upload_stream`` / ``sniff``: uploads streamed to disk within a limit; what a file really is.
- ``jobs`` / ``worker``: the process pool and what runs in it (``plmscope.score``, the report).
- ``service``: joins them; ``diary``, ``questionnaire``, ``trend``, ``chart``: the pages' data.
- ``security``: the token, Host and Origin checks.

The web layer adds no scoring logic: it calls :func:`plmscope.score`, reads results back with
:meth:`plmscope.NightScore.from_dict` and draws reports with :func:`plmscope.report.build_report`.
"""

from plmscope.web.app import create_app
from plmscope.web.config import WebConfig

__all__ = ["WebConfig", "create_app"]

"""``plmscope serve``: the local web app (upload, questionnaire, report, nights over time)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, Optional

import typer

from plmscope.errors import PlmscopeInputError

SIZE_UNITS = {"": 1, "b": 1, "k": 1024, "kb": 1024, "m": 1024**2, "mb": 1024**2, "g": 1024**3, "gb": 1024**3}


def parse_size(text: str) -> int:
    """``2GB``, ``500 MB``, ``1.5g`` or a number of bytes -> bytes.

    >>> parse_size("2GB"), parse_size("500 mb"), parse_size("1024")
    (2147483648, 524288000, 1024)
    """
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([a-zA-Z]*)\s*", text)
    unit = match[2].lower() if match else ""
    if not match or unit not in SIZE_UNITS or float(match[1]) <= 0:
        raise PlmscopeInputError(f"--max-upload must be a size such as 2GB or 500MB, got {text!r}")
    return int(float(match[1]) * SIZE_UNITS[unit])


def default_data_folder() -> Path:
    """The per-user app data folder (platformdirs), e.g. ~/.local/share/plmscope."""
    from platformdirs import user_data_path

    return user_data_path("plmscope", appauthor=False)


def serve(
    data: Annotated[
        Optional[Path], typer.Option(help="Folder for the nights database and uploads. Default: the user's app data folder.")
    ] = None,
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8765,
    host: Annotated[
        str,
        typer.Option(help="Address to listen on. Other than 127.0.0.1/localhost, a token is required on every request."),
    ] = "127.0.0.1",
    token: Annotated[
        Optional[str], typer.Option(help="The token to require (default: generated and printed, when --host is not loopback).")
    ] = None,
    max_upload: Annotated[str, typer.Option(help="Largest upload accepted, e.g. 2GB or 500MB.")] = "2GB",
    workers: Annotated[
        Optional[int], typer.Option(help="Scoring processes (default: one per core).", min=1, max=64)
    ] = None,
) -> None:
    """Start the web app: upload a night, answer the questions, read the report, follow the nights.

    It runs on this computer and sends nothing anywhere. Example: [bold]plmscope serve[/bold],
    then open the address it prints.
    """
    import secrets

    from rich.console import Console

    from plmscope.web.config import WebConfig, is_loopback

    limit = parse_size(max_upload)
    folder = (data or default_data_folder()).expanduser()
    if folder.exists() and not folder.is_dir():
        raise PlmscopeInputError("is a file; --data needs a folder", path=str(folder))
    if not 0 < port < 65536:
        raise PlmscopeInputError(f"--port must be 1-65535, got {port}")
    loopback = is_loopback(host)
    if token is not None and len(token) < 8:
        raise PlmscopeInputError("--token must be at least 8 characters")
    if not loopback and token is None:
        token = secrets.token_urlsafe(24)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise PlmscopeInputError(f"cannot create the data folder ({exc.strerror})", path=str(folder)) from None
    sock = _bind(host, port)
    config = WebConfig(data=folder, host=host, port=port, token=token, max_upload=limit, workers=workers)
    shown_host = f"[{host}]" if ":" in host else host
    address = f"http://{'127.0.0.1' if host in ('0.0.0.0', '::') else shown_host}:{port}/"
    console = Console()
    console.print(f"plmscope web app — data folder: [bold]{folder}[/bold]", highlight=False, soft_wrap=True)
    if token:
        console.print(f"Open [bold]{address}?token={token}[/bold]", highlight=False, soft_wrap=True)
        if not loopback:
            console.print(
                f"[yellow]Listening on {host}: other machines that can reach it may connect; the token is "
                "required on every request.[/yellow]",
                highlight=False,
            )
    else:
        console.print(f"Open [bold]{address}[/bold] (only this computer can reach it)", highlight=False)
    console.print("Press Ctrl+C to stop.", style="dim")
    run(config, sock)


def _bind(host: str, port: int):
    """The listening socket, bound now, so a port in use is one clear line."""
    import socket

    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        if exc.errno in (98, 48):  # EADDRINUSE (Linux, macOS)
            raise PlmscopeInputError(f"port {port} is in use on {host}: choose another with --port") from None
        raise PlmscopeInputError(f"cannot listen on {host}:{port} ({exc.strerror})") from None
    return sock


def run(config, sock) -> None:
    """Serve ``config`` on the bound socket until Ctrl+C."""
    import logging

    import uvicorn

    from plmscope.web import create_app

    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(message)s")
    server = uvicorn.Server(
        uvicorn.Config(create_app(config), log_level="warning", access_log=False, timeout_graceful_shutdown=5)
    )
    server.run(sockets=[sock])

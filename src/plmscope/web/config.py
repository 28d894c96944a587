"""How a web app instance is set up (the ``plmscope serve`` options, as plain data)."""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from pathlib import Path

DEFAULT_PORT = 8765
DEFAULT_MAX_UPLOAD = 2 * 1024**3  # 2 GB
LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1")


def is_loopback(host: str) -> bool:
    """True for localhost and addresses in 127.0.0.0/8 or ::1.

    >>> is_loopback("127.0.0.1"), is_loopback("localhost"), is_loopback("0.0.0.0")
    (True, True, False)
    """
    if host.strip("[]").lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


@dataclass(frozen=True)
class WebConfig:
    """One server: its data folder, where it listens, its limits and its token (if any)."""

    data: Path
    host: str = "127.0.0.1"
    port: int = DEFAULT_PORT
    token: str | None = None  # required on every request when set
    max_upload: int = DEFAULT_MAX_UPLOAD
    workers: int | None = None  # default: one per core
    warm_up: bool = True  # start the worker processes at once

    @property
    def loopback(self) -> bool:
        return is_loopback(self.host)

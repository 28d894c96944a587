"""Fixtures: short simulated nights written as EDF+, an app on a temporary data folder, a real
server process on loopback (for the browser, the restart and the load tests)."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from plmscope.simulate import simulate_night, write_simulation

LOOPBACK = "http://127.0.0.1:8765"


@pytest.fixture(scope="session")
def nights_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("nights")


def simulated(folder: Path, name: str, profile: str, seed: int, hours: float, **options) -> Path:
    """A simulated night written as EDF+ (its hypnogram inside)."""
    path, _truth = write_simulation(simulate_night(profile, seed=seed, hours=hours), folder / name, **options)
    return path


@pytest.fixture(scope="session")
def short_night(nights_dir) -> Path:
    """A 15-minute PLMD night (PLM series on both legs)."""
    return simulated(nights_dir, "short-plmd.edf", "plmd", 11, 0.25)


@pytest.fixture(scope="session")
def quiet_night(nights_dir) -> Path:
    """A 15-minute healthy night (few leg movements), another seed and profile."""
    return simulated(nights_dir, "short-healthy.edf", "healthy", 12, 0.25)


@pytest.fixture(scope="session")
def two_hour_night(nights_dir) -> Path:
    """A 2-hour PLMD night: long enough to be caught while it is being scored."""
    return simulated(nights_dir, "two-hours.edf", "plmd", 21, 2.0)


@pytest.fixture(scope="session")
def no_legs_night(nights_dir) -> Path:
    """A well-formed EDF+ whose channels are not leg EMG (reading it fails with a clear error)."""
    return simulated(nights_dir, "no-legs.edf", "healthy", 13, 0.25, labels=("Fp1", "Fp2"))


def make_client(data: Path, **options):
    """A TestClient on a fresh app (use as a context manager: that starts and stops the app)."""
    from fastapi.testclient import TestClient

    from plmscope.web import WebConfig, create_app

    options.setdefault("workers", 1)
    options.setdefault("warm_up", False)
    raise_errors = options.pop("raise_server_exceptions", True)
    base = options.pop("base_url", LOOPBACK)
    return TestClient(create_app(WebConfig(data=data, **options)), base_url=base, raise_server_exceptions=raise_errors)


def wait_for(client, night_id: int, timeout: float = 90.0, statuses=("done", "error")) -> dict:
    """Poll a night until it reaches one of ``statuses``."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        night = client.get(f"/api/nights/{night_id}").json()
        if night["status"] in statuses:
            return night
        time.sleep(0.1)
    raise AssertionError(f"night {night_id} still {night['status']} after {timeout} s")


def upload(client, path: Path, name: str | None = None, **fields):
    with path.open("rb") as fh:
        return client.post("/api/nights", files={"file": (name or path.name, fh)}, data=fields or None)


@pytest.fixture(scope="module")
def scored(tmp_path_factory, short_night):
    """One app (module-wide) with the short night uploaded and scored: (client, night id, data folder)."""
    data = tmp_path_factory.mktemp("web-data")
    with make_client(data) as client:
        response = upload(client, short_night)
        assert response.status_code == 202, response.text
        night = wait_for(client, response.json()["id"])
        assert night["status"] == "done", night
        yield client, night["id"], data


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class ServerProcess:
    """``plmscope serve`` as its own process on loopback (started and stopped by the test)."""

    def __init__(self, data: Path, port: int | None = None, workers: int = 2, extra: tuple[str, ...] = ()):
        self.data, self.port, self.workers, self.extra = data, port or free_port(), workers, extra
        self.process: subprocess.Popen | None = None
        self.log = data.parent / f"server-{self.port}.log"

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 60.0) -> ServerProcess:
        import httpx

        command = [
            sys.executable, "-m", "plmscope", "serve", "--data", str(self.data), "--port", str(self.port),
            "--workers", str(self.workers), *self.extra,
        ]
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        self._log = self.log.open("ab")
        self.process = subprocess.Popen(command, stdout=self._log, stderr=subprocess.STDOUT, env=env, start_new_session=True)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"the server stopped at start:\n{self.log.read_text()}")
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(self.url + "/api/health", timeout=2).status_code == 200:
                    return self
            time.sleep(0.2)
        raise AssertionError(f"the server did not answer in {timeout} s:\n{self.log.read_text()}")

    def children(self) -> list[int]:
        """Process ids of the server's worker processes."""
        found = []
        for status in Path("/proc").glob("[0-9]*/status"):
            with contextlib.suppress(OSError):
                fields = dict(line.split(":\t", 1) for line in status.read_text().splitlines() if ":\t" in line)
                if int(fields.get("PPid", "0").strip()) == self.process.pid:
                    found.append(int(status.parent.name))
        return found

    def peak_memory_mb(self) -> dict[str, float]:
        """Peak resident memory (VmHWM) of the server process and of its largest worker, in MB."""

        def hwm(pid: int) -> float:
            with contextlib.suppress(OSError):
                for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                    if line.startswith("VmHWM:"):
                        return int(line.split()[1]) / 1024
            return 0.0

        workers = [hwm(pid) for pid in self.children()]
        return {"server": hwm(self.process.pid), "worker_max": max(workers, default=0.0), "child_processes": len(workers)}

    def kill(self) -> None:
        """SIGKILL the server and its workers (its own process group): a crash, as abrupt as it gets."""
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=30)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.kill()
        if getattr(self, "_log", None):
            self._log.close()


@pytest.fixture
def server_factory(tmp_path):
    started: list[ServerProcess] = []

    def start(data: Path | None = None, **options) -> ServerProcess:
        server = ServerProcess(data or tmp_path / "data", **options).start()
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()

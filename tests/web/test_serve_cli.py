"""``plmscope serve`` as a user runs it, and the server process as the crash tests need it."""

from __future__ import annotations

import json
import socket
import sqlite3
import subprocess
import sys
import time

import httpx
import pytest
from typer.testing import CliRunner

from plmscope.cli import app
from tests.web.conftest import upload, wait_for

runner = CliRunner()


def test_help_lists_the_options():
    result = runner.invoke(app, ["serve", "--help"])
    assert result.exit_code == 0
    for option in ("--data", "--port", "--host", "--token", "--max-upload", "--workers"):
        assert option in result.output


def test_the_command_module_imports_nothing_heavy():
    code = "import sys, plmscope.cli; print(sorted(m for m in ('fastapi', 'uvicorn', 'numpy', 'plmscope.web') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


@pytest.mark.parametrize(
    "argv, words",
    [
        (["serve", "--max-upload", "lots"], "--max-upload must be a size"),
        (["serve", "--data", "FILE"], "--data needs a folder"),
        (["serve", "--host", "0.0.0.0", "--token", "short"], "at least 8 characters"),
    ],
)
def test_bad_options_are_one_line_and_exit_2(tmp_path, capsys, argv, words):
    from plmscope.cli import main

    a_file = tmp_path / "plain.txt"
    a_file.write_text("x")
    with pytest.raises(SystemExit) as stopped:
        main([str(a_file) if arg == "FILE" else arg for arg in argv])
    err = capsys.readouterr().err
    assert stopped.value.code == 2 and words in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


def test_port_in_use_is_a_clear_error(tmp_path):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        completed = subprocess.run(
            [sys.executable, "-m", "plmscope", "serve", "--data", str(tmp_path), "--port", str(port)],
            capture_output=True, text=True, timeout=60,
        )
    assert completed.returncode == 2 and f"port {port} is in use" in completed.stderr


def test_kill_during_scoring_leaves_no_half_night_and_restart_finishes_it(tmp_path, server_factory, two_hour_night):
    data = tmp_path / "data"
    server = server_factory(data, workers=1)
    with httpx.Client(base_url=server.url, timeout=30) as client:
        ids = [upload(client, two_hour_night).json()["id"] for _ in range(3)]  # one scoring, two queued
        seen = set()
        deadline = time.monotonic() + 60
        while "scoring" not in seen and time.monotonic() < deadline:
            seen = {client.get(f"/api/nights/{i}").json()["status"] for i in ids}
            time.sleep(0.01)
    server.kill()  # SIGKILL the server and its worker in the middle of scoring a night
    assert "scoring" in seen
    with sqlite3.connect(data / "plmscope.sqlite3") as con:  # what a crash left on disk
        rows = con.execute(
            "SELECT n.status, r.night_id IS NOT NULL FROM nights n LEFT JOIN results r ON r.night_id = n.id"
        ).fetchall()
    assert all((status == "done") == has_result for status, has_result in rows), rows
    assert any(status in ("queued", "scoring") for status, _ in rows)
    restarted = server_factory(data, workers=1)
    with httpx.Client(base_url=restarted.url, timeout=30) as client:
        assert [n["id"] for n in client.get("/api/nights").json()] == ids
        nights = [wait_for(client, i) for i in ids]
        assert all(n["status"] == "done" and n["result"]["indices"]["plms_index"] > 15 for n in nights)
        assert len({json.dumps(n["result"], sort_keys=True) for n in nights}) == 1  # same night, same result


def test_restart_keeps_the_nights(tmp_path, server_factory, quiet_night):
    data = tmp_path / "data"
    first = server_factory(data, workers=1)
    with httpx.Client(base_url=first.url, timeout=30) as client:
        night_id = upload(client, quiet_night).json()["id"]
        night = wait_for(client, night_id)
        client.put(f"/api/nights/{night_id}/notes", json={"notes": "kept across restarts"})
    first.stop()
    assert first.process.returncode is not None
    second = server_factory(data, workers=1)
    deadline = time.monotonic() + 5
    with httpx.Client(base_url=second.url, timeout=30) as client:
        listed = client.get("/api/nights").json()
        assert [(n["id"], n["status"], n["notes"]) for n in listed] == [(night_id, "done", "kept across restarts")]
        assert client.get(f"/api/nights/{night_id}").json()["result"] == night["result"]
    assert time.monotonic() < deadline + 60

"""A bounded load test on loopback only: 20 uploads of a short night, 4 at a time, against a
real server process. All must succeed and none be lost; the time to result per night and the
peak memory of the server (and of its largest worker) are printed and, with
$PLMSCOPE_LOAD_REPORT, written there as JSON (the numbers are measurements, not assertions)."""

from __future__ import annotations

import json
import os
import statistics
import time
from concurrent.futures import ThreadPoolExecutor

import httpx

from tests.web.conftest import upload, wait_for

UPLOADS, AT_ONCE = 20, 4


def test_twenty_uploads_four_at_a_time(tmp_path, server_factory, short_night):
    server = server_factory(tmp_path / "data", workers=2)
    assert server.url.startswith("http://127.0.0.1:")

    def one(_n: int) -> dict:
        with httpx.Client(base_url=server.url, timeout=60) as client:
            started = time.perf_counter()
            response = upload(client, short_night)
            assert response.status_code == 202, response.text
            night = wait_for(client, response.json()["id"], timeout=240)
            return {"id": night["id"], "status": night["status"], "seconds": time.perf_counter() - started,
                    "plms_index": night["plms_index"]}

    wall = time.perf_counter()
    with ThreadPoolExecutor(AT_ONCE) as pool:
        outcomes = list(pool.map(one, range(UPLOADS)))
    wall = time.perf_counter() - wall
    memory = server.peak_memory_mb()

    assert [o["status"] for o in outcomes] == ["done"] * UPLOADS
    assert len({o["id"] for o in outcomes}) == UPLOADS
    assert len({o["plms_index"] for o in outcomes}) == 1  # the same night scores the same every time
    with httpx.Client(base_url=server.url, timeout=60) as client:
        listed = client.get("/api/nights").json()
    assert sorted(n["id"] for n in listed) == sorted(o["id"] for o in outcomes)
    assert all(n["status"] == "done" for n in listed)

    seconds = sorted(o["seconds"] for o in outcomes)
    report = {
        "uploads": UPLOADS, "at_once": AT_ONCE, "night_hours": 0.25, "workers": 2,
        "time_to_result_s": {"median": round(statistics.median(seconds), 2), "min": round(seconds[0], 2),
                             "max": round(seconds[-1], 2)},
        "wall_s": round(wall, 2), "nights_per_minute": round(60 * UPLOADS / wall, 1),
        "peak_memory_mb": {k: round(v, 1) if isinstance(v, float) else v for k, v in memory.items()},
    }  # fmt: skip
    print("\nload test:", json.dumps(report))
    if os.environ.get("PLMSCOPE_LOAD_REPORT"):
        with open(os.environ["PLMSCOPE_LOAD_REPORT"], "w") as fh:
            json.dump(report, fh, indent=2)
    assert memory["server"] > 0

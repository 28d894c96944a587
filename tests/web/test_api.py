"""The JSON API as a client uses it: upload, follow, read the result, notes, diary, delete."""

from __future__ import annotations

import json
import re
import time

import plmscope
from plmscope.pipeline import NightScore
from plmscope.report import build_report
from tests.web.conftest import make_client, upload, wait_for


def test_upload_is_scored_like_the_cli(scored, short_night):
    client, night_id, _data = scored
    night = client.get(f"/api/nights/{night_id}").json()
    assert night["status"] == "done" and night["error"] is None and night["kind"] == "psg"
    assert night["result"] == plmscope.score(short_night).to_dict()  # the CLI's --json, exactly
    assert night["plms_index"] == night["result"]["indices"]["plms_index"] > 15
    assert night["date"] == "2024-03-01"  # the evening the simulated recording began
    assert night["upload_kept"] is True and night["progress"] is None


def test_list_has_the_documented_keys(scored):
    client, night_id, _data = scored
    listed = client.get("/api/nights").json()
    assert [n["id"] for n in listed] == [night_id]
    assert {"id", "date", "kind", "status", "plms_index", "lms_index", "notes"} <= set(listed[0])


def without_generated_time(html: str) -> str:
    """The report without its "generated HH:MM UTC" stamp (two builds can straddle a minute)."""
    return re.sub(r"report generated \d{4}-\d\d-\d\d \d\d:\d\d UTC", "report generated …", html)


def test_report_page_is_the_cli_report_with_its_emg_panels(scored, short_night):
    client, night_id, _data = scored
    page = client.get(f"/nights/{night_id}/report")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    result = client.get(f"/api/nights/{night_id}/result.json").json()
    expected = build_report(NightScore.from_dict(result), signals=plmscope.load(short_night).legs)
    assert without_generated_time(page.text) == without_generated_time(expected)
    assert "not available when this report was made" not in page.text


def test_night_page_wraps_the_report_with_notes_and_downloads(scored):
    client, night_id, _data = scored
    page = client.get(f"/nights/{night_id}", headers={"accept": "text/html"}).text
    assert page.count("<h1>Leg movements during sleep</h1>") == 1
    for link in ("result.json", "movements.csv", "report.pdf"):
        assert f"/api/nights/{night_id}/{link}" in page
    assert 'id="notes"' in page and 'id="diary-form"' in page


def test_downloads(scored):
    client, night_id, _data = scored
    as_json = client.get(f"/api/nights/{night_id}/result.json")
    assert "attachment" in as_json.headers["content-disposition"]
    assert json.loads(as_json.text)["indices"]["plms_index"] is not None
    csv = client.get(f"/api/nights/{night_id}/movements.csv")
    assert csv.headers["content-type"].startswith("text/csv")
    rows = csv.text.strip().splitlines()
    assert rows[0].startswith("onset,offset") and len(rows) - 1 == len(as_json.json()["movements"])


def test_pdf_download(scored):
    client, night_id, _data = scored
    pdf = client.get(f"/api/nights/{night_id}/report.pdf")
    assert pdf.status_code == 200, pdf.text[:200]
    assert pdf.content.startswith(b"%PDF") and pdf.headers["content-type"] == "application/pdf"


def test_notes_diary_and_date(scored):
    client, night_id, _data = scored
    assert client.put(f"/api/nights/{night_id}/notes", json={"notes": "  restless evening  "}).json()["notes"] == "restless evening"
    diary = {"caffeine_cups": 4, "caffeine_after_2pm": True, "stress": "high", "medicines": "sertraline"}
    assert client.put(f"/api/nights/{night_id}/diary", json=diary).json()["diary"] == diary
    bad = client.put(f"/api/nights/{night_id}/diary", json={"caffeine_cups": -1, "mood": "fine"})
    assert bad.status_code == 422 and "caffeine_cups" in bad.json()["error"] and "mood" in bad.json()["error"]
    assert client.patch(f"/api/nights/{night_id}", json={"date": "2024-03-02"}).json()["date"] == "2024-03-02"
    assert client.patch(f"/api/nights/{night_id}", json={"date": "02/03/2024"}).status_code == 422
    night = client.get(f"/api/nights/{night_id}").json()
    assert night["notes"] == "restless evening" and night["diary"] == diary
    client.patch(f"/api/nights/{night_id}", json={"date": "2024-03-01"})


def test_a_night_without_a_device(scored):
    client, _night_id, _data = scored
    made = client.post("/api/nights/without-recording", json={"date": "2024-03-05", "diary": {"partner_jerks": True}})
    assert made.status_code == 201
    night = client.get(f"/api/nights/{made.json()['id']}").json()
    assert night["kind"] == "none" and night["status"] == "done" and night["result"] is None
    assert night["diary"] == {"partner_jerks": True}
    page = client.get(f"/nights/{night['id']}", headers={"accept": "text/html"})
    assert page.status_code == 200 and "No device recorded this night" in page.text
    assert client.get(f"/nights/{night['id']}/report").status_code == 409
    assert client.delete(f"/api/nights/{night['id']}").status_code == 204


def test_unknown_night_is_a_json_404(scored):
    client, _night_id, _data = scored
    response = client.get("/api/nights/9999")
    assert response.status_code == 404 and response.json() == {"error": "no night 9999"}
    page = client.get("/nights/9999", headers={"accept": "text/html"})
    assert page.status_code == 404 and "no night 9999" in page.text and "Traceback" not in page.text


def test_openapi_describes_the_api(scored):
    client, _night_id, _data = scored
    spec = client.get("/openapi.json").json()
    paths = spec["paths"]
    for path in ("/api/nights", "/api/nights/{night_id}", "/api/nights/{night_id}/notes", "/api/assessments"):
        assert path in paths
    body = paths["/api/nights"]["post"]["requestBody"]["content"]["multipart/form-data"]["schema"]
    assert {"file", "legs", "hypnogram", "events"} <= set(body["properties"])
    assert not any(p.startswith("/nights") for p in paths)  # pages are not API


def test_delete_removes_the_stored_upload(tmp_path, quiet_night):
    with make_client(tmp_path / "data") as client:
        night_id = upload(client, quiet_night).json()["id"]
        assert wait_for(client, night_id)["status"] == "done"
        uploads = tmp_path / "data" / "uploads"
        assert len([p for p in uploads.iterdir() if p.is_file()]) == 1
        assert client.delete(f"/api/nights/{night_id}").status_code == 204
        assert [p for p in uploads.iterdir() if p.is_file()] == []
        assert client.get(f"/api/nights/{night_id}").status_code == 404
        assert client.delete(f"/api/nights/{night_id}").status_code == 404


def test_uploads_deleted_after_scoring_when_asked(tmp_path, quiet_night):
    with make_client(tmp_path / "data") as client:
        assert client.put("/api/settings", json={"keep_uploads": False}).json()["keep_uploads"] is False
        night_id = upload(client, quiet_night).json()["id"]
        night = wait_for(client, night_id)
        assert night["status"] == "done" and night["upload_kept"] is False  # written with "done", at once
        # the files go right after that commit (never before it: a failed commit must not lose them)
        uploads = tmp_path / "data" / "uploads"
        deadline = time.monotonic() + 10
        while [p for p in uploads.iterdir() if p.is_file()] and time.monotonic() < deadline:
            time.sleep(0.05)
        assert [p for p in uploads.iterdir() if p.is_file()] == []
        report = client.get(f"/nights/{night_id}/report").text
        assert "the leg signals were not available when this report was made" in report
        assert client.post(f"/api/nights/{night_id}/rescore").status_code == 409


def test_rescore_with_other_rules(tmp_path, quiet_night):
    with make_client(tmp_path / "data") as client:
        night_id = upload(client, quiet_night).json()["id"]
        assert wait_for(client, night_id)["result"]["rules"]["name"] == "WASM2016"
        assert client.post(f"/api/nights/{night_id}/rescore", json={"rules": "aasm"}).status_code == 202
        night = wait_for(client, night_id)
        assert night["status"] == "done" and night["result"]["rules"]["name"] == "AASM"

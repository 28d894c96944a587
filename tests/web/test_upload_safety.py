"""Hostile and careless uploads: too large, not a recording, broken, odd names, odd forms."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from tests.web.conftest import make_client, upload, wait_for


@pytest.fixture(scope="module")
def small_limit(tmp_path_factory):
    """An app that takes uploads up to 64 KB, and its data folder."""
    data = tmp_path_factory.mktemp("limited")
    with make_client(data, max_upload=64 * 1024) as client:
        yield client, data


def stored_files(data: Path) -> list[Path]:
    return [p for p in (data / "uploads").rglob("*") if p.is_file()]


def test_oversize_upload_is_413_and_leaves_nothing(small_limit, short_night):
    client, data = small_limit
    response = upload(client, short_night)
    assert response.status_code == 413
    assert "limit of 64 KB" in response.json()["error"]
    assert stored_files(data) == [] and client.get("/api/nights").json() == []


def test_oversize_upload_without_content_length_is_stopped_while_streaming(small_limit):
    client, data = small_limit
    boundary = "plmscope-test-boundary"

    def body():  # chunked: no Content-Length, so the limit must hold while the bytes arrive
        yield f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.edf"\r\n\r\n'.encode()
        for _ in range(40):
            yield b"0" * 4096
        yield f"\r\n--{boundary}--\r\n".encode()

    response = client.post(
        "/api/nights", content=body(), headers={"content-type": f"multipart/form-data; boundary={boundary}"}
    )
    assert response.status_code == 413
    assert stored_files(data) == []


def test_not_an_edf_is_415(small_limit, tmp_path):
    client, data = small_limit
    picture = tmp_path / "holiday.edf"
    picture.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    response = upload(client, picture)
    assert response.status_code == 415
    assert response.json()["error"].startswith("holiday.edf: is not an EDF/EDF+/BDF recording")
    text = tmp_path / "letter.edf"
    text.write_text("Dear doctor, my legs jerk at night.")
    response = upload(client, text)
    assert response.status_code == 415 and "is text, not an EDF" in response.json()["error"]
    assert stored_files(data) == []


def test_damaged_edf_header_is_422(small_limit, short_night, tmp_path):
    client, data = small_limit
    head = bytearray(short_night.read_bytes()[:4096])
    head[252:256] = b"x9  "  # number of signals no longer a number
    broken = tmp_path / "broken.edf"
    broken.write_bytes(bytes(head))
    response = upload(client, broken)
    assert response.status_code == 422 and "number of signals is not a number" in response.json()["error"]
    cut = tmp_path / "cut.edf"
    cut.write_bytes(short_night.read_bytes()[:300])
    response = upload(client, cut)
    assert response.status_code == 422 and "ends inside its header" in response.json()["error"]
    assert stored_files(data) == []


def test_path_traversal_file_name_lands_under_a_server_name(tmp_path, quiet_night):
    data = tmp_path / "data"
    with make_client(data) as client:
        response = upload(client, quiet_night, name="../../etc/x.edf")
        assert response.status_code == 202
        night = wait_for(client, response.json()["id"])
        assert night["status"] == "done"
    assert not (tmp_path / "etc").exists() and not Path("/etc/x.edf").exists()
    files = stored_files(data)
    assert len(files) == 1 and files[0].parent == data / "uploads"
    assert files[0].name.endswith(".edf") and "x.edf" not in files[0].name and len(files[0].stem) == 24
    assert b"x.edf" not in (data / "plmscope.sqlite3").read_bytes()  # the client's name is not kept


def test_forms_that_make_no_night(small_limit, tmp_path):
    client, _data = small_limit
    assert client.post("/api/nights", data={"legs": "left"}).status_code in (415, 422)
    assert client.post("/api/nights", content=b"just bytes", headers={"content-type": "application/octet-stream"}).status_code == 415
    garbage = client.post(
        "/api/nights", content=b"--x\r\nnot a header\r\n\r\n", headers={"content-type": "multipart/form-data; boundary=x"}
    )
    assert garbage.status_code == 422 and "error" in garbage.json()
    hyp = tmp_path / "hyp.csv"
    hyp.write_text("onset,duration,stage\n0,30,W\n")
    only_hypnogram = client.post("/api/nights", files={"hypnogram": ("hyp.csv", hyp.read_bytes())})
    assert only_hypnogram.status_code == 422 and "field 'file'" in only_hypnogram.json()["error"]


def test_bad_date_and_rules_are_422(small_limit, tmp_path):
    client, _data = small_limit
    from tests.web.test_sniff import tiny_edf

    edf = tiny_edf(tmp_path / "tiny.edf")
    assert "date must be YYYY-MM-DD" in upload(client, edf, date="yesterday").json()["error"]
    assert upload(client, edf, rules="somas").status_code == 422


def test_a_scoring_failure_leaves_no_half_night(tmp_path, no_legs_night):
    with make_client(tmp_path / "data") as client:
        response = upload(client, no_legs_night, name="patient-smith.edf")
        assert response.status_code == 202  # it looks like an EDF: reading finds the problem
        night = wait_for(client, response.json()["id"])
        assert night["status"] == "error" and night["result"] is None and night["plms_index"] is None
        assert "leg" in night["error"].lower()
        assert "uploads" not in night["error"] and ".edf" not in night["error"]  # no server path in it
        assert client.get(f"/nights/{night['id']}/report").status_code == 409
        listed = client.get("/api/nights").json()
        assert [(n["status"], n["plms_index"]) for n in listed] == [("error", None)]
        page = client.get(f"/nights/{night['id']}", headers={"accept": "text/html"}).text
        assert night["error"].split(":")[0] in page and "Score it again" in page


def test_two_concurrent_uploads_both_complete(tmp_path, short_night, quiet_night):
    with make_client(tmp_path / "data", workers=2) as client:
        answers: dict[str, int] = {}

        def send(path: Path) -> None:
            response = upload(client, path)
            assert response.status_code == 202
            answers[path.name] = response.json()["id"]

        threads = [threading.Thread(target=send, args=(p,)) for p in (short_night, quiet_night)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
        assert len(set(answers.values())) == 2
        nights = {name: wait_for(client, night_id) for name, night_id in answers.items()}
        assert all(n["status"] == "done" for n in nights.values())
        assert nights[short_night.name]["plms_index"] > nights[quiet_night.name]["plms_index"]


def test_no_stack_trace_in_any_response(tmp_path, monkeypatch):
    from plmscope.web.store import Store

    def broken(self):
        raise RuntimeError("disk on fire at /secret/path")

    with make_client(tmp_path / "data", raise_server_exceptions=False) as client:
        monkeypatch.setattr(Store, "nights", broken)
        api = client.get("/api/nights")
        page = client.get("/nights", headers={"accept": "text/html"})
    assert api.status_code == 500 and api.json() == {"error": "internal error (the server's log has the details)"}
    assert page.status_code == 500
    for text in (api.text, page.text):
        assert "Traceback" not in text and "/secret/path" not in text and "RuntimeError" not in text


def test_a_file_input_left_empty_is_ignored(small_limit, tmp_path):
    client, data = small_limit
    from tests.web.test_sniff import tiny_edf

    edf = tiny_edf(tmp_path / "tiny.edf")
    response = client.post(
        "/api/nights", files=[("file", ("tiny.edf", edf.read_bytes())), ("hypnogram", ("", b""))]
    )
    assert response.status_code == 202, response.text  # browsers send a blank part for an empty input
    night_id = response.json()["id"]
    assert [f.role for f in client.app.state.web.store.files(night_id)] == ["recording"]
    client.delete(f"/api/nights/{night_id}")

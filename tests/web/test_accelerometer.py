"""Accelerometer nights (one or two files, legs=left,right), built against the contract of
issue 11: ``plmscope.score({"left": a, "right": b})``. Runs once ``plmscope.detect.accel`` exists."""

from __future__ import annotations

from pathlib import Path

import pytest

from plmscope.web.service import WebError, check_upload
from plmscope.web.upload_stream import ReceivedFile, ReceivedForm
from tests.web.conftest import make_client, wait_for

SHARED = [Path(__file__).resolve().parents[2] / "tests" / "data" / "accel", Path("/work/shared/data/accel")]



def form_of(tmp_path: Path, *files: tuple[str, bytes], **fields: str) -> ReceivedForm:
    form = ReceivedForm(fields={k: [v] for k, v in fields.items()})
    for i, (field, data) in enumerate(files):
        path = tmp_path / f"{i}.part"
        path.write_bytes(data)
        form.files.append(ReceivedFile(field, f"upload{i}", path, len(data)))
    return form


CWA = b"MD" + (1020).to_bytes(2, "little") + b"\x00" * 2000


def test_two_accelerometer_files_and_their_legs(tmp_path):
    accepted = check_upload(form_of(tmp_path, ("file", CWA), ("file", CWA), legs="right,left"))
    assert accepted.kind == "accelerometer" and [role for role, *_ in accepted.files] == ["right", "left"]
    default = check_upload(form_of(tmp_path, ("file", CWA), ("file", CWA)))
    assert [role for role, *_ in default.files] == ["left", "right"]
    one = check_upload(form_of(tmp_path, ("file", CWA), legs="right"))
    assert [role for role, *_ in one.files] == ["right"]


@pytest.mark.parametrize(
    "legs, words", [("left,left", "once"), ("left", "for 2 accelerometer"), ("ankle,right", "left or right")]
)
def test_legs_that_do_not_fit_are_422(tmp_path, legs, words):
    with pytest.raises(WebError, match=words) as caught:
        check_upload(form_of(tmp_path, ("file", CWA), ("file", CWA), legs=legs))
    assert caught.value.status == 422


def test_mixed_or_too_many_files_are_refused(tmp_path, short_night):
    edf = short_night.read_bytes()[:4096]
    with pytest.raises(WebError, match="not both"):
        check_upload(form_of(tmp_path, ("file", edf), ("file", CWA)))
    with pytest.raises(WebError, match="at most two"):
        check_upload(form_of(tmp_path, ("file", CWA), ("file", CWA), ("file", CWA)))
    with pytest.raises(WebError, match="one EDF/BDF recording per night"):
        check_upload(form_of(tmp_path, ("file", edf), ("file", edf)))


def _real_file(name: str) -> Path:
    for folder in SHARED:
        if (folder / name).exists():
            return folder / name
    pytest.skip(f"{name} (small real accelerometer file) not found")


def test_accelerometer_nights_end_to_end(tmp_path):
    left, right = _real_file("axivity_ax3.cwa"), _real_file("axivity_ax6.cwa")
    one = _real_file("geneactiv.bin")
    with make_client(tmp_path / "data") as client:
        with left.open("rb") as a, right.open("rb") as b:
            two = client.post(
                "/api/nights", files=[("file", ("a.cwa", a)), ("file", ("b.cwa", b))], data={"legs": "left,right"}
            )
        with one.open("rb") as fh:
            single = client.post("/api/nights", files={"file": ("g.bin", fh)}, data={"legs": "right"})
        assert two.status_code == 202 and single.status_code == 202, (two.text, single.text)
        for response in (two, single):
            night = wait_for(client, response.json()["id"])
            assert night["kind"] == "accelerometer"
            if night["status"] == "done":  # a daytime bench file may hold no sleep to score: then a clear error
                assert night["result"]["recording"]["kind"] == "accelerometer"
                assert client.get(f"/nights/{night['id']}/report").status_code == 200
            else:
                assert night["error"] and "internal error" not in night["error"]
        page = client.get("/nights", headers={"accept": "text/html"}).text
        assert "wearable (estimate)" in page

"""The nights database: migrations from an older schema, one-transaction results, recovery."""

from __future__ import annotations

import json
import sqlite3
from concurrent.futures import Future

import pytest

from plmscope.errors import PlmscopeInputError
from plmscope.web.jobs import WorkerDied
from plmscope.web.migrations import CURRENT_VERSION, MIGRATIONS, migrate, schema_version
from plmscope.web.store import DATABASE, Store, StoredFile
from tests.web.conftest import make_client, upload, wait_for


def older_database(folder, version: int = 1) -> None:
    """A data folder as an older plmscope left it: schema ``version``, one scored night, one queued."""
    folder.mkdir(parents=True)
    (folder / "uploads").mkdir()
    con = sqlite3.connect(folder / DATABASE, isolation_level=None)
    con.execute("PRAGMA journal_mode=WAL")
    assert migrate(con, upto=version) == version
    con.execute(
        "INSERT INTO nights (id, created, date, kind, status, rules, notes) VALUES "
        "(1, '2024-03-02T07:00:00+00:00', '2024-03-01', 'psg', 'done', 'wasm2016', 'first night'),"
        "(2, '2024-03-03T07:00:00+00:00', '2024-03-02', 'psg', 'queued', 'wasm2016', '')"
    )
    con.execute(
        "INSERT INTO results (night_id, json, plms_index, lms_index, scored) VALUES (1, ?, 22.5, 40.0, 'x')",
        (json.dumps({"indices": {"plms_index": 22.5, "lms_index": 40.0}}),),
    )
    con.close()


def test_migration_from_the_previous_schema_keeps_every_night(tmp_path):
    folder = tmp_path / "data"
    older_database(folder, version=CURRENT_VERSION - 1)
    store = Store(folder)
    with sqlite3.connect(store.path) as con:
        assert schema_version(con) == CURRENT_VERSION
        assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    nights = store.nights()
    assert [(n["id"], n["date"], n["status"], n["notes"]) for n in nights] == [
        (1, "2024-03-01", "done", "first night"),
        (2, "2024-03-02", "queued", ""),
    ]
    assert nights[0]["plms_index"] == 22.5 and nights[0]["stage"] is None
    store.set_diary(1, {"stress": "high"})  # the tables of the newer schema are there
    assert store.diary(1) == {"stress": "high"} and store.settings()["keep_uploads"] is True
    assert Store(folder).nights() == store.nights()  # opening again changes nothing


def test_every_migration_applies_in_order(tmp_path):
    con = sqlite3.connect(tmp_path / "db", isolation_level=None)
    for step in MIGRATIONS:
        assert migrate(con, upto=step.version) == step.version
    versions = [v for (v,) in con.execute("SELECT version FROM schema_version ORDER BY version")]
    assert versions == [m.version for m in MIGRATIONS]


def test_a_database_from_a_newer_plmscope_is_refused(tmp_path):
    folder = tmp_path / "data"
    Store(folder)
    with sqlite3.connect(folder / DATABASE) as con:
        con.execute("INSERT INTO schema_version (version) VALUES (?)", (CURRENT_VERSION + 1,))
    with pytest.raises(PlmscopeInputError, match="newer plmscope"):
        Store(folder)


def test_a_result_and_done_are_written_together(tmp_path):
    store = Store(tmp_path)
    night_id = store.add_night(kind="psg", date=None, files=(StoredFile("recording", "a.edf", "edf", 10),))
    with pytest.raises(ValueError):
        store.save_result(night_id, {"indices": {"plms_index": float("nan")}})  # not JSON: nothing written
    night = store.night(night_id)
    assert night["status"] == "queued" and store.result(night_id) is None
    assert store.save_result(night_id, {"indices": {"plms_index": 3.0}}, date="2024-03-01") == []  # upload kept
    assert store.night(night_id)["status"] == "done" and store.night(night_id)["plms_index"] == 3.0
    assert store.delete_night(night_id) == [store.uploads / "a.edf"]
    assert store.save_result(night_id, {"indices": {}}) is None  # deleted meanwhile: nothing comes back


def test_done_and_the_upload_forgotten_are_written_together(tmp_path):
    """With keep_uploads off, no reader ever sees a night done whose upload is still kept."""
    store = Store(tmp_path)
    store.set_settings(keep_uploads=False)
    night_id = store.add_night(kind="psg", date=None, files=(StoredFile("recording", "a.edf", "edf", 10),))
    assert store.save_result(night_id, {"indices": {"plms_index": 3.0}}) == [store.uploads / "a.edf"]
    night = store.night(night_id)
    assert night["status"] == "done" and night["kept_files"] == 0 and store.known_files() == set()


def test_restart_requeues_interrupted_nights_and_marks_lost_ones(tmp_path, short_night):
    folder = tmp_path / "data"
    store = Store(folder)
    kept = store.uploads / "0123456789abcdef01234567.edf"
    kept.write_bytes(short_night.read_bytes())
    scoring = store.add_night(kind="psg", date=None, files=(StoredFile("recording", kept.name, "edf", kept.stat().st_size),))
    store.set_status(scoring, "scoring", stage="detecting", progress=0.4)  # then the server was killed
    lost = store.add_night(kind="psg", date=None, files=(StoredFile("recording", "gone.edf", "edf", 1),))
    store.forget_uploads(lost)
    (store.uploads / ".incoming").mkdir()
    (store.uploads / ".incoming" / "half.part").write_bytes(b"0" * 100)  # an upload cut off by the kill
    (store.uploads / "stray.edf").write_bytes(b"0")  # a file no night refers to
    with make_client(folder) as client:
        assert client.get(f"/api/nights/{lost}").json()["status"] == "error"
        assert "upload the night again" in client.get(f"/api/nights/{lost}").json()["error"]
        night = wait_for(client, scoring)
        assert night["status"] == "done" and night["result"]["indices"]["plms_index"] > 15
    assert not (store.uploads / ".incoming" / "half.part").exists() and not (store.uploads / "stray.edf").exists()
    assert kept.exists()


def test_a_dead_worker_leaves_the_night_in_error_and_rescorable(scored):
    client, night_id, data = scored
    service = client.app.state.web.service
    service.store.set_status(night_id, "scoring")
    died: Future = Future()
    died.set_exception(WorkerDied("the scoring process stopped unexpectedly (killed, or out of memory)"))
    service._scored(night_id, died)
    night = client.get(f"/api/nights/{night_id}").json()
    assert night["status"] == "error" and "re-score it" in night["error"]
    assert client.post(f"/api/nights/{night_id}/rescore").status_code == 202
    assert wait_for(client, night_id)["status"] == "done"

"""Who may talk to the server: a token off loopback, only local Host names on loopback, no
cross-site changes."""

from __future__ import annotations

import pytest

from tests.web.conftest import make_client

TOKEN = "s3cret-token-for-tests"


@pytest.fixture(scope="module")
def exposed(tmp_path_factory):
    """An app listening beyond loopback (0.0.0.0) with a token."""
    with make_client(tmp_path_factory.mktemp("exposed"), host="0.0.0.0", token=TOKEN, base_url="http://192.0.2.10:8765") as client:
        yield client


def test_token_required_when_not_on_loopback(exposed):
    for path in ("/api/nights", "/", "/openapi.json", "/static/app.css", "/nights/1/report"):
        response = exposed.get(path)
        assert response.status_code == 401, path
    assert "token" in exposed.get("/api/nights").json()["error"]
    assert exposed.get("/api/nights", headers={"Authorization": "Bearer wrong"}).status_code == 401
    assert exposed.post("/api/nights", files={"file": ("a.edf", b"0")}).status_code == 401


def test_token_accepted_as_header_or_once_in_the_address(exposed):
    assert exposed.get("/api/nights", headers={"Authorization": f"Bearer {TOKEN}"}).json() == []
    assert exposed.get("/api/nights", headers={"X-Plmscope-Token": TOKEN}).status_code == 200
    first = exposed.get(f"/nights?token={TOKEN}", follow_redirects=False)
    assert first.status_code == 303 and first.headers["location"] == "/nights"
    assert "HttpOnly" in first.headers["set-cookie"] and "SameSite=Strict" in first.headers["set-cookie"]
    exposed.cookies.set("plmscope_token", TOKEN)
    assert exposed.get("/nights", headers={"accept": "text/html"}).status_code == 200
    exposed.cookies.clear()


def test_a_browser_without_the_token_gets_a_page_not_a_trace(exposed):
    page = exposed.get("/", headers={"accept": "text/html"})
    assert page.status_code == 401 and page.headers["content-type"].startswith("text/html")
    assert "token" in page.text and "Traceback" not in page.text


def test_loopback_needs_no_token_but_refuses_foreign_host_names(tmp_path):
    with make_client(tmp_path / "data") as client:
        assert client.get("/api/nights").status_code == 200
        assert client.get("/api/nights", headers={"host": "localhost:8765"}).status_code == 200
        rebound = client.get("/api/nights", headers={"host": "evil.example:8765"})
        assert rebound.status_code == 421 and "localhost" in rebound.json()["error"]


def test_changes_from_another_sites_page_are_refused(tmp_path):
    with make_client(tmp_path / "data") as client:
        made = client.post("/api/nights/without-recording", json={}, headers={"origin": "http://127.0.0.1:8765"})
        assert made.status_code == 201
        night_id = made.json()["id"]
        attack = client.delete(f"/api/nights/{night_id}", headers={"origin": "https://evil.example"})
        assert attack.status_code == 403
        assert client.get(f"/api/nights/{night_id}").status_code == 200

"""Nights over time: the chart, the diary and the comparisons (never more than the numbers carry)."""

from __future__ import annotations

import pytest

from plmscope.errors import PlmscopeInputError
from plmscope.web.chart import trend_svg
from plmscope.web.diary import diary_summary, parse_diary
from plmscope.web.trend import CAVEAT, comparisons


def night(i: int, plms: float | None, kind: str = "psg", status: str = "done") -> dict:
    return {"id": i, "date": f"2024-03-{i:02d}", "kind": kind, "status": status, "plms_index": plms, "lms_index": plms and plms + 10}


def test_comparison_needs_enough_nights_on_both_sides():
    nights = [night(i, 30.0 if i <= 2 else 12.0) for i in range(1, 8)]
    diaries = {i: {"caffeine_after_2pm": i <= 2} for i in range(1, 8)}
    assert comparisons(nights, diaries) == []  # only 2 nights with evening coffee
    diaries[3]["caffeine_after_2pm"] = True
    found = comparisons(nights, diaries)
    assert len(found) == 1 and found[0]["n_with"] == 3 and found[0]["n_without"] == 4
    assert found[0]["median_with"] == 30.0 and found[0]["median_without"] == 12.0 and found[0]["clear"]
    same = comparisons([night(i, 12.0 + i % 2) for i in range(1, 8)], diaries)
    assert len(same) == 1 and not same[0]["clear"]  # shown, but said to be no clear difference


def test_comparison_in_plain_words_with_medians():
    nights = [night(i, v) for i, v in enumerate([31, 35, 28, 40, 30, 33, 18, 15, 20, 17, 19, 22, 16, 21, 18], start=1)]
    diaries = {i: {"caffeine_after_2pm": i <= 6} for i in range(1, 16)}
    found = comparisons(nights, diaries)[0]
    assert found["text"] == (
        "The 6 nights after coffee or tea after 2 pm: median PLMS index 32/h; the 9 without: 18/h."
    )
    assert found["clear"] and "not proof" in CAVEAT


def test_measured_and_estimated_nights_are_never_mixed():
    nights = [night(i, 30.0 if i % 2 else 10.0, kind="psg" if i <= 6 else "accelerometer") for i in range(1, 13)]
    diaries = {i: {"stress": "high" if i % 2 else "none"} for i in range(1, 13)}
    found = comparisons(nights, diaries)
    assert {c["kind"] for c in found} == {"psg", "accelerometer"}
    assert all(c["n_with"] == 3 and c["n_without"] == 3 for c in found)
    assert any("estimated (wearable) nights" in c["text"] for c in found)


def test_nights_without_an_index_or_a_device_are_left_out_of_comparisons():
    nights = [night(i, 20.0) for i in range(1, 4)] + [night(4, None), night(5, None, kind="none"), night(6, 5.0, status="error")]
    diaries = {i: {"late_meal": True} for i in range(1, 7)}
    assert comparisons(nights, diaries) == []


def test_chart_marks_measured_estimated_missing_and_diary_only():
    svg = trend_svg([night(1, 22.0), night(2, 9.0, kind="accelerometer"), night(3, None), night(4, None, kind="none")])
    assert svg.count('class="measured plms_index"') == 1 and svg.count('class="estimated plms_index"') == 1
    assert "(estimated, wearable)" in svg and "no PLMS index" in svg and "diary only" in svg
    assert 'href="/nights/3"' in svg and "15/h: usual adult limit" in svg
    assert "No nights yet" in trend_svg([])


def test_diary_is_checked_and_summarised():
    entry = parse_diary({"caffeine_cups": "2", "caffeine_after_2pm": True, "alcohol_drinks": 1, "exercise": "evening", "slept_badly": True, "medicines": ""})
    assert entry == {"caffeine_cups": 2, "caffeine_after_2pm": True, "alcohol_drinks": 1, "exercise": "evening", "slept_badly": True}
    assert diary_summary(entry) == "2 cups of coffee/tea (after 2 pm) · 1 alcoholic drink · evening exercise · slept badly"
    assert diary_summary({"partner_jerks": True, "partner_jerk_frequency": "most of the night"}) == "partner saw jerks (most of the night)"
    with pytest.raises(PlmscopeInputError, match="stress"):
        parse_diary({"stress": "extreme"})
    with pytest.raises(PlmscopeInputError, match="a JSON object"):
        parse_diary(["coffee"])


def test_nights_page_shows_trend_list_and_comparison(tmp_path):
    from tests.web.conftest import make_client

    with make_client(tmp_path / "data") as client:
        store = client.app.state.web.store
        for i, value in enumerate([31, 35, 28, 18, 15, 20], start=1):
            night_id = store.add_night(kind="psg", date=f"2024-03-{i:02d}", status="queued")
            store.save_result(night_id, {"indices": {"plms_index": value, "lms_index": value + 5}})
            store.set_diary(night_id, {"caffeine_after_2pm": i <= 3})
        client.post("/api/nights/without-recording", json={"date": "2024-03-07", "diary": {"partner_jerks": True}})
        page = client.get("/nights", headers={"accept": "text/html"}).text
    assert "<svg" in page and page.count("<tr") == 8
    assert "The 3 nights after coffee or tea after 2 pm: median PLMS index 31/h; the 3 without: 18/h." in page
    assert "not proof" in page and "partner saw jerks" in page

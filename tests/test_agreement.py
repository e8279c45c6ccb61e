"""The second reading of real-news passages (tools/agreement.py): its figures and its file."""

import sys
from pathlib import Path

from mapping.model import Status

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))
import agreement


def _rec(pid: str, provinces: dict[str, str], places: list[tuple[str, str, str, str]]) -> dict:
    return {
        "id": pid,
        "provinces": {k: {"status": v, "violence": False} for k, v in provinces.items()},
        "places": [
            {"surface": s, "kind": k, "province": p, "status": st} for s, k, p, st in places
        ],
    }


def test_agreement_counts_provinces_sides_and_places(monkeypatch):
    first = {
        "x1": _rec(
            "x1",
            {"AF-KDZ": "captured", "AF-TAK": "government"},
            [("Kunduz", "city", "AF-KDZ", "captured"), ("Taloqan", "city", "AF-TAK", "government")],
        ),
        "x2": _rec("x2", {"AF-HER": "contested"}, [("Herat", "city", "AF-HER", "contested")]),
    }
    second = {
        "x1": _rec(
            "x1",
            {"AF-KDZ": "claimed", "AF-TAK": "government", "AF-BAL": "mentioned"},
            [("kunduz", "city", "AF-KDZ", "claimed"), ("Taloqan", "city", "AF-TAK", "government")],
        ),
        "x2": _rec("x2", {"AF-HER": "contested"}, [("Herat", "city", "AF-HER", "contested")]),
    }
    monkeypatch.setattr(agreement, "ours_by_province", lambda ids: None)  # no texts needed
    lines = agreement.report(first, second)
    assert "provinces listed by both 3, by one reading only 1" in lines[0]
    # captured / claimed differ as statuses, not as sides
    assert lines[1] == "province status agreement 2/3 (0.667); side 3/3 (1.000)"
    assert lines[2] == "place entries matched 3; same status 2/3"
    assert "  first captured / second claimed: 1" in lines


def test_the_committed_second_reading_is_labels_of_corpus_passages_only(gaz):
    second = agreement.read_jsonl(agreement.SECOND)
    first = agreement.first_reading(set(second))  # exits naming any id not in the corpus
    assert len(second) >= 40
    statuses = {s.value for s in Status}
    for pid, rec in second.items():
        assert set(rec) == {"id", "places", "provinces"}, pid  # no text, no evidence sentence
        assert set(rec["provinces"]) <= set(gaz.provinces), pid
        for place in rec["places"]:
            assert set(place) == {"surface", "kind", "province", "status"}, pid
            assert place["status"] in statuses and place["province"] in gaz.provinces, pid
        assert first[pid]["provinces"], pid

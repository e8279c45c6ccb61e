"""The seed article must give exactly the table in issue 2, through `extract --json`."""

import pytest
from conftest import SEED

EXPECTED = {
    "AF-HER": "captured",
    "AF-KAN": "captured",
    "AF-KDZ": "captured",
    "AF-SAR": "captured",
    "AF-TAK": "captured",
    "AF-SAM": "captured",
    "AF-KHO": "violence",
    "AF-PIA": "violence",
}


def test_province_statuses_match_the_issue_table(seed_json):
    got = {p["province"]: p["status"] for p in seed_json["provinces"]}
    assert got == EXPECTED  # the other 26, Kabul included, are no_report


def test_violence_flags(seed_json):
    flags = {p["province"]: p["violence"] for p in seed_json["provinces"]}
    assert flags["AF-KAN"] and flags["AF-KHO"] and flags["AF-PIA"]
    assert not flags["AF-HER"] and not flags["AF-SAM"]


def test_samangan_is_captured_via_its_capital_aybak(seed_json):
    sam = next(p for p in seed_json["provinces"] if p["province"] == "AF-SAM")
    assert sam["via"] == "its capital, Aybak"
    aybak = [m for m in seed_json["mentions"] if m["province"] == "AF-SAM" and m["kind"] == "city"]
    evidence = " ".join(m["evidence"] for m in aybak)
    assert "seized Aybak, capital of the northern province of Samangan" in evidence
    assert "fighting with Afghan forces" in evidence  # the fighting inside Aybak too


def test_the_capital_is_aybak_not_kabul(seed_json):
    cap = next(m for m in seed_json["mentions"] if m["surface"] == "the capital")
    assert cap["province"] == "AF-SAM" and cap["match"] == "coreference"
    assert all(m["province"] != "AF-KAB" for m in seed_json["mentions"])


def test_pakria_is_a_fuzzy_paktia(seed_json):
    pakria = next(m for m in seed_json["mentions"] if m["surface"] == "Pakria")
    assert pakria["province"] == "AF-PIA" and pakria["match"] == "fuzzy"
    assert pakria["status"] == "violence"
    pia = next(p for p in seed_json["provinces"] if p["province"] == "AF-PIA")
    assert pia["fuzzy"] == ["Pakria"]


def test_evidence_for_the_list_of_captures(seed_json):
    for surface in ("Herat", "Kandahar", "Kunduz", "Sar-e-Pol", "Taloqan"):
        m = next(m for m in seed_json["mentions"] if m["surface"] == surface)
        assert (
            "the Taliban captured Herat, Kandahar, Kunduz, Sar-e-Pol and Taloqan" in m["evidence"]
        )
        assert m["status"] == "captured"


@pytest.mark.parametrize(
    "foreign", ["Doha", "Qatar", "Washington", "US", "China", "Pakistan", "UK", "Uzbekistan"]
)
def test_foreign_places_never_reach_the_map(seed_json, foreign):
    assert all(m["surface"] != foreign for m in seed_json["mentions"])
    assert any(f["surface"] == foreign for f in seed_json["foreign"])


def test_offsets_index_the_file_text(seed_json):
    text = SEED.read_text(encoding="utf-8")
    for m in seed_json["mentions"]:
        assert text[m["start"] : m["end"]] == m["surface"]
    assert seed_json["date"] == "2021-08-10"

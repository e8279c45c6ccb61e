"""`territory-map build` writes the three outputs, deterministically."""

import csv
import json

from conftest import ROOT, run_cli


def test_three_outputs(built):
    assert {p.name for p in built.iterdir()} >= {"map.html", "provinces.geojson", "mentions.csv"}


def test_provinces_geojson_has_34_features_with_status(built):
    doc = json.loads((built / "provinces.geojson").read_text(encoding="utf-8"))
    feats = doc["features"]
    assert len(feats) == 34
    props = {f["properties"]["id"]: f["properties"] for f in feats}
    assert props["AF-SAM"]["status"] == "captured" and props["AF-KAB"]["status"] == "no_report"
    assert "seized Aybak" in props["AF-SAM"]["evidence"]
    assert props["AF-PIA"]["fuzzy"] == "Pakria"


def test_mentions_csv_columns_and_offsets(built):
    with open(built / "mentions.csv", encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    for col in (
        "seed",
        "surface",
        "start",
        "end",
        "place",
        "kind",
        "province",
        "status",
        "evidence",
        "match",
    ):
        assert col in rows[0]
    text = (ROOT / "seeds" / rows[0]["seed"]).read_text(encoding="utf-8")
    assert all(text[int(r["start"]) : int(r["end"])] == r["surface"] for r in rows)


def test_map_has_legend_title_credits_and_evidence(built):
    page = (built / "map.html").read_text(encoding="utf-8")
    assert (
        "tm-legend" in page
        and "As of <b id='tm-asof'>2021-08-10</b> &middot; from 1 article" in page
    )
    assert "Natural Earth" in page and "GeoNames (CC BY 4.0)" in page
    unmarked = page.replace("\\u003cmark\\u003e", "").replace("\\u003c/mark\\u003e", "")
    assert "seized Aybak, capital of the northern province of Samangan" in unmarked
    for status in ("Captured", "Contested", "No report"):
        assert status in page


def test_same_seeds_give_byte_identical_map(built, tmp_path):
    run_cli("build", "--seeds", str(ROOT / "seeds"), "--out", str(tmp_path), "--tiles", "none")
    for name in ("map.html", "provinces.geojson", "mentions.csv"):
        assert (tmp_path / name).read_bytes() == (built / name).read_bytes(), name


def test_terminal_summary(tmp_path):
    out = run_cli("build", "--out", str(tmp_path), "--tiles", "none").stdout
    assert "Samangan" in out and "captured" in out and "8 of 34 provinces reported" in out

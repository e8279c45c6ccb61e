"""The notebook API: every public function, wrong input, and the GIS exports."""

import geopandas as gpd
import pandas as pd
import pytest
from conftest import ROOT

import mapping

SEEDS = ROOT / "seeds"


@pytest.fixture(scope="module")
def prov():
    return mapping.provinces(SEEDS)


def test_provinces_frame(prov):
    assert isinstance(prov, gpd.GeoDataFrame) and len(prov) == 34
    assert prov.crs.to_epsg() == 4326 and prov.index.name == "id"
    for col in ("name", "status", "violence", "evidence", "seed_count", "latest_date"):
        assert col in prov.columns
    assert prov.loc["AF-SAM", "status"] == "captured"
    assert prov.loc["AF-SAM", "latest_date"] == "2021-08-10"
    assert "[000_536174a612b46550.txt]" in prov.loc["AF-SAM", "evidence"]
    assert prov.loc["AF-KAB", "status"] == "no_report" and prov.loc["AF-KAB", "seed_count"] == 0


def test_mentions_frame_matches_csv_columns(built):
    m = mapping.mentions(SEEDS)
    csv_cols = pd.read_csv(built / "mentions.csv").columns.tolist()
    assert m.columns.tolist() == csv_cols
    assert len(m) == len(pd.read_csv(built / "mentions.csv"))


def test_towns_and_places(prov):
    towns = mapping.towns(SEEDS)
    assert set(towns["name"]) >= {"Aybak", "Kunduz"}
    gaz = mapping.places()
    assert gaz["is_capital"].sum() == 34 and gaz.crs.to_epsg() == 4326
    assert len(gaz) > 500


def test_build_is_cached_until_seeds_change(tmp_path):
    folder = tmp_path / "s"
    folder.mkdir()
    (folder / "a.txt").write_text("The Taliban captured Ghazni on Thursday.", encoding="utf-8")
    first = mapping.build(folder)
    assert mapping.build(folder) is first
    (folder / "b.txt").write_text("Fighting was reported in Kunduz.", encoding="utf-8")
    second = mapping.build(folder)
    assert second is not first and len(second.seeds) == 2


def test_area_by_status_in_equal_area(prov):
    area = mapping.area_by_status(prov)
    total = area["area_km2"].sum()
    assert 640_000 < total < 660_000  # Afghanistan is about 652,000 km²
    assert abs(area["share"].sum() - 1) < 1e-9
    assert area.loc["captured", "provinces"] == 6


def test_area_by_status_needs_status():
    with pytest.raises(ValueError, match="status"):
        mapping.area_by_status(mapping.places())


def test_neighbours(prov):
    n = mapping.neighbours(prov, "AF-KAB")
    assert set(n.index) == {"AF-PAR", "AF-KAP", "AF-LAG", "AF-NAN", "AF-LOG", "AF-WAR"}
    captured = n[n["status"] == "captured"]
    assert captured.empty  # no captured province borders Kabul yet


def test_unknown_province_code(prov):
    with pytest.raises(ValueError, match="unknown province code 'AF-XXX'"):
        mapping.neighbours(prov, "AF-XXX")


def test_distance_and_within(prov):
    towns = mapping.towns(SEEDS)
    d = mapping.distance_km(towns, "Mazar-i-Sharif")
    aybak = d[towns["name"] == "Aybak"].iloc[0]
    assert 90 < aybak < 100  # Aybak is about 95 km from Mazar-i-Sharif
    near = mapping.within_km(towns, (36.70904, 67.11087), 100)
    assert list(near["name"]) == ["Aybak"]
    with pytest.raises(ValueError, match="not a known place"):
        mapping.distance_km(towns, "Atlantis")


def test_join_points(prov):
    pts = pd.DataFrame(
        {"name": ["Aybak depot", "Herat store"], "lat": [36.26, 34.35], "lon": [68.02, 62.2]}
    )
    j = mapping.join_points(pts, prov)
    assert j["province"].tolist() == ["AF-SAM", "AF-HER"]
    assert j["status"].tolist() == ["captured", "captured"]


def test_join_points_outside_afghanistan(prov):
    pts = pd.DataFrame({"lat": [34.5, 25.3], "lon": [69.2, 51.5]})  # Kabul, Doha
    with pytest.raises(ValueError, match="outside every province"):
        mapping.join_points(pts, prov)
    kept = mapping.join_points(pts, prov, outside="keep")
    assert kept["province"].isna().tolist() == [False, True]


def test_join_points_needs_lat_lon(prov):
    with pytest.raises(ValueError, match="need columns 'lat' and 'lon'"):
        mapping.join_points(pd.DataFrame({"x": [1], "y": [2]}), prov)
    with pytest.raises(ValueError, match="no valid lat/lon"):
        mapping.join_points(pd.DataFrame({"lat": ["north"], "lon": [1]}), prov)


def test_geopackage_and_geoparquet_round_trip(built, prov):
    gpkg = gpd.read_file(built / "provinces.gpkg", layer="provinces").set_index("id")
    parquet = gpd.read_parquet(built / "provinces.parquet").set_index("id")
    towns = gpd.read_file(built / "provinces.gpkg", layer="towns")
    for back in (gpkg, parquet):
        assert len(back) == 34 and back.crs.to_epsg() == 4326
        assert back["status"].to_dict() == prov["status"].to_dict()
        assert back.geometry.geom_equals_exact(prov.geometry, tolerance=1e-9).all()
    assert len(towns) == 6

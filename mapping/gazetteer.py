"""The theatre's geodata: province polygons, places, foreign names and the name index.

Everything country-specific is read from geodata/ (theatre.toml, provinces.geojson,
places.csv, foreign.csv); the code here knows nothing about Afghanistan. The name index
maps every spelling, folded by mapping.names, to the places and provinces it may mean.
"""

from __future__ import annotations

import csv
import json
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .names import MIN_SKELETON, normalize, skeleton

GEODATA_DIR = Path(__file__).resolve().parent.parent / "geodata"
RESTORE_HINT = ("restore it with `git checkout -- geodata/` or regenerate it with "
                "`bash tools/build-geodata.sh` (see geodata/SOURCES.md)")


class GeodataError(RuntimeError):
    """A geodata file is missing or damaged; the message says which and how to restore it."""


@dataclass(frozen=True)
class Place:
    """One named thing a mention can resolve to: a province or a populated place."""
    key: str            # province id (AF-HER) or GeoNames id as text
    name: str           # plain display name
    kind: str           # province | city | district | other
    province: str       # ISO 3166-2 id of the province it lies in
    lat: float
    lon: float
    population: int = 0
    is_capital: bool = False
    is_national_capital: bool = False


@dataclass
class Gazetteer:
    theatre: dict
    provinces: dict[str, Place]                     # id -> province
    places: dict[str, Place]                        # place id (GeoNames id, gb:..., iata:...) -> place
    capitals: dict[str, Place]                      # province id -> capital place
    exact: dict[str, list[Place]] = field(default_factory=dict)     # normalized name -> places
    squashed: dict[str, list[Place]] = field(default_factory=dict)  # name without spaces -> places
    variant: dict[str, list[Place]] = field(default_factory=dict)   # skeleton -> places
    foreign: dict[str, str] = field(default_factory=dict)           # normalized name -> country
    max_words: int = 1

    def province_name(self, pid: str) -> str:
        return self.provinces[pid].name

    def capital_of(self, pid: str) -> Place:
        return self.capitals[pid]


def _read(path: Path) -> str:
    if not path.is_file():
        raise GeodataError(f"{path}: geodata file is missing; {RESTORE_HINT}")
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise GeodataError(f"{path}: cannot read geodata file ({exc}); {RESTORE_HINT}") from exc


def _load_provinces(path: Path, theatre: dict) -> dict[str, Place]:
    from shapely.geometry import shape

    try:
        features = json.loads(_read(path))["features"]
    except (ValueError, KeyError, TypeError) as exc:
        raise GeodataError(f"{path}: damaged GeoJSON ({exc}); {RESTORE_HINT}") from exc
    names = {p["id"]: p["name"] for p in theatre["province"]}
    out = {}
    for f in features:
        pt = shape(f["geometry"]).representative_point()
        pid = f["properties"]["id"]
        out[pid] = Place(pid, names.get(pid, f["properties"]["name"]), "province", pid,
                         round(pt.y, 5), round(pt.x, 5))
    if set(out) != set(names):
        raise GeodataError(f"{path}: expected {len(names)} provinces, found {len(out)}; {RESTORE_HINT}")
    return out


def _load_places(path: Path, national: str) -> tuple[dict[str, Place], dict[str, list[str]]]:
    places, spellings = {}, {}
    try:
        for row in csv.DictReader(_read(path).splitlines()):
            p = Place(row["id"], row["name"], row["kind"], row["province"],
                      float(row["lat"]), float(row["lon"]), int(row["population"]),
                      row["is_capital"] == "1",
                      row["is_capital"] == "1" and row["province"] == national)
            places[p.key] = p
            spellings[p.key] = [row["name"]] + [a for a in row["alternatenames"].split("|") if a]
    except (KeyError, ValueError, TypeError) as exc:
        raise GeodataError(f"{path}: damaged places table ({exc}); {RESTORE_HINT}") from exc
    if not places:
        raise GeodataError(f"{path}: places table is empty; {RESTORE_HINT}")
    return places, spellings


def _index(gaz: Gazetteer, spellings: dict[str, list[str]]) -> None:
    """Fill the three name indexes; provinces are indexed with their own names."""
    def add(name: str, place: Place) -> None:
        key = normalize(name)
        if not key:
            return
        for table, k in ((gaz.exact, key), (gaz.squashed, key.replace(" ", ""))):
            if place not in table.setdefault(k, []):
                table[k].append(place)
        sk = skeleton(name)
        if len(sk) >= MIN_SKELETON and place not in gaz.variant.setdefault(sk, []):
            gaz.variant[sk].append(place)
        gaz.max_words = max(gaz.max_words, key.count(" ") + 1)

    for p in gaz.theatre["province"]:
        for n in [p["name"], *p.get("names", [])]:
            add(n, gaz.provinces[p["id"]])
    for key, names in spellings.items():
        for n in names:
            add(n, gaz.places[key])


def _load_foreign(path: Path, theatre: dict) -> dict[str, str]:
    """Normalized foreign name -> country code. The builder already dropped names that
    belong to a more important local place, so a name listed here is foreign."""
    foreign = {}
    for row in csv.DictReader(_read(path).splitlines()):
        foreign[normalize(row["name"])] = row["country"]
    for w in theatre.get("foreign_words", []):
        foreign[normalize(w)] = "foreign"
    for w in theatre.get("country_words", []):
        foreign[normalize(w)] = theatre["iso2"]
    return {k: v for k, v in foreign.items() if k}


def load_gazetteer(geodata_dir: Path | str = GEODATA_DIR) -> Gazetteer:
    """Load and index the geodata folder; raises GeodataError naming a bad file."""
    geodata_dir = Path(geodata_dir)
    return _load_cached(geodata_dir.resolve())


@lru_cache(maxsize=4)
def _load_cached(geodata_dir: Path) -> Gazetteer:
    theatre_path = geodata_dir / "theatre.toml"
    try:
        theatre = tomllib.loads(_read(theatre_path))
    except tomllib.TOMLDecodeError as exc:
        raise GeodataError(f"{theatre_path}: damaged ({exc}); {RESTORE_HINT}") from exc
    provinces = _load_provinces(geodata_dir / "provinces.geojson", theatre)
    places, spellings = _load_places(geodata_dir / "places.csv", theatre["national_capital"])
    capitals = {p.province: p for p in places.values() if p.is_capital}
    gaz = Gazetteer(theatre, provinces, places, capitals)
    _index(gaz, spellings)
    gaz.foreign = _load_foreign(geodata_dir / "foreign.csv", theatre)
    return gaz

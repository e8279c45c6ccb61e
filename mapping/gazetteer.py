"""The theatre's geodata: province polygons, places, foreign names and the name index.

Everything country-specific is read from the package's geodata/ (theatre.toml,
provinces.geojson, places.csv, foreign.csv, common_words.txt); the code here knows nothing
about Afghanistan. The name index
maps every spelling, folded by mapping.names, to the places and provinces it may mean.
"""

from __future__ import annotations

import csv
import json
import tomllib
from functools import lru_cache
from pathlib import Path

from .errors import GeodataError
from .model import Gazetteer, Place, PlaceKind
from .names import MIN_SKELETON, fold, normalize, plain_spelling, skeleton
from .package_data import package_path

GEODATA_DIR = package_path("geodata")  # package data: a wheel installed anywhere has it
RESTORE_HINT = (
    "restore it with `git checkout -- mapping/geodata/` or regenerate it with "
    "`bash tools/build-geodata.sh` (see mapping/geodata/SOURCES.md)"
)


THEATRE_KEYS = ("province", "national_capital", "iso2", "map_center", "map_zoom")


def _damaged(path: Path, what: str) -> GeodataError:
    """Every geodata error names the file and says how to get a good copy back."""
    return GeodataError(f"{path}: {what}; {RESTORE_HINT}")


def _read(path: Path, generated: bool = True) -> str:
    """A geodata file's text. Why the checks: a file cut short by a failed copy or a full
    disk usually still parses (CSV rows, TOML tables), so an empty file, or a generated
    file that does not end with a newline as the builder writes it, is reported as damaged
    rather than read as a smaller gazetteer."""
    if not path.is_file():
        raise _damaged(path, "geodata file is missing")
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise _damaged(path, f"cannot read geodata file ({exc})") from exc
    if not text.strip():
        raise _damaged(path, "geodata file is empty")
    if generated and not text.endswith("\n"):
        raise _damaged(path, "geodata file is truncated (it does not end with a newline)")
    return text


def _load_theatre(path: Path) -> dict:
    """theatre.toml, checked for the keys the code reads, so a cut file is named as such."""
    try:
        theatre = tomllib.loads(_read(path, generated=False))
    except tomllib.TOMLDecodeError as exc:
        raise _damaged(path, f"damaged ({exc})") from exc
    missing = [k for k in THEATRE_KEYS if k not in theatre]
    provinces = theatre.get("province")
    if not missing and not (
        isinstance(provinces, list)
        and provinces
        and all(isinstance(p, dict) and "id" in p and "name" in p for p in provinces)
    ):
        missing = ["[[province]] tables with id and name"]
    if missing:
        raise _damaged(path, f"damaged or truncated theatre file (missing {', '.join(missing)})")
    return theatre


def _load_provinces(path: Path, theatre: dict) -> dict[str, Place]:
    from shapely.geometry import shape

    names = {p["id"]: p["name"] for p in theatre["province"]}
    text, out = _read(path), {}
    try:
        for f in json.loads(text)["features"]:
            pt = shape(f["geometry"]).representative_point()
            pid = f["properties"]["id"]
            out[pid] = Place(
                pid,
                names.get(pid, f["properties"]["name"]),
                "province",
                pid,
                round(pt.y, 5),
                round(pt.x, 5),
            )
    except Exception as exc:  # json, shapely and key errors alike: the file is damaged
        raise _damaged(path, f"damaged GeoJSON ({type(exc).__name__}: {exc})") from exc
    if set(out) - set(names):
        raise _damaged(
            path.with_name("theatre.toml"),
            "theatre file lacks province(s) "
            f"{', '.join(sorted(set(out) - set(names)))} that provinces.geojson has",
        )
    if set(names) - set(out):
        raise _damaged(
            path,
            f"expected {len(names)} provinces, found {len(out)} "
            f"(missing {', '.join(sorted(set(names) - set(out)))})",
        )
    return out


def _load_places(
    path: Path, national: str, display: dict[str, str]
) -> tuple[dict[str, Place], dict[str, list[str]]]:
    """Places with their plain English name (names.plain_spelling); the GeoNames name stays
    the first of their spellings, so matching is unchanged."""
    places, spellings = {}, {}
    try:
        for row in csv.DictReader(_read(path).splitlines()):
            p = Place(
                row["id"],
                plain_spelling(row["name"], display),
                row["kind"],
                row["province"],
                float(row["lat"]),
                float(row["lon"]),
                int(row["population"]),
                row["is_capital"] == "1",
                row["is_capital"] == "1" and row["province"] == national,
            )
            places[p.key] = p
            spellings[p.key] = [row["name"]] + [a for a in row["alternatenames"].split("|") if a]
    except (KeyError, ValueError, TypeError) as exc:
        raise GeodataError(f"{path}: damaged places table ({exc}); {RESTORE_HINT}") from exc
    if not places:
        raise _damaged(path, "places table is empty")
    return places, spellings


def _check_capitals(path: Path, provinces: dict[str, Place], capitals: dict[str, Place]) -> None:
    """Every province has a capital in places.csv; a table cut short usually loses some."""
    lacking = sorted(set(provinces) - set(capitals))
    if lacking:
        raise _damaged(
            path,
            f"no capital for {len(lacking)} province(s) "
            f"({', '.join(lacking[:5])}); the places table is incomplete",
        )


# Month and day names: capitalised in every date, so never read as a place (GeoNames has
# a village called March in Badakhshan).
CALENDAR_WORDS = frozenset(
    "january february march april may june july august september october november "
    "december monday tuesday wednesday thursday friday saturday sunday".split()
)


def _index(gaz: Gazetteer, spellings: dict[str, list[str]]) -> None:
    """Fill the three name indexes; provinces are indexed with their own names."""

    def add(name: str, place: Place) -> None:
        key = normalize(name)
        if not key or key in CALENDAR_WORDS:
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
    # One-edit misspellings are tried against province and capital names, and against
    # one-word district names right before "district" (mapping.mentions._fuzzy_mentions).
    for place in gaz.provinces.values():
        gaz.fuzzy_targets.setdefault(fold(place.name).replace(" ", ""), place)
    for place in gaz.capitals.values():  # by the GeoNames name, as before display names
        gaz.fuzzy_targets.setdefault(fold(spellings[place.key][0]).replace(" ", ""), place)
    gaz.fuzzy_index = _deletion_index(gaz.fuzzy_targets)
    gaz.fuzzy_districts = _district_spellings(gaz, spellings)
    gaz.district_index = _deletion_index(gaz.fuzzy_districts)


def _district_spellings(gaz: Gazetteer, spellings: dict[str, list[str]]) -> dict[str, set[str]]:
    """Each one-word spelling of a district (folded, at least FUZZY_DISTRICT_LETTERS long)
    -> the ids of the districts spelt so."""
    out: dict[str, set[str]] = {}
    for key, names in spellings.items():
        if gaz.places[key].kind != PlaceKind.DISTRICT:
            continue
        for word in map(fold, names):
            if len(word) >= FUZZY_DISTRICT_LETTERS and word.isalpha():
                out.setdefault(word, set()).add(key)
    return out


# A district name shorter than this is not matched at one edit: "Nawa" is one edit from
# "Nawur" and from "Nawah", four-letter words from too much.
FUZZY_DISTRICT_LETTERS = 5


def _deletion_index(targets: dict) -> dict[str, list[str]]:
    """Each target under itself and under every spelling with one letter deleted.

    Why: a word one edit from a target shares one of these keys with it, so the matcher
    looks up a word's few keys instead of comparing it with every target.
    """
    index: dict[str, list[str]] = {}
    for t in targets:
        for key in {t, *(t[:k] + t[k + 1 :] for k in range(len(t)))}:
            index.setdefault(key, []).append(t)
    return index


def _load_foreign(path: Path, theatre: dict) -> dict[str, str]:
    """Normalized foreign name -> country code. The builder already dropped names that
    belong to a more important local place, so a name listed here is foreign."""
    foreign = {}
    rows = list(csv.DictReader(_read(path).splitlines()))
    if not rows or any(not row.get("name") or not row.get("country") for row in rows):
        raise _damaged(path, "damaged foreign-names table (a row without name or country)")
    for row in rows:
        foreign[normalize(row["name"])] = row["country"]
    for w in theatre.get("foreign_words", []):
        foreign[normalize(w)] = "foreign"
    for w in theatre.get("country_words", []):
        foreign[normalize(w)] = theatre["iso2"]
    return {k: v for k, v in foreign.items() if k}


def _load_common_words(path: Path) -> frozenset[str]:
    """English words that share a variant key with a place name (common_words.txt, made by
    tools/build_geodata.py); its last line counts them, so a file cut at a line boundary
    is reported rather than read as a shorter list."""
    lines = _read(path).splitlines()
    words, trailer = lines[:-1], lines[-1] if lines else ""
    if trailer != f"# {len(words)} words" or any(not w.isalpha() for w in words):
        raise _damaged(path, "damaged or truncated word list (its count line does not match)")
    return frozenset(words)


def load_gazetteer(geodata_dir: Path | str = GEODATA_DIR) -> Gazetteer:
    """Load and index the geodata folder; raises GeodataError naming a bad file."""
    geodata_dir = Path(geodata_dir)
    return _load_cached(geodata_dir.resolve())


@lru_cache(maxsize=4)
def _load_cached(geodata_dir: Path) -> Gazetteer:
    theatre = _load_theatre(geodata_dir / "theatre.toml")
    provinces = _load_provinces(geodata_dir / "provinces.geojson", theatre)
    places, spellings = _load_places(
        geodata_dir / "places.csv", theatre["national_capital"], theatre.get("display_names", {})
    )
    capitals = {p.province: p for p in places.values() if p.is_capital}
    _check_capitals(geodata_dir / "places.csv", provinces, capitals)
    gaz = Gazetteer(theatre, provinces, places, capitals)
    _index(gaz, spellings)
    gaz.foreign = _load_foreign(geodata_dir / "foreign.csv", theatre)
    gaz.common_words = _load_common_words(geodata_dir / "common_words.txt") | CALENDAR_WORDS
    return gaz

"""Stage 4: join the statuses to the geodata, as (Geo)DataFrames.

These frames are what the map draws, what the files in output/ hold and what the Python
API returns, so all three always agree.
"""

from __future__ import annotations

import geopandas as gpd
import pandas as pd

from .algebra import combine
from .errors import GeodataError
from .gazetteer import GEODATA_DIR, RESTORE_HINT, Gazetteer
from .history import HISTORY_COLUMNS
from .model import VIOLENCE_FLAG, BuildResult, Reading, Status
from .rows import MENTION_COLUMNS, evidence_line, mention_tuples, reading_evidence


def _memo(fn):
    """Frames are computed once per build: the map, the files and the API share them.
    Callers get a copy, so changing a returned frame never changes the build's."""

    def wrapper(result: BuildResult):
        key = fn.__name__
        if key not in result.frames:
            result.frames[key] = fn(result)
        return result.frames[key].copy()

    wrapper.__name__, wrapper.__doc__ = fn.__name__, fn.__doc__
    return wrapper


# Province and town rows carry the newest sentences only; mentions.csv has every one. Why:
# with thousands of seeds a province gathers tens of thousands of sentences, which would
# make provinces.geojson and the GeoPackage hundreds of megabytes.
EVIDENCE_LIMIT = 100


def province_shapes(gaz: Gazetteer) -> gpd.GeoDataFrame:
    """The province polygons, indexed by ISO 3166-2 id, in EPSG:4326."""
    path = GEODATA_DIR / "provinces.geojson"
    try:
        shapes = gpd.read_file(path).set_index("id")
    except Exception as exc:  # pyogrio raises its own error types for damaged files
        raise GeodataError(
            f"{path}: cannot read the province shapes ({exc}); {RESTORE_HINT}"
        ) from exc
    return shapes[["name", "geometry"]].sort_index()


@_memo
def mentions_frame(result: BuildResult) -> pd.DataFrame:
    """Every mention of every seed, one row each (the columns of mentions.csv)."""
    rows = [row for res in result.seeds for row in mention_tuples(res, result.gazetteer)]
    return pd.DataFrame(rows, columns=MENTION_COLUMNS)


@_memo
def provinces_frame(result: BuildResult) -> gpd.GeoDataFrame:
    """One row per province with its status, evidence (newest seed first) and geometry
    (EPSG:4326)."""
    gaz = result.gazetteer
    shapes = province_shapes(gaz)
    dates = {res.seed.name: res.seed.date for res in result.seeds}
    rows = []
    for pid in shapes.index:
        ps = result.provinces[pid]
        seeds = sorted({r.seed for r in ps.readings})
        every = ps.status == Status.MENTIONED
        newest: dict[tuple[str, str], Reading] = {}  # (sentence, seed) -> newest reading
        for r in reversed(ps.readings):
            if every or r.status != Status.MENTIONED:
                newest.setdefault((r.evidence, r.seed), r)
        total = len(newest)
        evidence = [
            evidence_line(reading_evidence(r), r.seed)
            for r in list(newest.values())[:EVIDENCE_LIMIT]
        ]
        rows.append(
            {
                "id": pid,
                "name": gaz.province_name(pid),
                "status": str(ps.status),
                VIOLENCE_FLAG: ps.violence,
                "via": ps.via,
                "conflict": "; ".join(ps.conflict),
                "correction": ps.correction,
                "fuzzy": ", ".join(dict.fromkeys(ps.fuzzy)),
                "evidence": "\n".join(evidence),
                "evidence_count": total,
                "seed_count": len(seeds),
                "seeds": ", ".join(seeds),
                "latest_date": max((dates[s] for s in seeds if dates[s]), default=""),
            }
        )
    frame = pd.DataFrame(rows).set_index("id")
    return gpd.GeoDataFrame(frame, geometry=shapes.geometry, crs=shapes.crs)


@_memo
def history_frame(result: BuildResult) -> pd.DataFrame:
    """One row per (seed, place) report, in time order: what each seed said, and the
    place's status after it (the timeline's raw material)."""
    events = result.timeline.events if result.timeline else []
    return pd.DataFrame(events, columns=HISTORY_COLUMNS)


@_memo
def towns_frame(result: BuildResult) -> gpd.GeoDataFrame:
    """One point per named town or district (not provinces), with its combined status."""
    towns: dict[str, dict] = {}
    for res in sorted(result.seeds, key=lambda r: r.order):
        name = res.seed.name
        for r in res.readings:
            m = r.mention
            if m.kind == "province":
                continue
            t = towns.get(m.place.key)
            if t is None:
                t = towns[m.place.key] = {
                    "place": m.place,
                    "kind": m.kind,
                    "status": None,
                    "surfaces": {},
                    "evidence": {},
                    "match": set(),
                }
            t["status"] = combine(t["status"], r.status)
            t["surfaces"][m.surface] = None
            t["evidence"][(r.evidence, name)] = r  # formatted only for the newest few
            t["match"].add(m.match)
    rows = [_town_row(t, result) for t in towns.values()]
    frame = pd.DataFrame(
        rows,
        columns=[
            "place_id",
            "name",
            "kind",
            "province",
            "is_capital",
            "status",
            "correction",
            "surfaces",
            "evidence",
            "match",
            "lat",
            "lon",
        ],
    )
    return gpd.GeoDataFrame(
        frame, geometry=gpd.points_from_xy(frame["lon"], frame["lat"]), crs="EPSG:4326"
    )


def _town_row(t: dict, result: BuildResult) -> dict:
    """A town's row: its status after the timeline (the text-order combination without
    one), and its newest evidence sentences."""
    place = t["place"]
    state = result.timeline.places.get(place.key) if result.timeline else None
    newest = list(t["evidence"].items())[-1 : -EVIDENCE_LIMIT - 1 : -1]
    return {
        "place_id": place.key,
        "name": place.name,
        "kind": t["kind"],
        "province": place.province,
        "is_capital": place.is_capital,
        "status": str(state.status if state else t["status"]),
        "correction": state.correction if state else "",
        "surfaces": ", ".join(t["surfaces"]),
        "evidence": "\n".join(evidence_line(reading_evidence(r), seed) for (_, seed), r in newest),
        "match": ", ".join(sorted(t["match"])),
        "lat": place.lat,
        "lon": place.lon,
    }


def gazetteer_frame(gaz: Gazetteer) -> gpd.GeoDataFrame:
    """The places table as points: every town the matcher knows."""
    rows = [
        {
            "place_id": p.key,
            "name": p.name,
            "kind": p.kind,
            "province": p.province,
            "province_name": gaz.province_name(p.province),
            "population": p.population,
            "is_capital": p.is_capital,
            "lat": p.lat,
            "lon": p.lon,
        }
        for p in gaz.places.values()
    ]
    frame = pd.DataFrame(rows)
    return gpd.GeoDataFrame(
        frame, geometry=gpd.points_from_xy(frame["lon"], frame["lat"]), crs="EPSG:4326"
    ).set_index("place_id")

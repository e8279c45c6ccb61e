"""The notebook API: GeoDataFrames in, GeoDataFrames out.

Thin on purpose: `provinces`, `mentions`, `towns` and `places` return the same frames the
CLI writes (through mapping.pipeline and mapping.geojoin), so a notebook and the map never
disagree. The helpers cover only what GeoPandas makes easy to get wrong: areas in degrees,
distances on a sphere, and joining a plain lat/lon table.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import geopandas as gpd
import pandas as pd

from .events import events_frame
from .gazetteer import load_gazetteer
from .geojoin import gazetteer_frame, history_frame, mentions_frame, provinces_frame, towns_frame
from .history import daily_states
from .model import VIOLENCE_FLAG, BuildResult, Status
from .pipeline import as_of as _as_of
from .pipeline import build as _build

EQUAL_AREA = "ESRI:54034"  # World Cylindrical Equal Area: areas in square metres
WGS84 = "EPSG:4326"

SeedsOrResult = str | Path | BuildResult


def _stamp(folder: Path) -> tuple:
    """What a folder's seeds look like now: rebuild when any file changes."""
    if not folder.is_dir():
        return ()
    return tuple(
        sorted(
            (p.name, p.stat().st_mtime_ns, p.stat().st_size)
            for p in folder.iterdir()
            if p.is_file()
        )
    )


@lru_cache(maxsize=8)
def _cached_build(folder: str, stamp: tuple, learned: bool = True) -> BuildResult:
    return _build(folder, learned=learned)


def build(seeds: SeedsOrResult = "seeds", rules_only: bool = False) -> BuildResult:
    """Read a seeds folder (default ``seeds/``) with the same pipeline as the CLI.

    Results are cached until a file in the folder changes, so calling ``provinces()`` and
    ``mentions()`` one after the other reads the seeds once. With ``rules_only``, the
    rules' reading alone, as ``build --rules-only`` (pass the result on:
    ``provinces(build("seeds", rules_only=True))``).

    >>> result = build("seeds")
    >>> len(result.seeds) >= 1
    True
    """
    if isinstance(seeds, BuildResult):
        return seeds
    folder = Path(seeds).resolve()
    return _cached_build(str(folder), _stamp(folder), not rules_only)


def provinces(seeds: SeedsOrResult = "seeds") -> gpd.GeoDataFrame:
    """All 34 provinces with their reported status, indexed by ISO 3166-2 code.

    Columns: name, status, violence, via, conflict, correction, learned (the learned reading,
    not a rule, set the deciding sentence's status), fuzzy, evidence (one "sentence [seed]"
    per line), evidence_count, seed_count, seeds, latest_date, geometry (EPSG:4326).

    >>> p = provinces("seeds")
    >>> p.loc["AF-SAM", "status"]
    'captured'
    """
    return provinces_frame(build(seeds))


def mentions(seeds: SeedsOrResult = "seeds") -> pd.DataFrame:
    """Every place mention, one row each: the columns of output/mentions.csv.

    >>> m = mentions("seeds")
    >>> bool((m["surface"] == "Pakria").any())
    True
    """
    return mentions_frame(build(seeds))


def history(seeds: SeedsOrResult = "seeds") -> pd.DataFrame:
    """What each seed reported about each place, in time order (output/history.csv):
    date, province, place, kind, status, violence, seed, place_status_after.

    >>> history("seeds")[["province", "status"]].head(2).values.tolist()
    [['AF-HER', 'captured'], ['AF-KAN', 'captured']]
    """
    return history_frame(build(seeds))


def timeline(seeds: SeedsOrResult = "seeds") -> pd.DataFrame:
    """Province statuses as of each seed date: one column per date, latest last.

    >>> timeline("seeds").loc["AF-SAM"].tolist()
    ['captured']
    """
    tl = build(seeds).timeline
    assert tl is not None  # every build has a timeline
    return pd.DataFrame(
        {d or "undated": {pid: st[pid][0] for pid in st} for d, st in zip(tl.dates, tl.states)}
    )


def towns(seeds: SeedsOrResult = "seeds") -> gpd.GeoDataFrame:
    """Towns, districts and sub-city places the seeds name, as points with their status.

    >>> sorted(towns("seeds")["name"])[:2]
    ['Aybak', 'Herat']
    """
    return towns_frame(build(seeds))


def places() -> gpd.GeoDataFrame:
    """The gazetteer: every town, district, airport and landmark the matcher knows, as points.

    >>> bool(places()["is_capital"].sum() == 34)
    True
    """
    return gazetteer_frame(load_gazetteer())


def _check_code(frame: gpd.GeoDataFrame, code: str) -> None:
    if code not in frame.index:
        raise ValueError(
            f"unknown province code {code!r}; expected one of {', '.join(sorted(frame.index))}"
        )


def province_population() -> pd.Series:
    """People per province: the sum of the populations GeoNames gives for the places of
    the gazetteer (indexed by province code).

    What it covers: the 103 places (of 585) with a population figure, towns and cities of
    at least 1,000 people, 9.1 million people in all, most of them in the 52 cities. What
    it misses: villages and the rural population (about three quarters of the country's
    roughly 40 million in 2021), nomads, and anyone displaced since GeoNames' figures
    were taken; the figures themselves are of different, often old, years. Use it to
    compare provinces and statuses, not as a head count.

    >>> int(province_population()["AF-KAB"]) > 3_000_000
    True
    """
    gaz = places()
    return gaz.groupby("province")["population"].sum().rename("population")


def area_by_status(frame: gpd.GeoDataFrame) -> pd.DataFrame:
    """Area and population per status: km² and share of the total area, computed in an
    equal-area projection (never in degrees), and the people of the places in those
    provinces (province_population, which says what that covers).

    >>> a = area_by_status(provinces("seeds"))
    >>> round(float(a["share"].sum()), 6)
    1.0
    >>> int(a.loc["captured", "provinces"])
    6
    """
    if "status" not in frame.columns:
        raise ValueError("area_by_status needs a 'status' column (use provinces())")
    km2 = frame.to_crs(EQUAL_AREA).area / 1e6
    out = km2.groupby(frame["status"]).sum().to_frame("area_km2")
    out["share"] = out["area_km2"] / out["area_km2"].sum()
    out["provinces"] = frame.groupby("status").size()
    people = province_population().reindex(frame.index, fill_value=0)
    out["population"] = people.groupby(frame["status"]).sum()
    out["population_share"] = out["population"] / max(int(out["population"].sum()), 1)
    return out.sort_values("area_km2", ascending=False)


def provinces_as_of(seeds: SeedsOrResult, when: str) -> gpd.GeoDataFrame:
    """The provinces as they stood at the end of day `when` (or at a time, YYYY-MM-DDTHH:MM):
    every event up to then by its event date, whichever article reported it (a capture
    reported on the 10th "on Monday" counts from Monday the 9th).

    >>> p = provinces_as_of("seeds", "2021-08-08")
    >>> p.loc["AF-HER", "status"], p.loc["AF-SAM", "status"]
    ('captured', 'no_report')
    """
    return provinces_frame(_as_of(build(seeds), when))


def control_over_time(seeds: SeedsOrResult = "seeds") -> pd.DataFrame:
    """Area and population under each status at the end of every day on which an event
    happened or an article was dated: one row per (date, status). An event counts from the
    day the map shows it (algebra.known_by): "since last week", read on 10 August, from
    the last day of that week.

    >>> t = control_over_time("seeds")
    >>> t[t["status"] == "captured"][["date", "provinces"]].values.tolist()
    [['2021-08-08', 5], ['2021-08-09', 6], ['2021-08-10', 6]]
    """
    result = build(seeds)
    shapes = provinces_frame(result)
    km2 = shapes.to_crs(EQUAL_AREA).area / 1e6
    people = province_population().reindex(shapes.index, fill_value=0)
    total = float(km2.sum())
    rows = []
    ordered = sorted(result.seeds, key=lambda r: r.order)
    for day, state in daily_states(result.gazetteer, ordered, result.corrections):
        status = pd.Series({pid: str(st[0]) for pid, st in state.items()}).reindex(shapes.index)
        for word, ids in status.groupby(status).groups.items():
            rows.append(
                {
                    "date": day,
                    "status": word,
                    "provinces": len(ids),
                    "area_km2": float(km2[ids].sum()),
                    "share": float(km2[ids].sum()) / total,
                    "population": int(people[ids].sum()),
                }
            )
    return pd.DataFrame(
        rows, columns=["date", "status", "provinces", "area_km2", "share", "population"]
    )


def neighbours(frame: gpd.GeoDataFrame, code: str) -> gpd.GeoDataFrame:
    """Provinces sharing a border with province `code` (a shared edge, not just a corner).

    >>> p = provinces("seeds")
    >>> "AF-PAR" in neighbours(p, "AF-KAB").index
    True
    """
    _check_code(frame, code)
    shape = frame.geometry[code]
    touching = frame[frame.geometry.touches(shape) | frame.geometry.intersects(shape)]
    touching = touching.drop(index=code)
    border = gpd.GeoSeries([shape.boundary], crs=frame.crs).to_crs(EQUAL_AREA).iloc[0]
    shared = touching.geometry.to_crs(EQUAL_AREA).intersection(border).length  # metres
    return touching[shared > 0]


def _point_of(where) -> tuple[float, float]:
    """(lon, lat) of a place name from the gazetteer, or of a (lat, lon) pair."""
    if isinstance(where, tuple) and len(where) == 2:
        return float(where[1]), float(where[0])
    from .mentions import find_mentions

    gaz = load_gazetteer()
    found, _ = find_mentions(str(where), gaz)
    if len(found) != 1 or found[0].surface != str(where).strip():
        raise ValueError(
            f"{where!r} is not a known place name; give a name from places() or a (lat, lon) pair"
        )
    return found[0].place.lon, found[0].place.lat


def distance_km(frame: gpd.GeoDataFrame, where) -> pd.Series:
    """Geodesic distance in km (WGS84 ellipsoid) from a place name or (lat, lon) to each row.

    Polygons are measured from their representative point.

    >>> t = places()
    >>> d = distance_km(t, "Mazar-i-Sharif")
    >>> round(float(d.min()), 3)
    0.0
    """
    from pyproj import Geod

    lon, lat = _point_of(where)
    pts = frame.geometry.to_crs(WGS84)
    pts = pts.where(pts.geom_type == "Point", pts.representative_point())
    _, _, metres = Geod(ellps="WGS84").inv(
        [lon] * len(pts), [lat] * len(pts), pts.x.tolist(), pts.y.tolist()
    )
    return pd.Series(metres, index=frame.index, name="distance_km") / 1000


def within_km(frame: gpd.GeoDataFrame, where, km: float) -> gpd.GeoDataFrame:
    """Rows within `km` kilometres (geodesic) of a place name or (lat, lon), nearest first.

    >>> near = within_km(towns("seeds"), "Mazar-i-Sharif", 100)
    >>> list(near["name"])
    ['Aybak']
    """
    d = distance_km(frame, where)
    out = frame.assign(distance_km=d)
    return out[out["distance_km"] <= km].sort_values("distance_km")


def join_points(
    points: pd.DataFrame,
    frame: gpd.GeoDataFrame,
    lat: str = "lat",
    lon: str = "lon",
    outside: str = "raise",
) -> gpd.GeoDataFrame:
    """Attach to each of your points (a DataFrame with lat/lon columns) the province it
    lies in and that province's status.

    outside="raise" (default) refuses points outside every province, naming them;
    outside="keep" keeps them with an empty province.

    >>> import pandas as pd
    >>> pts = pd.DataFrame({"name": ["warehouse"], "lat": [36.7], "lon": [67.1]})
    >>> join_points(pts, provinces("seeds"))[["name", "province", "status"]].values.tolist()
    [['warehouse', 'AF-BAL', 'no_report']]
    """
    missing = [c for c in (lat, lon) if c not in points.columns]
    if missing:
        raise ValueError(
            f"points need columns {lat!r} and {lon!r}; missing {missing}; "
            f"columns are {list(points.columns)}"
        )
    if outside not in ("raise", "keep"):
        raise ValueError("outside must be 'raise' or 'keep'")
    coords = points[[lat, lon]].apply(pd.to_numeric, errors="coerce")
    bad = (
        coords.isna().any(axis=1) | ~coords[lat].between(-90, 90) | ~coords[lon].between(-180, 180)
    )
    if bad.any():
        raise ValueError(f"rows {list(points.index[bad])[:10]} have no valid lat/lon")
    gdf = gpd.GeoDataFrame(
        points.copy(), geometry=gpd.points_from_xy(coords[lon], coords[lat]), crs=WGS84
    )
    shapes = (
        frame[["name", "status", VIOLENCE_FLAG, "geometry"]]
        .rename(columns={"name": "province_name"})
        .rename_axis("province")
    )
    joined = gpd.sjoin(gdf, shapes.to_crs(WGS84), how="left", predicate="within")
    joined = joined[~joined.index.duplicated(keep="first")]
    out_rows = joined["province"].isna()
    if out_rows.any() and outside == "raise":
        raise ValueError(
            f"{int(out_rows.sum())} point(s) lie outside every province "
            f"(rows {list(joined.index[out_rows])[:10]}); pass outside='keep' "
            "to keep them"
        )
    return joined


def explore(frame: gpd.GeoDataFrame, **kwargs):
    """The provinces drawn with geopandas ``explore()`` in the map's own colours, opacity
    and legend words: ``mapping.explore(mapping.provinces("seeds"))``.

    Why only id, name and status go in: folium compiles what it renders as Jinja
    templates, so seed text (evidence, sources) must never reach it; the interactive
    map.html carries the evidence. Extra keyword arguments go to ``explore()``.

    >>> m = explore(provinces("seeds"))
    >>> "Captured by the Taliban" in m.get_root().render()
    True
    """
    from .palette import BORDER, FILL_OPACITY, STATUS_COLORS, STATUS_LABELS

    if "status" not in frame.columns:
        raise ValueError("explore needs a 'status' column (use provinces())")
    unknown = set(frame["status"]) - set(Status)
    if unknown:
        raise ValueError(
            f"unknown status value(s) {sorted(unknown)}; expected {[str(s) for s in Status]}"
        )
    safe = gpd.GeoDataFrame(
        {
            "province": frame.get("name", frame.index.to_series()),
            "status": frame["status"].map(STATUS_LABELS),
        },
        geometry=frame.geometry,
        crs=frame.crs,
    )
    safe.index = frame.index.astype(str).rename("code")
    options = {
        "column": "status",
        "categories": [STATUS_LABELS[s] for s in Status],
        "cmap": [STATUS_COLORS[s] for s in Status],
        "tooltip": ["province", "status"],
        "style_kwds": {"fillOpacity": FILL_OPACITY, "color": BORDER, "weight": 0.8},
        "legend": True,
        "legend_kwds": {"caption": "Status"},
        "tiles": None,
    }
    return safe.explore(**{**options, **kwargs})


def events(seeds: SeedsOrResult = "seeds") -> gpd.GeoDataFrame:
    """Every reported event in ACLED's columns (output/events.csv), as points.

    >>> e = events("seeds")
    >>> e[e["location"] == "Aybak"][["event_date", "sub_event_type"]].values.tolist()[0]
    ['2021-08-09', 'Non-state actor overtakes territory']
    """
    frame = events_frame(build(seeds))
    return gpd.GeoDataFrame(
        frame, geometry=gpd.points_from_xy(frame["longitude"], frame["latitude"]), crs=WGS84
    )


# Which provinces face each other across a front: the Taliban's verified holdings against
# those the government holds or that are fought over.
TALIBAN_HELD = (Status.CAPTURED,)
FACING = (Status.GOVERNMENT, Status.RECAPTURED, Status.CONTESTED)


def front_line(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """The front line of a province frame (provinces() or provinces_as_of()): each border
    shared by a Taliban-held (captured) province and a government-held or contested one,
    as a line, with both provinces, the other's status and the length in km (geodesic).

    >>> p = provinces("seeds")
    >>> p.loc["AF-BAL", "status"] = "government"   # suppose Balkh held
    >>> f = front_line(p)
    >>> sorted(f["taliban"]), round(float(f["length_km"].sum()))  # doctest: +ELLIPSIS
    (['AF-KDZ', 'AF-SAM', 'AF-SAR'], ...)
    """
    from pyproj import Geod
    from shapely.ops import linemerge

    if "status" not in frame.columns:
        raise ValueError("front_line needs a 'status' column (use provinces())")
    shapes = frame.to_crs(WGS84)
    held = shapes[shapes["status"].isin(TALIBAN_HELD)]
    facing = shapes[shapes["status"].isin(FACING)]
    geod = Geod(ellps="WGS84")
    rows = []
    for a, ga in held.geometry.items():
        for b, gb in facing.geometry.items():
            if not ga.intersects(gb):
                continue
            shared = ga.boundary.intersection(gb.boundary)
            parts = getattr(shared, "geoms", [shared])
            lines = [g for g in parts if g.geom_type in ("LineString", "MultiLineString")]
            if not lines:
                continue  # a corner, not a border
            line = linemerge(lines) if len(lines) > 1 else lines[0]
            rows.append(
                {
                    "taliban": a,
                    "other": b,
                    "other_status": shapes.at[b, "status"],
                    "length_km": geod.geometry_length(line) / 1000,
                    "geometry": line,
                }
            )
    columns = ["taliban", "other", "other_status", "length_km", "geometry"]
    return gpd.GeoDataFrame(pd.DataFrame(rows, columns=columns), geometry="geometry", crs=WGS84)


def captured_capitals_near(
    seeds: SeedsOrResult, where, n: int = 5, when: str | None = None
) -> gpd.GeoDataFrame:
    """The provincial capitals reported captured (as of `when`, else now), nearest first to
    a place name or a (lat, lon) pair: name, province, captured_on (the day the map shows
    it captured: the event date, or for an event known only to its week or month that
    period's last day, never after the article; algebra.known_by), distance_km, as points.

    >>> near = captured_capitals_near("seeds", "Mazar-i-Sharif", n=2)
    >>> near[["name", "captured_on"]].values.tolist()
    [['Aybak', '2021-08-09'], ['Sar-e-Pul', '2021-08-08']]
    """
    result = build(seeds)
    result = _as_of(result, when) if when else result
    states = result.timeline.places if result.timeline else {}
    caps = places()
    caps = caps[caps["is_capital"]]
    taken = {
        key: st.date
        for key, st in states.items()
        if st.status == Status.CAPTURED and key in caps.index
    }
    out = caps.loc[list(taken)].assign(captured_on=[taken[k][:10] for k in taken])
    out = out.assign(distance_km=distance_km(out, where))
    keep = ["name", "province", "province_name", "captured_on", "distance_km", "geometry"]
    return out.sort_values("distance_km")[keep].head(n)


def changes(seeds: SeedsOrResult, start: str, end: str) -> gpd.GeoDataFrame:
    """The provinces whose status changed between the end of day `start` and of `end`:
    name, before, after, and the shape.

    >>> c = changes("seeds", "2021-08-08", "2021-08-10")
    >>> c[["name", "before", "after"]].values.tolist()
    [['Khost', 'no_report', 'violence'], ['Paktia', 'no_report', 'violence'], ['Samangan', 'no_report', 'captured']]
    """
    before = provinces_as_of(seeds, start)
    after = provinces_as_of(seeds, end)
    moved = before["status"] != after["status"]
    out = after.loc[moved, ["name", "geometry"]].copy()
    out.insert(1, "before", before.loc[moved, "status"])
    out.insert(2, "after", after.loc[moved, "status"])
    return out

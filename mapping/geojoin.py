"""Stage 4: join the statuses to the geodata, as (Geo)DataFrames.

These frames are what the map draws, what the files in output/ hold and what the Python
API returns, so all three always agree.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial
from itertools import compress, repeat
from operator import attrgetter, is_, itemgetter, ne
from typing import Any, TypeVar

import geopandas as gpd
import pandas as pd

from .algebra import combine_all
from .errors import GeodataError
from .gazetteer import GEODATA_DIR, RESTORE_HINT, Gazetteer
from .history import HISTORY_COLUMNS
from .learned import rules_status
from .model import VIOLENCE_FLAG, BuildResult, ProvinceStatus, Reading, Status, TownEvidence
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


class FrameMemo:
    """What the builds of one `watch` process worked out per province and per town (frame
    rows, the map's panels), for its next build: a part whose readings are the very
    objects of last time, with the same other inputs (status, corrections ...), is not
    worked out again.

    Why it is enough to look at the readings' identity: a reading carries its seed's
    name and date, and is never changed once made (cache.EntryMemo hands the same reading
    objects to every build until the seed's text, name or date changes, and then new
    ones); so no seed that names the place was added, removed, moved in time or changed.
    Why it pays: a province of a 10,000-seed build has tens of thousands of readings,
    scattered in memory, and its row and panel take several passes over them, where
    comparing identities is one pass in C. Only the latest build's parts are kept (as
    EntryMemo does), so a long watch does not grow.
    """

    def __init__(self) -> None:
        self._before: dict[tuple[str, str], tuple[list[Reading], tuple, Any]] = {}
        self._now: dict[tuple[str, str], tuple[list[Reading], tuple, Any]] = {}
        self.taken = 0  # parts this build took from the one before

    def next_build(self) -> None:
        """A build starts: what the one before kept is what it may take."""
        self._before, self._now = self._now, {}
        self.taken = 0

    def get(self, part: str, key: str, readings: list[Reading], inputs: tuple) -> Any:
        """The value kept for this part of this province or town, or None when its
        readings are not the same objects in the same order or its inputs differ."""
        kept = self._before.get((part, key))
        if (
            kept is None
            or kept[1] != inputs
            or len(kept[0]) != len(readings)
            or not all(map(is_, kept[0], readings))
        ):
            return None
        self._now[(part, key)] = kept
        self.taken += 1
        return kept[2]

    def put(self, part: str, key: str, readings: list[Reading], inputs: tuple, value) -> None:
        self._now[(part, key)] = (readings, inputs, value)


def carried(
    result: BuildResult,
    part: str,
    key: str,
    readings: list[Reading],
    inputs: tuple,
    make: Callable[[], T],
    fresh: Callable[[T], bool] = lambda _: True,
) -> T:
    """make(), or what a watch's previous build made for the same readings and inputs
    (result.carried, a FrameMemo) if it is still `fresh` (a panel: its sources' metadata
    unchanged)."""
    memo = result.carried
    if not isinstance(memo, FrameMemo):
        return make()
    value = memo.get(part, key, readings, inputs)
    if value is not None and not fresh(value):
        memo.taken -= 1
        value = None
    if value is None:
        value = make()
        memo.put(part, key, readings, inputs, value)
    return value


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


# Attribute getters for the counting passes below. Why: map/zip/set/compress with these run
# in C, a few times faster than the same comprehension, and a 10,000-seed build has half a
# million readings to count through.
_EVIDENCE, _SEED, _STATUS = attrgetter("evidence"), attrgetter("seed"), attrgetter("status")
_SURFACE, _MATCH = attrgetter("mention.surface"), attrgetter("mention.match")
_FIRST, _SECOND = itemgetter(0), itemgetter(1)
T = TypeVar("T")


def pair_count(readings: list[Reading]) -> int:
    """How many distinct (sentence, seed) pairs the readings have: one set of pairs, made
    in C (a set per seed run, in Python, took twice as long for a big province)."""
    return len(set(zip(map(_EVIDENCE, readings), map(_SEED, readings))))


def pairs_and_seeds(readings: list[Reading]) -> tuple[int, set[str]]:
    """pair_count and seed_names of the readings, from one pass over them.

    Why one pass: a big province's readings lie scattered in memory (a few of each of
    thousands of seeds), and each pass over them costs about as much as making the set
    of pairs; the seeds are then read off the pairs, which lie together."""
    pairs = set(zip(map(_EVIDENCE, readings), map(_SEED, readings)))
    return len(pairs), set(map(_SECOND, pairs))


def seed_names(readings: list[Reading]) -> set[str]:
    return set(map(_SEED, readings))


def of_seeds(readings: list[Reading], seeds: set[str]) -> Iterator[Reading]:
    """The readings from these seeds, in order."""
    return compress(readings, map(seeds.__contains__, map(_SEED, readings)))


def reported(ps: ProvinceStatus) -> list[Reading]:
    """A province's readings that the evidence shows: bare mentions only when the province
    is only mentioned."""
    if ps.status == Status.MENTIONED:
        return ps.readings
    keep = map(ne, map(_STATUS, ps.readings), repeat(Status.MENTIONED))
    return list(compress(ps.readings, keep))


def province_evidence(result: BuildResult, pid: str) -> tuple[list[Reading], int, set[str]]:
    """A province's readings that its evidence shows (see `reported`), how many distinct
    (sentence, seed) pairs they have and their seeds; worked out once per build for the
    frame and the map."""
    memo = result.frames.setdefault("province_evidence", {})
    if pid not in memo:
        ps = result.provinces[pid]
        mentioned = ps.status == Status.MENTIONED
        if mentioned and ps.pairs >= 0:  # counted as the readings were gathered (Tracker)
            memo[pid] = ps.readings, ps.pairs, ps.seeds
        elif ps.reported_pairs >= 0:
            memo[pid] = ps.reported, ps.reported_pairs, ps.reported_seeds
        else:
            shown = reported(ps)
            memo[pid] = shown, *pairs_and_seeds(shown)
    return memo[pid]


def town_evidence(result: BuildResult, key: str) -> tuple[int, set[str]]:
    """A town's distinct (sentence, seed) pairs and seeds (pairs_and_seeds), once a build:
    as the timeline counted them where it did (_gathered_towns)."""
    memo = result.frames.setdefault("town_evidence", {})
    if key not in memo:
        town = (_gathered_towns(result) or {}).get(key)
        if town is not None and town.exact:
            memo[key] = town.pairs, town.seeds
        else:
            memo[key] = pairs_and_seeds(town_readings(result).get(key, []))
    return memo[key]


def _gathered_towns(result: BuildResult) -> dict[str, TownEvidence] | None:
    """Each town's readings and counts as the timeline gathered them seed by seed (a
    watch's build: history.EvidenceMemo), else None. Why: a big town's readings lie
    scattered in memory, and each pass over them cost more than gathering them did."""
    return result.timeline.town_evidence if result.timeline else None


def newest_evidence(
    readings: list[Reading], limit: int, total: int | None = None
) -> tuple[list[Reading], int]:
    """Of readings in time order: the newest reading of each of the `limit` newest
    distinct (sentence, seed) pairs, newest first, and how many pairs there are.

    Why it stops early: a province of a 10,000-seed build has tens of thousands of
    readings, and only the newest few are shown; the total is one set over all of them.
    """
    total = pair_count(readings) if total is None else total
    newest: dict[tuple[str, str], Reading] = {}
    for r in reversed(readings):
        newest.setdefault((r.evidence, r.seed), r)
        if len(newest) >= limit:
            break
    return list(newest.values()), total


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
        rows.append(
            carried(
                result,
                "province",
                pid,
                ps.readings,
                province_inputs(ps),
                partial(_province_row, result, pid, dates),
            )
        )
    frame = pd.DataFrame(rows).set_index("id")
    return gpd.GeoDataFrame(frame, geometry=shapes.geometry, crs=shapes.crs)


def province_inputs(ps: ProvinceStatus) -> tuple:
    """What a province's row and panel depend on besides its readings (FrameMemo)."""
    return ps.status, ps.violence, ps.via, tuple(ps.conflict), ps.correction, tuple(ps.fuzzy)


def deciding_reading(ps: ProvinceStatus) -> Reading | None:
    """The reading that set the province's status: the newest whose status, seen from the
    province (a captured town that is not the capital only contests it), is the status."""

    def view(r):
        town = r.mention.kind != "province" and not r.mention.place.is_capital
        return Status.CONTESTED if town and r.status == Status.CAPTURED else r.status

    for r in reversed(ps.readings):
        if view(r) == ps.status:
            return r
    return ps.readings[-1] if ps.readings else None


def _set_by_model(decides: Reading | None, corrected: bool) -> bool:
    """Did the learned reading, not a rule, give this deciding reading its status
    (mapping/learned.py)? Not for a status an analyst's correction set: the `learned`
    column of the provinces and the towns."""
    return bool(decides and not corrected and rules_status(decides.rule) is not None)


def _by_learned_reading(ps: ProvinceStatus) -> bool:
    """_set_by_model for the province's deciding sentence."""
    return _set_by_model(deciding_reading(ps), bool(ps.correction))


def town_deciding_reading(readings: list[Reading], status: Status | str | None) -> Reading | None:
    """The newest of a town's readings (time order) with the town's status: the sentence its
    panel shows first, and the one its row's `learned` asks about."""
    return next((r for r in reversed(readings) if r.status == status), None)


def _province_row(result: BuildResult, pid: str, dates: dict[str, str]) -> dict:
    """A province's row of provinces_frame; `dates`: seed name -> date."""
    ps = result.provinces[pid]
    shown, total, shown_seeds = province_evidence(result, pid)
    # Shown are all of them when the province is only mentioned: no second pass; and the
    # seeds of all of them were gathered with them, unless a seed came twice (Tracker).
    if shown is ps.readings:
        seeds = sorted(shown_seeds)
    else:
        seeds = sorted(ps.seeds if ps.pairs >= 0 else seed_names(ps.readings))
    newest, total = newest_evidence(shown, EVIDENCE_LIMIT, total)
    evidence = [evidence_line(reading_evidence(r), r.seed) for r in newest]
    return {
        "id": pid,
        "name": result.gazetteer.province_name(pid),
        "status": str(ps.status),
        VIOLENCE_FLAG: ps.violence,
        "via": ps.via,
        "conflict": "; ".join(ps.conflict),
        "correction": ps.correction,
        "learned": _by_learned_reading(ps),
        "fuzzy": ", ".join(dict.fromkeys(ps.fuzzy)),
        "evidence": "\n".join(evidence),
        "evidence_count": total,
        "seed_count": len(seeds),
        "seeds": ", ".join(seeds),
        "latest_date": max(filter(None, map(dates.__getitem__, seeds)), default=""),
    }


@_memo
def history_frame(result: BuildResult) -> pd.DataFrame:
    """One row per (seed, place) report, in time order: what each seed said, and the
    place's status after it (the timeline's raw material)."""
    events = result.timeline.events if result.timeline else []
    return pd.DataFrame(events, columns=HISTORY_COLUMNS)


def town_readings(result: BuildResult) -> dict[str, list[Reading]]:
    """Town (not province) id -> its readings in time order (seeds by SeedResult.order,
    each in text order), towns in order of first report; grouped once per build, for the
    towns frame and the map's town panels."""
    if "town_readings" not in result.frames:
        gathered = _gathered_towns(result)
        if gathered is not None:  # by the timeline, seed by seed (history.add_parts)
            result.frames["town_readings"] = {k: t.readings for k, t in gathered.items()}
            return result.frames["town_readings"]
        towns: dict[str, list[Reading]] = {}
        for res in sorted(result.seeds, key=lambda r: r.order):
            for r in res.readings:
                if r.mention.kind != "province":
                    towns.setdefault(r.mention.place.key, []).append(r)
        result.frames["town_readings"] = towns
    return result.frames["town_readings"]


@_memo
def towns_frame(result: BuildResult) -> gpd.GeoDataFrame:
    """One point per named town or district (not provinces), with its combined status."""
    unique = len({res.seed.name for res in result.seeds}) == len(result.seeds)
    rows = [
        carried(
            result,
            "town",
            key,
            readings,
            (*town_inputs(result, key), unique),
            partial(_town_row, readings, result, unique),
        )
        for key, readings in town_readings(result).items()
    ]
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
            "learned",
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


def town_inputs(result: BuildResult, key: str) -> tuple:
    """What a town's row and panel depend on besides its readings (FrameMemo): its state
    after the timeline (None without one)."""
    state = result.timeline.places.get(key) if result.timeline else None
    return (state.status, state.correction) if state else (None, "")


def _town_newest(readings: list[Reading], unique: bool) -> list[tuple[str, Reading]]:
    """A town's newest EVIDENCE_LIMIT (sentence, seed) pairs, newest first: pairs in order
    of their first reading, each with its last reading (as a dict keyed by the pair keeps
    them). With seed names unique, a seed's readings are one run, so only the newest runs
    are looked at; else every reading."""
    if not unique:
        every: dict[tuple[str, str], Reading] = {}
        for r in readings:
            every[(r.evidence, r.seed)] = r
        return [(seed, r) for (_, seed), r in list(every.items())[-1 : -EVIDENCE_LIMIT - 1 : -1]]
    out: list[tuple[str, Reading]] = []
    end = len(readings)
    while end and len(out) < EVIDENCE_LIMIT:
        seed = readings[end - 1].seed
        start = end - 1
        while start and readings[start - 1].seed == seed:
            start -= 1
        run: dict[str, Reading] = {}
        for r in readings[start:end]:
            run[r.evidence] = r
        out.extend((seed, r) for r in reversed(run.values()))
        end = start
    return out[:EVIDENCE_LIMIT]


def _town_row(readings: list[Reading], result: BuildResult, unique: bool) -> dict:
    """A town's row: its status after the timeline (the text-order combination without
    one), and its newest evidence sentences."""
    first = readings[0]
    place = first.mention.place
    state = result.timeline.places.get(place.key) if result.timeline else None
    status = state.status if state else combine_all(r.status for r in readings)
    newest = _town_newest(readings, unique)
    # Surfaces (in order of first use) and match kinds from one pass: a big town's readings
    # lie scattered in memory, so a pass over them costs more than what it does (none when
    # the timeline gathered them).
    town = (_gathered_towns(result) or {}).get(place.key)
    spelled = (
        town.spelled
        if town is not None
        else dict.fromkeys(zip(map(_SURFACE, readings), map(_MATCH, readings)))
    )
    return {
        "place_id": place.key,
        "name": place.name,
        "kind": first.mention.kind,
        "province": place.province,
        "is_capital": place.is_capital,
        "status": str(status),
        "correction": state.correction if state else "",
        "learned": _set_by_model(
            town_deciding_reading(readings, status), bool(state and state.correction)
        ),
        "surfaces": ", ".join(dict.fromkeys(map(_FIRST, spelled))),
        "evidence": "\n".join(evidence_line(reading_evidence(r), seed) for seed, r in newest),
        "match": ", ".join(sorted(set(map(_SECOND, spelled)))),
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

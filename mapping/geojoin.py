"""Stage 4: join the statuses to the geodata, as (Geo)DataFrames.

These frames are what the map draws, what the files in output/ hold and what the Python
API returns, so all three always agree.
"""

from __future__ import annotations

from collections.abc import Container

import geopandas as gpd
import pandas as pd

from .gazetteer import GEODATA_DIR, RESTORE_HINT, Gazetteer, GeodataError
from .history import HISTORY_COLUMNS
from .pipeline import BuildResult, SeedResult, seed_order
from .seeds import one_line
from .statuses import Reading, combine

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

# Longest evidence an output row repeats. Why: every mention row carries its sentence, so
# a seed of one endless sentence naming a place 10,000 times would write that sentence
# 10,000 times; longer sentences are shown as a window around the mention instead, and
# sentences.csv holds each sentence once, whole. Real sentences are far shorter.
EVIDENCE_CHARS = 400
CUT = "\u2026"


def clip_evidence(sentence: str, start: int, end: int) -> str:
    """The sentence if it has at most EVIDENCE_CHARS characters, else a window of at most
    that many around sentence[start:end] (the mention), with CUT marking each cut end."""
    if len(sentence) <= EVIDENCE_CHARS:
        return sentence
    room = EVIDENCE_CHARS - 2 * len(CUT)
    start = min(max(start, 0), len(sentence))
    end = min(max(end, start), len(sentence), start + room)
    left = max(0, min(start - (room - (end - start)) // 2, len(sentence) - room))
    right = left + room
    if left == 0:
        right += len(CUT)
    if right >= len(sentence):
        left = max(0, len(sentence) - EVIDENCE_CHARS + len(CUT))
        right = len(sentence)
    return (CUT if left else "") + sentence[left:right] + (CUT if right < len(sentence) else "")


def reading_evidence(r: Reading) -> str:
    """A reading's evidence as the outputs show it (clip_evidence around its mention)."""
    return clip_evidence(r.evidence, r.mention.start - r.evidence_start,
                         r.mention.end - r.evidence_start)


def evidence_line(sentence: str, seed: str) -> str:
    """One line of a frame's evidence column: the sentence and, in brackets, its seed
    (line breaks in a file name shown as \\n, so the line stays one line)."""
    return f"{sentence} [{one_line(seed)}]"


def evidence_seed(line: str, known: Container[str] = ()) -> str:
    """The seed named by an evidence_line: the bracketed tail that is a `known` name (a
    file name may itself hold '[' or ' ['), else the text after the last '['."""
    if line.endswith("]"):
        pos = len(line)
        while (pos := line.rfind(" [", 0, pos)) >= 0:
            if line[pos + 2:-1] in known:
                return line[pos + 2:-1]
    return line.rsplit("[", 1)[-1].rstrip("]")


# sentence_id: the row of sentences.csv (same seed) holding the whole evidence sentence.
MENTION_COLUMNS = ["seed", "surface", "start", "end", "place", "kind", "province", "province_name",
                   "status", "rule", "sentence_id", "evidence", "match", "antecedent", "lat",
                   "lon", "date", "source", "title", "url"]
META_COLUMNS = ("date", "source", "title", "url")     # the seed's, last in each row
SENTENCE_COLUMNS = ["seed", "sentence_id", "start", "end", "text"]


def province_shapes(gaz: Gazetteer) -> gpd.GeoDataFrame:
    """The province polygons, indexed by ISO 3166-2 id, in EPSG:4326."""
    path = GEODATA_DIR / "provinces.geojson"
    try:
        shapes = gpd.read_file(path).set_index("id")
    except Exception as exc:       # pyogrio raises its own error types for damaged files
        raise GeodataError(f"{path}: cannot read the province shapes ({exc}); {RESTORE_HINT}") from exc
    return shapes[["name", "geometry"]].sort_index()


def sentence_ids(readings: list[Reading]) -> list[int]:
    """Each reading's sentence_id: the sentences of a seed numbered from 0 in order of
    first use (one sentence is one span of the text)."""
    ids: dict[tuple[int, int], int] = {}
    return [ids.setdefault((r.evidence_start, r.evidence_end), len(ids)) for r in readings]


def sentence_tuples(res: SeedResult) -> list[tuple]:
    """The sentences.csv rows of one seed (SENTENCE_COLUMNS order): each evidence
    sentence once, whole."""
    seen: dict[tuple[int, int], tuple] = {}
    for r in res.readings:
        span = (r.evidence_start, r.evidence_end)
        if span not in seen:
            seen[span] = (res.seed.name, len(seen), *span, r.evidence)
    return list(seen.values())


def mention_core(res: SeedResult, gaz: Gazetteer) -> list[tuple]:
    """The mentions.csv columns of one seed's rows that come from its text alone (all but
    the seed's name and META_COLUMNS): what the cache may keep."""
    names = {pid: p.name for pid, p in gaz.provinces.items()}
    return [(r.mention.surface, r.mention.start, r.mention.end, r.mention.place.name,
             r.mention.kind, r.mention.province, names[r.mention.province], r.status, r.rule,
             sid, reading_evidence(r), r.mention.match, r.mention.antecedent,
             r.mention.place.lat, r.mention.place.lon)
            for r, sid in zip(res.readings, sentence_ids(res.readings))]


def mention_tuples(res: SeedResult, gaz: Gazetteer) -> list[tuple]:
    """The mentions.csv rows of one seed, as tuples in MENTION_COLUMNS order (fast path
    for thousands of seeds)."""
    seed = res.seed
    meta = tuple(getattr(seed, k) for k in META_COLUMNS)
    return [(seed.name, *core, *meta) for core in mention_core(res, gaz)]


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
        every = ps.status == "mentioned"
        newest = {}           # (sentence, seed) -> its newest reading
        for r in reversed(ps.readings):
            if every or r.status != "mentioned":
                newest.setdefault((r.evidence, r.seed), r)
        total = len(newest)
        evidence = [evidence_line(reading_evidence(r), r.seed)
                    for r in list(newest.values())[:EVIDENCE_LIMIT]]
        rows.append({"id": pid, "name": gaz.province_name(pid), "status": ps.status,
                     "violence": ps.violence, "via": ps.via,
                     "conflict": "; ".join(ps.conflict),
                     "fuzzy": ", ".join(dict.fromkeys(ps.fuzzy)),
                     "evidence": "\n".join(evidence), "evidence_count": total,
                     "seed_count": len(seeds), "seeds": ", ".join(seeds),
                     "latest_date": max((dates[s] for s in seeds if dates[s]), default="")})
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
    for res in sorted(result.seeds, key=seed_order):
        name = res.seed.name
        for r in res.readings:
            m = r.mention
            if m.kind == "province":
                continue
            t = towns.get(m.place.key)
            if t is None:
                t = towns[m.place.key] = {"place": m.place, "kind": m.kind, "status": None,
                                          "surfaces": {}, "evidence": {}, "match": set()}
            t["status"] = combine(t["status"], r.status)
            t["surfaces"][m.surface] = None
            t["evidence"][(r.evidence, name)] = r    # formatted only for the newest few
            t["match"].add(m.match)
    rows = [_town_row(t, result) for t in towns.values()]
    frame = pd.DataFrame(rows, columns=["place_id", "name", "kind", "province", "is_capital",
                                        "status", "surfaces", "evidence", "match", "lat", "lon"])
    return gpd.GeoDataFrame(frame, geometry=gpd.points_from_xy(frame["lon"], frame["lat"]),
                            crs="EPSG:4326")


def _town_row(t: dict, result: BuildResult) -> dict:
    """A town's row: its status after the timeline (the text-order combination without
    one), and its newest evidence sentences."""
    place = t["place"]
    state = result.timeline.places.get(place.key) if result.timeline else None
    newest = list(t["evidence"].items())[-1:-EVIDENCE_LIMIT - 1:-1]
    return {"place_id": place.key, "name": place.name, "kind": t["kind"],
            "province": place.province, "is_capital": place.is_capital,
            "status": state.status if state else t["status"],
            "surfaces": ", ".join(t["surfaces"]),
            "evidence": "\n".join(evidence_line(reading_evidence(r), seed)
                                   for (_, seed), r in newest),
            "match": ", ".join(sorted(t["match"])), "lat": place.lat, "lon": place.lon}


def gazetteer_frame(gaz: Gazetteer) -> gpd.GeoDataFrame:
    """The places table as points: every town the matcher knows."""
    rows = [{"place_id": p.key, "name": p.name, "kind": p.kind, "province": p.province,
             "province_name": gaz.province_name(p.province), "population": p.population,
             "is_capital": p.is_capital, "lat": p.lat, "lon": p.lon} for p in gaz.places.values()]
    frame = pd.DataFrame(rows)
    return gpd.GeoDataFrame(frame, geometry=gpd.points_from_xy(frame["lon"], frame["lat"]),
                            crs="EPSG:4326").set_index("place_id")

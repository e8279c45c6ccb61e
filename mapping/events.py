"""Events in ACLED's shape: one row per reported event, for analysts who join our output
with ACLED's data (output/events.csv, mapping.events()).

Why a table of its own: mentions.csv is one row per name, our own shape; ACLED's coders
and their users think in events (who did what, where, when, how sure), with fixed column
names and codes. The mapping from our statuses to ACLED's event and sub-event types, and
from our kinds of place and date precisions to its geo_precision and time_precision, is
written out here once and in the README ("Events for ACLED users").

Only readings that report an event become rows: captures, recaptures, fighting, an attack
repelled, and violence. Claims are left out (a party's word, which ACLED codes only once
reported as fact), and so are bare mentions and statements of who holds a place with no
fighting ("the government still holds X"): they are not events.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Callable, Container, Iterator
from itertools import repeat

import pandas as pd

from .gazetteer import Gazetteer
from .model import BuildResult, Place, PlaceKind, Reading, Report, SeedResult, Side, Status
from .rows import (
    DATED_MARK,
    DATED_MARK_BYTES,
    DAY_SLOT,
    DAY_SLOT_BYTES,
    NAME_SLOT,
    NAME_SLOT_BYTES,
    PRECISION_MARK,
    PRECISION_MARK_BYTES,
    PRECISION_SLOT,
    PRECISION_SLOT_BYTES,
    ROW_MARK,
    ROW_MARK_BYTES,
    SLOTS,
    SOURCE_SLOT,
    SOURCE_SLOT_BYTES,
    csv_line,
    fill_marks,
    reading_evidence,
)

COUNTRY = "Afghanistan"
ISO3 = "AFG"

EVENT_COLUMNS = [
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "event_type",
    "sub_event_type",
    "actor1",
    "country",
    "admin1",
    "admin2",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_url",
    "notes",
    # ours, after ACLED's
    "status",
    "rule",
    "seed",
    "match",
    "date_precision",
    "correction",
]

BATTLES = "Battles"
STRATEGIC = "Strategic developments"
REMOTE = "Explosions/Remote violence"
CIVILIANS = "Violence against civilians"

# ACLED's time_precision: 1 the day is known, 2 the week (or weekend), 3 the month. A year
# is coarser than ACLED codes; it takes 3, the least certain.
TIME_PRECISION = {"day": 1, "week": 2, "month": 3, "year": 3}

TALIBAN = "Taliban"
STATE = "Military Forces of Afghanistan (2004-2021)"  # ACLED's name for the state's forces
_TALIBAN_WORDS = re.compile(r"\b(?:Taliban|insurgents?|militants?)\b", re.I)
_STATE_WORDS = re.compile(
    r"\b(?:(?:Afghan|government|security|national)\s+(?:forces|troops|army|soldiers)|"
    r"army|troops|soldiers|commandos|defence ministry|defense ministry)\b",
    re.I,
)
_NO_FIGHT = re.compile(
    r"\bwithout (?:a )?(?:fight|shot|resistance)\b|\bhanded (?:it |the \w+ )?over\b|"
    r"\bsurrender(?:ed|s)?\b|\bpeacefully\b|\bnegotiated (?:handover|withdrawal)\b",
    re.I,
)
# Violence with nothing said about control: ACLED's closest type, by the words used.
_VIOLENCE_TYPES = [
    (re.compile(r"\bsuicide\b", re.I), REMOTE, "Suicide bomb"),
    (
        re.compile(r"\b(?:air ?strikes?|airstrikes?|drone|bombing raids?|jets?)\b", re.I),
        REMOTE,
        "Air/drone strike",
    ),
    (
        re.compile(r"\b(?:shell(?:s|ing|ed)?|rockets?|mortars?|artillery|missiles?)\b", re.I),
        REMOTE,
        "Shelling/artillery/missile attack",
    ),
    (
        re.compile(
            r"\b(?:IEDs?|roadside bombs?|landmines?|mines?|car bombs?|explosions?|blasts?)\b", re.I
        ),
        REMOTE,
        "Remote explosive/landmine/IED",
    ),
    (
        re.compile(r"\b(?:civilians?|children|women|families|villagers|residents)\b", re.I),
        CIVILIANS,
        "Attack",
    ),
]


def _types(r: Reading) -> tuple[str, str] | None:
    """(event_type, sub_event_type) of a reading, or None when it reports no event."""
    text = r.evidence
    if r.status == Status.CAPTURED:
        if _NO_FIGHT.search(text):
            return STRATEGIC, "Non-violent transfer of territory"
        return BATTLES, "Non-state actor overtakes territory"
    if r.status == Status.RECAPTURED:
        return BATTLES, "Government regains territory"
    if r.status == Status.CONTESTED:
        return BATTLES, "Armed clash"
    if r.status == Status.GOVERNMENT:
        return (
            (BATTLES, "Armed clash")
            if re.search(r"repel|repuls|push(?:ed)? back|beat(?:en)? back|fought off", text, re.I)
            else None
        )
    if r.status == Status.VIOLENCE:
        for pattern, kind, sub in _VIOLENCE_TYPES:
            if pattern.search(text):
                return kind, sub
        return BATTLES, "Armed clash"
    return None  # claims, bare mentions


def _actor(status: Status, text: str) -> str:
    """actor1 where the sentence names one: the side whose act the status reports."""
    taliban, state = _TALIBAN_WORDS.search(text), _STATE_WORDS.search(text)
    if status == Status.CAPTURED:
        return TALIBAN if taliban else ""
    if status in (Status.RECAPTURED, Status.GOVERNMENT):
        return STATE if state else ""
    if taliban and state:
        return TALIBAN if taliban.start() < state.start() else STATE
    return TALIBAN if taliban else STATE if state else ""


def acled_date(event_date: str, precision: str, seed_date: str) -> str:
    """The day ACLED codes for a period: the day itself, else the middle of the week or
    month (never after the article's own day)."""
    day = event_date[:10]
    if not day or precision == "day":
        return day
    start = dt.date.fromisoformat(day)
    middle = {"week": start + dt.timedelta(days=3), "month": start.replace(day=15)}.get(
        precision, start.replace(month=7, day=1)
    )
    if seed_date[:10]:
        middle = min(middle, dt.date.fromisoformat(seed_date[:10]))
    return max(middle, start).isoformat()


def _where(place: Place, kind: str, rule: str, gaz: Gazetteer) -> tuple:
    """(admin1, admin2, location, latitude, longitude, geo_precision) by ACLED's spatial
    codes: 1 the town itself, 2 near a town or part of a region (a district, an airport,
    part of a city), 3 only the province named (located at its capital)."""
    admin1 = gaz.province_name(place.province)
    if kind == PlaceKind.PROVINCE:
        cap = gaz.capitals.get(place.province)
        at = cap or place
        return admin1, "", at.name, at.lat, at.lon, 3
    admin2 = place.name if kind == PlaceKind.DISTRICT else ""
    partial = "partial" in rule or "sub-place" in rule
    precision = 1 if kind == PlaceKind.CITY and not partial else 2
    return admin1, admin2, place.name, place.lat, place.lon, precision


class _Parts:
    """The columns of an event row that repeat across readings, each group worked out
    once and shared: (event_date, year, time_precision) per event date and seed date;
    (event_type, sub_event_type, actor1, country) per status and sentence (the regexes);
    (admin1 ... geo_precision) per place; and each group's CSV text.

    Why: a build of 10,000 seeds has a quarter of a million events, and these groups
    take a few thousand distinct values.
    """

    def __init__(self, gaz: Gazetteer):
        self.gaz = gaz
        self.days: dict[tuple[str, str, str], tuple] = {}
        self.kinds: dict[tuple[Status, str], tuple | None] = {}
        self.wheres: dict[tuple[str, str, bool], tuple] = {}
        self.texts: dict[tuple, str] = {}  # a group of columns -> its CSV text
        self.texts_bytes: dict[tuple, bytes] = {}  # the same, as UTF-8 without the comma

    def events(self, res: SeedResult) -> Iterator[tuple[int, Reading, tuple, tuple]]:
        """(index, reading, what, where) of each event of one seed, in text order."""
        for i, r in enumerate(res.readings):
            what = self.kinds.get((r.status, r.evidence), ())
            if what == ():
                what = self.kinds[r.status, r.evidence] = _what(r)
            if what is not None:
                yield i, r, what, self.where(r)

    def day(self, event_date: str, precision: str, seed_date: str) -> tuple:
        key = (event_date, precision, seed_date)
        day = self.days.get(key)
        if day is None:
            date = acled_date(event_date, precision, seed_date)
            day = self.days[key] = (
                date,
                int(date[:4]) if date else None,
                TIME_PRECISION.get(precision),
            )
        return day

    def where(self, r: Reading) -> tuple:
        m = r.mention
        key = (m.place.key, m.kind, "partial" in r.rule or "sub-place" in r.rule)
        where = self.wheres.get(key)
        if where is None:
            where = self.wheres[key] = _where(m.place, m.kind, r.rule, self.gaz)
        return where

    def csv(self, *values: object) -> str:
        """CSV text of some columns, with the comma after them (the empty field after
        keeps a lone "" unquoted, as it is inside a row)."""
        text = self.texts.get(values)
        if text is None:
            text = self.texts[values] = csv_line([*values, ""])
        return text

    def csv_bytes(self, *values: object) -> bytes:
        """CSV text of some columns as UTF-8, without the comma after them."""
        text = self.texts_bytes.get(values)
        if text is None:
            text = self.texts_bytes[values] = self.csv(*values)[:-1].encode("utf-8")
        return text

    def lines(
        self,
        res: SeedResult,
        ids: Iterator[str],
        name: str,
        source: str,
        dated: Container[tuple[int, int]] | None = None,
    ) -> tuple[str, int]:
        """One seed's rows of events.csv, and how many: ids from `ids`, the seed's name
        and its source and url columns as the CSV texts `name` and `source` (each with
        its comma). With `dated` (the spans of the sentences that name a time), slots
        stand for the date columns, as the cache keeps them (seed_event_rows)."""
        date = res.seed.date
        rows = [
            f"{next(ids)},{day}{self.csv(*what)}{self.csv(*where)}{source}"
            f"{self.csv(reading_evidence(r))}{self.csv(str(r.status), r.rule)}{name}"
            f"{self.csv(r.mention.match)}{precision}\n"  # and an empty correction
            for i, r, what, where in self.events(res)
            for day, precision in [self._dates(i, r, date, dated)]
        ]
        return "".join(rows), len(rows)

    def _dates(
        self, i: int, r: Reading, seed_date: str, dated: Container[tuple[int, int]] | None
    ) -> tuple[str, str]:
        """The CSV texts of reading i's (event_date, year, time_precision) and of its
        date_precision, each with its comma; or the slots that stand for them."""
        if dated is None:
            return self.csv(*self.day(r.event_date, r.date_precision, seed_date)), self.csv(
                r.date_precision
            )
        if (r.evidence_start, r.evidence_end) in dated:
            return f"{DATED_MARK}{i}{DATED_MARK},", f"{PRECISION_MARK}{i}{PRECISION_MARK},"
        return f"{DAY_SLOT},", f"{PRECISION_SLOT},"


def _what(r: Reading) -> tuple | None:
    """(event_type, sub_event_type, actor1, country) of a reading, None for no event."""
    types = _types(r)
    return None if types is None else (*types, _actor(r.status, r.evidence), COUNTRY)


def event_rows(result: BuildResult) -> list[tuple]:
    """Every reported event of the build, seeds in time order then text order, and the
    corrections (mapping.corrections), each as a tuple in EVENT_COLUMNS order."""
    parts = _Parts(result.gazetteer)
    rows: list[tuple] = []
    for res in sorted(result.seeds, key=lambda r: r.order):
        seed, count = res.seed, len(rows)
        rows.extend(
            (
                f"{ISO3}{count + n}",
                *parts.day(r.event_date, r.date_precision, seed.date),
                *what,
                *where,
                seed.source,
                seed.url,
                reading_evidence(r),
                str(r.status),
                r.rule,
                seed.name,
                r.mention.match,
                r.date_precision,
                "",
            )
            for n, (_, r, what, where) in enumerate(parts.events(res), 1)
        )
    for c in result.corrections:
        rows.append((f"{ISO3}{len(rows) + 1}", *_correction_row(c, result)))
    return rows


def seed_event_rows(res: SeedResult, gaz: Gazetteer, dated: Container[tuple[int, int]]) -> str:
    """One seed's events.csv rows for the cache: the seed's name, source and url, the
    rows' ids and their date columns stand as slots (rows.ROW_MARK ...); `dated` holds
    the spans of the sentences that name a time."""
    parts = _Parts(gaz)
    return parts.lines(res, repeat(ROW_MARK), f"{NAME_SLOT},", f"{SOURCE_SLOT},", dated)[0]


def events_csv_parts(result: BuildResult) -> Iterator[str | bytes]:
    """events.csv (after its byte-order mark) in parts, a seed each, exactly as
    events_frame(...).to_csv(index=False, lineterminator="\\n") writes it (None as an
    empty field, floats in their shortest form; tests/test_analyst.py checks): from the
    cache's rows where it has them, else put together from _Parts.

    Why not the frame: the frame and pandas' writer over a quarter of a million 23-column
    rows took a third of a 10,000-seed rebuild.
    """
    yield ",".join(EVENT_COLUMNS) + "\n"
    count = 0
    for _, rows, n in seed_event_texts(result):
        yield rows
        count += n
    yield correction_event_text(result, count)


# A source of a seed's events.csv rows made before (outputs.CarriedTable: a watch's last
# file): given the seed and how many rows come before its own, its rows and how many
# there are, or None when they are not the ones to write.
Reuse = Callable[[SeedResult, int], tuple[bytes, int] | None]


def seed_event_texts(
    result: BuildResult, reuse: Reuse | None = None
) -> Iterator[tuple[SeedResult, bytes, int]]:
    """Each seed's events.csv rows (UTF-8) and how many, seeds in time order, ids counted
    on from the seeds before; from `reuse` where it has them, else from the cache's rows,
    else made from the readings."""
    parts = _Parts(result.gazetteer)
    count = 0
    for res in sorted(result.seeds, key=lambda r: r.order):
        filled = reuse(res, count) if reuse is not None else None
        if filled is None:
            filled = _seed_text(res, parts, count)
        yield res, *filled
        count += filled[1]


def _seed_text(res: SeedResult, parts: _Parts, count: int) -> tuple[bytes, int]:
    """One seed's events.csv rows with ids from count + 1 on, and how many."""
    res.take_stored_rows()
    filled = None if res.event_rows is None else _fill(res.event_rows, res, parts, count)
    if filled is None:
        ids = (f"{ISO3}{i}" for i in itertools.count(count + 1))
        name, source = parts.csv(res.seed.name), parts.csv(res.seed.source, res.seed.url)
        text, rows = parts.lines(res, ids, name, source)
        filled = text.encode("utf-8"), rows
    return filled


def renumbered(rows: bytes, own: int, first: int, start: int) -> bytes | None:
    """A seed's events.csv rows as a file holds them (`own` rows, ids from `first` on),
    with ids from `start` on instead; None when the rows are not that many rows so
    numbered (the caller then makes them afresh).

    Why: a seed dated before most others moves the ids of every row after it, and making
    those rows again (the cache's rows read and checked, their slots filled) took most of
    a watch's rebuild after adding one seed; their bytes after the id are the same.
    """
    iso, pieces, begin = ISO3.encode("ascii"), [], 0
    for n in range(own):
        head = b"%s%d," % (iso, first + n)
        end = _row_end(rows, begin)
        if end < 0 or not rows.startswith(head, begin):
            return None
        pieces.append(b"%s%d%s" % (iso, start + n, rows[begin + len(head) - 1 : end]))
        begin = end
    return b"".join(pieces) if begin == len(rows) else None


def _row_end(rows: bytes, begin: int) -> int:
    """Where the CSV row that starts at `begin` ends (after its line break), -1 if it
    does not: the first line break outside a quoted field, which follows an even count
    of quotes since the row began (the csv module doubles a quote inside a field), so a
    sentence holding a line break and something like an id starts no row."""
    at = rows.find(b"\n", begin)
    while at >= 0 and rows.count(b'"', begin, at) % 2:
        at = rows.find(b"\n", at + 1)
    return at + 1 if at >= 0 else -1


def correction_event_text(result: BuildResult, count: int) -> str:
    """The corrections' events.csv rows, after `count` rows of the seeds."""
    return "".join(
        csv_line([f"{ISO3}{count + k}", *_correction_row(c, result)]) + "\n"
        for k, c in enumerate(result.corrections, 1)
    )


def _fill(rows: bytes, res: SeedResult, parts: _Parts, count: int) -> tuple[bytes, int] | None:
    """A seed's cached rows with its name, source and url and the date columns in place
    of their slots, and ids from count + 1 on; and how many rows. None if the seed's
    name or metadata hold a slot themselves (or an index fits no reading).

    Why bytes and replaces: a replace per seed instead of formatting every row again."""
    seed = res.seed
    name, source = parts.csv(seed.name), parts.csv(seed.source, seed.url)
    if any(slot in name or slot in source for slot in SLOTS):
        return None
    precision = "day" if seed.date else ""
    own_day = parts.csv(*parts.day(seed.date, precision, seed.date))
    rows = (
        rows.replace(NAME_SLOT_BYTES, name[:-1].encode("utf-8"))
        .replace(SOURCE_SLOT_BYTES, source[:-1].encode("utf-8"))
        .replace(DAY_SLOT_BYTES, own_day[:-1].encode("utf-8"))
        .replace(PRECISION_SLOT_BYTES, precision.encode("ascii"))
    )
    readings = res.readings

    def day(i: int) -> bytes:
        r = readings[i]
        return parts.csv_bytes(*parts.day(r.event_date, r.date_precision, seed.date))

    try:
        if DATED_MARK_BYTES in rows:
            rows = fill_marks(rows, DATED_MARK_BYTES, day)
            rows = fill_marks(
                rows, PRECISION_MARK_BYTES, lambda i: parts.csv_bytes(readings[i].date_precision)
            )
    except (IndexError, ValueError):
        return None
    pieces = rows.split(ROW_MARK_BYTES)  # pieces[0] is empty: each row starts with the mark
    iso = ISO3.encode("ascii")
    return b"".join(
        b"%s%d%s" % (iso, i, piece) for i, piece in enumerate(pieces[1:], count + 1)
    ), len(pieces) - 1


def _correction_row(c: Report, result: BuildResult) -> tuple:
    """A correction as an event (EVENT_COLUMNS after the id): the analyst's verified
    report, its reason as the notes."""
    admin1, admin2, location, lat, lon, geo = _where(c.place, c.kind, "", result.gazetteer)
    kind, sub = {
        Status.CAPTURED: (BATTLES, "Non-state actor overtakes territory"),
        Status.RECAPTURED: (BATTLES, "Government regains territory"),
        Status.CONTESTED: (BATTLES, "Armed clash"),
    }.get(c.status, (STRATEGIC, "Other"))  # a verified hold: no fight, still news
    actor = {Side.TALIBAN: TALIBAN, Side.GOVERNMENT: STATE}.get(c.status.side, "")
    return (
        c.event_date[:10],
        int(c.event_date[:4]),
        1,
        kind,
        sub,
        actor,
        COUNTRY,
        admin1,
        admin2,
        location,
        lat,
        lon,
        geo,
        c.seed,
        "",
        c.correction,
        str(c.status),
        "correction",
        "",
        "",
        "day",
        c.correction,
    )


def events_frame(result: BuildResult) -> pd.DataFrame:
    """event_rows as a DataFrame with EVENT_COLUMNS (integer codes as nullable ints)."""
    frame = pd.DataFrame(event_rows(result), columns=EVENT_COLUMNS)
    for col in ("year", "time_precision", "geo_precision"):
        frame[col] = frame[col].astype("Int64")
    return frame

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
import re

import pandas as pd

from .model import BuildResult, Place, PlaceKind, Reading, Report, Side, Status
from .rows import reading_evidence

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


def _where(place: Place, kind: str, rule: str, result: BuildResult) -> tuple:
    """(admin1, admin2, location, latitude, longitude, geo_precision) by ACLED's spatial
    codes: 1 the town itself, 2 near a town or part of a region (a district, an airport,
    part of a city), 3 only the province named (located at its capital)."""
    gaz = result.gazetteer
    admin1 = gaz.province_name(place.province)
    if kind == PlaceKind.PROVINCE:
        cap = gaz.capitals.get(place.province)
        at = cap or place
        return admin1, "", at.name, at.lat, at.lon, 3
    admin2 = place.name if kind == PlaceKind.DISTRICT else ""
    partial = "partial" in rule or "sub-place" in rule
    precision = 1 if kind == PlaceKind.CITY and not partial else 2
    return admin1, admin2, place.name, place.lat, place.lon, precision


def event_rows(result: BuildResult) -> list[dict]:
    """Every reported event of the build, seeds in time order then text order, and the
    corrections (mapping.corrections), each as a row of EVENT_COLUMNS."""
    rows: list[dict] = []
    for res in sorted(result.seeds, key=lambda r: r.order):
        seed = res.seed
        for r in res.readings:
            types = _types(r)
            if types is None:
                continue
            m = r.mention
            admin1, admin2, location, lat, lon, geo = _where(m.place, m.kind, r.rule, result)
            date = acled_date(r.event_date, r.date_precision, seed.date)
            rows.append(
                {
                    "event_date": date,
                    "year": int(date[:4]) if date else None,
                    "time_precision": TIME_PRECISION.get(r.date_precision),
                    "event_type": types[0],
                    "sub_event_type": types[1],
                    "actor1": _actor(r.status, r.evidence),
                    "country": COUNTRY,
                    "admin1": admin1,
                    "admin2": admin2,
                    "location": location,
                    "latitude": lat,
                    "longitude": lon,
                    "geo_precision": geo,
                    "source": seed.source,
                    "source_url": seed.url,
                    "notes": reading_evidence(r),
                    "status": str(r.status),
                    "rule": r.rule,
                    "seed": seed.name,
                    "match": m.match,
                    "date_precision": r.date_precision,
                    "correction": "",
                }
            )
    rows.extend(_correction_row(c, result) for c in result.corrections)
    for i, row in enumerate(rows, 1):
        row["event_id_cnty"] = f"{ISO3}{i}"
    return rows


def _correction_row(c: Report, result: BuildResult) -> dict:
    """A correction as an event: the analyst's verified report, its reason as the notes."""
    admin1, admin2, location, lat, lon, geo = _where(c.place, c.kind, "", result)
    kind, sub = {
        Status.CAPTURED: (BATTLES, "Non-state actor overtakes territory"),
        Status.RECAPTURED: (BATTLES, "Government regains territory"),
        Status.CONTESTED: (BATTLES, "Armed clash"),
    }.get(c.status, (STRATEGIC, "Other"))  # a verified hold: no fight, still news
    actor = {Side.TALIBAN: TALIBAN, Side.GOVERNMENT: STATE}.get(c.status.side, "")
    return {
        "event_date": c.event_date[:10],
        "year": int(c.event_date[:4]),
        "time_precision": 1,
        "event_type": kind,
        "sub_event_type": sub,
        "actor1": actor,
        "country": COUNTRY,
        "admin1": admin1,
        "admin2": admin2,
        "location": location,
        "latitude": lat,
        "longitude": lon,
        "geo_precision": geo,
        "source": c.seed,
        "source_url": "",
        "notes": c.correction,
        "status": str(c.status),
        "rule": "correction",
        "seed": "",
        "match": "",
        "date_precision": "day",
        "correction": c.correction,
    }


def events_frame(result: BuildResult) -> pd.DataFrame:
    """event_rows as a DataFrame with EVENT_COLUMNS (integer codes as nullable ints)."""
    frame = pd.DataFrame(event_rows(result), columns=EVENT_COLUMNS)
    for col in ("year", "time_precision", "geo_precision"):
        frame[col] = frame[col].astype("Int64")
    return frame

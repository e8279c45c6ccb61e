"""Corrections by hand: `corrections.csv` in the seeds folder, an analyst's verified reports.

Why: on published news the extractor still misreads many statuses, and the person who
keeps the map knows better. A correction says "from `date` on, `place` has `status`,
because `reason`": it beats every extracted report of the same or an earlier date, later
reports still apply (mapping.algebra.apply_report), and every output names it and its
reason. `status` may also be `ignore`, with `seed` set: that seed's readings of the place
are dropped (a sentence the extractor cannot read right).

Columns: date, place, status, reason, and optionally source (who verified it) and seed.
`place` is an ISO 3166-2 code (AF-KDZ), a province's or a town's name in any spelling the
gazetteer knows; a name shared by a province and its capital means the province. A bad
row (unknown place, bad date, unknown status, no reason, ignore without a seed) is
reported with the file name and its line number and skipped; the other rows still apply.
"""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from .errors import SeedError
from .model import Gazetteer, Place, PlaceKind, Report, SeedResult, Status
from .names import normalize
from .seeds import MAX_SEED_BYTES, SeedProblem, one_line, read_bytes_limited

FILE_NAME = "corrections.csv"
IGNORE = "ignore"
REQUIRED = ("date", "place", "status", "reason")
OPTIONAL = ("source", "seed")
# What a correction may set: a verified status (claims, violence and mentions are what
# the articles say, not a verdict).
STATUSES = {s.value: s for s in Status if s.is_control}


@dataclass(frozen=True)
class Ignore:
    """Drop `seed`'s readings of these places (a correction with status `ignore`)."""

    seed: str
    places: frozenset[str]  # place keys
    reason: str
    line: int


@dataclass
class Corrections:
    reports: list[Report]
    ignores: list[Ignore]
    problems: list[SeedProblem]


def _place(value: str, gaz: Gazetteer) -> Place | None:
    """The place a cell names: an ISO code, else a name (a province before its capital)."""
    value = value.strip()
    if value.upper() in gaz.provinces:
        return gaz.provinces[value.upper()]
    found = gaz.exact.get(normalize(value), [])
    provinces = [p for p in found if p.kind == PlaceKind.PROVINCE]
    if provinces or found:
        return (provinces or sorted(found, key=lambda p: (not p.is_capital, -p.population)))[0]
    return None


def _ignored_places(value: str, place: Place, gaz: Gazetteer) -> frozenset[str]:
    """An ISO code drops the province and every place in it; a name, the places so named."""
    if value.strip().upper() in gaz.provinces:
        inside = {p.key for p in gaz.places.values() if p.province == place.key}
        return frozenset(inside | {place.key})
    return frozenset(p.key for p in gaz.exact.get(normalize(value), [place]))


def _date(value: str) -> str:
    """An ISO date (or date and time); raises ValueError."""
    value = value.strip()
    if len(value) == 10:
        return dt.date.fromisoformat(value).isoformat()
    return dt.datetime.fromisoformat(value).isoformat(timespec="minutes")


def _row(row: dict, gaz: Gazetteer, line: int, name: str) -> Report | Ignore:
    """One row as a correction report or an ignore; raises ValueError saying what is wrong."""
    cells = {k: (row.get(k) or "").strip() for k in (*REQUIRED, *OPTIONAL)}
    place = _place(cells["place"], gaz)
    if place is None:
        raise ValueError(f"unknown place {cells['place']!r}")
    status = cells["status"].lower()
    if status == IGNORE:
        if not cells["seed"]:
            raise ValueError("status 'ignore' needs the seed whose readings to drop")
        places = _ignored_places(cells["place"], place, gaz)
        return Ignore(cells["seed"], places, cells["reason"], line)
    if status not in STATUSES:
        allowed = ", ".join([*STATUSES, IGNORE])
        raise ValueError(f"unknown status {cells['status']!r} (one of {allowed})")
    try:
        date = _date(cells["date"])
    except ValueError:
        raise ValueError(
            f"date {cells['date']!r} is not an ISO date (YYYY-MM-DD or YYYY-MM-DDTHH:MM)"
        ) from None
    if not cells["reason"]:
        raise ValueError("no reason given (the map shows it beside the status)")
    source = cells["source"] or name
    return Report(
        place, place.kind, STATUSES[status], date, source, False, date, "day", cells["reason"]
    )


def load_corrections(path: Path, gaz: Gazetteer) -> Corrections:
    """The corrections of a file (none if it does not exist), and a problem per bad row."""
    out = Corrections([], [], [])
    if not path.is_file():
        return out
    try:
        text = read_bytes_limited(path, MAX_SEED_BYTES).decode("utf-8-sig")
    except (SeedError, OSError, UnicodeDecodeError, ValueError) as exc:
        out.problems.append(SeedProblem(path, f"cannot read the corrections ({exc}); skipped"))
        return out
    reader = csv.DictReader(text.splitlines())
    missing = [c for c in REQUIRED if c not in (reader.fieldnames or [])]
    if missing:
        out.problems.append(
            SeedProblem(path, f"line 1: missing column(s) {', '.join(missing)}; skipped")
        )
        return out
    for row in reader:
        line = reader.line_num
        try:
            got = _row(row, gaz, line, path.name)
        except ValueError as exc:
            out.problems.append(SeedProblem(path, one_line(f"line {line}: {exc}; skipped")))
            continue
        if isinstance(got, Ignore):
            out.ignores.append(got)
        else:
            out.reports.append(got)
    return out


def drop_ignored(results: list[SeedResult], ignores: list[Ignore]) -> None:
    """Remove the readings `ignore` corrections name from their seeds' results."""
    for ig in ignores:
        for res in results:
            if res.seed.name != ig.seed:
                continue
            kept = [r for r in res.readings if r.mention.place.key not in ig.places]
            if len(kept) != len(res.readings):
                res.take_stored_rows()  # the sentences.csv rows stay right
                res.readings, res.reports, res.csv_rows = kept, None, None
                res.event_rows = None

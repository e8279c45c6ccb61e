"""Status over time: many seeds, dated, combined into one picture and a timeline.

The rules that combine reports are mapping.algebra's (latest wins, claims, same-day
conflicts); this module walks the seeds in time order through them (undated seeds count
as older than every dated seed: SeedResult.order sorts them first), keeps the events for
history.csv and snapshots the province statuses after each day for the timeline.
"""

from __future__ import annotations

from itertools import compress, repeat
from operator import attrgetter, eq

from .algebra import aggregate, apply_report, province_view, seed_reports
from .gazetteer import Gazetteer
from .model import (
    VIOLENCE_FLAG,
    MatchKind,
    PlaceState,
    ProvinceStatus,
    Reading,
    Report,
    SeedResult,
    Status,
    Timeline,
)

_MATCH, _SURFACE = attrgetter("mention.match"), attrgetter("mention.surface")
_PROVINCE = attrgetter("mention.place.province")

HISTORY_COLUMNS = [
    "date",
    "province",
    "place",
    "kind",
    "status",
    VIOLENCE_FLAG,
    "seed",
    "place_status_after",
]


class Tracker:
    """Place states across seeds, and the province statuses that follow from them."""

    def __init__(self, gaz: Gazetteer):
        self.gaz = gaz
        self.places: dict[str, PlaceState] = {}
        self.readings: dict[str, list[Reading]] = {pid: [] for pid in gaz.provinces}
        self.events: list[tuple] = []  # HISTORY_COLUMNS order; tuples, as there are many

    def add_readings(self, readings: list[Reading]) -> None:
        """Readings of several seeds, seed after seed in time order."""
        start = 0
        for i in range(1, len(readings) + 1):
            if i == len(readings) or readings[i].seed != readings[start].seed:
                self.add_seed(readings[start:i])
                start = i

    def add_seed(self, readings: list[Reading], reports: list[Report] | None = None) -> None:
        """One seed's readings, and its reports when they are known already (the cache
        keeps them, which spares a rebuild regrouping every reading)."""
        by_province = self.readings
        for province, r in zip(map(_PROVINCE, readings), readings):  # attributes read in C
            by_province[province].append(r)
        for rep in seed_reports(readings) if reports is None else reports:
            place = rep.place
            state = self.places.get(place.key)
            if state is None:
                state = self.places[place.key] = PlaceState(place, rep.kind)
            apply_report(state, rep)
            self.events.append(
                (
                    rep.date,
                    place.province,
                    place.name,
                    rep.kind,
                    rep.status,
                    rep.violence,
                    rep.seed,
                    state.status,
                )
            )

    def _states_by_province(self) -> dict[str, list[PlaceState]]:
        out: dict[str, list[PlaceState]] = {}
        for s in self.places.values():
            out.setdefault(s.place.province, []).append(s)
        return out

    def province_status(self, pid: str, states: list[PlaceState]) -> ProvinceStatus:
        """The province's status, evidence and marks from the states of its places."""
        ps = ProvinceStatus(pid)
        ps.readings = list(self.readings[pid])
        fuzzy = map(eq, map(_MATCH, ps.readings), repeat(MatchKind.FUZZY))
        ps.fuzzy = list(map(_SURFACE, compress(ps.readings, fuzzy)))  # in C: many readings
        if not states:
            return ps
        views = {id(s): province_view(s) for s in states}
        ps.status = aggregate(list(views.values()))
        ps.violence = any(s.violence for s in states)
        lead = next((s for s in states if views[id(s)] == ps.status), None)
        if lead is None or ps.status == Status.VIOLENCE:
            return ps
        ps.conflict = list(lead.conflict)
        if lead.kind != "province" and lead.place.is_capital:
            ps.via = f"its capital, {lead.place.name}"  # one display name, never the surface
        return ps

    def provinces(self) -> dict[str, ProvinceStatus]:
        states = self._states_by_province()
        return {pid: self.province_status(pid, states.get(pid, [])) for pid in self.gaz.provinces}

    def town_snapshot(self) -> dict[str, Status]:
        """Town (not province) id -> its status now, for the time slider's markers."""
        return {key: s.status for key, s in self.places.items() if s.kind != "province"}

    def snapshot(self) -> dict[str, tuple[Status, bool]]:
        """Province id -> (status, violence) now; cheap, for one timeline step."""
        states = self._states_by_province()
        return {
            pid: (
                aggregate([province_view(s) for s in states.get(pid, [])]),
                any(s.violence for s in states.get(pid, [])),
            )
            for pid in self.gaz.provinces
        }


def build_timeline(gaz: Gazetteer, ordered: list[SeedResult]) -> Timeline:
    """Walk the seeds in time order (SeedResult.order), snapshotting after each distinct
    report time.

    Why the whole date string, not the day: a seed dated with a time keeps it, so two
    reports of the same day (a town falls in the morning, is retaken at night) are two
    steps of the slider.
    """
    tracker = Tracker(gaz)
    dates: list[str] = []
    states: list[dict[str, tuple[Status, bool]]] = []
    towns: list[dict[str, Status]] = []
    for i, res in enumerate(ordered):
        tracker.add_seed(res.readings, res.reports)
        when = res.seed.date
        nxt = ordered[i + 1].seed.date if i + 1 < len(ordered) else None
        if when and when != nxt:
            dates.append(when)
            states.append(tracker.snapshot())
            towns.append(tracker.town_snapshot())
    if not dates:
        dates, states, towns = [""], [tracker.snapshot()], [tracker.town_snapshot()]
    return Timeline(dates, states, tracker.events, tracker.provinces(), tracker.places, towns)


def roll_up(gaz: Gazetteer, readings: list[Reading]) -> dict[str, ProvinceStatus]:
    """Province statuses from readings of one or more seeds, given in time order.

    Within a seed, reports combine in text order; across seeds, by date (mapping.algebra).
    """
    tracker = Tracker(gaz)
    tracker.add_readings(readings)
    return tracker.provinces()

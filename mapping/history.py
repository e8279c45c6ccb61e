"""Status over time: many seeds, dated, combined into one picture and a timeline.

Within one seed, reports about a place combine in text order (statuses.combine). Across
seeds the rules are about dates, because users keep adding articles as events unfold:
* the latest dated report wins for control statuses;
* a claim never overrides a verified status of the same or a later date;
* verified reports of the same day that disagree (captured vs repelled/recaptured) are
  `conflicting` (unless both carry different times of day: then the later one wins): the map shows the stronger one, marked, and the popup gives both sources;
* undated seeds count as older than every dated seed (pipeline.seed_order sorts them first);
* violence and bare mentions never override control; violence is an overlay flag.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .gazetteer import Gazetteer, Place
from .rules import CONTROL, STATUSES
from .statuses import ProvinceStatus, Reading, aggregate, combine

TALIBAN_SIDE = {"captured"}
GOVERNMENT_SIDE = {"government", "recaptured"}


@dataclass
class PlaceState:
    """What is known about one place after the reports so far."""
    place: Place
    kind: str
    status: str = "no_report"
    date: str = ""
    seed: str = ""
    violence: bool = False
    conflict: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Report:
    """One seed's combined report about one place."""
    place: Place
    kind: str
    status: str
    date: str
    seed: str
    violence: bool


def seed_reports(readings: list[Reading]) -> list[Report]:
    """Readings of one seed -> one report per place, in order of first mention."""
    by_place: dict[str, list[Reading]] = {}
    for r in readings:
        by_place.setdefault(r.mention.place.key, []).append(r)
    out = []
    for items in by_place.values():
        status = None
        for r in items:
            status = combine(status, r.status)
        first = items[0]
        out.append(Report(first.mention.place, first.mention.kind, status or "mentioned",
                          first.date, first.seed, any(r.violence or r.status == "violence"
                                                      for r in items)))
    return out


def _disagree(a: str, b: str) -> bool:
    return (a in TALIBAN_SIDE and b in GOVERNMENT_SIDE) or (b in TALIBAN_SIDE and a in GOVERNMENT_SIDE)


def apply_report(state: PlaceState, rep: Report) -> None:
    """Update a place's state with one more seed's report, reports in time order."""
    state.violence |= rep.violence
    new, old = rep.status, state.status
    if new in ("mentioned", "violence"):
        if old in ("no_report", "mentioned"):
            state.status, state.date, state.seed = new, rep.date, rep.seed
        return
    if new == "claimed" and old in CONTROL and not (rep.date[:10] > state.date[:10] and state.date):
        return
    # Two reports of one day disagree unless both give a time and the times differ: then
    # the later one is news (fell in the morning, retaken at night), not a conflict.
    timed = len(rep.date) > 10 and len(state.date) > 10 and rep.date != state.date
    same_day = bool(rep.date) and rep.date[:10] == state.date[:10] and not timed
    if same_day and old in CONTROL and _disagree(old, new):
        state.conflict.append(f"{old} ({state.seed}, {state.date})")
        state.conflict.append(f"{new} ({rep.seed}, {rep.date})")
        if STATUSES.index(new) < STATUSES.index(old):
            state.status, state.seed = new, rep.seed
        return
    state.status, state.date, state.seed = new, rep.date, rep.seed
    state.conflict = []


def province_view(state: PlaceState) -> str:
    """A provincial capital carries its province; another town's capture only contests it."""
    if state.kind != "province" and not state.place.is_capital and state.status == "captured":
        return "contested"
    return state.status


HISTORY_COLUMNS = ["date", "province", "place", "kind", "status", "violence", "seed",
                   "place_status_after"]


class Tracker:
    """Place states across seeds, and the province statuses that follow from them."""

    def __init__(self, gaz: Gazetteer):
        self.gaz = gaz
        self.places: dict[str, PlaceState] = {}
        self.readings: dict[str, list[Reading]] = {pid: [] for pid in gaz.provinces}
        self.events: list[tuple] = []      # HISTORY_COLUMNS order; tuples, as there are many

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
        for r in readings:
            by_province[r.mention.place.province].append(r)
        for rep in seed_reports(readings) if reports is None else reports:
            place = rep.place
            state = self.places.get(place.key)
            if state is None:
                state = self.places[place.key] = PlaceState(place, rep.kind)
            apply_report(state, rep)
            self.events.append((rep.date, place.province, place.name, rep.kind, rep.status,
                                rep.violence, rep.seed, state.status))

    def _states_by_province(self) -> dict[str, list[PlaceState]]:
        out: dict[str, list[PlaceState]] = {}
        for s in self.places.values():
            out.setdefault(s.place.province, []).append(s)
        return out

    def province_status(self, pid: str, states: list[PlaceState]) -> ProvinceStatus:
        """The province's status, evidence and marks from the states of its places."""
        ps = ProvinceStatus(pid)
        ps.readings = list(self.readings[pid])
        ps.fuzzy = [r.mention.surface for r in ps.readings if r.mention.match == "fuzzy"]
        if not states:
            return ps
        views = {id(s): province_view(s) for s in states}
        ps.status = aggregate(list(views.values()))
        ps.violence = any(s.violence for s in states)
        lead = next((s for s in states if views[id(s)] == ps.status), None)
        if lead is None or ps.status == "violence":
            return ps
        ps.conflict = list(lead.conflict)
        if lead.kind != "province" and lead.place.is_capital:
            ps.via = f"its capital, {lead.place.name}"     # one display name, never the surface
        return ps

    def provinces(self) -> dict[str, ProvinceStatus]:
        states = self._states_by_province()
        return {pid: self.province_status(pid, states.get(pid, [])) for pid in self.gaz.provinces}

    def town_snapshot(self) -> dict[str, str]:
        """Town (not province) id -> its status now, for the time slider's markers."""
        return {key: s.status for key, s in self.places.items() if s.kind != "province"}

    def snapshot(self) -> dict[str, tuple[str, bool]]:
        """Province id -> (status, violence) now; cheap, for one timeline step."""
        states = self._states_by_province()
        return {pid: (aggregate([province_view(s) for s in states.get(pid, [])]),
                      any(s.violence for s in states.get(pid, [])))
                for pid in self.gaz.provinces}


@dataclass
class Timeline:
    """Province statuses as of each seed date, and the events that led there."""
    dates: list[str]                                   # report times, ascending ("" = undated only)
    states: list[dict[str, tuple[str, bool]]]          # per time: province -> (status, violence)
    events: list[tuple]                                # one per (seed, place) report,
                                                       # in HISTORY_COLUMNS order
    final: dict[str, ProvinceStatus]
    places: dict[str, PlaceState] = field(default_factory=dict)   # place id -> final state
    towns: list[dict[str, str]] = field(default_factory=list)     # per time: town id -> status


def build_timeline(gaz: Gazetteer, ordered: list) -> Timeline:
    """Walk the seeds in time order (pipeline.seed_order), snapshotting after each
    distinct report time.

    Why the whole date string, not the day: a seed dated with a time keeps it, so two
    reports of the same day (a town falls in the morning, is retaken at night) are two
    steps of the slider.
    """
    tracker = Tracker(gaz)
    dates, states, towns = [], [], []
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

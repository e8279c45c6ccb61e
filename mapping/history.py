"""Status over time: many seeds, dated, combined into one picture and a timeline.

The rules that combine reports are mapping.algebra's (latest wins, claims, same-day
conflicts); this module walks every seed's reports through them in event-date order (when
the text says it happened, else the seed's date; undated first), keeps the events for
history.csv and snapshots the province statuses at each report time for the timeline.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from operator import attrgetter
from typing import NamedTuple

from .algebra import (
    aggregate,
    apply_report,
    known_by,
    province_view,
    seed_reports,
    superseded,
)
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
    TownEvidence,
)

_PROVINCE = attrgetter("mention.place.province")
_SURFACE, _MATCH = attrgetter("mention.surface"), attrgetter("mention.match")
_EVIDENCE = attrgetter("evidence")

HISTORY_COLUMNS = [
    "date",
    "province",
    "place",
    "kind",
    "status",
    VIOLENCE_FLAG,
    "seed",
    "place_status_after",
    "event_date",
    "date_precision",
    "correction",
]


@dataclass(slots=True)
class ProvincePart:
    """One seed's readings of one province, as Tracker.add_evidence gathers them: the
    seed's name, its readings (text order), those other than bare mentions, fuzzy
    surfaces, and how many distinct sentences each of the two lists has."""

    seed: str
    readings: list[Reading] = field(default_factory=list)
    reported: list[Reading] = field(default_factory=list)
    fuzzy: list[str] = field(default_factory=list)
    pairs: int = 0
    reported_pairs: int = 0


class TownPart(NamedTuple):
    """One seed's readings of one town (text order), its distinct sentences counted, and
    its (surface, match) spellings in order of first use."""

    seed: str
    readings: list[Reading]
    pairs: int
    spelled: dict[tuple[str, str], None]


class SeedParts(NamedTuple):
    """One seed's readings grouped as the timeline gathers them (seed_parts): (province,
    its part) per (province, seed), and (town id, its readings) per town (not province);
    each group in text order, groups in order of their first reading."""

    provinces: list[tuple[str, ProvincePart]]
    towns: list[tuple[str, TownPart]]


def seed_parts(readings: list[Reading], towns: bool = True) -> SeedParts:
    """One seed's readings grouped by province and, unless `towns` is False, by town
    (SeedParts); readings of several seeds, each seed's together, group per (province,
    seed)."""
    parts: dict[tuple[str, str], ProvincePart] = {}
    sentences: dict[tuple[str, str], tuple[set[str], set[str]]] = {}
    by_town: dict[str, list[Reading]] = {}
    for province, r in zip(map(_PROVINCE, readings), readings):
        key = (province, r.seed)
        part = parts.get(key)
        if part is None:
            part = parts[key] = ProvincePart(r.seed)
            sentences[key] = (set(), set())
        every, reported = sentences[key]
        part.readings.append(r)
        every.add(r.evidence)
        if r.status != Status.MENTIONED:
            part.reported.append(r)
            reported.add(r.evidence)
        if r.mention.match == MatchKind.FUZZY:
            part.fuzzy.append(r.mention.surface)
        if towns and r.mention.kind != "province":
            by_town.setdefault(r.mention.place.key, []).append(r)
    for key, (every, reported) in sentences.items():
        parts[key].pairs, parts[key].reported_pairs = len(every), len(reported)
    return SeedParts(
        [(key[0], part) for key, part in parts.items()],
        [(key, _town_part(found)) for key, found in by_town.items()],
    )


def _town_part(readings: list[Reading]) -> TownPart:
    """A seed's readings of one town, counted (TownPart)."""
    spelled = dict.fromkeys(zip(map(_SURFACE, readings), map(_MATCH, readings)))
    return TownPart(readings[0].seed, readings, len(set(map(_EVIDENCE, readings))), spelled)


class EvidenceMemo:
    """Each seed's SeedParts, kept by a `watch` process from one build to the next, so
    that an unchanged seed's readings are not grouped again.

    Why: grouping every seed's readings by province (half a million readings in a
    10,000-seed build) was the largest part of a watch's timeline; adding the groups of
    each seed takes half as long, and gathers each town's readings as well. A seed's groups are taken again only for the very
    readings list they were made from (cache.EntryMemo hands a seed the same list until
    its text, name or date changes; a reading is never changed once made). Only the
    latest build's groups are kept, as EntryMemo keeps its entries.
    """

    def __init__(self) -> None:
        self._before: dict[int, tuple[list[Reading], SeedParts]] = {}
        self._now: dict[int, tuple[list[Reading], SeedParts]] = {}
        self.taken = 0  # seeds whose groups this build took from the one before

    def next_build(self) -> None:
        """A build starts: what the one before kept is what it may take."""
        if self._now:
            self._before, self._now = self._now, {}
        self.taken = 0

    def parts(self, readings: list[Reading]) -> SeedParts:
        """seed_parts(readings), from the build before when made of this very list."""
        key = id(readings)
        kept = self._now.get(key) or self._before.get(key)
        if kept is None or kept[0] is not readings:
            kept = (readings, seed_parts(readings))
        else:
            self.taken += 1
        self._now[key] = kept
        return kept[1]


@dataclass(slots=True)
class Gathered:
    """A province's evidence beyond its readings, gathered as they come (Tracker): see
    the fields of the same names in ProvinceStatus; `fuzzy` its fuzzy surfaces."""

    reported: list[Reading] = field(default_factory=list)
    seeds: set[str] = field(default_factory=set)
    reported_seeds: set[str] = field(default_factory=set)
    pairs: int = 0
    reported_pairs: int = 0
    fuzzy: list[str] = field(default_factory=list)
    exact: bool = True  # False: a seed's name came in two batches, its pairs not counted


class Tracker:
    """Place states across seeds, and the province statuses that follow from them."""

    def __init__(self, gaz: Gazetteer):
        self.gaz = gaz
        self.places: dict[str, PlaceState] = {}
        self.readings: dict[str, list[Reading]] = {pid: [] for pid in gaz.provinces}
        self.gathered: dict[str, Gathered] = {pid: Gathered() for pid in gaz.provinces}
        self.events: list[tuple] = []  # HISTORY_COLUMNS order; tuples, as there are many
        # What the timeline's snapshots need, kept up to date report by report: a place's
        # state changes only when a report about it is applied, so a snapshot works out
        # again only the provinces and towns reported since the one before (thousands of
        # steps over a thousand places otherwise, the most of a large rebuild's timeline).
        self._by_province: dict[str, list[PlaceState]] = {}
        self._province_now: dict[str, tuple[Status, bool]] = {}
        self._changed: set[str] = set(gaz.provinces)
        self._town_now: dict[str, Status] = {}
        # Each town's readings, gathered by add_parts; whether any seed came that way.
        self._towns: dict[str, TownEvidence] = {}
        self._by_parts = False
        self._handed_over = False  # provinces() has handed the evidence over

    def _still_gathering(self) -> None:
        if self._handed_over:
            raise RuntimeError("evidence added after Tracker.provinces() handed it over")

    def add_parts(self, parts: SeedParts) -> None:
        """One seed's readings, grouped (seed_parts): what add_evidence does with them,
        and each town's readings gathered and counted too (town_evidence), seeds in time
        order.

        Why seed by seed: a seed's readings lie together in memory, a province's are
        scattered; joining each province's groups once all seeds were in took longer
        than grouping the readings afresh."""
        self._still_gathering()
        self._by_parts = True
        self._add_provinces(parts.provinces)
        towns = self._towns
        for key, town in parts.towns:
            found = towns.get(key)
            if found is None:
                found = towns[key] = TownEvidence()
            found.readings.extend(town.readings)
            found.exact = found.exact and town.seed not in found.seeds
            found.seeds.add(town.seed)
            found.pairs += town.pairs
            found.spelled.update(town.spelled)

    def town_evidence(self) -> dict[str, TownEvidence] | None:
        """Town (not province) id -> its readings in time order and their counts, towns
        in order of first reading, when the seeds came through add_parts (else None)."""
        return self._towns if self._by_parts else None

    def add_evidence(self, readings: list[Reading]) -> None:
        """One seed's readings (or several seeds'), as the evidence of their provinces
        (seeds in time order), with what the frames and the map count in them (Gathered).

        Why counted here: this walks each seed's readings where they lie together in
        memory, while a province's readings, a few of each of thousands of seeds, lie
        scattered, and every later pass over them (fuzzy surfaces, pairs, seeds, the
        readings other than bare mentions) took about as long as this whole walk. A pair
        (sentence, seed) is one seed's: each seed's distinct sentences are counted apart
        and summed, exact as long as no seed's name comes in two batches (else the pairs
        are counted over the readings later: Gathered.exact)."""
        self._still_gathering()
        self._add_provinces(seed_parts(readings, towns=False).provinces)

    def _add_provinces(self, provinces: list[tuple[str, ProvincePart]]) -> None:
        """Each (province, one seed's part of it) added to the province's readings and
        Gathered counts, seeds in time order (add_parts, add_evidence)."""
        by_province, gathered = self.readings, self.gathered
        for province, part in provinces:
            by_province[province].extend(part.readings)
            g = gathered[province]
            g.reported.extend(part.reported)
            g.fuzzy.extend(part.fuzzy)
            g.exact = g.exact and part.seed not in g.seeds
            g.seeds.add(part.seed)
            g.pairs += part.pairs
            if part.reported:
                g.reported_seeds.add(part.seed)
                g.reported_pairs += part.reported_pairs

    def apply(self, rep: Report, when: str | None = None) -> None:
        """One report, reports in event-date order (mapping.algebra.apply_report; `when`
        is its known_by date, when known)."""
        place = rep.place
        state = self.places.get(place.key)
        if state is None:
            state = self.places[place.key] = PlaceState(place, rep.kind)
            self._by_province.setdefault(place.province, []).append(state)
        apply_report(state, rep, when)
        self._changed.add(place.province)
        if state.kind != "province":
            self._town_now[place.key] = state.status
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
                rep.event_date,
                rep.date_precision,
                rep.correction,
            )
        )

    def province_status(self, pid: str, states: list[PlaceState]) -> ProvinceStatus:
        """The province's status, evidence and marks from the states of its places; its
        evidence lists and sets are the tracker's own, handed over (see provinces)."""
        ps = ProvinceStatus(pid)
        ps.readings = self.readings[pid]
        g = self.gathered[pid]
        ps.fuzzy, ps.reported = g.fuzzy, g.reported
        ps.seeds, ps.reported_seeds = g.seeds, g.reported_seeds
        if g.exact:
            ps.pairs, ps.reported_pairs = g.pairs, g.reported_pairs
        states = superseded(states)
        if not states:
            return ps
        views = {id(s): province_view(s) for s in states}
        ps.status = aggregate(list(views.values()))
        ps.violence = any(s.violence for s in states)
        lead = next((s for s in states if views[id(s)] == ps.status), None)
        if lead is None or ps.status == Status.VIOLENCE:
            return ps
        ps.conflict = list(lead.conflict)
        ps.correction = lead.correction
        if lead.kind != "province" and lead.place.is_capital:
            ps.via = f"its capital, {lead.place.name}"  # one display name, never the surface
        return ps

    def provinces(self) -> dict[str, ProvinceStatus]:
        """Every province's status, once every seed's evidence is in: the evidence lists
        and sets gathered are handed over to them, not copied, and no evidence may be added
        after (add_evidence and add_parts then raise).

        Why not copied: they hold a pointer per reading and a seed name per province and
        seed (half a million and tens of thousands in a 10,000-seed build); copied, both
        sets were held at once while the timeline was made, for a tracker dropped after.
        """
        self._handed_over = True
        states = self._by_province
        return {pid: self.province_status(pid, states.get(pid, [])) for pid in self.gaz.provinces}

    def town_snapshot(self) -> dict[str, Status]:
        """Town (not province) id -> its status now, for the time slider's markers (towns in
        the order they were first reported)."""
        return dict(self._town_now)

    def snapshot(self) -> dict[str, tuple[Status, bool]]:
        """Province id -> (status, violence) now, for one timeline step: only the provinces
        reported since the last snapshot are worked out again."""
        for pid in self._changed:
            states = superseded(self._by_province.get(pid, []))
            self._province_now[pid] = (
                aggregate([province_view(s) for s in states]),
                any(s.violence for s in states),
            )
        self._changed.clear()
        return {pid: self._province_now[pid] for pid in self.gaz.provinces}


def ordered_reports(ordered: list[SeedResult], corrections: Sequence[Report] = ()) -> list[Report]:
    """Every report of the seeds (given in time order) and the corrections, in event-date
    order: a report dated earlier by its text never beats a later event. The sort is
    stable, so reports of one date keep the seeds' order; a correction comes after the
    extracted reports of its date, which it beats."""
    return dated_reports(ordered, corrections)[0]


def dated_reports(
    ordered: list[SeedResult], corrections: Sequence[Report] = ()
) -> tuple[list[Report], list[str]]:
    """ordered_reports, and the known_by date of each (ascending).

    Why together: a 10,000-seed build has a third of a million reports, and working out
    each one's date once (for the sort, the timeline's steps and apply_report alike)
    instead of three times, with a sort keyed by a list's own lookup instead of a Python
    function, took a third off the timeline. The corrections go after every extracted
    report before a stable sort by date alone, which puts each after the extracted reports
    of its date, as a sort by (date, is a correction) does."""
    reports: list[Report] = []
    for res in ordered:
        reports.extend(res.reports if res.reports is not None else seed_reports(res.readings))
    reports.extend(corrections)
    whens = list(map(known_by, reports))
    order = sorted(range(len(reports)), key=whens.__getitem__)
    return list(map(reports.__getitem__, order)), list(map(whens.__getitem__, order))


def build_timeline(
    gaz: Gazetteer,
    ordered: list[SeedResult],
    corrections: Sequence[Report] = (),
    evidence: EvidenceMemo | None = None,
) -> Timeline:
    """Walk the reports in event-date order, snapshotting at each distinct report time
    (a seed's date, or a correction's): the state as of a time holds every event up to it,
    whichever seed reported it.

    Why the whole date string, not the day: a seed dated with a time keeps it, so two
    reports of the same day (a town falls in the morning, is retaken at night) are two
    steps of the slider. With `evidence` (a watch's), each seed's readings are grouped
    once and the groups kept for its next build (EvidenceMemo).
    """
    tracker = Tracker(gaz)
    if evidence is None:
        for res in ordered:
            tracker.add_evidence(res.readings)
    else:
        evidence.next_build()
        for res in ordered:
            tracker.add_parts(evidence.parts(res.readings))
    reports, event_dates = dated_reports(ordered, corrections)  # dates ascending
    steps = sorted({res.seed.date for res in ordered} | {c.event_date for c in corrections})
    steps = [s for s in steps if s]
    dates: list[str] = []
    states: list[dict[str, tuple[Status, bool]]] = []
    towns: list[dict[str, Status]] = []
    apply, i = tracker.apply, 0
    for k, when in enumerate(steps):
        last = k == len(steps) - 1
        end = len(reports) if last else bisect_right(event_dates, when, lo=i)
        # Slices: islice would walk the lists from their start.
        for rep, known in zip(reports[i:end], event_dates[i:end]):
            apply(rep, known)
        i = end
        dates.append(when)
        states.append(tracker.snapshot())
        towns.append(tracker.town_snapshot())
    for rep, known in zip(reports[i:], event_dates[i:]):
        apply(rep, known)
    if not dates:
        dates, states, towns = [""], [tracker.snapshot()], [tracker.town_snapshot()]
    return Timeline(
        dates,
        states,
        tracker.events,
        tracker.provinces(),
        tracker.places,
        towns,
        tracker.town_evidence(),
    )


def roll_up(gaz: Gazetteer, readings: list[Reading]) -> dict[str, ProvinceStatus]:
    """Province statuses from readings of one or more seeds, given in time order.

    Within a seed, reports combine in text order; across seeds, by date (mapping.algebra).
    """
    tracker = Tracker(gaz)
    tracker.add_evidence(readings)
    bounds = [0] + [i for i in range(1, len(readings)) if readings[i].seed != readings[i - 1].seed]
    reports = []
    for a, b in zip(bounds, bounds[1:] + [len(readings)]):
        reports.extend(seed_reports(readings[a:b]))
    reports.sort(key=known_by)
    for rep in reports:
        tracker.apply(rep)
    return tracker.provinces()


def upto(event_date: str, when: str) -> bool:
    """Did an event of `event_date` happen by `when` (a day means its end; undated events
    count as before everything)?"""
    return event_date[: len(when)] <= when


def state_as_of(
    gaz: Gazetteer, ordered: list[SeedResult], corrections: Sequence[Report], when: str
) -> tuple[dict[str, ProvinceStatus], dict[str, PlaceState]]:
    """Province statuses and place states as of `when` (ISO day or day and time): every
    report of an event up to then, whichever seed reported it, and its evidence."""
    tracker = Tracker(gaz)
    for res in ordered:
        tracker.add_evidence([r for r in res.readings if upto(known_by(r), when)])
    for rep in ordered_reports(ordered, corrections):
        if not upto(known_by(rep), when):
            break
        tracker.apply(rep)
    return tracker.provinces(), tracker.places


def daily_states(
    gaz: Gazetteer, ordered: list[SeedResult], corrections: Sequence[Report] = ()
) -> list[tuple[str, dict[str, tuple[Status, bool]]]]:
    """Province (status, violence) at the end of each day on which an event happened or a
    seed was dated, in order: the whole timeline by event date, for analyses over time."""
    tracker = Tracker(gaz)
    reports = ordered_reports(ordered, corrections)
    said = {known_by(r)[:10] for r in reports if r.status.is_report}
    days = sorted(said | {s.seed.date[:10] for s in ordered})
    out = []
    i = 0
    for day in (d for d in days if d):
        while i < len(reports) and upto(known_by(reports[i]), day):
            tracker.apply(reports[i])
            i += 1
        out.append((day, tracker.snapshot()))
    return out

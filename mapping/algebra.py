"""The status algebra, in one place: how reports about a place combine, how places make a
province, and how dated reports of many seeds follow each other.

Why one module: these rules decide every colour on the map. Within one seed, reports about
a place combine in text order (`combine`). Across seeds the rules are about dates, because
users keep adding articles as events unfold (`apply_report`):
* the latest dated report wins for control statuses;
* a claim never overrides a verified status of the same or a later date;
* verified reports of the same day that disagree (captured vs repelled/recaptured) are
  conflicting: the stronger one is kept and both are recorded (unless both carry
  different times of day, or both come from one article: then the later one wins);
* violence and bare mentions never override control; violence is an overlay flag;
* within one seed, a hold stated as a state ("the only city still under government
  control") yields to fighting the seed reports after it; a repelled attack does not; a
  fall denied ("Kabul has not fallen") yields to fighting told before it too, since it
  says "not yet", where a hold told after a fight may be the fight's end.
A province takes the strongest status of its places (`aggregate`), where a provincial
capital carries its province and another town's capture only contests it (`province_view`).
"""

from __future__ import annotations

from collections.abc import Iterable

from .dates import period_end
from .model import CONTROL, PlaceKind, PlaceState, Reading, Report, Side, Status

# What apply_report tests every report against, as module constants: it runs for every
# report of a build (hundreds of thousands), and reading an enum member off its class costs
# about as much as the rest of a test.
_OVERLAY = frozenset({Status.MENTIONED, Status.VIOLENCE})  # never overrides control
_NOT_SAID = frozenset({Status.NO_REPORT, Status.MENTIONED})  # nothing an overlay overrides
_CLAIMED = Status.CLAIMED


def combine(current: Status | None, new: Status) -> Status:
    """The status after one more report about the same place, reports in time order.

    Why these rules: a later verified report replaces an earlier one (a recapture undoes a
    capture), except that fighting reported after a fall, a recapture or a repelled attack
    does not undo it (an article that says an assault was pushed back and then describes the
    assault is about a place its defenders held); a claim
    never overrides a verified status; violence and bare mentions never override control.
    """
    if current is None or current in (Status.NO_REPORT, Status.MENTIONED):
        return new if new != Status.NO_REPORT else (current or Status.NO_REPORT)
    if new in (Status.MENTIONED, Status.NO_REPORT, Status.VIOLENCE):
        return current
    if current == Status.VIOLENCE:
        return new
    if new == Status.CLAIMED:
        return current if current.is_control else new
    if current == Status.CLAIMED:
        return new
    if new == Status.CONTESTED and current in (
        Status.CAPTURED,
        Status.RECAPTURED,
        Status.GOVERNMENT,
    ):
        return current
    return new


def combine_all(statuses: Iterable[Status]) -> Status | None:
    """`combine` over a sequence, in order; None when there is nothing."""
    status: Status | None = None
    for s in statuses:
        status = combine(status, s)
    return status


def aggregate(statuses: list[Status]) -> Status:
    """A province's status from its places' statuses: the strongest, except that a claim
    does not count where any place has a verified control status, and violence or a bare
    mention never beat control."""
    if any(s.is_control for s in statuses):
        statuses = [s for s in statuses if s != Status.CLAIMED]
    return min(statuses, key=lambda s: s.rank) if statuses else Status.NO_REPORT


def superseded(states: list[PlaceState]) -> list[PlaceState]:
    """A province's place states, less those a correction of the province itself beats:
    every place's report of the same or an earlier date (later ones still count)."""
    fix = next((s for s in states if s.correction and s.kind == PlaceKind.PROVINCE), None)
    if fix is None:
        return states
    return [s for s in states if s is fix or s.date[:10] > fix.date[:10]]


def province_view(state: PlaceState) -> Status:
    """A provincial capital carries its province; another town's capture only contests it."""
    return _view(state.kind, state.place.is_capital, state.status)


def _view(kind: str, is_capital: bool, status: Status) -> Status:
    if kind != "province" and not is_capital and status == Status.CAPTURED:
        return Status.CONTESTED
    return status


def province_status(readings: list[Reading]) -> Status:
    """The status one seed's readings of one province add up to, as the timeline would make
    it of that seed alone: each place's last report (seed_reports), then `aggregate`."""
    last: dict[str, Report] = {}
    for rep in seed_reports(readings):
        last[rep.place.key] = rep
    return aggregate([_view(r.kind, r.place.is_capital, r.status) for r in last.values()])


def seed_reports(readings: list[Reading]) -> list[Report]:
    """Readings of one seed -> its reports per place, places in order of first mention.

    Why more than one report per place: a seed may tell a place's story over several days
    ("fell on Sunday ... retaken on Tuesday"). A place's readings combine in event-date
    order (text order within a date); each change of the combined status is a report dated
    by the reading that made it, so the timeline can put it among other seeds' reports.
    """
    by_place: dict[str, list[Reading]] = {}
    for r in readings:
        by_place.setdefault(r.mention.place.key, []).append(r)
    out = []
    for items in by_place.values():
        first = items[0]
        violent = any(r.violence or r.status == Status.VIOLENCE for r in items)
        place, kind, seed = first.mention.place, first.mention.kind, first.seed
        status: Status | None = None
        hold = False  # the government status came from a stated hold (act "hold")
        mine: list[Report] = []
        for r in sorted(items, key=lambda r: r.event_date):
            new = combine(status, r.status)
            if hold and status == Status.GOVERNMENT and r.status == Status.CONTESTED:
                new = Status.CONTESTED  # "Kabul, the only city not yet taken" ... at its door
            if status == Status.CONTESTED and r.status == Status.GOVERNMENT and r.act == "denied":
                new = Status.CONTESTED  # at its door ... "it has not fallen": not yet
            if status == Status.CAPTURED and r.status == Status.CONTESTED and r.act == "partial":
                new = Status.CONTESTED  # "it fell" ... "it did not completely fall": in part
            if new == Status.GOVERNMENT and r.status == Status.GOVERNMENT:
                hold = r.act in ("hold", "denied")
            if new == status:
                continue
            status = new
            if mine and mine[-1].event_date == r.event_date:
                mine[-1].status = new  # one report per place and date
                continue
            mine.append(
                Report(place, kind, new, first.date, seed, violent, r.event_date, r.date_precision)
            )
        out.extend(mine)
    return out


def known_by(item: Report | Reading) -> str:
    """When the map may show a report or reading: its event date, or for a week, month or
    year the period's last day, but never after the article that reports it (its seed's
    date, `item.date`).

    Why: "Zaranj, the first capital they captured in August", read in an article of 12
    August, happened on some day of 1-12 August; shown from 1 August, the map would have
    the province captured before its capital fell. Shown once the article says so, it is
    late at worst. This is the date reports are ordered and compared by (a day-precision
    event, nearly all of them, returns at the first test: every report passes here).
    """
    precision, when = item.date_precision, item.event_date
    if precision == "day" or not precision or not when:
        return when
    end = period_end(when, precision)
    return item.date if item.date and end >= item.date[:10] else end


def disagree(a: Status, b: Status) -> bool:
    """Verified reports on opposite sides (a capture against a hold or a recapture)."""
    return (a, b) in _DISAGREEING


# Every pair of statuses that disagree, worked out once: disagree runs for most reports of
# a build whose seeds report the same days.
_DISAGREEING = frozenset(
    (a, b)
    for a in Status
    for b in Status
    if {a.side, b.side} == {Side.TALIBAN, Side.GOVERNMENT} and Status.CLAIMED not in (a, b)
)


def apply_report(state: PlaceState, rep: Report, when: str | None = None) -> None:
    """Update a place's state with one more report, reports in event-date order; `when`
    is known_by(rep) when the caller has it already (it sorted the reports by it).

    A correction (corrections.csv) is a verified report that beats every extracted report
    of the same or an earlier date; a later report still applies. (Control is tested by
    membership of CONTROL and a conflict list is made only when there is one to clear:
    this runs for every report of a build, hundreds of thousands in a big one.)
    """
    state.violence |= rep.violence
    new, old = rep.status, state.status
    if when is None:
        when = known_by(rep)
    if state.correction and not rep.correction and when[:10] <= state.date[:10]:
        return
    if rep.correction:
        state.status, state.date, state.seed = new, when, rep.seed
        state.conflict, state.correction = [], rep.correction
        return
    if new in _OVERLAY:
        if old in _NOT_SAID:
            state.status, state.date, state.seed = new, when, rep.seed
        return
    if new is _CLAIMED and old in CONTROL and not (when[:10] > state.date[:10] and state.date):
        return
    # Two reports of one day disagree unless both give a time and the times differ: then
    # the later one is news (fell in the morning, retaken at night), not a conflict. Nor
    # do two of one article: it told them in its own order (seed_reports: "had captured it
    # early this week" before "have now recaptured it"), and the later one is its news.
    timed = len(when) > 10 and len(state.date) > 10 and when != state.date
    same_day = bool(when) and when[:10] == state.date[:10] and not timed
    if same_day and old in CONTROL and disagree(old, new) and rep.seed != state.seed:
        state.conflict.append(f"{old} ({state.seed}, {state.date})")
        state.conflict.append(f"{new} ({rep.seed}, {when})")
        if new.rank < old.rank:
            state.status, state.seed = new, rep.seed
        return
    state.status, state.date, state.seed = new, when, rep.seed
    if state.conflict:
        state.conflict = []
    state.correction = ""

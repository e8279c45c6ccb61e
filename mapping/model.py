"""The domain model every stage shares: statuses, kinds, and the records passed along
seeds -> mentions -> readings -> reports -> province statuses.

Why one neutral module: each stage imports what it passes on from here, never from the
stage before or the orchestrator, so data flows one way and no import goes in a circle.
Status words are defined here once (and in the rules data); everything else uses `Status`.
`Status` and the kinds are `StrEnum`s, so they compare equal to, print as and serialise
as their plain words: the files a build writes are unchanged by their use.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Literal, NoReturn, Protocol

if TYPE_CHECKING:  # annotations only: model imports nothing of the package at run time
    from .seeds import Seed, SeedProblem


class Side(StrEnum):
    """Which side a status puts a place on: what a reader of the map most needs right."""

    TALIBAN = "taliban"
    CONTESTED = "contested"
    GOVERNMENT = "government"
    NONE = "none"


class Status(StrEnum):
    """What the seeds report about a place, strongest first (the order is the precedence
    a province takes from its places, and the legend's order)."""

    CAPTURED = "captured"
    CLAIMED = "claimed"
    CONTESTED = "contested"
    RECAPTURED = "recaptured"
    GOVERNMENT = "government"
    VIOLENCE = "violence"
    MENTIONED = "mentioned"
    NO_REPORT = "no_report"

    @property
    def side(self) -> Side:
        return _SIDES[self]

    @property
    def is_control(self) -> bool:
        """A verified statement of who holds the place (claims, violence and mentions are not)."""
        return self in CONTROL

    @property
    def rank(self) -> int:
        """0 for the strongest status; a lower rank wins a province."""
        return _RANK[self]

    @property
    def is_report(self) -> bool:
        """Says something about control or violence (not just a name, nor nothing)."""
        return self not in (Status.MENTIONED, Status.NO_REPORT)


CONTROL = frozenset({Status.CAPTURED, Status.CONTESTED, Status.RECAPTURED, Status.GOVERNMENT})
_SIDES = {
    Status.CAPTURED: Side.TALIBAN,
    Status.CLAIMED: Side.TALIBAN,
    Status.CONTESTED: Side.CONTESTED,
    Status.RECAPTURED: Side.GOVERNMENT,
    Status.GOVERNMENT: Side.GOVERNMENT,
    Status.VIOLENCE: Side.NONE,
    Status.MENTIONED: Side.NONE,
    Status.NO_REPORT: Side.NONE,
}
_RANK = {s: i for i, s in enumerate(Status)}


class PlaceKind(StrEnum):
    PROVINCE = "province"
    CITY = "city"  # provincial capitals, and towns the copy calls towns
    DISTRICT = "district"
    OTHER = "other"  # border crossings, airports, prisons, bases, neighbourhoods


class MatchKind(StrEnum):
    """How a mention's surface was matched to its place."""

    EXACT = "exact"
    VARIANT = "variant"  # a spelling variant (skeleton match)
    FUZZY = "fuzzy"  # one edit away, accepted only where the context says place
    COREFERENCE = "coreference"  # "the provincial capital", referring back


@dataclass(frozen=True)
class Place:
    """One named thing a mention can resolve to: a province or a populated place."""

    key: str  # province id (AF-HER) or GeoNames id as text
    name: str  # plain display name
    kind: str  # a PlaceKind word
    province: str  # ISO 3166-2 id of the province it lies in
    lat: float
    lon: float
    population: int = 0
    is_capital: bool = False
    is_national_capital: bool = False


@dataclass
class Gazetteer:
    """The theatre's places and the name indexes the matcher uses (built by
    mapping.gazetteer.load_gazetteer from geodata/)."""

    theatre: dict
    provinces: dict[str, Place]  # id -> province
    places: dict[str, Place]  # place id (GeoNames id, gb:..., iata:...) -> place
    capitals: dict[str, Place]  # province id -> capital place
    exact: dict[str, list[Place]] = field(default_factory=dict)  # normalized name -> places
    squashed: dict[str, list[Place]] = field(default_factory=dict)  # name without spaces -> places
    variant: dict[str, list[Place]] = field(default_factory=dict)  # skeleton -> places
    foreign: dict[str, str] = field(default_factory=dict)  # normalized name -> country
    common_words: frozenset[str] = frozenset()  # English words never read as a variant
    max_words: int = 1
    fuzzy_targets: dict[str, Place] = field(default_factory=dict)  # folded name -> place
    fuzzy_index: dict[str, list[str]] = field(default_factory=dict)  # see _deletion_index
    # one-word district spellings (folded) -> their places' ids, and their deletion index
    fuzzy_districts: dict[str, set[str]] = field(default_factory=dict)
    district_index: dict[str, list[str]] = field(default_factory=dict)

    def province_name(self, pid: str) -> str:
        return self.provinces[pid].name

    def capital_of(self, pid: str) -> Place:
        return self.capitals[pid]


@dataclass(slots=True)
class Mention:
    """A span of a seed's text that names a place of the theatre, or refers back to one."""

    surface: str
    start: int
    end: int
    place: Place
    match: str  # a MatchKind word
    kind: str  # a PlaceKind word
    antecedent: str = ""  # for a coreference, the surface it refers back to

    @property
    def province(self) -> str:
        return self.place.province


@dataclass(slots=True)
class ForeignMention:
    """A foreign name, matched so that it is never taken for a local place."""

    surface: str
    start: int
    end: int
    country: str


@dataclass(slots=True)
class Reading:
    """What one mention reports: a status, the rule that decided it, and the evidence."""

    mention: Mention
    status: Status
    rule: str
    evidence: str
    evidence_start: int
    evidence_end: int
    seed: str = ""  # file name of the seed it comes from
    date: str = ""  # the seed's date (ISO), "" when undated
    violence: bool = False  # violence reported at the place, whatever its control status
    # When the event happened (mapping.dates): from the words around the mention relative
    # to the seed's date, else the seed's date; its precision: day, week, month or year.
    event_date: str = ""
    date_precision: str = ""
    # The declared act of the trigger that set the status (rules.toml `act`; "" for none):
    # a government status stated as a hold yields to later fighting, a repelled attack does
    # not (mapping.algebra.seed_reports).
    act: str = ""


# Offsets below this are shared (share_values): past it a text is too long for it to matter.
SHARED_INTS = 1 << 16
_INTS: dict[int, int] = {}


def share_values(readings: list[Reading]) -> list[Reading]:
    """The readings, each of their repeated strings and offsets replaced by the one object
    of its value this process holds (sys.intern for strings, a table for offsets under
    SHARED_INTS; an interned string no longer used is freed as usual).

    Why: a build holds every reading (about 470,000 for 10,000 news seeds), and each came
    with its own copy of its evidence sentence (which every place the sentence names
    repeats), its rule ("capture: \u201cseized\u201d", one of few), its place's spelling,
    its dates and four offsets (an int past 256 is an object of its own): two fifths of the
    readings' memory. The values, and so every output, are the same.
    """
    intern, one = sys.intern, _INTS.setdefault
    for r in readings:
        m = r.mention
        m.surface, m.antecedent = intern(m.surface), intern(m.antecedent)
        r.rule, r.evidence, r.act = intern(r.rule), intern(r.evidence), intern(r.act)
        r.event_date, r.date_precision = intern(r.event_date), intern(r.date_precision)
        if m.end < SHARED_INTS and r.evidence_end < SHARED_INTS:
            m.start, m.end = one(m.start, m.start), one(m.end, m.end)
            r.evidence_start = one(r.evidence_start, r.evidence_start)
            r.evidence_end = one(r.evidence_end, r.evidence_end)
    return readings


def shared_words(column: list[str]) -> list[str]:
    """A column of strings, each the one object of its value this process holds (as
    share_values makes them): what the cache's reader does column by column, at the cost
    of one C-level pass, where share_values walks readings one by one."""
    return list(map(sys.intern, column))


def shared_offsets(column: list[int]) -> list[int]:
    """A column of offsets, each the one object of its value this process holds when all
    lie below SHARED_INTS (as share_values makes them), else as it is."""
    if max(column, default=0) >= SHARED_INTS:
        return column
    return list(map(_INTS.setdefault, column, column))


def share_foreign(foreign: list[ForeignMention]) -> list[ForeignMention]:
    """The foreign names, each surface, country and offset the one object of its value
    this process holds, as share_values does for readings (values unchanged).

    Why: a 10,000-seed build holds over a hundred thousand of them ("Pakistan", "Iran" ...
    over and over), each with its own copy of its spelling and its offsets."""
    intern, one = sys.intern, _INTS.setdefault
    for f in foreign:
        f.surface, f.country = intern(f.surface), intern(f.country)
        if f.end < SHARED_INTS:
            f.start, f.end = one(f.start, f.start), one(f.end, f.end)
    return foreign


@dataclass(slots=True)
class Report:
    """One seed's combined report about one place."""

    place: Place
    kind: str
    status: Status
    date: str
    seed: str
    violence: bool
    event_date: str = ""  # when it happened: what the timeline orders reports by
    date_precision: str = ""
    correction: str = ""  # the reason, when the report is a correction (corrections.csv)


@dataclass
class PlaceState:
    """What is known about one place after the reports so far."""

    place: Place
    kind: str
    status: Status = Status.NO_REPORT
    date: str = ""
    seed: str = ""
    violence: bool = False
    conflict: list[str] = field(default_factory=list)
    correction: str = ""  # the reason, when a correction set the status


@dataclass
class ProvinceStatus:
    """A province's status after every report, with what a reader needs to trust it."""

    province: str
    status: Status = Status.NO_REPORT
    violence: bool = False
    via: str = ""  # "its capital, Aybak"
    readings: list[Reading] = field(default_factory=list)
    fuzzy: list[str] = field(default_factory=list)  # fuzzy surfaces behind this status
    conflict: list[str] = field(default_factory=list)  # same-day reports that disagree
    correction: str = ""  # the reason, when the status comes from corrections.csv
    # Gathered with the readings (history.Tracker), so that the frames and the map make no
    # more passes over them: the readings other than bare mentions; the seeds of all the
    # readings and of those; and how many distinct (sentence, seed) pairs each has (-1:
    # not counted, when one seed's name came in two batches of readings).
    reported: list[Reading] = field(default_factory=list)
    seeds: set[str] = field(default_factory=set)
    reported_seeds: set[str] = field(default_factory=set)
    pairs: int = -1
    reported_pairs: int = -1


DatePrecision = Literal["day", "week", "month", "year"]

# The province-level flag "violence was reported here" shares its word with the status.
VIOLENCE_FLAG = Status.VIOLENCE.value


class StoredRows(Protocol):
    """A seed's output rows that the cache keeps apart from its readings (in a file of their
    own, mapping.cache.EntryRows): read by whoever writes the tables, not by the build.

    Why apart: they are three quarters of what the cache holds, and a rebuild of thousands
    of seeds needs only the readings to work out the timeline and draw the map; the tables
    are written by a forked child (outputs.start_seed_tables), which reads the rows then,
    on the other core."""

    def load(self) -> tuple[bytes | None, bytes | None, bytes | None] | None:
        """mentions.csv, sentences.csv and events.csv rows (each None when not kept), or
        None when they cannot be read or fail their check."""
        ...


@dataclass
class SeedResult:
    """One seed and what extraction found in it."""

    seed: Seed
    readings: list[Reading]
    foreign: list[ForeignMention]
    csv_rows: bytes | None = None  # mentions.csv rows from the cache, UTF-8 (rows.NAME_SLOT ...)
    reports: list[Report] | None = None  # one per place (algebra.seed_reports), when known
    found: int = 0  # place mentions in the text, kept or not
    sentence_rows: bytes | None = None  # sentences.csv rows from the cache, UTF-8 (rows.NAME_SLOT)
    copy_key: str = ""  # seeds.copy_key of the text: the same article saved twice shares it
    event_rows: bytes | None = None  # events.csv rows from the cache, UTF-8 (rows.ROW_MARK ...)
    stored_rows: StoredRows | None = None  # the three kinds of rows, not yet read

    def take_stored_rows(self) -> None:
        """Read stored_rows (once) into csv_rows, sentence_rows and event_rows. Rows that
        cannot be read or fail their check stay None: the outputs then format them from the
        readings, the same bytes at a higher cost."""
        stored, self.stored_rows = self.stored_rows, None
        if stored is not None:
            self.csv_rows, self.sentence_rows, self.event_rows = stored.load() or (None,) * 3

    @property
    def mentions(self) -> list[Mention]:
        return [r.mention for r in self.readings]

    @property
    def order(self) -> tuple[bool, str, str]:
        """Time order of seeds: undated seeds count as older than every dated one."""
        return (self.seed.date != "", self.seed.date, self.seed.name)


@dataclass(slots=True)
class TownEvidence:
    """A town's (not province's) readings in time order, gathered seed by seed with what
    its frame row and panel count in them (history.Tracker.add_parts): how many distinct
    (sentence, seed) pairs and which seeds (`exact` False: a seed's name came twice, so
    they are to be counted over the readings), and its (surface, match) spellings in
    order of first use."""

    readings: list[Reading] = field(default_factory=list)
    pairs: int = 0
    seeds: set[str] = field(default_factory=set)
    spelled: dict[tuple[str, str], None] = field(default_factory=dict)
    exact: bool = True


@dataclass
class Timeline:
    """Province statuses as of each seed date, and the events that led there."""

    dates: list[str]  # report times, ascending ("" = undated only)
    states: list[dict[str, tuple[Status, bool]]]  # per time: province -> (status, violence)
    events: list[tuple]  # one per (seed, place) report,
    # in history.HISTORY_COLUMNS order
    final: dict[str, ProvinceStatus]
    places: dict[str, PlaceState] = field(default_factory=dict)  # place id -> final state
    towns: list[dict[str, Status]] = field(default_factory=list)  # per time: town id -> status
    # Town (not province) id -> its readings and their counts, towns in order of first
    # reading, when the timeline gathered them (history.EvidenceMemo); None: not gathered.
    town_evidence: dict[str, TownEvidence] | None = None


class LetGo(list):
    """An empty list standing for rows a one-shot build let go once nothing in its process
    needed them any more (the history rows, once a forked child took them to write
    history.csv: outputs.write_all). Any reading of it raises, so an output made from it
    after all fails loudly instead of coming out empty."""

    def __init__(self, what: str) -> None:
        super().__init__()
        self.what = what

    def _gone(self) -> NoReturn:
        raise RuntimeError(f"{self.what} were let go: a child process wrote their file")

    def __iter__(self) -> NoReturn:
        self._gone()

    def __len__(self) -> NoReturn:
        self._gone()

    def __getitem__(self, _: Any) -> NoReturn:
        self._gone()

    def __bool__(self) -> NoReturn:
        self._gone()


@dataclass
class BuildStats:
    """What the extraction cache saved and caught during one build."""

    reused: int = 0  # seeds whose extraction came from the cache
    extracted: int = 0  # seeds read and extracted
    unchanged: int = 0  # seed files not even opened (their stamps were unchanged)
    damaged: int = 0  # cache entries that failed their check, re-extracted
    cache_note: str = ""  # why the cache could not be written, if it could not


@dataclass
class BuildResult:
    """Everything one build found: the seeds' results, their problems, the statuses."""

    gazetteer: Gazetteer
    seeds: list[SeedResult]
    problems: list[SeedProblem] = field(default_factory=list)
    provinces: dict[str, ProvinceStatus] = field(default_factory=dict)
    stats: BuildStats | None = None  # None: built without a cache
    timeline: Timeline | None = None
    frames: dict[str, Any] = field(default_factory=dict)  # geojoin's frames, computed once
    corrections: list[Report] = field(default_factory=list)  # from corrections.csv
    # What a `watch` process's previous build worked out per province and town, for this
    # one to take where nothing it depends on changed (geojoin.FrameMemo); None elsewhere.
    carried: Any = None

    @property
    def skipped(self) -> list[SeedProblem]:
        return [p for p in self.problems if p.fatal]

    @property
    def latest_date(self) -> str:
        return max((s.seed.date for s in self.seeds if s.seed.date), default="")


__all__ = [
    "CONTROL",
    "SHARED_INTS",
    "VIOLENCE_FLAG",
    "BuildResult",
    "BuildStats",
    "DatePrecision",
    "ForeignMention",
    "Gazetteer",
    "LetGo",
    "MatchKind",
    "Mention",
    "Place",
    "PlaceKind",
    "PlaceState",
    "ProvinceStatus",
    "Reading",
    "Report",
    "SeedResult",
    "Side",
    "Status",
    "Timeline",
    "TownEvidence",
    "share_foreign",
    "share_values",
    "shared_offsets",
    "shared_words",
]

"""Load the extraction lexicon (rules.toml) into compiled patterns, through a strict schema.

The lexicon is data so that a user or a later developer can read and extend it without
touching the code that applies it (mapping/statuses.py). Why strict: a typo in a key, a
window or a status used to fall silently into a default; now every unknown key, missing
key or value outside its vocabulary is a RulesError naming the file and the entry.
Behaviour is switched by declared fields (a locator's `role`), never by a rule's name.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path

from .errors import RulesError
from .model import Status
from .names import normalize

RULES_PATH = Path(__file__).with_name("rules.toml")

# The vocabularies of the lexicon's fields (see the comments in rules.toml).
PLACES = ("after", "before", "either")
WINDOWS = (
    "before",
    "before-trigger",
    "before-mention",
    "after-mention",
    "phrase-after",
    "clause",
    "sentence",
    "sentence+previous",
)
LOCATOR_ROLES = ("", "dateline", "seat", "affiliation")
REFERS_TO = ("provincial_capital", "any_capital", "national_capital", "town")


@dataclass(frozen=True)
class Trigger:
    name: str
    status: Status
    place: str  # after | before | either
    regex: re.Pattern
    background: bool = False  # describes an earlier state ("which the Taliban have held")


@dataclass(frozen=True)
class Modifier:
    name: str
    window: str  # before | sentence | sentence+previous
    reach: int
    regex: re.Pattern
    change: dict[Status, Status]


@dataclass(frozen=True)
class Locator:
    name: str
    before: re.Pattern  # matched on the text before the mention (anchored at its end)
    after: re.Pattern | None  # optionally, on the text right after it
    requires_previous_place: bool
    province_only: bool = False  # only a province mention can be located this way
    # with no known place right before it, the province holds an unnamed part that the
    # verb is about ("captured Jani Khel district of Paktia": part of Paktia was taken)
    part_when_alone: bool = False
    role: str = ""  # "dateline": only at a line start; "seat" ("the
    # government in Kabul") and "affiliation" ("Kabul's
    # governor"): statuses._affiliation_fallback


@dataclass(frozen=True)
class Coreference:
    regex: re.Pattern
    refers_to: str

    def accepts(self, mention) -> bool:
        """Can this earlier mention be what the phrase refers back to?"""
        if self.refers_to in ("provincial_capital", "any_capital"):
            return mention.place.is_capital or mention.kind == "province"
        if self.refers_to == "town":
            return mention.kind in ("city", "district")
        return False


@dataclass(frozen=True)
class Rules:
    triggers: tuple[Trigger, ...]
    modifiers: tuple[Modifier, ...]
    locators: tuple[Locator, ...]
    coreference: tuple[Coreference, ...]
    not_places: frozenset[str]
    neighbours: frozenset[str]
    lowercase_in_names: frozenset[str]

    @cached_property
    def affiliations(self) -> frozenset[str]:
        """Names of the locators that say where speakers are ("officials in Kandahar")."""
        return frozenset(loc.name for loc in self.locators if loc.role in ("seat", "affiliation"))


# table -> (required keys, optional keys)
_SCHEMA = {
    "trigger": ({"name", "status", "place", "pattern"}, {"background"}),
    "modifier": ({"name", "window", "pattern", "change"}, {"reach"}),
    "locator": (
        {"name", "pattern"},
        {"after", "requires_previous_place", "province_only", "part_when_alone", "role"},
    ),
    "coreference": ({"pattern", "refers_to"}, set()),
    "not_places": ({"words"}, set()),
    "neighbours": ({"words", "lowercase_in_names"}, set()),
}


class _Checker:
    """Checks one entry of the lexicon; every message names the file, table and entry."""

    def __init__(self, path: Path, table: str, index: int, entry: object):
        self.where = f"{path.name}: [{table}] entry {index + 1}"
        if not isinstance(entry, dict):
            raise RulesError(f"{self.where}: not a table")
        self.entry = entry
        if "name" in entry:
            self.where += f" ({entry['name']!r})"
        required, optional = _SCHEMA[table]
        unknown = set(entry) - required - optional
        if unknown:
            raise RulesError(
                f"{self.where}: unknown key(s) {', '.join(sorted(unknown))}; "
                f"allowed: {', '.join(sorted(required | optional))}"
            )
        missing = required - set(entry)
        if missing:
            raise RulesError(f"{self.where}: missing key(s) {', '.join(sorted(missing))}")

    def one_of(self, key: str, allowed, default=None):
        value = self.entry.get(key, default)
        if value not in allowed:
            raise RulesError(
                f"{self.where}: {key} = {value!r} is not one of {', '.join(map(str, allowed))}"
            )
        return value

    def status(self, value: object) -> Status:
        if not isinstance(value, str) or value not in tuple(Status):
            raise RulesError(
                f"{self.where}: unknown status {value!r}; statuses: {', '.join(Status)}"
            )
        return Status(value)

    def flag(self, key: str) -> bool:
        value = self.entry.get(key, False)
        if not isinstance(value, bool):
            raise RulesError(f"{self.where}: {key} must be true or false")
        return value

    def regex(self, key: str, suffix: str = "", flags: int = re.I) -> re.Pattern:
        try:
            return re.compile(self.entry[key] + suffix, flags)
        except (re.error, TypeError) as exc:
            raise RulesError(f"{self.where}: {key} is not a valid pattern ({exc})") from None

    def words(self, key: str) -> list[str]:
        value = self.entry[key]
        if not (isinstance(value, list) and all(isinstance(w, str) for w in value)):
            raise RulesError(f"{self.where}: {key} must be a list of words")
        return value


def _entries(data: dict, path: Path, table: str) -> list[_Checker]:
    raw = data.get(table, [])
    raw = raw if isinstance(raw, list) else [raw]
    return [_Checker(path, table, i, e) for i, e in enumerate(raw)]


def _trigger(c: _Checker) -> Trigger:
    return Trigger(
        c.entry["name"],
        c.status(c.entry["status"]),
        c.one_of("place", PLACES),
        c.regex("pattern"),
        c.flag("background"),
    )


def _modifier(c: _Checker) -> Modifier:
    change = c.entry["change"]
    if not isinstance(change, dict):
        raise RulesError(f"{c.where}: change must map a status to a status")
    reach = c.entry.get("reach", 0)
    if not isinstance(reach, int) or reach < 0:
        raise RulesError(f"{c.where}: reach must be a whole number of characters")
    return Modifier(
        c.entry["name"],
        c.one_of("window", WINDOWS),
        reach,
        c.regex("pattern"),
        {c.status(k): c.status(v) for k, v in change.items()},
    )


def _locator(c: _Checker) -> Locator:
    after = c.regex("after", flags=0) if "after" in c.entry else None
    return Locator(
        c.entry["name"],
        c.regex("pattern", r"\Z"),
        after,
        c.flag("requires_previous_place"),
        c.flag("province_only"),
        c.flag("part_when_alone"),
        c.one_of("role", LOCATOR_ROLES, ""),
    )


def load_rules(path: Path = RULES_PATH) -> Rules:
    """The lexicon at `path`, checked entry by entry; RulesError names what is wrong."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise RulesError(f"{path}: cannot read the lexicon ({exc})") from None
    unknown = set(data) - set(_SCHEMA)
    if unknown:
        raise RulesError(f"{path.name}: unknown table(s) {', '.join(sorted(unknown))}")
    tables = {table: _entries(data, path, table) for table in _SCHEMA}
    not_places, neighbours = tables["not_places"], tables["neighbours"]
    if len(not_places) != 1 or len(neighbours) != 1:
        raise RulesError(f"{path.name}: needs exactly one [not_places] and one [neighbours]")
    for table in ("trigger", "modifier", "locator"):
        names = [c.entry["name"] for c in tables[table]]
        twice = sorted({n for n in names if names.count(n) > 1})
        if twice:
            raise RulesError(f"{path.name}: [{table}] name(s) used twice: {', '.join(twice)}")
    stop = frozenset(normalize(w) for w in not_places[0].words("words"))
    return Rules(
        triggers=tuple(_trigger(c) for c in tables["trigger"]),
        modifiers=tuple(_modifier(c) for c in tables["modifier"]),
        locators=tuple(_locator(c) for c in tables["locator"]),
        coreference=tuple(
            Coreference(c.regex("pattern", flags=0), c.one_of("refers_to", REFERS_TO))
            for c in tables["coreference"]
        ),
        not_places=stop,
        neighbours=frozenset(normalize(w) for w in neighbours[0].words("words")) | stop,
        lowercase_in_names=frozenset(neighbours[0].words("lowercase_in_names")),
    )


@cache
def default_rules(path: Path = RULES_PATH) -> Rules:
    """The lexicon at `path` (the package's own by default), loaded once per process.

    Why a function, not a global loaded at import: the extractor takes its rules as an
    argument, so `eval --rules FILE` can compare two lexicons side by side.
    """
    return load_rules(path)

"""Load the extraction lexicon into compiled patterns, through a strict schema.

The lexicon is data so that a user or a later developer can read and extend it without
touching the code that applies it (mapping/statuses.py, mapping/mentions.py). Why strict: a
typo in a key, a window or a status used to fall silently into a default; now every unknown
key, missing key or value outside its vocabulary is a RulesError naming the file and the
entry. Behaviour is switched by declared fields (a locator's `role`), never by a rule's name.

Two files make one lexicon: the base English news lexicon in the package (rules.toml), and
the theatre's overlay beside geodata/theatre.toml (theatre-lexicon.toml), which holds what
belongs to one war: the armed group's names, its spokesmen, the country's adjective, local
personal names. Base patterns name such lists as placeholders (`{actor}`), filled from the
overlay's [placeholders] when the rules load; the overlay may also add entries to any
section. Why: a second theatre is then a second overlay, not an edit of English patterns.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, fields
from functools import cache, cached_property
from pathlib import Path

from .errors import RulesError
from .model import PlaceKind, Status
from .names import normalize
from .package_data import package_path

RULES_PATH = package_path("rules.toml")  # package data (mapping.package_data)
# The theatre's overlay: the one place that says where it is (beside theatre.toml).
THEATRE_LEXICON_PATH = package_path("geodata/theatre-lexicon.toml")

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
    "line-start",
    "quote-close",
    "text",
)
LOCATOR_ROLES = ("", "dateline", "seat", "affiliation", "scene", "reference")
# The place kinds a modifier may be limited to: the model's, and "capital" (a provincial one).
MENTION_KINDS = ("capital", *(kind.value for kind in PlaceKind))
# The kinds of act a trigger may declare (`act`), so that a modifier can be limited to one
# (`acts`): "US troops abandoned Bagram" is a foreign withdrawal, no loss of ground.
# "denied" is never declared: a reading gets it when a modifier turns a fall into a hold
# ("has not fallen", "every city except Kabul was taken"), as statuses._apply does.
# "partial": held in part ("the city did not completely fall"), which corrects a fall the
# same article told before it (mapping.algebra.seed_reports).
ACTS = (
    "",
    "withdrawal",
    "entry",
    "loss",
    "surrender",
    "recapture",
    "hold",
    "undone",
    "denied",
    "partial",
)
REFERS_TO = (
    "provincial_capital",
    "any_capital",
    "national_capital",
    "town",
    "district",
    "province",
    "crossing",  # a border crossing or port: a town, district or other place
    "capitals",  # plural: the places of the last list of that kind (mentions._plural)
    "towns",
    "districts",
    "provinces",
)
# A plural phrase's kind -> the singular whose antecedents it accepts.
PLURAL_OF = {
    "capitals": "provincial_capital",
    "towns": "town",
    "districts": "district",
    "provinces": "province",
}


@dataclass(frozen=True)
class Trigger:
    name: str
    status: Status
    place: str  # after | before | either
    regex: re.Pattern
    background: bool = False  # describes an earlier state ("which the Taliban have held")
    # a thing, not an act ("casualties", "rockets"): it ends no other trigger's reach
    noun: bool = False
    act: str = ""  # the kind of act (ACTS), for the modifiers limited to some (`acts`)


@dataclass(frozen=True)
class Modifier:
    name: str
    window: str  # before | sentence | sentence+previous
    reach: int
    regex: re.Pattern
    change: dict[Status, Status]
    # the cue may also sit inside the trigger's own words ("was reportedly recaptured",
    # "was not under threat"): window "before" only
    inside_trigger: bool = False
    # "before" / "after": only for a place on that side of the trigger ("" = either side)
    place_side: str = ""
    # only for mentions of these kinds ("districts of X" is a part of X only when X is a
    # province or city; "the districts of Nahrin and Almar" names districts); empty = any
    mention_kinds: frozenset[str] = frozenset()
    # only for the triggers of these kinds of act (Trigger.act); empty = any trigger
    acts: frozenset[str] = frozenset()
    # the name of an earlier modifier whose change this one takes back, when that was the
    # last change made ("reportedly retook X, the ministry said": the hedge is lifted);
    # such a modifier has no `change` of its own
    undoes: str = ""


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
    # only a name written in capitals ("KABUL:", a dateline; "Kunduz:" heads a live-blog item)
    capitals_only: bool = False
    role: str = ""  # "dateline": only at a line start; "seat" ("the
    # government in Kabul") and "affiliation" ("Kabul's
    # governor"): statuses._affiliation_fallback


@dataclass(frozen=True)
class Coreference:
    regex: re.Pattern
    refers_to: str

    @property
    def plural(self) -> bool:
        """Does the phrase refer to several places ("the three districts")?"""
        return self.refers_to in PLURAL_OF

    def accepts(self, mention) -> bool:
        """Can this earlier mention be what the phrase refers back to? (A plural phrase
        accepts what its singular does.)"""
        refers_to = PLURAL_OF.get(self.refers_to, self.refers_to)
        if refers_to == "provincial_capital" and mention.place.is_national_capital:
            return False  # "the provincial capital" is never Kabul
        if refers_to in ("provincial_capital", "any_capital"):
            return mention.place.is_capital or mention.kind == "province"
        if refers_to == "town":
            return mention.kind in ("city", "district")
        if refers_to == "district":
            return mention.kind == "district"
        if refers_to == "province":  # any place: the phrase means its province
            return mention.match != "coreference"
        if refers_to == "crossing":  # crossings are districts (Spin Boldak) or other places
            return mention.kind in ("district", "other") and mention.match != "coreference"
        return False


@dataclass(frozen=True)
class Structure:
    """[structure]: the words and marks that shape sentences, clauses and lists, read by
    mapping/statuses.py. Each field is a key of the section (see rules.toml)."""

    abbreviations: frozenset[str]  # a full stop after these ends no sentence ("U.S.")
    sentence_end: re.Pattern
    hard_wrap_sign: re.Pattern  # a line break inside a sentence of hard-wrapped copy
    hard_wrap_break: re.Pattern  # a line break hard-wrapped copy reads as a space
    clause_break: re.Pattern
    phrase_end: re.Pattern
    list_gap: re.Pattern
    list_after_locator: re.Pattern
    possessed_gap: re.Pattern  # a possessor's place, then the place it owns ("Farah's Bakwa")
    object_of_other: re.Pattern
    relative: re.Pattern
    that_clause: re.Pattern  # a clause opened by "that": a verb's object stands before it
    web_address: re.Pattern  # a web address: its words are no report (statuses)
    relative_aside: re.Pattern  # a relative clause set off by a comma, open up to a place
    aside_close: re.Pattern  # between that place and the verb: the comma that closes it
    not_subject: re.Pattern
    carried_subject: re.Pattern
    relative_closed: re.Pattern  # between a subject and its verb: a relative clause, closed
    plural_count: re.Pattern  # "the three districts": group nN matches, N places
    list_fragment: re.Pattern  # a sentence's words besides its places, when it only lists them
    heading_rest: re.Pattern
    map_label: re.Pattern  # a line of a graphic's text that names one place ("Feroz Koh")
    map_legend: re.Pattern  # a graphic's legend line ("Provincial capitals seized since Aug. 6")
    map_legend_kind: re.Pattern  # the kind of place a legend speaks of ("capitals")
    clause_in_gap: re.Pattern
    copula_list: re.Pattern
    counted_subject: re.Pattern  # "Aybak is the sixth capital the Taliban have (taken)"
    apposition_open: re.Pattern
    other_subject: re.Pattern
    part_subject: re.Pattern  # a part of a place as the subject ("government buildings")
    joins_subject: re.Pattern
    anaphoric_subject: re.Pattern
    where_clause: re.Pattern
    scene_before: re.Pattern  # from the sentence's start to a fronted scene ("In the provinces of")
    scene_after: re.Pattern  # from the scene's end to its comma
    place_phrase: re.Pattern  # between a trigger and the place its preposition names ("in the")
    elliptical: re.Pattern  # before a place the verb before applies to again ("as has")
    colon_list: re.Pattern  # after a subject-side trigger, a list a colon opens ("control: A, B")
    elsewhere: re.Pattern  # after an either-side trigger, a region no place ("in the country")
    object_named: re.Pattern  # an object after a verb that is no place ("seized the airport")
    shared_subject: re.Pattern  # from a verb to a second one with no subject ("fell ..., but")
    country_object: re.Pattern  # an object-side verb's object: the country ("took Afghanistan")
    bullet_item: re.Pattern  # a bulleted line of places and nothing else ("  • Zari district")
    bullet_line: re.Pattern  # the start of a line that opens with a bullet ("  • ")


@dataclass(frozen=True)
class NameContext:
    """[name_context]: the words around a name that say what it names, read by
    mapping/mentions.py. Each field is a key of the section (see rules.toml)."""

    connectors: frozenset[str]  # may not start or end a name matched by its skeleton
    province_after: re.Pattern
    province_before: re.Pattern
    province_list_before: re.Pattern
    list_gap: re.Pattern
    district_after: re.Pattern
    town_after: re.Pattern
    foreign_frame_before: re.Pattern  # group 1: the country word ("the Iranian city of")
    foreign_frame_after: re.Pattern  # group 1: the country word (", Iran (AP)")
    road_name_after: re.Pattern  # group 1: places joined after the name ("-Kandahar")
    longer_name_after: re.Pattern  # "-e-Farokh": the name begins a longer one
    river_after: re.Pattern  # "the Kunar river": a river's name
    person_after: re.Pattern  # "Shirzad added": a district's name that is a person's
    person_before: re.Pattern  # "Mr. Zadran"
    village_after: re.Pattern  # "Sayad village": not the district of that name
    provinces_after: re.Pattern  # "Kandahar and Helmand provinces": both provinces
    name_follows: re.Pattern
    name_apposition: re.Pattern  # between "the capital" and a place name in apposition
    capital_of_before: re.Pattern
    capital_of_after: re.Pattern
    stated_province_gap: re.Pattern  # between a town and the province the text puts it in
    list_province_gap: re.Pattern  # between a list of towns and the province it names
    origin_before: re.Pattern  # "fighters from nearby Helmand and ...": where they came from


@dataclass(frozen=True)
class Rules:
    triggers: tuple[Trigger, ...]
    modifiers: tuple[Modifier, ...]
    locators: tuple[Locator, ...]
    coreference: tuple[Coreference, ...]
    not_places: frozenset[str]
    neighbours: frozenset[str]
    lowercase_in_names: frozenset[str]
    structure: Structure
    name_context: NameContext

    @cached_property
    def affiliations(self) -> frozenset[str]:
        """Names of the locators that say where speakers are ("officials in Kandahar")."""
        return frozenset(loc.name for loc in self.locators if loc.role in ("seat", "affiliation"))

    @cached_property
    def locator_named(self) -> dict[str, Locator]:
        """The locators by name (a reading records the name of the one that decided)."""
        return {loc.name: loc for loc in self.locators}

    @cached_property
    def scenes(self) -> frozenset[str]:
        """Names of the locators that set a sentence's scene ("In Farah province, ...")."""
        return frozenset(loc.name for loc in self.locators if loc.role == "scene")


# table -> (required keys, optional keys)
_SCHEMA = {
    "trigger": ({"name", "status", "place", "pattern"}, {"background", "noun", "act"}),
    "modifier": (
        {"name", "window", "pattern"},
        {"change", "undoes", "reach", "inside_trigger", "place_side", "mention_kinds", "acts"},
    ),
    "locator": (
        {"name", "pattern"},
        {
            "after",
            "requires_previous_place",
            "province_only",
            "part_when_alone",
            "capitals_only",
            "role",
        },
    ),
    "coreference": ({"pattern", "refers_to"}, set()),
    "not_places": ({"words"}, set()),
    "neighbours": ({"words", "lowercase_in_names"}, set()),
}
# Sections of named keys (one table each, keys from the dataclass's fields), and the
# [placeholders] lists that fill `{name}` in any pattern.
_KEYED = {"structure": Structure, "name_context": NameContext}
_GROUPS = {"foreign_frame_before": 1}  # keys whose code reads a numbered group
_TABLES = {*_SCHEMA, *_KEYED, "placeholders"}
_PLACEHOLDER = re.compile(r"\{([A-Za-z_]\w*)\}")


class _Checker:
    """Checks one entry of the lexicon; every message names the file, table and entry."""

    def __init__(self, path: Path, table: str, index: int, entry: object, fills: _Fills):
        self.fills = fills  # the [placeholders] lists, for the entry's patterns
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

    def some_of(self, key: str, allowed: tuple[str, ...]) -> frozenset[str]:
        """An optional list whose every item is one of `allowed` (none given: empty)."""
        values = self.entry.get(key, [])
        if not isinstance(values, list) or any(v not in allowed for v in values):
            raise RulesError(f"{self.where}: {key} must be a list of {', '.join(allowed)}")
        return frozenset(values)

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
        value = self.entry[key]
        if not isinstance(value, str):
            raise RulesError(f"{self.where}: {key} must be a pattern (a string)")
        pattern = self.fills.fill(value, f"{self.where}: {key}")
        try:
            return re.compile(pattern + suffix, flags)
        except re.error as exc:
            raise RulesError(f"{self.where}: {key} is not a valid pattern ({exc})") from None

    def words(self, key: str) -> list[str]:
        value = self.entry[key]
        if not (isinstance(value, list) and all(isinstance(w, str) for w in value)):
            raise RulesError(f"{self.where}: {key} must be a list of words")
        return value


class _Fills:
    """The [placeholders] lists as regex alternations: `{actor}` in a pattern becomes
    `(?:Taliban|mujahideen)`. Each word is escaped (a space in it matches any run of
    white space), longer words first so that the longest spelling wins; an empty list
    matches nothing. `overlay` names the file that should give a missing list."""

    def __init__(self, lists: dict[str, list[str]], overlay: str):
        self.overlay = overlay
        self.alternations = {}
        for name, words in lists.items():
            escaped = [r"\s+".join(map(re.escape, w.split())) for w in words]
            escaped.sort(key=len, reverse=True)
            self.alternations[name] = f"(?:{'|'.join(escaped)})" if escaped else "(?!)"

    def fill(self, pattern: str, where: str) -> str:
        def one(m: re.Match) -> str:
            if m.group(1) not in self.alternations:
                given = f" (the theatre overlay {self.overlay} gives them)" if self.overlay else ""
                raise RulesError(f"{where}: {{{m.group(1)}}} has no list in [placeholders]{given}")
            return self.alternations[m.group(1)]

        return _PLACEHOLDER.sub(one, pattern)


def _read_lexicon(path: Path) -> dict:
    """One lexicon file (the base or an overlay), its tables checked against the schema."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise RulesError(f"{path}: cannot read the lexicon ({exc})") from None
    unknown = set(data) - _TABLES
    if unknown:
        raise RulesError(f"{path.name}: unknown table(s) {', '.join(sorted(unknown))}")
    for table in ("not_places", "neighbours", "placeholders", *_KEYED):
        if table in data and not isinstance(data[table], dict):
            raise RulesError(f"{path.name}: [{table}] must be one table")
    return data


def _placeholders(files: list[tuple[Path, dict]]) -> dict[str, list[str]]:
    """The [placeholders] lists of all files, a name's lists joined in file order."""
    lists: dict[str, list[str]] = {}
    for path, data in files:
        for name, words in data.get("placeholders", {}).items():
            if not re.fullmatch(r"[A-Za-z_]\w*", name):
                raise RulesError(f"{path.name}: [placeholders] {name!r} is not a name")
            if not (
                isinstance(words, list) and all(isinstance(w, str) and w.strip() for w in words)
            ):
                raise RulesError(f"{path.name}: [placeholders] {name} must be a list of words")
            lists.setdefault(name, []).extend(words)
    return lists


def _keyed(cls: type, table: str, files: list[tuple[Path, dict]], fills: _Fills) -> object:
    """One section of named keys, merged over the files: a word list is joined, a pattern
    given again replaces the earlier one. Unknown keys, a pattern missing from every file,
    a bad pattern or value: errors naming the file and the key."""
    kinds = {f.name: str(f.type) for f in fields(cls)}
    words: dict[str, list[str]] = {k: [] for k, t in kinds.items() if t.startswith("frozenset")}
    patterns: dict[str, tuple[Path, object]] = {}
    for path, data in files:
        section = data.get(table, {})
        unknown = set(section) - set(kinds)
        if unknown:
            raise RulesError(
                f"{path.name}: [{table}] unknown key(s) {', '.join(sorted(unknown))}; "
                f"allowed: {', '.join(kinds)}"
            )
        for key, value in section.items():
            if key not in words:
                patterns[key] = (path, value)
            elif isinstance(value, list) and all(isinstance(w, str) for w in value):
                words[key] += value
            else:
                raise RulesError(f"{path.name}: [{table}] {key} must be a list of words")
    missing = [k for k in kinds if k not in words and k not in patterns]
    if missing:
        names = " + ".join(p.name for p, _ in files)
        raise RulesError(f"{names}: [{table}] missing key(s) {', '.join(missing)}")
    values: dict[str, object] = {k: frozenset(w.lower() for w in v) for k, v in words.items()}
    for key, (path, value) in patterns.items():
        values[key] = _keyed_pattern(f"{path.name}: [{table}] {key}", key, value, fills)
    return cls(**values)


def _keyed_pattern(where: str, key: str, value: object, fills: _Fills) -> re.Pattern:
    """One pattern of a keyed section: a string, or a list of parts joined in order (so
    that each alternative of a long pattern can have its comment). Why no flags here: each
    pattern says its own, `(?i)` in front where case does not matter, so the data shows
    what will match."""
    if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
        value = "".join(value)
    if not isinstance(value, str):
        raise RulesError(f"{where} must be a pattern (a string, or a list of parts)")
    try:
        regex = re.compile(fills.fill(value, where))
    except re.error as exc:
        raise RulesError(f"{where} is not a valid pattern ({exc})") from None
    if regex.groups < _GROUPS.get(key, 0):
        raise RulesError(f"{where} must have {_GROUPS[key]} group(s) in parentheses")
    return regex


def _entries(files: list[tuple[Path, dict]], table: str, fills: _Fills) -> list[_Checker]:
    """The entries of one table over all files, base first, each checked in its file."""
    out = []
    for path, data in files:
        raw = data.get(table, [])
        raw = raw if isinstance(raw, list) else [raw]
        out += [_Checker(path, table, i, e, fills) for i, e in enumerate(raw)]
    return out


def _trigger(c: _Checker) -> Trigger:
    return Trigger(
        c.entry["name"],
        c.status(c.entry["status"]),
        c.one_of("place", PLACES),
        c.regex("pattern"),
        c.flag("background"),
        c.flag("noun"),
        c.one_of("act", ACTS, ""),
    )


def _modifier(c: _Checker) -> Modifier:
    change, undoes = c.entry.get("change", {}), c.entry.get("undoes", "")
    if not isinstance(change, dict):
        raise RulesError(f"{c.where}: change must map a status to a status")
    if not isinstance(undoes, str) or bool(change) == bool(undoes):
        raise RulesError(f"{c.where}: give either change or undoes (an earlier modifier's name)")
    reach = c.entry.get("reach", 0)
    if not isinstance(reach, int) or reach < 0:
        raise RulesError(f"{c.where}: reach must be a whole number of characters")
    return Modifier(
        c.entry["name"],
        c.one_of("window", WINDOWS),
        reach,
        c.regex("pattern"),
        {c.status(k): c.status(v) for k, v in change.items()},
        c.flag("inside_trigger"),
        c.one_of("place_side", ("", "before", "after"), ""),
        c.some_of("mention_kinds", MENTION_KINDS),
        c.some_of("acts", ACTS[1:]),
        undoes,
    )


def _undone_in_order(modifiers: tuple[Modifier, ...], where: str) -> None:
    """A modifier's `undoes` must name a modifier written before it: one that has had its
    chance to apply when this one is looked at."""
    seen: set[str] = set()
    for mod in modifiers:
        if mod.undoes and mod.undoes not in seen:
            raise RulesError(
                f"{where}: [modifier] {mod.name!r} undoes {mod.undoes!r}, "
                "which is no modifier written before it"
            )
        seen.add(mod.name)


def _locator(c: _Checker) -> Locator:
    after = c.regex("after", flags=0) if "after" in c.entry else None
    return Locator(
        c.entry["name"],
        c.regex("pattern", r"\Z"),
        after,
        c.flag("requires_previous_place"),
        c.flag("province_only"),
        c.flag("part_when_alone"),
        c.flag("capitals_only"),
        c.one_of("role", LOCATOR_ROLES, ""),
    )


def load_rules(path: Path = RULES_PATH, overlay: Path | None = THEATRE_LEXICON_PATH) -> Rules:
    """The lexicon at `path` with the theatre's `overlay` (none when None), checked entry by
    entry; RulesError names the file and what is wrong."""
    files = [(path, _read_lexicon(path))]
    if overlay is not None:
        files.append((overlay, _read_lexicon(overlay)))
    names = " + ".join(p.name for p, _ in files)
    fills = _Fills(_placeholders(files), overlay.name if overlay is not None else "")
    tables = {table: _entries(files, table, fills) for table in _SCHEMA}
    if not all(t in files[0][1] for t in ("not_places", "neighbours")):
        raise RulesError(f"{path.name}: needs one [not_places] and one [neighbours]")
    for table in ("trigger", "modifier", "locator"):
        found = [c.entry["name"] for c in tables[table]]
        twice = sorted({n for n in found if found.count(n) > 1})
        if twice:
            raise RulesError(f"{names}: [{table}] name(s) used twice: {', '.join(twice)}")
    triggers = tuple(_trigger(c) for c in tables["trigger"])
    modifiers = tuple(_modifier(c) for c in tables["modifier"])
    _undone_in_order(modifiers, names)
    stop = frozenset(normalize(w) for c in tables["not_places"] for w in c.words("words"))
    near = tables["neighbours"]
    return Rules(
        triggers=triggers,
        modifiers=modifiers,
        locators=tuple(_locator(c) for c in tables["locator"]),
        coreference=tuple(
            Coreference(c.regex("pattern", flags=0), c.one_of("refers_to", REFERS_TO))
            for c in tables["coreference"]
        ),
        not_places=stop,
        neighbours=frozenset(normalize(w) for c in near for w in c.words("words")) | stop,
        lowercase_in_names=frozenset(w for c in near for w in c.words("lowercase_in_names")),
        structure=_keyed(Structure, "structure", files, fills),  # type: ignore[arg-type]
        name_context=_keyed(NameContext, "name_context", files, fills),  # type: ignore[arg-type]
    )


@cache
def default_rules(path: Path = RULES_PATH, overlay: Path | None = THEATRE_LEXICON_PATH) -> Rules:
    """The lexicon at `path` with the theatre's overlay (the package's own by default),
    loaded once per process.

    Why a function, not a global loaded at import: the extractor takes its rules as an
    argument, so `eval --rules FILE` can compare two lexicons side by side.
    """
    return load_rules(path, overlay)

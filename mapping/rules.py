"""Load the extraction lexicon (rules.toml) into compiled patterns.

The lexicon is data so that a user or a later developer can read and extend it without
touching the code that applies it (mapping/statuses.py).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from .names import normalize

RULES_PATH = Path(__file__).with_name("rules.toml")

# Display and precedence order of statuses, strongest first.
STATUSES = ("captured", "claimed", "contested", "recaptured", "government", "violence",
            "mentioned", "no_report")
CONTROL = ("captured", "contested", "recaptured", "government")   # verified control statuses
# Which side a status puts a place on: what a reader of the map most needs right.
SIDES = {"captured": "taliban", "claimed": "taliban", "contested": "contested",
         "recaptured": "government", "government": "government", "violence": "none",
         "mentioned": "none", "no_report": "none"}


@dataclass(frozen=True)
class Trigger:
    name: str
    status: str
    place: str            # after | before | either
    regex: re.Pattern
    background: bool = False   # describes an earlier state ("which the Taliban have held")


@dataclass(frozen=True)
class Modifier:
    name: str
    window: str           # before | sentence | sentence+previous
    reach: int
    regex: re.Pattern
    change: dict


@dataclass(frozen=True)
class Locator:
    name: str
    before: re.Pattern            # matched on the text before the mention (anchored at its end)
    after: re.Pattern | None      # optionally, on the text right after it
    requires_previous_place: bool
    province_only: bool = False    # only a province mention can be located this way


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


def load_rules(path: Path = RULES_PATH) -> Rules:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    flags = re.I
    for t in data["trigger"]:
        if t["status"] not in STATUSES:
            raise ValueError(f"{path}: trigger {t['name']!r} has unknown status {t['status']!r}")
    return Rules(
        triggers=tuple(Trigger(t["name"], t["status"], t["place"], re.compile(t["pattern"], flags),
                               t.get("background", False)) for t in data["trigger"]),
        modifiers=tuple(Modifier(m["name"], m["window"], m.get("reach", 0),
                                 re.compile(m["pattern"], flags), dict(m["change"]))
                        for m in data["modifier"]),
        locators=tuple(Locator(loc["name"], re.compile(loc["pattern"] + r"\Z", flags),
                               re.compile(loc["after"]) if "after" in loc else None,
                               loc.get("requires_previous_place", False),
                               loc.get("province_only", False))
                       for loc in data["locator"]),
        coreference=tuple(Coreference(re.compile(c["pattern"]), c["refers_to"])
                          for c in data["coreference"]),
        not_places=frozenset(normalize(w) for w in data["not_places"]["words"]),
        neighbours=frozenset(normalize(w) for w in data["neighbours"]["words"])
        | frozenset(normalize(w) for w in data["not_places"]["words"]),
        lowercase_in_names=frozenset(data["neighbours"]["lowercase_in_names"]),
    )


RULES = load_rules()

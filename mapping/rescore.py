"""A learned second reading of each mention's status, on top of the rules.

Why: the rules bind a trigger to a place by position (nearest group, clause breaks, one verb
per group). Published copy breaks that binding in many small ways (roundups, asides,
quoted claims, a verb two sentences away), and on real news the rules alone read about
half the statuses right. Rather than a pattern per shape, a small linear model reads the
same evidence the rules see (every trigger of the sentence and where it stands, the
modifiers' cues, the words around the name, the sentences before and after, what the
rules concluded) and chooses the status. It is trained by `tools/train_rescorer.py` from
our own labels of real passages (bench/realnews, dev split only) and of the team's sets,
stored as plain weights in `rescorer.json`, deterministic and a few microseconds a
mention. The rules still give the evidence sentence and their own reasoning; the rule
text says when the model changed the status and from what.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from .model import Mention, Status

_WORD = re.compile(r"[^\W\d_][\w'\u2019-]*|\d+")
_WINDOW_WORDS = 5  # words each side of a name that the model reads


@dataclass(frozen=True)
class Rescorer:
    """Weights of a multinomial logistic model: one weight per (feature, status)."""

    statuses: tuple[Status, ...]
    bias: tuple[float, ...]
    weights: dict[str, tuple[float, ...]]

    def scores(self, features: list[str]) -> list[float]:
        """Probability of each status in `statuses` order."""
        z = list(self.bias)
        for f in set(features):
            w = self.weights.get(f)
            if w:
                z = [a + b for a, b in zip(z, w)]
        top = max(z)
        e = [math.exp(v - top) for v in z]
        total = sum(e)
        return [v / total for v in e]

    def choose(self, features: list[str]) -> tuple[Status, float]:
        """The most likely status and its probability."""
        p = self.scores(features)
        k = max(range(len(p)), key=p.__getitem__)
        return self.statuses[k], p[k]


def from_json(data: dict) -> Rescorer:
    """A Rescorer from its stored form (as tools/train_rescorer.py writes it)."""
    statuses = tuple(Status(s) for s in data["statuses"])
    n = len(statuses)
    weights = {}
    for f, w in data["weights"].items():
        if len(w) != n:
            raise ValueError(f"rescorer weights of {f!r}: {len(w)} values for {n} statuses")
        weights[f] = tuple(float(x) for x in w)
    if len(data["bias"]) != n:
        raise ValueError("rescorer bias: one value per status expected")
    return Rescorer(statuses, tuple(float(x) for x in data["bias"]), weights)


@lru_cache(maxsize=1)
def default_rescorer() -> Rescorer | None:
    """The package's trained model, or None when none is shipped."""
    path = resources.files("mapping").joinpath("rescorer.json")
    if not path.is_file():
        return None
    return from_json(json.loads(path.read_text(encoding="utf-8")))


def _words(text: str) -> list[str]:
    return [w.lower().replace("\u2019", "'") for w in _WORD.findall(text)]


def _distance(text: str, a: int, b: int) -> str:
    """Words between two points, bucketed."""
    n = len(_WORD.findall(text[a:b])) if b > a else 0
    return "0" if n <= 1 else "near" if n <= 4 else "mid" if n <= 10 else "far"


@dataclass
class MentionContext:
    """What the model reads about one mention: its sentence, its neighbours, the triggers."""

    text: str
    sentence: tuple[int, int]
    previous: tuple[int, int] | None
    following: tuple[int, int] | None
    triggers: list  # (start, end, Trigger) of the sentence
    bound: list  # the triggers the rules bound to this mention's group
    others: list[Mention]  # the other mentions of the sentence
    previous_triggers: list
    following_triggers: list
    locator: str  # the locator rule's name, or ""
    in_list: bool
    modifiers: list  # (name, regex) of the lexicon's modifiers


def features(m: Mention, rule_status: Status, ctx: MentionContext) -> list[str]:
    """The model's features of one mention: short strings, present or not."""
    text, (ss, se) = ctx.text, ctx.sentence
    out = [f"rule={rule_status}", f"kind={m.kind}", f"match={m.match}"]
    if m.place.is_capital:
        out.append("capital")
    if m.place.is_national_capital:
        out.append("national_capital")
    if ctx.locator:
        out.append(f"locator={ctx.locator}")
    if ctx.in_list:
        out.append("in_list")
    for t in ctx.bound:
        out += [f"bound={t[2].status}", f"bound_rule={t[2].name}"]
    out += _trigger_features(m, ctx)
    left = _words(text[max(ss, m.start - 120) : m.start])[-_WINDOW_WORDS:]
    right = _words(text[m.end : min(se, m.end + 120)])[:_WINDOW_WORDS]
    out += [f"l:{w}" for w in left] + [f"r:{w}" for w in right]
    if left:
        out.append(f"l1:{left[-1]}")
    if right:
        out.append(f"r1:{right[0]}")
    out += [f"s:{w}" for w in set(_words(text[ss:se]))]
    for name, regex in ctx.modifiers:
        if regex.search(text, ss, se):
            out.append(f"mod:{name}")
        if regex.search(text[max(ss, m.start - 60) : m.start]):
            out.append(f"mod_near:{name}")
    out += [f"prev:{t[2].status}" for t in ctx.previous_triggers]
    out += [f"next:{t[2].status}" for t in ctx.following_triggers]
    if text.count('"', ss, m.start) % 2 or text.count("\u201c", ss, m.start) > text.count(
        "\u201d", ss, m.start
    ):
        out.append("in_quote")
    out.append(f"places={min(len(ctx.others) + 1, 4)}")
    return out


def _trigger_features(m: Mention, ctx: MentionContext) -> list[str]:
    """Each trigger of the sentence: its status, side of the name, distance, and whether
    another place stands between them."""
    out = []
    for ts, te, t in ctx.triggers:
        side = "L" if te <= m.start else "R"
        a, b = (te, m.start) if side == "L" else (m.end, ts)
        dist = _distance(ctx.text, a, b)
        between = any(a <= o.start < b for o in ctx.others)
        out += [
            f"t:{t.status}:{side}",
            f"t:{t.status}:{side}:{dist}",
            f"tn:{t.name}:{side}",
        ]
        if not between:
            out.append(f"t:{t.status}:{side}:clear")
        if dist in ("0", "near") and not between:
            out.append(f"t:{t.status}:adjacent")
    return out

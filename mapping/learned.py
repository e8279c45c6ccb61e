"""A learned reading of each province's status in one text, over the rules' readings.

Why: the rules (mapping/statuses.py) bind a trigger to a place by where they stand, and each
of their patterns was written from passages of the development split. On published copy
they have not seen, they read about two statuses in three right, and patterns written from
one batch of fresh passages barely moved the next batch. A small linear model that reads
what the rules found for a province (the statuses, rules and modifiers of its readings, the
kinds of its places, and the words of their evidence sentences, place names left out) and names the province's
status carried to unseen copy better: trained on older development passages, it read 655
of 951 province statuses of a batch it had never seen right, where the rules read 595
(bench/realnews/README.md, which also gives what each choice here was worth).

What it changes: where the rules' readings of a province add up to a bare mention, a
recapture, violence or a government hold (a capture, fighting or a claim only when the
model is CONFIDENT: see KEPT), and the model names another status, the province's readings
of its latest event (or, if that is not enough, all of them) take the model's status, each
keeping its own mention, evidence sentence and date, its rule text saying the model changed
it and what the rules had read. Provinces whose readings already add up to the model's
status are left alone, and so are those told only of long ago or in no prose (verdict). It
runs once the readings are dated (mapping.dates), since which readings tell the latest
event is a matter of dates.

The model is plain weights in `status_model.json` (one weight per feature and status, a
bias per status), trained by tools/train_status_model.py from our own labels of the
real-news development split and the team's development sets; reading it is a sum of
weights, deterministic, a few tens of microseconds per province.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache

import numpy as np

from .algebra import known_by, province_status
from .errors import RulesError
from .model import MatchKind, Reading, Status
from .package_data import package_path

MODEL_FILE = "status_model.json"
# The rules' province statuses the model changes only when it is CONFIDENT of another: on
# the fresh batch held out of training (bench/realnews/README.md) the rules read these best
# (captures 178 of 229, fighting 249 of 306, claims 13 of 16) and the model alone barely
# better or worse; it reads far better the bare mentions, recaptures, violence and
# government holds (134 of 313, 5 of 31, 9 of 39 and 7 of 17 right by the rules). On that
# batch: 643, 633 and 635 of 951 with the model's word on these taken at a probability of
# 0.7, 0.8 and 0.9 (0.8 was chosen when place names were still read: 683, 690, 687).
KEPT = frozenset({Status.CAPTURED, Status.CONTESTED, Status.CLAIMED})
CONFIDENT = 0.8
MIN_WORDS = 3  # words other than place names the evidence must hold (_prose)
LEARNED = "learned"  # the start of a rule text the model wrote (Reading.rule)

_WORD = re.compile(r"[^\W\d_][\w'\u2019-]*|\d+")


@lru_cache(maxsize=8192)
def _words(evidence: str) -> tuple[str, ...]:
    """The distinct words of an evidence sentence, lower case, in text order (so the model's
    sum runs in the same order in every process): worked out once per sentence, which the
    readings of every place it names share."""
    return tuple(dict.fromkeys(_WORD.findall(evidence.lower())))


def named_words(readings: list[Reading]) -> frozenset[str]:
    """The words of every place name the text's readings found, which `features` leaves out
    of the evidence: a name says where, not what happened, and as a feature it would carry
    what the training copy said of that place ("kunduz" would lean to a capture)."""
    return frozenset(
        w
        for r in readings
        if r.mention.match != MatchKind.COREFERENCE  # "the city" names no place
        for w in _WORD.findall(r.mention.surface.lower())
    )


def features(readings: list[Reading], names: frozenset[str] = frozenset()) -> Counter[str]:
    """What the model reads of one province: what the rules made of its readings (statuses,
    rules, modifiers, acts, kinds of place and whether a provincial or the national capital,
    how long before the article) and the words of
    their evidence sentences, less the words of place names (`names`, see named_words).
    Each feature is there or not (value 1): neither how often a place is named nor how
    many provinces the text names counts, or a text naming places hundreds of times
    ("Kabul Kabul ...", "A, B, C ... were quiet" over and over) would outweigh every word
    (with those counts, both read as fighting, 0.9 sure). The training script calls this
    same function, so the two cannot drift apart."""
    f: Counter[str] = Counter()
    for r in readings:
        f["r=" + str(r.status)] = 1
        f["rn=" + r.rule.split(":")[0][:40]] = 1
        for modifier in r.rule.split(" + ")[1:]:  # what the rules' modifiers made of it
            f["mod=" + modifier[:40]] = 1
        f["act=" + r.act] = 1
        f["kind=" + str(r.mention.kind)] = 1
        f["age=" + _age(r)] = 1
        if r.mention.place.is_national_capital:  # what kind of place, never which one
            f["national_capital"] = 1
        elif r.mention.place.is_capital:
            f["capital"] = 1
        if r.violence:
            f["viol"] = 1
        for word in _words(r.evidence):
            if word not in names:
                f["s:" + word] = 1
    return f


def _age(r: Reading) -> str:
    """How long before its article the reading's event happened, in broad steps: the
    model learns that an old fall recalled is not today's news. "undated" for readings of
    a text without a date (extract_text, labelled passages without one)."""
    if not r.date or not r.event_date:
        return "undated"
    return _age_of(r.date[:10], r.event_date[:10])


@lru_cache(maxsize=4096)
def _age_of(told: str, happened: str) -> str:
    try:
        days = (date.fromisoformat(told) - date.fromisoformat(happened)).days
    except ValueError:
        return "undated"
    return "0" if days <= 1 else "week" if days <= 8 else "month" if days <= 45 else "old"


@dataclass(frozen=True)
class StatusModel:
    """A multinomial logistic model: a bias per status and a weight per feature and status
    (row `index[name]` of `matrix`)."""

    statuses: tuple[Status, ...]
    bias: np.ndarray
    index: dict[str, int]
    matrix: np.ndarray

    def choose(self, feats: Counter[str]) -> Status:
        """The status of highest score (the first in `statuses` order on a tie)."""
        return self.weigh(feats)[0]

    def weigh(self, feats: Counter[str]) -> tuple[Status, float]:
        """The status of highest score and the model's probability of it."""
        rows, counts = [], []
        for name, count in feats.items():
            row = self.index.get(name)
            if row is not None:
                rows.append(row)
                counts.append(count)
        z = self.bias + np.asarray(counts, dtype=float) @ self.matrix[rows]
        best = int(np.argmax(z))
        odds = np.exp(z - z[best])
        return self.statuses[best], float(1.0 / odds.sum())


def model_from_json(data: dict) -> StatusModel:
    """A StatusModel from its stored form; a value of the wrong shape raises ValueError."""
    statuses = tuple(Status(s) for s in data["statuses"])
    n = len(statuses)
    bias = np.array([float(x) for x in data["bias"]])
    if len(bias) != n:
        raise ValueError(f"{MODEL_FILE}: {len(bias)} biases for {n} statuses")
    index: dict[str, int] = {}
    rows: list[list[float]] = []
    for name, w in data["weights"].items():
        if len(w) != n:
            raise ValueError(f"{MODEL_FILE}: feature {name!r} has {len(w)} weights, not {n}")
        index[name] = len(rows)
        rows.append([float(x) for x in w])
    matrix = np.array(rows, dtype=float).reshape(len(rows), n)
    return StatusModel(statuses, bias, index, matrix)


@lru_cache(maxsize=1)
def default_model() -> StatusModel:
    """The package's trained model. A missing or damaged file is a broken install, said as
    such (RulesError): without it every province would silently be read by the rules alone."""
    path = package_path(MODEL_FILE)
    try:
        return model_from_json(json.loads(path.read_text(encoding="utf-8")))
    except FileNotFoundError:
        raise RulesError(
            f"{path}: the learned status model is missing; reinstall territory-map, or "
            "make it with tools/train_status_model.py"
        ) from None
    except (ValueError, KeyError, TypeError) as exc:
        raise RulesError(f"{path}: not a status model ({exc})") from None


def by_province(readings: list[Reading]) -> dict[str, list[Reading]]:
    """The readings of each province, in text order, provinces in order of first mention."""
    out: dict[str, list[Reading]] = {}
    for r in readings:
        out.setdefault(r.mention.province, []).append(r)
    return out


def _prose(items: list[Reading], names: frozenset[str]) -> bool:
    """Do the evidence sentences read as prose: at least MIN_WORDS words of three letters
    or more that are not place names, and no fewer of them than names? A list of names
    with a verb or two ("A, B, C ... were quiet"), or a clipped run of one name, is not
    what the model learned from (it read such a list, fifty districts long, as fighting:
    a district named in the news mostly is)."""
    words = {w for r in items for w in _words(r.evidence)}
    named = len(words & names)
    return len({w for w in words - names if len(w) >= 3}) >= max(MIN_WORDS, named)


def verdict(
    items: list[Reading], model: StatusModel, names: frozenset[str] = frozenset()
) -> Status | None:
    """The model's status for a province's readings (`names`: the words of the text's place
    names), or None where the rules' stands: the model agrees, their status is KEPT and the model is
    not CONFIDENT, every reading tells of long ago (an old fall recalled is the rules' to
    date and weigh, not news), or the evidence is not prose (_prose)."""
    if all(_age(r) == "old" for r in items) or not _prose(items, names):
        return None
    status, probability = model.weigh(features(items, names))
    ruled = province_status(items)
    if status == ruled or (ruled in KEPT and probability < CONFIDENT):
        return None
    return status


def relearned(readings: list[Reading], model: StatusModel | None = None) -> list[Reading]:
    """The readings of one text, those of each province where the model disagrees with the
    rules given the model's status (see the module's docstring); the others as they are.

    Which readings change: first only those of the province's latest event (the readings
    dated last, as the timeline orders them), so that what the text tells of earlier days
    keeps its own status and date ("fighting since May ... took the city on Friday": the
    capture is Friday's, not May's); where that does not make the province's status the
    model's, every reading of the province. Undated readings are all of one date.
    """
    if not readings:
        return readings
    model = model or default_model()
    groups = by_province(readings)
    names = named_words(readings)
    changed: dict[int, Reading] = {}
    for items in groups.values():
        status = verdict(items, model, names)
        if status is None:
            continue
        last = max(known_by(r) for r in items)
        latest = [_told(r, status) if known_by(r) == last else r for r in items]
        if province_status(latest) != status:
            latest = [_told(r, status) for r in items]
        changed.update((id(old), new) for old, new in zip(items, latest) if new is not old)
    if not changed:
        return readings
    return [changed.get(id(r), r) for r in readings]


def _told(r: Reading, status: Status) -> Reading:
    """The reading with the model's status, its rule text saying so and keeping what the
    rules had read (unlearned gives it back); unchanged if the statuses are equal."""
    if r.status == status:
        return r
    note = f"{LEARNED}: {status.value} over {r.status.value}; {r.rule}"
    return replace(r, status=status, rule=note)


_TOLD = re.compile(rf"{LEARNED}: [a-z_]+ over ([a-z_]+); ")


def rules_status(rule: str) -> Status | None:
    """The status the rules had read, for a reading whose status the model set (its rule
    text says so: see _told); None for a reading the rules set. The map's panels say which
    deciding statuses the model set, and what the rules had made of the sentence."""
    told = _TOLD.match(rule)
    return Status(told.group(1)) if told else None


def unlearned(readings: list[Reading]) -> list[Reading]:
    """The rules' readings back from relearned's (status and rule text as the rules gave
    them). Why: the cache stores what a build shows, and a cached text re-dated for a new
    seed date must be read again as a fresh build would read it (an event that was a week
    old may now be months old, which the model weighs)."""
    out = []
    for r in readings:
        told = _TOLD.match(r.rule)
        if told:
            r = replace(r, status=Status(told.group(1)), rule=r.rule[told.end() :])
        out.append(r)
    return out

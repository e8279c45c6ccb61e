"""Stage 3: what each mention reports, and what that means for each province.

For every sentence, triggers from rules.toml ("captured", "fell", "repelled an attack on",
"fighting") are found, and each binds the nearest list of places on its side ("captured X"
looks right, "X fell" looks left; a list shares its verb). Modifiers then adjust it: "failed to capture" is contested, "the Taliban said they
had captured" is claimed, "has not fallen" is government. Every reading keeps the rule that
decided it and the evidence sentence, so a user can see why a province has its colour.

Statuses then roll up (roll_up, through mapping.history): per place in time order, then to
provinces (a captured provincial capital captures its province; a captured smaller town only
contests it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .gazetteer import Gazetteer
from .mentions import Mention
from .rules import CONTROL, RULES, STATUSES, Trigger

_ABBREVIATIONS = {"u.s", "u.n", "u.k", "mr", "mrs", "ms", "dr", "gen", "lt", "col", "maj", "capt",
                  "sgt", "gov", "sen", "rep", "st", "jan", "feb", "aug", "sept", "sep", "oct", "nov",
                  "dec", "no", "vs", "etc", "approx", "e.g", "i.e", "a.m", "p.m"}
_SENTENCE_END = re.compile(r"[.!?]+[\"'\u201d\u2019)\]]*(?=\s+[\"'\u201c\u2018(\[]?[A-Z0-9])|\n\s*\n|\n")
_CLAUSE_BREAK = re.compile(r";|\bbut\b|\bwhile\b|\bwhereas\b|\bmeanwhile\b|\bhowever\b|\u2014", re.I)
_LIST_GAP = re.compile(r"^\s*,?\s*(?:(?:to|in)\s+the\s+(?:far\s+)?(?:north|south|east|west)\w*\s*)?"
                       r"(?:,|,?\s*(?:and|or|as\s+well\s+as)|[\u2013\u2014-])\s*$", re.I)


@dataclass(slots=True)
class Reading:
    """What one mention reports: a status, the rule that decided it, and the evidence."""
    mention: Mention
    status: str
    rule: str
    evidence: str
    evidence_start: int
    evidence_end: int
    seed: str = ""        # file name of the seed it comes from
    date: str = ""        # the seed's date (ISO), "" when undated
    violence: bool = False  # violence reported at the place, whatever its control status


@dataclass
class ProvinceStatus:
    province: str
    status: str = "no_report"
    violence: bool = False
    via: str = ""                                   # "its capital, Aybak"
    readings: list[Reading] = field(default_factory=list)
    fuzzy: list[str] = field(default_factory=list)  # fuzzy surfaces behind this status
    conflict: list[str] = field(default_factory=list)  # same-day reports that disagree


def split_sentences(text: str, start: int = 0) -> list[tuple[int, int]]:
    """Sentence spans of text[start:], without splitting after abbreviations like "U.S."."""
    spans, s = [], start
    for m in _SENTENCE_END.finditer(text, start):
        word = re.search(r"([\w.]+)[.!?]*$", text[s:m.start() + 1])
        if m.group().startswith(".") and word and word.group(1).lower().rstrip(".") in _ABBREVIATIONS:
            continue
        if text[s:m.end()].strip():
            spans.append((s, m.end()))
        s = m.end()
    if text[s:].strip():
        spans.append((s, len(text)))
    return spans


def _triggers_in(text: str, s: int, e: int) -> list[tuple[int, int, Trigger]]:
    """Trigger matches in a sentence; where two overlap, the longer one stands."""
    found = []
    for t in RULES.triggers:
        for m in t.regex.finditer(text, s, e):
            found.append((m.start(), m.end(), t))
    found.sort(key=lambda x: (x[0], -(x[1] - x[0])))
    kept = []
    for f in found:
        if kept and f[0] < kept[-1][1]:
            if f[1] - f[0] > kept[-1][1] - kept[-1][0]:
                kept[-1] = f
            continue
        kept.append(f)
    return kept


_LIST_AFTER_LOCATOR = re.compile(r"^\s*(?:provinces?|districts?)?\s*(?:,|,?\s*(?:and|or))\s*$", re.I)
# Words that, right before a place, make it the object of a preposition, so it cannot be the
# subject of a following verb ("the highway to Jalalabad had fallen" is not about Jalalabad).
_OBJECT_OF_OTHER = re.compile(r"\b(?:into|to|towards?|near|around|outside|beyond|past|via|"
                             r"through|linking|between|for)\s+(?:the\s+)?$", re.I)
_RELATIVE = re.compile(r"^\s*,?\s*(?:which|where|that|who)\b", re.I)
_NOT_SUBJECT = re.compile(r"\b(?:to|towards?|from|linking|between|near|via|into|through|"
                          r"(?<!city )(?<!town )(?<!capital )(?<!province )(?<!parts )(?<!part )"
                          r"(?<!most )(?<!much )(?<!areas )(?<!some )of|"
                          r"outside|beyond|past|than|west|east|north|south)\s+(?:the\s+)?$", re.I)


def _groups(text: str, mentions: list[Mention], locators: list[str]) -> list[int]:
    """Group id per mention: a list of places ("Herat, Kandahar and Kunduz") shares one id,
    and so do the locators inside it ("Sharana, capital of Paktika province, and Asadabad")."""
    ids, gid = [], 0
    for i, m in enumerate(mentions):
        if i:
            gap = text[mentions[i - 1].end:m.start]
            corefs = "coreference" in (m.match, mentions[i - 1].match)   # never in a list
            joined = not corefs and (_LIST_GAP.match(gap) or locators[i]
                      or (locators[i - 1] and _LIST_AFTER_LOCATOR.match(gap)))
            if not joined:
                gid += 1
        ids.append(gid)
    return ids


def _bind(text: str, sent: tuple[int, int], trig: tuple[int, int, Trigger],
          mentions: list[Mention], groups: list[int], locators: list[str],
          others: list[tuple[int, int, Trigger]]) -> tuple[int, int] | None:
    """The list group a trigger speaks about, and its distance; None if there is none.

    A trigger speaks about one group: the nearest one on its side ("captured X" looks right,
    "X fell" looks left), skipping groups made only of locators; a subject ("X fell") must
    not follow a preposition.
    """
    ts, te, t = trig
    best = None
    for g in sorted(set(groups)):
        members = [i for i, x in enumerate(groups) if x == g and not locators[i]]
        if not members:
            continue
        gs, ge = mentions[members[0]].start, mentions[members[-1]].end
        if te <= gs and t.place in ("after", "either"):
            between = text[te:gs]
            if t.place == "after" and between.strip() and _OBJECT_OF_OTHER.search(between):
                continue        # "controlling every road into the city": not the object
        elif ts >= ge and t.place in ("before", "either"):
            between = text[ge:ts]
            relative = _RELATIVE.match(between)      # "Jalalabad, which remained ..."
            if not (t.background or relative) and _NOT_SUBJECT.search(text[max(sent[0], gs - 30):gs]):
                continue
        else:
            continue
        if _CLAUSE_BREAK.search(between):
            continue        # a trigger does not reach across "; but while whereas"
        lo, hi = (te, gs) if te <= gs else (ge, ts)
        if any(lo <= o[0] and o[1] <= hi for o in others if o is not trig and not o[2].background):
            continue        # another verb stands between: it speaks about that group
        dist = len(between)
        if best is None or dist < best[1]:
            best = (g, dist)
    return best


def _locator(text: str, sent_start: int, m: Mention, previous: Mention | None) -> str:
    """Name of the locator rule when this mention only locates or attributes, else ""."""
    before = text[sent_start:m.start]
    after = text[m.end:m.end + 60]
    for loc in RULES.locators:
        if not loc.before.search(before[-80:] if before else ""):
            continue
        if loc.after is not None and not loc.after.match(after):
            continue
        if loc.name == "dateline" and text[max(0, m.start - 1):m.start] not in ("", "\n"):
            continue
        if loc.province_only and m.kind != "province":
            continue
        if loc.requires_previous_place:
            if (previous is None or m.kind != "province" or previous.province != m.province
                    or m.start - previous.end > 80):
                continue
        return loc.name
    return ""


def _clause(text: str, sent: tuple[int, int], pos: int) -> str:
    """The part of a sentence around `pos` between clause breaks (; while but whereas)."""
    left = sent[0]
    for m in _CLAUSE_BREAK.finditer(text, sent[0], pos):
        left = m.end()
    nxt = _CLAUSE_BREAK.search(text, pos, sent[1])
    return text[left:nxt.start() if nxt else sent[1]]


def _modify(text: str, status: str, trig: tuple[int, int, Trigger], m: Mention,
            sent: tuple[int, int], comment: tuple[int, int] | None) -> tuple[str, list[str]]:
    """Apply the modifiers to one trigger's status. `comment` is the next sentence when it
    reports nothing of its own ("The claim could not be verified."), else None."""
    applied = []
    ts = trig[0]
    for mod in RULES.modifiers:
        if status not in mod.change:
            continue
        if trig[2].background and mod.window != "before":
            continue        # a background clause is stated as fact, not part of the claim
        if mod.window == "before":
            windows = [text[max(sent[0], ts - mod.reach):ts],
                       text[max(sent[0], m.start - mod.reach):m.start]]
        elif mod.window == "after-mention":
            windows = [text[m.end:min(sent[1], m.end + mod.reach)]]
        elif mod.window == "phrase-after":         # from the trigger to the next comma
            windows = [re.split(r"[,;.]", text[trig[1]:sent[1]], maxsplit=1)[0]]
        elif mod.window == "clause":
            windows = [_clause(text, sent, ts)]
        elif mod.window == "sentence":
            windows = [text[sent[0]:sent[1]]]
        else:
            windows = [text[sent[0]:sent[1]]] + ([text[comment[0]:comment[1]]] if comment else [])
        if any(mod.regex.search(w) for w in windows):
            new = mod.change[status]
            if new != status:
                applied.append(mod.name)
            status = new
    return status, applied


AFFILIATIONS = ("seat of government", "X government")


def _affiliation_fallback(text, trigs, inside, groups, locators, bound) -> None:
    """"Officials in Kandahar said a car bomb killed five": when a sentence reports an event
    but names no other place, the place its speakers are in is where it happened. Never the
    national capital, whose officials speak about the whole country."""
    located = [t for t in trigs if t[2].place == "either"]     # fighting, violence
    for i, m in enumerate(inside):
        if located and locators[i] in AFFILIATIONS and not m.place.is_national_capital:
            locators[i] = ""
            nearest = min(located, key=lambda t: min(abs(t[0] - m.end), abs(m.start - t[1])))
            bound.setdefault(groups[i], []).append((0, nearest))


def _apply(text: str, trigs: list, m: Mention, sent: tuple[int, int],
           comment: tuple[int, int] | None) -> tuple[str, str, bool]:
    """Status from every trigger bound to a mention, in time order: background clauses
    ("which the Taliban have held") first, then the rest in text order."""
    status, rules, violent = None, [], False
    for trig in sorted(trigs, key=lambda t: (not t[2].background, t[0])):
        one, mods = _modify(text, trig[2].status, trig, m, sent, comment)
        violent |= one == "violence"
        status = combine(status, one)
        rules.append(f"{trig[2].name}: \u201c{text[trig[0]:trig[1]]}\u201d"
                     + "".join(f" + {x}" for x in mods))
    return status or "mentioned", "; ".join(rules), violent


def read_statuses(text: str, mentions: list[Mention], start: int = 0) -> list[Reading]:
    """One Reading per mention, in text order."""
    sents = split_sentences(text, start)
    readings = []
    for si, (ss, se) in enumerate(sents):
        inside = [m for m in mentions if ss <= m.start < se]
        if not inside:
            continue
        trigs = [t for t in _triggers_in(text, ss, se)
                 if not any(m.start < t[1] and t[0] < m.end for m in inside)]
        locators = [_locator(text, ss, m, inside[i - 1] if i else None) for i, m in enumerate(inside)]
        groups = _groups(text, inside, locators)
        bound: dict[int, list[tuple[int, tuple]]] = {}
        for t in trigs:
            hit = _bind(text, (ss, se), t, inside, groups, locators, trigs)
            if hit:
                bound.setdefault(hit[0], []).append((hit[1], t))
        if trigs and not bound:
            _affiliation_fallback(text, trigs, inside, groups, locators, bound)
        # A hedge in the next sentence speaks about this one only when it reports nothing itself.
        nxt = sents[si + 1] if si + 1 < len(sents) else None
        comment = nxt if nxt and not _triggers_in(text, *nxt) else None
        evidence = text[ss:se].strip()
        ev_start = ss + (len(text[ss:se]) - len(text[ss:se].lstrip()))
        for i, m in enumerate(inside):
            violent = False
            if locators[i]:
                status, rule = "mentioned", f"locator: {locators[i]}"
            elif groups[i] in bound:
                status, rule, violent = _apply(text, [t for _, t in bound[groups[i]]], m, (ss, se),
                                               comment)
            else:
                status, rule = "mentioned", "no status trigger bound to it in the sentence"
            readings.append(Reading(m, status, rule, evidence, ev_start, ev_start + len(evidence),
                                    violence=violent))
    return readings


def combine(current: str | None, new: str) -> str:
    """The status after one more report about the same place, reports in time order.

    Why these rules: a later verified report replaces an earlier one (a recapture undoes a
    capture), except that fighting reported after a fall does not undo the fall; a claim
    never overrides a verified status; violence and bare mentions never override control.
    """
    if current is None or current in ("no_report", "mentioned"):
        return new if new != "no_report" else (current or "no_report")
    if new in ("mentioned", "no_report"):
        return current
    if new == "violence":
        return current
    if current == "violence":
        return new
    if new == "claimed":
        return current if current in CONTROL else new
    if current == "claimed":
        return new
    if new == "contested" and current in ("captured", "recaptured"):
        return current
    return new


def place_statuses(readings: list[Reading]) -> dict[str, str]:
    """Place id -> its status after every report about it, taken in time order."""
    out: dict[str, str] = {}
    for r in readings:
        out[r.mention.place.key] = combine(out.get(r.mention.place.key), r.status)
    return out


def aggregate(statuses: list[str]) -> str:
    """A province's status from its places' statuses: the strongest, except that a claim
    does not count where any place has a verified control status, and violence or a bare
    mention never beat control."""
    if any(s in CONTROL for s in statuses):
        statuses = [s for s in statuses if s != "claimed"]
    return min(statuses, key=STATUSES.index) if statuses else "no_report"


def roll_up(gaz: Gazetteer, readings: list[Reading]) -> dict[str, ProvinceStatus]:
    """Province statuses from readings of one or more seeds, given in time order.

    Within a seed, reports combine in text order (combine); across seeds, by date with the
    rules of mapping.history (latest wins, claims and same-day conflicts).
    """
    from .history import Tracker

    tracker = Tracker(gaz)
    tracker.add_readings(readings)
    return tracker.provinces()

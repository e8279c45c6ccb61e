"""Stage 3: what each mention reports, and what that means for each province.

For every mention the sentence around it is searched for triggers from rules.toml
("captured", "fell", "repelled an attack on", "fighting"); the trigger that governs the
mention is the nearest one standing on the right side of it (a list of places shares its
verb). Modifiers then adjust it: "failed to capture" is contested, "the Taliban said they
had captured" is claimed, "has not fallen" is government. Every reading keeps the rule that
decided it and the evidence sentence, so a user can see why a province has its colour.

Statuses then roll up: first per place, in text order, then to provinces (a captured
provincial capital captures its province; a captured smaller town only contests it).
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
_LIST_GAP = re.compile(r"^\s*(?:,|,?\s*(?:and|or|as\s+well\s+as)|[\u2013\u2014-])\s*$", re.I)
FAR = 10_000


@dataclass(frozen=True)
class Reading:
    """What one mention reports: a status, the rule that decided it, and the evidence."""
    mention: Mention
    status: str
    rule: str
    evidence: str
    evidence_start: int
    evidence_end: int
    seed: str = ""        # file name of the seed it comes from


@dataclass
class ProvinceStatus:
    province: str
    status: str = "no_report"
    violence: bool = False
    via: str = ""                                   # "its capital, Aybak"
    readings: list[Reading] = field(default_factory=list)
    fuzzy: list[str] = field(default_factory=list)  # fuzzy surfaces behind this status


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


def _list_groups(text: str, mentions: list[Mention]) -> list[tuple[int, int]]:
    """For each mention, the span of the list it belongs to ("Herat, Kandahar and Kunduz")."""
    groups, first = [], 0
    for i, m in enumerate(mentions):
        if i and not _LIST_GAP.match(text[mentions[i - 1].end:m.start]):
            first = i
        groups.append(first)
    spans = []
    for i in range(len(mentions)):
        last = max(j for j in range(len(mentions)) if groups[j] == groups[i])
        spans.append((mentions[groups[i]].start, mentions[last].end))
    return spans


def _distance(text: str, trig: tuple[int, int, Trigger], span: tuple[int, int]) -> int:
    ts, te, t = trig
    gs, ge = span
    if te <= gs and t.place in ("after", "either"):
        gap = gs - te
        between = text[te:gs]
    elif ts >= ge and t.place in ("before", "either"):
        gap = ts - ge
        between = text[ge:ts]
    else:
        return FAR
    return gap + (1000 if _CLAUSE_BREAK.search(between) else 0)


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
        if loc.requires_previous_place:
            if (previous is None or m.kind != "province" or previous.province != m.province
                    or m.start - previous.end > 80):
                continue
        return loc.name
    return ""


def _modify(text: str, status: str, trig: tuple[int, int, Trigger], m: Mention,
            sent: tuple[int, int], next_sent: tuple[int, int] | None) -> tuple[str, list[str]]:
    applied = []
    ts = trig[0]
    for mod in RULES.modifiers:
        if status not in mod.change:
            continue
        if mod.window == "before":
            windows = [text[max(sent[0], ts - mod.reach):ts],
                       text[max(sent[0], m.start - mod.reach):m.start]]
        elif mod.window == "sentence":
            windows = [text[sent[0]:sent[1]]]
        else:
            windows = [text[sent[0]:sent[1]]] + ([text[next_sent[0]:next_sent[1]]] if next_sent else [])
        if any(mod.regex.search(w) for w in windows):
            new = mod.change[status]
            if new != status:
                applied.append(mod.name)
            status = new
    return status, applied


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
        groups = _list_groups(text, inside)
        next_sent = sents[si + 1] if si + 1 < len(sents) else None
        evidence = text[ss:se].strip()
        ev_start = ss + (len(text[ss:se]) - len(text[ss:se].lstrip()))
        for i, m in enumerate(inside):
            loc = _locator(text, ss, m, inside[i - 1] if i else None)
            if loc:
                status, rule = "mentioned", f"locator: {loc}"
            else:
                scored = sorted(((_distance(text, t, groups[i]), t) for t in trigs),
                                key=lambda x: x[0])
                if scored and scored[0][0] < FAR:
                    trig = scored[0][1]
                    status, mods = _modify(text, trig[2].status, trig, m, (ss, se), next_sent)
                    rule = f"{trig[2].name}: \u201c{text[trig[0]:trig[1]]}\u201d"
                    rule += "".join(f" + {x}" for x in mods)
                else:
                    status, rule = "mentioned", "no status trigger in the sentence"
            readings.append(Reading(m, status, rule, evidence, ev_start, ev_start + len(evidence)))
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


def province_readings(gaz: Gazetteer, readings: list[Reading]) -> dict[str, list[tuple[str, Reading]]]:
    """Province id -> (status this reading gives the province, reading), in text order.

    A provincial capital carries its province; any other town's capture only contests it.
    """
    out: dict[str, list[tuple[str, Reading]]] = {}
    for r in readings:
        m, status = r.mention, r.status
        if m.kind != "province" and not m.place.is_capital and status in ("captured", "claimed"):
            status = "contested"
        out.setdefault(m.province, []).append((status, r))
    return out


def roll_up(gaz: Gazetteer, readings: list[Reading]) -> dict[str, ProvinceStatus]:
    """Province statuses from one or more seeds' readings, given in time order."""
    result = {pid: ProvinceStatus(pid) for pid in gaz.provinces}
    for pid, items in province_readings(gaz, readings).items():
        ps = result[pid]
        current = None
        for status, r in items:
            ps.violence |= status == "violence" or r.status == "violence"
            before = current
            current = combine(current, status)
            if current != before and r.mention.kind != "province" and current != "violence":
                ps.via = f"its capital, {r.mention.surface}" if r.mention.place.is_capital else ""
            elif current != before:
                ps.via = ""
            ps.readings.append(r)
            if r.mention.match == "fuzzy":
                ps.fuzzy.append(r.mention.surface)
        ps.status = current or "no_report"
    return result


def status_rank(status: str) -> int:
    return STATUSES.index(status)

"""Stage 3: what each mention reports, and what that means for each province.

For every sentence, triggers from rules.toml ("captured", "fell", "repelled an attack on",
"fighting") are found, and each binds the nearest list of places on its side ("captured X"
looks right, "X fell" looks left; a list shares its verb). Modifiers then adjust it: "failed to capture" is contested, "the Taliban said they
had captured" is claimed, "has not fallen" is government. Every reading keeps the rule that
decided it and the evidence sentence, so a user can see why a province has its colour.

Statuses then roll up (mapping.history.roll_up, by the rules of mapping.algebra): per place
in time order, then to provinces (a captured provincial capital captures its province; a
captured smaller town only contests it).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import NamedTuple

from . import budget
from .algebra import combine
from .mentions import overlap_test
from .model import Mention, PlaceKind, Reading, Status
from .prefilter import TextWords
from .rules import Locator, Modifier, Rules, Trigger, default_rules

# How a phrase that puts a town in a province starts ("in Uruzgan", "of the province of").
_IN_OR_OF = re.compile(r"(?:in|of)\b", re.I)
_IN = re.compile(r"in\b", re.I)
# The rest of a phrase up to the comma that closes it (an apposition's end).
_CLOSES_PHRASE = re.compile(r"[^,;.]{0,40},")
# The token right before a stop, to look up in the lexicon's abbreviations (format, not words).
_WORD_BEFORE_STOP = re.compile(r"([\w.]+)[.!?]*$")


# Bounds on the look-around, so that work grows with the text, not with its square.
MAX_LIST_ITEMS = 64  # places of one list that share its verb ("captured A, B, ... and Z")
_QUOTES_BLANKED = str.maketrans('"\u201c\u201d\u00ab\u00bb', "     ")  # double quote marks
MAX_BIND_GROUPS = 64  # groups a trigger looks past, on each side, for one it may speak about
MAX_EVIDENCE_CHARS = 2000  # evidence kept for one mention (a news sentence is far shorter)


def split_sentences(text: str, start: int = 0, rules: Rules | None = None) -> list[tuple[int, int]]:
    """Sentence spans of text[start:], without splitting after abbreviations like "U.S."."""
    structure = (rules or default_rules()).structure
    spans, s = [], start
    for m in structure.sentence_end.finditer(text, start):
        budget.check()
        # Only the word right before the stop decides; looking back to the sentence start
        # would rescan it at every "U.S." of a long sentence.
        word = _WORD_BEFORE_STOP.search(text, max(s, m.start() - 40), m.start() + 1)
        if (
            m.group().startswith(".")
            and word
            and word.group(1).lower().rstrip(".") in structure.abbreviations
        ):
            continue
        if text[s : m.end()].strip():
            spans.append((s, m.end()))
        s = m.end()
    if text[s:].strip():
        spans.append((s, len(text)))
    return spans


def unwrapped(text: str, start: int = 0, rules: Rules | None = None) -> str:
    """text, with the line breaks of hard-wrapped copy after `start` read as spaces.

    Why: wire archives and PDF text break lines inside sentences ("took back\nDarqad
    district"), and each break would end a sentence and part a verb from its place. A text
    with two or more lines that go on in lower case after no stop (structure.hard_wrap_sign)
    is taken as hard-wrapped; then each break after a full line with no stop
    (structure.hard_wrap_break) is a space. Same length, so every offset holds; any other
    text is returned as it is.
    """
    structure = (rules or default_rules()).structure
    signs = structure.hard_wrap_sign.finditer(text, start)
    if next(signs, None) is None or next(signs, None) is None:
        return text
    return text[:start] + structure.hard_wrap_break.sub(_spaces, text[start:])


def _spaces(m: re.Match) -> str:
    """A match (a line break, a web address) as as many spaces: every offset holds."""
    return " " * (m.end() - m.start())


def _triggers_in(text: str, s: int, e: int, words: TextWords) -> list[tuple[int, int, Trigger]]:
    """Trigger matches in a sentence; where two overlap, the longer one stands."""
    found = []
    for t, regex in words.triggers(s, e):  # mapping.prefilter: what can match here
        for m in regex.finditer(text, s, e):
            found.append((m.start(), m.end(), t))
    found.sort(key=lambda x: (x[0], -(x[1] - x[0])))
    kept: list[tuple[int, int, Trigger]] = []
    for f in found:
        if kept and f[0] < kept[-1][1]:
            if f[1] - f[0] > kept[-1][1] - kept[-1][0]:
                kept[-1] = f
            continue
        kept.append(f)
    return kept


# Modifier windows that reach beyond the sentence: the comment sentence after it, the start
# of its line, the close of its quotation. The sentence's prefilter cannot rule them out.
OUTSIDE_WINDOWS = ("sentence+previous", "line-start", "quote-close", "text")
# How far back a line may start and still head a sentence (the "line-start" window): a
# chronology's line is a few sentences long.
LINE_REACH = 1000


def _line_start(text: str, pos: int) -> tuple[int, bool]:
    """Where the line (paragraph) holding `pos` starts, looked for at most LINE_REACH
    characters back: (start, True); (the reach's floor, False) when it starts further back.
    Why bounded: a text with no line breaks is not scanned back to its start for every
    sentence or trigger."""
    floor = max(0, pos - LINE_REACH)
    newline = text.rfind("\n", floor, pos)
    return (newline + 1, True) if newline >= 0 else (floor, floor == 0)


@dataclass
class _Sentence:
    """One sentence and what its rules share, found once rather than once per mention or
    trigger, and only when first asked: clause breaks, non-background triggers, phrase ends,
    the modifiers that may apply, where each modifier's cue is."""

    text: str
    span: tuple[int, int]
    # The next sentence, a comment on this one when it reports nothing itself (`quiet`,
    # asked only when a comment's cue is there: it costs that sentence's triggers).
    comment: tuple[int, int] | None
    trigs: list[tuple[int, int, Trigger]]
    rules: Rules
    words: TextWords  # the lexicon's words in the text (mapping.prefilter)
    quiet: Callable[[], bool] = bool  # does the comment sentence report nothing?
    cues: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    stops: list[int] | None = None  # commas, semicolons, full stops: phrase ends

    @cached_property
    def breaks(self) -> list[tuple[int, int]]:
        return [m.span() for m in self.rules.structure.clause_break.finditer(self.text, *self.span)]

    @cached_property
    def verb_triggers(self) -> list[tuple[int, int, Trigger]]:
        """The triggers that end another's reach: not background ones, and not nouns
        ("fighting resulting in casualties in Dand" is fighting in Dand), while a violent
        act does ("captured X as gunmen assassinated a judge in Y")."""
        return [t for t in self.trigs if not (t[2].background or t[2].noun)]

    @cached_property
    def verbs(self) -> list[tuple[int, int]]:
        """Where the verb_triggers are."""
        return [(t[0], t[1]) for t in self.verb_triggers]

    @cached_property
    def modifiers(self) -> list[tuple[int, Modifier, re.Pattern | None]]:
        """The modifiers that may apply here, in lexicon order, each with its index and its
        regex to run within the sentence: those whose cue words the sentence holds
        (mapping.prefilter), and those whose window reaches beyond it (OUTSIDE_WINDOWS:
        regex None when the cue is not in this one). The others cannot find their cue."""
        live = self.words.modifiers(*self.span)
        return [
            (i, mod, live.get(i))
            for i, mod in enumerate(self.rules.modifiers)
            if i in live or mod.window in OUTSIDE_WINDOWS
        ]

    def cue_may_be(self, i: int, a: int, b: int) -> bool:
        """Can modifier i's cue be in text[a:b]? Not when none of its words is there."""
        return self.words.may_match("modifiers", i, a, b)

    def cue_within(self, name: str, regex: re.Pattern, a: int, b: int) -> bool:
        """Does the modifier's cue occur within text[a:b] (a part of this sentence)?"""
        if name not in self.cues:
            self.cues[name] = [m.span() for m in regex.finditer(self.text, *self.span)]
        found = self.cues[name]
        k = bisect_left(found, (a, -1))
        return k < len(found) and found[k][1] <= b

    def phrase_end(self, pos: int) -> int:
        """Where the phrase from pos ends: at the next comma, semicolon or full stop."""
        if self.stops is None:
            ends = self.rules.structure.phrase_end
            self.stops = [m.start() for m in ends.finditer(self.text, *self.span)]
        k = bisect_left(self.stops, pos)
        return self.stops[k] if k < len(self.stops) else self.span[1]

    def cue_at_line_start(self, name: str, regex: re.Pattern) -> bool:
        """Does the modifier's cue open the line (paragraph) that holds this sentence?
        Matched at the line's start only, and only a line that starts at most LINE_REACH
        characters before the sentence (_line_start)."""
        key = f"{name} (line)"
        if key not in self.cues:
            start, found = _line_start(self.text, self.span[0])
            cued = found and regex.match(self.text, start, self.span[1])
            self.cues[key] = [(0, 0)] if cued else []
        return bool(self.cues[key])

    def cue_after_quote(self, regex: re.Pattern, pos: int) -> bool:
        """Does the modifier's cue open the words right after the close of the quotation
        that holds `pos`? A quotation is looked for in its paragraph only, at most
        LINE_REACH characters either side: it opens with a curly or straight double quote
        mark before `pos` that is not closed before it. (Scans in C, with no copies: this
        runs for every bound trigger the modifier could change.)"""
        text = self.text
        start, _ = _line_start(text, pos)
        if text.rfind("\u201c", start, pos) > text.rfind("\u201d", start, pos):
            closer = "\u201d"
        elif text.count('"', start, pos) % 2:
            closer = '"'
        else:
            return False
        end = text.find("\n", pos, pos + LINE_REACH)
        end = end if end >= 0 else min(len(text), pos + LINE_REACH)
        close = text.find(closer, pos, end)
        return close >= 0 and regex.match(text, close + 1, end) is not None

    def cue_in_comment(self, name: str, regex: re.Pattern) -> bool:
        """Does the modifier's cue occur in the comment sentence (if there is one)?"""
        key = f"{name} (comment)"
        if key not in self.cues:
            c = self.comment
            cued = c and regex.search(self.text[c[0] : c[1]]) and self.quiet()
            self.cues[key] = [(0, 0)] if cued else []
        return bool(self.cues[key])


# How far a locator may stand from the place before it and still be part of its list item
# ("Sharana, capital of Paktika province, and Asadabad"; "Ghazni, located on the road
# connecting the southern provinces to Kabul, and Herat"): one further on locates something
# the sentence says later ("Feroz Koh ... was surrendered to the Taliban on Friday, a council
# member said, after officials concluded no reinforcements would come from Herat"), and
# joined, it would stretch the list over the verb.
LOCATOR_GAP = 120


def _groups(text: str, mentions: list[Mention], locators: list[str], rules: Rules) -> list[int]:
    """Group id per mention: a list of places ("Herat, Kandahar and Kunduz") shares one id,
    and so do the locators inside it ("Sharana, capital of Paktika province, and Asadabad").
    A list longer than MAX_LIST_ITEMS goes on as a new group, which the verb does not reach."""
    gaps, ids, gid, size = rules.structure, [], 0, 0
    owns = _possessors(text, mentions, locators, gaps.possessed_gap)
    for i, m in enumerate(mentions):
        if i:
            gap = text[mentions[i - 1].end : m.start]
            corefs = "coreference" in (m.match, mentions[i - 1].match)  # never in a list
            # ... except as an apposition of its own place: "the Afghan capital, Kabul"
            apposed = corefs and m.place.key == mentions[i - 1].place.key and gap.strip() == ","
            # ... and the places one plural phrase names ("the three districts") are one list
            same_phrase = m.start == mentions[i - 1].start and m.end == mentions[i - 1].end
            joined = (
                apposed
                or same_phrase
                or (
                    not corefs
                    and (
                        gaps.list_gap.match(gap)
                        or (locators[i] and not owns[i] and len(gap) <= LOCATOR_GAP)
                        or (locators[i - 1] and gaps.list_after_locator.match(gap))
                        or owns[i - 1]
                    )
                )
            )
            if not joined or size >= MAX_LIST_ITEMS:
                gid, size = gid + 1, 0
        ids.append(gid)
        size += 1
    return ids


def _possessors(
    text: str, mentions: list[Mention], locators: list[str], possessed_gap: re.Pattern
) -> list[bool]:
    """Per mention: a locator that owns the next place ("Logar's Baraki Barak"). The two
    are one item of a list: the owned place joins its possessor, and the possessor joins
    the places before only as an item would (a list gap), not as a locator inside an item."""
    return [
        bool(locators[i])
        and i + 1 < len(mentions)
        and bool(possessed_gap.match(text[m.end : mentions[i + 1].start]))
        for i, m in enumerate(mentions)
    ]


def _group_spans(
    mentions: list[Mention], groups: list[int], locators: list[str]
) -> list[tuple[int, int, int]]:
    """(group id, start, end) of each group's places, locators left out, in text order;
    groups made only of locators are not listed."""
    spans: dict[int, tuple[int, int, int]] = {}
    for i, g in enumerate(groups):
        if not locators[i]:
            m = mentions[i]
            spans[g] = (g, spans[g][1], m.end) if g in spans else (g, m.start, m.end)
    return list(spans.values())


def _bind(
    sent: _Sentence, trig: tuple[int, int, Trigger], spans: list[tuple[int, int, int]]
) -> tuple[int, int] | None:
    """The list group a trigger speaks about, and its distance; None if there is none.

    A trigger speaks about one group: the nearest one on its side ("captured X" looks right,
    "X fell" looks left), skipping groups made only of locators; a subject ("X fell") must
    not follow a preposition. Each side is walked outward from the trigger and stops at the
    first group that fits, at a clause break or another verb, or after MAX_BIND_GROUPS. A
    trigger in parentheses stays inside them (_bind_aside).
    """
    if trig[2].place == "either" and sent.rules.structure.elsewhere.match(sent.text, trig[1]):
        return None  # "the offensive in the country": about no place named here
    aside = _parenthesis_around(sent, trig)
    if aside is not None:
        return _bind_aside(sent, trig, spans, aside)
    return _bind_sides(sent, trig, spans)


def _bind_sides(
    sent: _Sentence, trig: tuple[int, int, Trigger], spans: list[tuple[int, int, int]]
) -> tuple[int, int] | None:
    """_bind's walk to each side of the trigger."""
    if trig[2].place == "after" and (counted := _bind_counted(sent, trig, spans)):
        return counted
    left = _bind_left(sent, trig, spans) if trig[2].place in ("before", "either") else None
    right = _bind_right(sent, trig, spans) if trig[2].place in ("after", "either") else None
    if left is None and trig[2].place == "before":
        right = _bind_copula(sent, trig, spans)
    if left is None and right is None and trig[2].place == "after":
        left = _bind_where(sent, trig, spans)
    if left and right and trig[2].place == "either":
        named = sent.rules.structure.place_phrase.fullmatch(sent.text, trig[1], trig[1] + right[1])
        if named:
            return right  # "fighting in X": the place its preposition names
    if left and (not right or left[1] <= right[1]):
        return left
    return right


def _parenthesis_around(sent: _Sentence, trig: tuple[int, int, Trigger]) -> tuple[int, int] | None:
    """(where it opens, where it closes) of the parenthesis a trigger stands in, if any."""
    text, (ss, se) = sent.text, sent.span
    opens = text.rfind("(", ss, trig[0])
    if opens < 0 or text.find(")", opens, trig[0]) >= 0:
        return None
    closes = text.find(")", trig[1], se)
    return (opens, closes) if closes >= 0 else None


def _bind_aside(
    sent: _Sentence,
    trig: tuple[int, int, Trigger],
    spans: list[tuple[int, int, int]],
    aside: tuple[int, int],
) -> tuple[int, int] | None:
    """A trigger in parentheses speaks of a place inside them, else of the place the
    parenthesis follows: "Kunduz (the Taliban control 3 of 7 districts), and Takhar" is
    about Kunduz, never about Takhar. Not a verb whose object is some other thing ("Kunduz
    (where the Taliban seized the airport)": structure.object_named)."""
    opens, closes = aside
    inside = [sp for sp in spans if opens < sp[1] and sp[2] <= closes]
    if inside:
        return _bind_sides(sent, trig, inside)
    if trig[2].place == "after" and sent.rules.structure.object_named.match(
        sent.text, trig[1], closes
    ):
        return None
    k = bisect_right(spans, opens, key=lambda x: x[2])  # the last group ending before it
    if not k or sent.text[spans[k - 1][2] : opens].strip():
        return None
    return spans[k - 1][0], trig[0] - spans[k - 1][2]


def _bind_where(
    sent: _Sentence, trig: tuple[int, int, Trigger], spans: list[tuple[int, int, int]]
) -> tuple[int, int] | None:
    """An object-side trigger with no place after it, in a clause that opens on a place
    ("Helmand province, where the Taliban control several districts": the lexicon's
    structure.where_clause): the clause speaks of that place."""
    ts = trig[0]
    k = bisect_right(spans, ts, key=lambda x: x[2])
    if not k:
        return None
    g, _, ge = spans[k - 1]
    if not sent.rules.structure.where_clause.match(sent.text, ge, ts):
        return None
    return g, ts - ge


def _bind_copula(
    sent: _Sentence, trig: tuple[int, int, Trigger], spans: list[tuple[int, int, int]]
) -> tuple[int, int] | None:
    """A subject-side trigger with no place before it, whose subject is named after a
    copula: "The districts fallen to the Taliban are Nirkh, Jalrez and Burka", "the cities
    that have fallen include Kunduz" (the lexicon's structure.copula_list)."""
    te = trig[1]
    k = bisect_left(spans, te, key=lambda x: x[1])
    if k >= len(spans):
        return None
    g, gs, _ = spans[k]
    if gs >= _break_after(sent, te, gs) or not sent.rules.structure.copula_list.match(
        sent.text, te, gs
    ):
        return None
    return g, gs - te


def _bind_counted(
    sent: _Sentence, trig: tuple[int, int, Trigger], spans: list[tuple[int, int, int]]
) -> tuple[int, int] | None:
    """An object-side trigger whose object is counted right before it, after a place and a
    copula ("Aybak is the sixth provincial capital the Taliban have taken": the lexicon's
    structure.counted_subject): the place is the object, whatever follows."""
    ts = trig[0]
    k = bisect_right(spans, ts, key=lambda x: x[2])
    if not k:
        return None
    g, _, ge = spans[k - 1]
    if not sent.rules.structure.counted_subject.match(sent.text[ge:ts]):
        return None
    return g, ts - ge


def _bind_right(
    sent: _Sentence, trig: tuple[int, int, Trigger], spans: list[tuple[int, int, int]]
) -> tuple[int, int] | None:
    """The nearest fitting group after a trigger ("captured X"); none after a verb whose
    object is the whole country ("took control of Afghanistan")."""
    text, (_, te, t) = sent.text, trig
    if t.place == "after" and sent.rules.structure.country_object.match(text, te):
        return None
    k = bisect_left(spans, te, key=lambda x: x[1])
    limit = min(
        _break_after(sent, te, spans[k][1] if k < len(spans) else None),
        _first_end_from(sent.verbs, te, trig),
        _relative_aside_end(sent, trig),
        _that_clause_start(sent, te),
    )
    for g, gs, _ in spans[k : k + MAX_BIND_GROUPS]:
        if gs >= limit:
            return None  # a clause break or another verb stands between
        tail = text[max(te, gs - 80) : gs]
        if (
            t.place == "after"
            # fighting "around X", "near X" is at X; "cleared the fighters from X" is X's
            and t.status not in (Status.CONTESTED, Status.RECAPTURED)
            and tail.strip()
            and sent.rules.structure.object_of_other.search(tail)
        ):
            continue  # "controlling every road into the city": not the object
        return g, gs - te
    return None


def _that_clause_start(sent: _Sentence, pos: int) -> float:
    """Where a clause opened by "that" starts after `pos`: a verb's object comes before it
    ("seized its ninth capital amid warnings that Kabul could fall": not Kabul)."""
    found = sent.rules.structure.that_clause.search(sent.text, pos, sent.span[1])
    return found.start() if found else float("inf")


# How far back from a position a relative clause set off by a comma may open and still be
# open there (structure.relative_aside).
RELATIVE_REACH = 120


def _in_relative_aside(text: str, floor: int, pos: int, structure) -> bool:
    """Does a relative clause set off by a comma (", which ...", ", who ...") open before
    `pos`, at most RELATIVE_REACH characters back and not before `floor`, and run up to it?"""
    return bool(structure.relative_aside.search(text, max(floor, pos - RELATIVE_REACH), pos))


def _relative_aside_end(sent: _Sentence, trig: tuple[int, int, Trigger]) -> float:
    """Where a relative clause set off by commas that holds the trigger closes: its verb
    speaks of no place past that comma ("Families, who fled their homes because of fighting
    between the two sides, receive food in a park in Kabul": the fighting is not in Kabul).
    Infinity when the trigger stands in no such clause."""
    opened = _in_relative_aside(sent.text, sent.span[0], trig[0], sent.rules.structure)
    return sent.phrase_end(trig[1]) if opened else float("inf")


def _break_after(sent: _Sentence, pos: int, next_group: int | None) -> float:
    """Where the first clause break after `pos` ends, passing over a dash that opens the
    list the verb is about ("took three capitals — Zaranj, Sar-e-Pul and Taloqan")."""
    k = bisect_left(sent.breaks, (pos, -1))
    while k < len(sent.breaks):
        bs, be = sent.breaks[k]
        opens_list = (
            sent.text[bs:be] == "—"
            and next_group is not None
            and 0 <= next_group - be <= 40
            and not sent.rules.structure.phrase_end.search(sent.text, be, next_group)
        )
        if not opens_list:
            return be
        k += 1
    return float("inf")


def _bind_left(
    sent: _Sentence, trig: tuple[int, int, Trigger], spans: list[tuple[int, int, int]]
) -> tuple[int, int] | None:
    """The nearest fitting group before a trigger ("X fell"); for a verb that shares the
    subject of the one before it ("X fell, but was retaken"), that verb's group."""
    text, (ts, _, t), structure = sent.text, trig, sent.rules.structure
    first = _sharing_subject(sent, trig)
    if first is not None:
        found = _bind_left(sent, first, spans)
        return (found[0], found[1] + ts - first[0]) if found else None
    after_break, anaphoric = _break_before(sent, ts)
    limit = max(after_break, _last_start_to(sent.verbs, ts, trig))
    k = bisect_right(spans, ts, key=lambda x: x[2])
    for g, gs, ge in reversed(spans[max(0, k - MAX_BIND_GROUPS) : k]):
        # a clause break or another verb stands between; not a verb of a relative clause
        # closed before the trigger ("Zherai and Panjwai, which came under attack two weeks
        # ago, have been cleared")
        if ge <= limit and (
            ge <= after_break or not structure.relative_closed.fullmatch(text, ge, ts)
        ):
            return None
        relative = structure.relative.match(text[ge : min(ts, ge + 80)])  # "Jalalabad, which"
        if not anaphoric and _own_subject(text, ge, ts, structure):
            return None  # "Lashkar Gah's fall ... before more cities fall": their own subject
        if not (t.background or relative) and structure.not_subject.search(
            text[max(sent.span[0], gs - 30) : gs]
        ):
            continue
        if _ends_relative_aside(text, gs, ge, ts, structure):
            continue
        return g, ts - ge
    return None


def _sharing_subject(
    sent: _Sentence, trig: tuple[int, int, Trigger]
) -> tuple[int, int, Trigger] | None:
    """The verb before a trigger whose subject the trigger shares, elided after a
    conjunction (structure.shared_subject: "Kunduz fell to the Taliban, but was retaken"):
    the last verb before it that takes its place before it, when only the conjunction and
    that verb's own words stand between them."""
    if trig[2].place != "before":
        return None  # "and heavy fighting was under way": a noun of its own is its subject
    k = bisect_right(sent.verb_triggers, trig[0], key=lambda v: v[1])
    first = sent.verb_triggers[k - 1] if k else None
    if first is None or first[2].place not in ("before", "either"):
        return None
    shared = sent.rules.structure.shared_subject.fullmatch(sent.text, first[1], trig[0])
    return first if shared else None


def _ends_relative_aside(text: str, gs: int, ge: int, ts: int, structure) -> bool:
    """Is the place at gs..ge the end of a relative clause set off by commas right before
    the verb at `ts` ("Nawa, which is adjacent to the capital of Lashkar Gah, was overrun")?
    Then the verb is about the place before the clause, not this one."""
    return bool(structure.aside_close.fullmatch(text, ge, ts)) and _in_relative_aside(
        text, 0, gs, structure
    )


def _break_before(sent: _Sentence, ts: int) -> tuple[float, bool]:
    """Where the last clause break before a trigger starts, passing over one whose clause
    takes up the places before it ("retook Kohistan and Taiwara, however these districts
    remain contested": structure.anaphoric_subject), and whether it passed over one."""
    k = bisect_right(sent.breaks, ts, key=lambda x: x[1]) - 1
    anaphoric = k >= 0 and bool(
        sent.rules.structure.anaphoric_subject.match(sent.text, sent.breaks[k][1], ts)
    )
    k -= anaphoric
    if not anaphoric and _closes_dashed_subject(sent, k, ts):
        k -= 2  # "the largest cities — Herat and Kandahar — have fallen"
    return (sent.breaks[k][0] if k >= 0 else float("-inf")), anaphoric


def _closes_dashed_subject(sent: _Sentence, k: int, ts: int) -> bool:
    """Is break k the second of two dashes around a subject, right before its verb ("the
    cities — Herat in the west and Kandahar in the south — have fallen")? At most two
    words (auxiliaries) stand between it and the trigger at `ts`."""
    if k < 1:
        return False
    (os, oe), (cs, ce) = sent.breaks[k - 1], sent.breaks[k]
    text = sent.text
    return (
        text[os:oe] == text[cs:ce] == "\u2014"
        and len(text[ce:ts].split()) <= 2
        and cs - oe <= 120
        and not sent.rules.structure.relative.match(text[oe:cs])  # "— who fled X —"
    )


def _own_subject(text: str, ge: int, ts: int, structure) -> bool:
    """Does a subject of its own (structure.other_subject: "more cities") stand between a
    place ending at `ge` and a trigger at `ts`? Not the place's own head noun ("Badghis and
    Helmand provinces had surrendered") nor a noun that goes on its list ("Kunduz and two
    other cities fell"), unless it is a part of a place (structure.part_subject: "and
    government buildings are taken over")."""
    if text[ge:ts].strip() and structure.part_subject.search(text, ge, ts):
        return True
    found = structure.other_subject.search(text, ge, ts)
    if not found:
        return False
    gap = text[ge : found.start()]
    return (
        bool(gap.strip())
        and not structure.list_gap.match(gap)
        and not structure.joins_subject.match(gap)
    )


def _first_end_from(spans: list[tuple[int, int]], pos: int, skip: tuple | None = None) -> float:
    """End of the first span starting at or after pos (not `skip`), or infinity."""
    k = bisect_left(spans, (pos, -1))
    if skip is not None and k < len(spans) and spans[k] == (skip[0], skip[1]):
        k += 1
    return spans[k][1] if k < len(spans) else float("inf")


def _last_start_to(spans: list[tuple[int, int]], pos: int, skip: tuple | None = None) -> float:
    """Start of the last span ending at or before pos (not `skip`), or minus infinity."""
    k = bisect_right(spans, pos, key=lambda x: x[1]) - 1
    if skip is not None and k >= 0 and spans[k] == (skip[0], skip[1]):
        k -= 1
    return spans[k][0] if k >= 0 else float("-inf")


def _locator(
    text: str,
    sent_start: int,
    m: Mention,
    previous: Mention | None,
    live: list[tuple[int, Locator]],
    words: TextWords,
    rules: Rules,
) -> str:
    """Name of the locator rule when this mention only locates or attributes, else "".
    `live`: the lexicon's locators that may match in the sentence (in lexicon order, with
    their indexes), as mapping.prefilter.locators_for finds them; the others cannot match
    before a place in it, nor can one none of whose words is right before the place.
    Why the cheap tests come first: a locator needs them all, in any order, and its
    pattern is searched only when it could decide (a locator that needs the place before
    and does not have it names at most a part_when_alone locator of a province)."""
    if not live:
        return ""
    a = max(sent_start, m.start - 80)
    before = text[a : m.start]
    after = text[m.end : m.end + 60]
    alone = ""  # a part_when_alone locator whose place before is missing
    district_named = m.kind == PlaceKind.DISTRICT and bool(
        rules.name_context.district_after.match(after)
    )
    for i, loc in live:
        if loc.province_only and m.kind != "province":
            continue
        if district_named and loc.after is not None:
            continue  # "the strategic Spin Boldak district" is the district, not its locator
        if loc.capitals_only and not m.surface.isupper():
            continue
        if loc.after is not None and not loc.after.match(after):
            continue
        placed = not loc.requires_previous_place or (
            _locates_previous(text, m, previous, rules)
            or _misplaced_in(text, m, previous, loc.before)
        )
        if not (placed or (loc.part_when_alone and m.kind == "province" and not alone)):
            continue
        said = loc.before.search(before) if words.may_match("locators", i, a, m.start) else None
        if not said:
            continue
        if loc.role == "dateline" and not loc.before.search(
            text[text.rfind("\n", 0, m.start) + 1 : m.start]
        ):
            continue  # a dateline opens its line
        if not placed:
            if _IN.match(said.group()):  # "in Helmand", not ", Helmand" or "province of"
                alone = loc.name
            continue
        return loc.name
    return alone


def _misplaced_in(text: str, m: Mention, previous: Mention | None, phrase: re.Pattern) -> bool:
    """A province right after a town, joined only by the locator's own words ("Gizab in
    Uruzgan"), locates the town even when the gazetteer files the town elsewhere: the copy
    (or the map of districts) puts it in another province; the town keeps its own."""
    return (
        previous is not None
        and m.kind == "province"
        and previous.kind != "province"
        and bool(_IN_OR_OF.match(gap := text[previous.end : m.start].lstrip()))
        and bool(phrase.fullmatch(gap))
    )


def _parts_alone(inside: list[Mention], locators: list[str], rules: Rules) -> dict[int, str]:
    """Mentions located by a part_when_alone locator with no known place of theirs right
    before them: they lose the locator (the verb speaks of a part of them), keyed to its
    name."""
    parts = {}
    for i, name in enumerate(locators):
        loc = rules.locator_named.get(name)
        before = inside[i - 1] if i else None
        if (
            loc
            and loc.part_when_alone
            and (
                before is None
                or inside[i].start - before.end > 80
                or before.province != inside[i].province  # "Gezab in Uruzgan", Gezab unknown
                or before.place.key == inside[i].place.key  # no place locates itself
            )
        ):
            parts[i], locators[i] = name, ""
    return parts


def _locates_previous(text: str, m: Mention, previous: Mention | None, rules: Rules) -> bool:
    """Can `m` be where the place just named lies? A province of the same province, or a
    capital named like its province after one of its districts ("Dasht-e Archi in
    Kunduz fell", or a town the copy calls a district, "Khanabad district in Kunduz":
    Kunduz locates the district, it is not what fell). The words between are a phrase
    ("Zaranj, the capital of the southern province of Nimroz"), not a clause
    (structure.clause_in_gap: "Badghis's governor said all six districts in Badghis had
    fallen": the second Badghis is where the districts are, and what the verb is about)."""
    if previous is None or previous.province != m.province or m.start - previous.end > 80:
        return False
    if rules.structure.clause_in_gap.search(text, previous.end, m.start):
        return False
    if m.kind == "province":
        return True
    if not m.place.is_capital:
        return False
    return previous.kind == "district" or bool(
        rules.name_context.district_after.match(text, previous.end)
    )


def _clause(sent: _Sentence, pos: int) -> tuple[int, int]:
    """The part of a sentence around `pos` between clause breaks (; while but whereas)."""
    k = bisect_right(sent.breaks, pos, key=lambda x: x[1])
    left = sent.breaks[k - 1][1] if k else sent.span[0]
    j = bisect_left(sent.breaks, (pos, -1))
    return left, sent.breaks[j][0] if j < len(sent.breaks) else sent.span[1]


def _modify(
    sent: _Sentence,
    status: Status,
    trig: tuple[int, int, Trigger],
    m: Mention,
    head: Mention | None = None,
) -> tuple[Status, list[str]]:
    """Apply the modifiers to one trigger's status. `sent.comment` is the next sentence,
    which speaks of this one when it reports nothing of its own (`sent.quiet`: "The claim
    could not be verified.");
    `head` is the first place of m's list."""
    applied: list[str] = []
    before = status  # the status before the last change made
    claimed_from: Status | None = None  # what a modifier made a claim of
    for i, mod, regex in sent.modifiers:  # those that may find their cue here
        # an undoing modifier takes back the last change, when that was the named one's
        wanted = applied[-1:] == [mod.undoes] if mod.undoes else status in mod.change
        if not wanted or not _fits(mod, trig, m) or not _cue(sent, i, mod, regex, trig, m, head):
            continue
        new = before if mod.undoes else mod.change[status]
        if status == Status.CLAIMED and new == Status.CAPTURED and claimed_from:
            new = claimed_from  # a claim confirmed is what was claimed: an entry, a recapture
        if new == Status.CLAIMED and status != Status.CLAIMED:
            claimed_from = status
        if new != status or mod.undoes:
            applied.append(mod.name)
            before = status
        status = new
    return status, applied


def _fits(mod: Modifier, trig: tuple[int, int, Trigger], m: Mention) -> bool:
    """Does the modifier speak of this trigger and mention (its acts, side and kinds)?"""
    if trig[2].background and mod.window != "before":
        return False  # a background clause is stated as fact, not part of the claim
    if mod.acts and trig[2].act not in mod.acts:
        return False
    if mod.place_side and (mod.place_side == "before") != (m.start < trig[0]):
        return False
    return not mod.mention_kinds or (
        m.kind in mod.mention_kinds or ("capital" in mod.mention_kinds and m.place.is_capital)
    )


def _cue(
    sent: _Sentence,
    i: int,
    mod: Modifier,
    regex: re.Pattern | None,
    trig: tuple[int, int, Trigger],
    m: Mention,
    head: Mention | None = None,
) -> bool:
    """Is the modifier's cue in its window? Windows reaching beyond a few words come from
    the sentence's cue positions, found once per sentence. `regex`: the modifier's regex as
    the sentence's prefilter narrowed it (every window but the comment lies inside the
    sentence), None when its cue cannot occur in the sentence; `i`: its index in the
    lexicon. A short window is searched only when it holds one of the cue's words."""
    if mod.window == "text":  # anywhere in the text: looked for once per text
        return sent.words.anywhere(mod.name, mod.regex)
    if mod.window == "line-start":  # outside the sentence: the prefilter never narrows it
        return sent.cue_at_line_start(mod.name, mod.regex)
    if mod.window == "quote-close":  # maybe sentences later: the prefilter never narrows it
        return sent.cue_after_quote(mod.regex, trig[0])
    if regex is None:
        return mod.window == "sentence+previous" and sent.cue_in_comment(mod.name, mod.regex)
    text, (s0, s1), ts = sent.text, sent.span, trig[0]
    windows = _short_windows(mod, s0, s1, trig, m, head)
    if windows is not None:
        for a, b in windows:
            if sent.cue_may_be(i, a, b) and _in_window(regex, text, a, b):
                return True
        return False
    if mod.window == "phrase-after":  # from the trigger to the next comma
        return sent.cue_within(mod.name, regex, trig[1], sent.phrase_end(trig[1]))
    if mod.window == "clause":
        return sent.cue_within(mod.name, regex, *_clause(sent, ts))
    if sent.cue_within(mod.name, regex, s0, s1):
        return True
    return mod.window != "sentence" and sent.cue_in_comment(mod.name, mod.regex)


def _in_window(regex: re.Pattern, text: str, a: int, b: int) -> bool:
    """Is the cue within text[a:b]? Searched in place, so that a word the window's start
    cuts is seen whole ("Mazar-e Sharif" cut to "if" is no conditional) and a pattern that
    looks back before its cue ("local reports say") sees what is there; a pattern anchored
    at the window's start (^) is searched in the window alone."""
    if regex.pattern.startswith("^"):
        return regex.search(text[a:b]) is not None
    return regex.search(text, a, b) is not None


def _short_windows(
    mod: Modifier,
    s0: int,
    s1: int,
    trig: tuple[int, int, Trigger],
    m: Mention,
    head: Mention | None,
) -> tuple[tuple[int, int], ...] | None:
    """(start, end) of each of a modifier's windows of a few words before or after the
    trigger or the mention, in the sentence text[s0:s1]; None for the windows that come
    from the sentence's cue positions. The words before a list speak of each of its places
    ("seized districts in Uruzgan; Sar-e Pul; and Ghor"): the window before the mention is
    also looked at before the list's first place, `head`."""
    ts, reach = trig[0], mod.reach
    if mod.window == "before":
        end = trig[1] if mod.inside_trigger else ts
        return (max(s0, ts - reach), end), (max(s0, m.start - reach), m.start)
    if mod.window == "before-trigger":
        return ((max(s0, ts - reach), ts),)
    if mod.window == "before-mention":
        places = (m,) if head is None or head is m else (m, head)
        return tuple((max(s0, x.start - reach), x.start) for x in places)
    if mod.window == "after-mention":
        return ((m.end, min(s1, m.end + reach)),)
    return None


def _elided(
    sent: _Sentence, spans: list[tuple[int, int, int]], bound: dict[int, list[tuple[int, tuple]]]
) -> None:
    """A place right after an elided verb ("Herat has fallen, as has the capital of Helmand",
    "Kunduz fell, as did Sar-e-Pul": structure.elliptical) takes the last verb before it,
    whatever else binds it later in the sentence."""
    for g, gs, _ in spans:
        # the phrase is a few words right before the place: a short window is searched
        found = sent.rules.structure.elliptical.search(sent.text, max(sent.span[0], gs - 60), gs)
        if not found:
            continue
        earlier = [t for t in sent.trigs if t[1] <= found.start() and not t[2].background]
        if not earlier or earlier[-1][2].status == Status.VIOLENCE:
            continue
        if all(t is not earlier[-1] for _, t in bound.get(g, [])):
            bound.setdefault(g, []).append((0, earlier[-1]))


def _colon_list(
    sent: _Sentence, spans: list[tuple[int, int, int]], bound: dict[int, list[tuple[int, tuple]]]
) -> None:
    """A trigger bound to its subject before it, with a list opened by a colon right after
    it ("Sar-e Pul joins three capitals now under Taliban control: Zaranj, Shibirghan and
    Taleqan": structure.colon_list): the list takes the trigger too, unless something else
    binds it."""
    left_of = {id(t) for g, gs, _ in spans for _, t in bound.get(g, ()) if gs < t[0]}
    starts = [gs for _, gs, _ in spans]
    for t in sent.trigs:
        if id(t) not in left_of:
            continue
        k = bisect_left(starts, t[1])
        if k == len(spans) or spans[k][0] in bound:
            continue
        g, gs, _ = spans[k]
        if sent.rules.structure.colon_list.fullmatch(sent.text, t[1], gs):
            bound[g] = [(gs - t[1], t)]


# Locators that name where speakers are ("officials in Kandahar"): their role in the rules.
def _affiliation_fallback(
    sent: _Sentence, inside, groups, locators, bound, parts: dict[int, str]
) -> None:
    """ "Officials in Kandahar said a car bomb killed five": when a sentence reports an event
    but names no other place, the place its speakers are in is where it happened, and so is
    the place that sets its scene ("In Farah province, the governor surrendered"), as a
    part of it (added to `parts`) when the event's subject is other places ("In Badakhshan,
    17 districts fell": structure.other_subject). Never the national capital, whose
    officials speak about the whole country."""
    trigs, rules = sent.trigs, sent.rules
    located = [t for t in trigs if t[2].place == "either"]  # fighting, violence
    for i, m in enumerate(inside):
        scene = locators[i] in rules.scenes  # "In Farah province, the governor surrendered"
        usable = trigs if scene else located
        if (
            usable
            and (scene or locators[i] in rules.affiliations)
            and not m.place.is_national_capital
        ):
            locators[i] = ""
            trig = _nearest(usable, m)
            bound.setdefault(groups[i], []).append((0, trig))
            if scene and rules.structure.other_subject.search(sent.text, m.end, trig[0]):
                parts[i] = "the scene of an event about its parts"


def _fronted_scene(
    sent: _Sentence,
    trigs: list[tuple[int, int, Trigger]],
    inside: list[Mention],
    groups: list[int],
    locators: list[str],
    bound: dict[int, list[tuple[int, tuple]]],
    parts: dict[int, str],
    used: set[int],
) -> None:
    """The places that set a sentence's scene at its head ("In the northern provinces of
    Faryab, Takhar and Badakhshan, the Taliban captured several districts") take the events
    after them that no place took (`used`: the ids of the triggers bound so far, updated),
    as parts of them (added to `parts`): a capture there makes them contested. Never the
    national capital (its name sets the scene of national news)."""
    if not inside or groups[0] in bound:
        return
    structure, text = sent.rules.structure, sent.text
    last = bisect_right(groups, groups[0]) - 1  # the scene: the first group, locators included
    if not structure.scene_before.match(text, sent.span[0], inside[0].start):
        return
    if not structure.scene_after.match(text, inside[last].end, sent.span[1]):
        return
    scene = inside[: last + 1]
    if any(m.place.is_national_capital for m in scene):
        return
    free = [
        t
        for t in trigs
        if id(t) not in used and t[0] >= scene[-1].end and not t[2].background and not t[2].noun
    ]
    if not free:
        return
    bound[groups[0]] = [(0, t) for t in free]
    used.update(map(id, free))
    for i in range(last + 1):
        locators[i] = ""
        parts[i] = "the scene of an event that names no place"


def _nearest(trigs: list[tuple[int, int, Trigger]], m: Mention) -> tuple[int, int, Trigger]:
    """The trigger nearest a mention (triggers in text order, not overlapping it): the last
    one before it or the first one after it, the one before when both are as near."""
    k = bisect_left(trigs, m.start, key=lambda t: t[0])
    near = trigs[max(0, k - 1) : k + 1]
    return min(near, key=lambda t: min(abs(t[0] - m.end), abs(m.start - t[1])))


class Verdict(NamedTuple):
    """What its sentence says of a mention: the status, the rules that decided it, whether
    violence was reported there, and the declared act of the trigger that gave the status
    ("" for none; Reading.act)."""

    status: Status
    rule: str
    violent: bool = False
    act: str = ""
    # the trigger that gave the status, and whether it told a taking that had not happened
    # (a capture its modifiers made a threat: "paves the way for the fall of Qalat"), so that
    # the same words said again of the place in the sentence tell the same event (_again)
    trigger: str = ""
    averted: bool = False


def _apply(sent: _Sentence, trigs: list, m: Mention, head: Mention | None = None) -> Verdict:
    """Status from every trigger bound to a mention: the sentence's own events in text
    order, which override what its background clauses ("which the Taliban have held",
    "since it was retaken") say of an earlier time."""
    earlier: Status | None = None  # what background clauses say
    status: Status | None = None  # what the sentence's own events say
    rules, violent = [], False
    acts: dict[Status, str] = {}  # status -> the act of the last trigger that gave it
    gave: dict[Status, Trigger] = {}  # status -> the last trigger that gave it
    for trig in sorted(trigs, key=lambda t: (not t[2].background, t[0])):
        one, mods = _modify(sent, trig[2].status, trig, m, head)
        violent |= one == Status.VIOLENCE
        if trig[2].background:
            earlier = combine(earlier, one)
        else:
            status = combine(status, one)
            # a fall denied or excepted ("has not fallen", "every city except Kabul was taken")
            denied = one == Status.GOVERNMENT and trig[2].status == Status.CAPTURED
            acts[one] = "denied" if denied else trig[2].act
            gave[one] = trig[2]
        rules.append(
            f"{trig[2].name}: \u201c{sent.text[trig[0] : trig[1]]}\u201d"
            + "".join(f" + {x}" for x in mods)
        )
    if status is None or not status.is_control:
        # the sentence's own event is news; the background only fills in when it says none
        status = combine(earlier, status) if status else earlier
    final = status or Status.MENTIONED
    told = gave.get(final)
    averted = told is not None and told.status == Status.CAPTURED and final == Status.CONTESTED
    name = told.name if told is not None else ""
    return Verdict(final, "; ".join(rules), violent, acts.get(final, ""), name, averted)


def _again(inside: list[Mention], verdicts: list[Verdict]) -> list[Verdict]:
    """A taking told of a place a second time in one sentence, by the same words as a taking
    the sentence made a threat, is that same threatened event ("The fall of these districts
    paves the way for the fall of Qalat, the capital of Zabul, and the fall of Qalat blocks
    the highway": Qalat has not fallen)."""
    averted: dict[tuple[str, str], Verdict] = {}
    out = []
    for m, v in zip(inside, verdicts):
        key = (m.place.key, v.trigger)
        if v.averted:
            averted.setdefault(key, v)
        elif v.status == Status.CAPTURED and key in averted:
            first = averted[key]
            v = first._replace(rule=f"the same event told again: {first.rule}")
        out.append(v)
    return out


def read_statuses(
    text: str,
    mentions: list[Mention],
    start: int = 0,
    rules: Rules | None = None,
) -> list[Reading]:
    """One Reading per mention, in text order, by `rules` (the package's lexicon when None)."""
    rules = rules or default_rules()
    sents = split_sentences(text, start, rules)
    starts = [m.start for m in mentions]
    triggers = _SentenceTriggers(text, sents, rules)
    readings: list[Reading] = []
    named_before = False
    for si, (ss, se) in enumerate(sents):
        budget.check()
        inside = mentions[bisect_left(starts, ss) : bisect_left(starts, se)]
        if inside:
            nxt = sents[si + 1] if si + 1 < len(sents) else (se, se)
            after = mentions[bisect_left(starts, nxt[0]) : bisect_left(starts, nxt[1])]
            readings += _read_sentence(text, sents, si, inside, triggers, named_before, after)
        named_before = bool(inside)
    return readings


def _carried(
    text: str,
    sents: list[tuple[int, int]],
    si: int,
    triggers: _SentenceTriggers,
    inside: list[Mention],
    named_before: bool,
) -> Verdict | None:
    """The status a sentence with no trigger takes from the one before, when it only names
    the places that sentence spoke of (the lexicon's structure.carried_subject, "They are",
    or a list of two or more places and nothing else, structure.list_fragment): from that
    sentence's triggers, or when it named places, from those that bound none."""
    structure = triggers.rules.structure
    if si == 0 or not (
        structure.carried_subject.match(text, sents[si][0])
        or (len(inside) > 1 and structure.list_fragment.match(_without(text, sents[si], inside)))
    ):
        return None
    m = inside[0]
    before = triggers.unbound.get(si - 1, []) if named_before else triggers[si - 1]
    before = [t for t in before if t[2].status != Status.VIOLENCE]
    ps, pe = sents[si - 1]
    if not before:
        return None
    # anchored at the words just before the places' sentence
    return _told_elsewhere(
        text, (ps, pe), before, triggers, m, pe, "carried from the sentence before"
    )


# How many bulleted lines a heading's status reaches down.
MAX_BULLETS = 40


def _bulleted(
    text: str,
    sents: list[tuple[int, int]],
    si: int,
    triggers: _SentenceTriggers,
    inside: list[Mention],
) -> Verdict | None:
    """The status a bulleted line of places (structure.bullet_item) takes from the heading
    its bullets hang from: the first line above it, past the other bullets, that ends in a
    colon and tells what happened ("Districts that have fallen since May 1:"), in its last
    sentence or, when that one tells nothing, in an earlier sentence of the same paragraph
    (_lead_triggers)."""
    structure = triggers.rules.structure
    if not inside or not structure.bullet_item.match(_without(text, sents[si], inside)):
        return None
    k = si - 1
    while k >= 0 and si - k <= MAX_BULLETS and structure.bullet_line.match(text, sents[k][0]):
        k -= 1
    if k < 0 or not text[sents[k][0] : sents[k][1]].rstrip().endswith(":"):
        return None
    lead = _lead_triggers(text, sents, k, triggers)
    if lead is None:
        return None
    j, heading = lead
    return _told_elsewhere(
        text, sents[j], heading, triggers, inside[0], sents[j][1], "a bullet under its heading"
    )


# How many words a heading over a paragraph has at most ("Districts occupied by the Taliban").
MAX_HEADING_WORDS = 12
# How many places a paragraph under such a heading names at least, to be its list, and how
# many other words it has per place at most (a list's "and", "in", locators and an aside).
MIN_HEADED_LIST = 3
MAX_WORDS_PER_LISTED = 2.5


def _headed_list(
    text: str,
    sents: list[tuple[int, int]],
    si: int,
    triggers: _SentenceTriggers,
    inside: list[Mention],
) -> Verdict | None:
    """The status the places of a list paragraph take from the heading over it, when no
    verb of their own sentence speaks of them: a line of its own, with no stop at its end
    and no place in it, that tells what happened ("Districts occupied by the Taliban", then
    "Oba and Farsi in Herat; Shahrak and Tolak in Ghor; ... Anar Darra fell on Monday; ...").
    The list is the paragraph's first sentence, names MIN_HEADED_LIST places or more and
    little else (MAX_WORDS_PER_LISTED): a sentence of prose under a heading has a verb of
    its own."""
    if si == 0 or len(inside) < MIN_HEADED_LIST:
        return None
    words = sum(any(c.isalnum() for c in w) for w in _without(text, sents[si], inside).split())
    if words > MAX_WORDS_PER_LISTED * len(inside):
        return None
    (hs, he), (ss, _) = sents[si - 1], sents[si]
    head = text[hs:he].rstrip()  # the line, without the break that ends it
    line = head.lstrip()
    before = text[:hs].rstrip(" \t")
    if (
        "\n" not in text[hs + len(head) : ss]
        or (before and not before.endswith("\n"))
        or not line
        or line[-1] in ".!?;,"
        or len(line.split()) > MAX_HEADING_WORDS
    ):
        return None
    heading = [t for t in triggers[si - 1] if t[2].status != Status.VIOLENCE]
    if not heading:
        return None
    return _told_elsewhere(
        text, (hs, he), heading, triggers, inside[0], he, "a list under its heading"
    )


# How many sentences before a list's colon its lead may tell what happened ("The following
# districts have fallen since May 1. They are spread over 17 provinces:").
MAX_LEAD_SENTENCES = 3


def _lead_triggers(
    text: str, sents: list[tuple[int, int]], k: int, triggers: _SentenceTriggers
) -> tuple[int, list[tuple[int, int, Trigger]]] | None:
    """The sentence of a list's lead (sentence k ends in its colon) that tells what happened
    to the list, and its triggers (not violence): sentence k's own, else those of an earlier
    sentence of the same paragraph that bound no place of its own (triggers.unbound holds
    what a sentence with places left unbound; a sentence without places binds none)."""
    for j in range(k, max(-1, k - MAX_LEAD_SENTENCES), -1):
        if j < k and "\n" in text[sents[j][1] : sents[j + 1][0]]:
            return None  # the paragraph starts after sentence j
        found = triggers[j] if j == k else triggers.unbound.get(j, triggers[j])
        heading = [t for t in found if t[2].status != Status.VIOLENCE]
        if heading:
            return j, heading
    return None


def _without(text: str, span: tuple[int, int], inside: list[Mention]) -> str:
    """A sentence's text with its places taken out: what it says besides naming them."""
    rest, at = [], span[0]
    for m in inside:
        rest.append(text[at : m.start])
        at = m.end
    rest.append(text[at : span[1]])
    return "".join(rest)


def _heading(
    text: str,
    sents: list[tuple[int, int]],
    si: int,
    triggers: _SentenceTriggers,
    inside: list[Mention],
    after: list[Mention],
) -> Verdict | None:
    """The status a heading ("- Aug. 9 - AYBAK.") takes from the sentence after it, which
    tells what happened there ("The capital of Samangan is overrun by Taliban fighters.")
    and names no place elsewhere. A heading is a sentence of places and nothing else but a
    bullet, a date and dashes (the lexicon's structure.heading_rest)."""
    if si + 1 >= len(sents):
        return None
    if not triggers.rules.structure.heading_rest.match(_without(text, sents[si], inside)):
        return None
    provinces = {m.province for m in inside}
    nxt = triggers[si + 1]
    if not nxt or any(m.province not in provinces for m in after):
        return None
    ns = sents[si + 1][0]
    return _told_elsewhere(
        text, sents[si + 1], nxt, triggers, inside[0], ns, "heading of the sentence after"
    )


# How many lines above a map label its legend may stand, and how many labels a legend needs
# below it: a graphic's text names a few dozen places, one a line.
MAX_LEGEND_LINES = 60
MIN_MAP_LABELS = 3


def _legend(
    text: str,
    sents: list[tuple[int, int]],
    si: int,
    triggers: _SentenceTriggers,
    inside: list[Mention],
) -> Verdict | None:
    """The status a map label takes from its legend, as a page keeps a graphic's text:
    "Provincial capitals seized since Aug. 6" over lines of one name each ("Faizabad",
    "IRAN", "Pul-e-"). Labels are lines of a few words and no trigger (the lexicon's
    structure.map_label); the legend is the first line above them that is not one: a short
    line (structure.map_legend) with a trigger, naming no place, with at least
    MIN_MAP_LABELS labels below it. A legend that names a kind ("capitals", "districts")
    speaks only of places of that kind: the national capital, on every such map, is no
    provincial capital."""
    structure = triggers.rules.structure
    if not _is_label(text, sents[si], triggers, si):
        return None
    k = _past_labels(text, sents, triggers, si, -1)  # the line above the labels
    if k < 0 or not triggers[k] or not structure.map_legend.fullmatch(text[slice(*sents[k])]):
        return None
    ks, ke = sents[k]
    if any(ks <= m.start < ke for m in inside):
        return None
    labels = _past_labels(text, sents, triggers, k + 1, 1) - k - 1
    kind = structure.map_legend_kind.search(text, ks, ke)
    if labels < MIN_MAP_LABELS or (kind and not all(_of_kind(m, kind[0]) for m in inside)):
        return None
    return _told_elsewhere(
        text, (ks, ke), triggers[k], triggers, inside[0], ke, "map label under its legend"
    )


def _told_elsewhere(
    text: str,
    span: tuple[int, int],
    trigs: list[tuple[int, int, Trigger]],
    triggers: _SentenceTriggers,
    m: Mention,
    at: int,
    why: str,
) -> Verdict:
    """The verdict another sentence (at `span`, with these triggers) gives mention m, as
    if m stood at `at`; its rule says why that sentence speaks of m (_carried, _heading,
    _legend)."""
    sent = _Sentence(text, span, None, trigs, triggers.rules, triggers.words)
    verdict = _apply(sent, trigs, replace(m, start=at, end=at))
    return verdict._replace(rule=f"{why}: {verdict.rule}")


def _past_labels(
    text: str, sents: list[tuple[int, int]], triggers: _SentenceTriggers, start: int, step: int
) -> int:
    """The first sentence from `start`, going by `step` (1 or -1), that is no map label,
    looked for at most MAX_LEGEND_LINES away (-1 or len(sents) past the text's ends)."""
    k = start
    while 0 <= k < len(sents) and abs(k - start) < MAX_LEGEND_LINES:
        if not _is_label(text, sents[k], triggers, k):
            return k
        k += step
    return k


def _is_label(text: str, span: tuple[int, int], triggers: _SentenceTriggers, k: int) -> bool:
    """Is this sentence a map label: one short line of a few words, with no trigger?"""
    return not triggers[k] and bool(triggers.rules.structure.map_label.fullmatch(text, *span))


def _of_kind(m: Mention, noun: str) -> bool:
    """Is the place of the kind a legend's noun names ("capitals", "districts")?"""
    noun = noun.lower()
    if noun.startswith("capital"):
        return m.place.is_capital and not m.place.is_national_capital
    if noun.startswith("district"):
        return m.kind == "district"
    if noun.startswith("province"):
        return m.kind == "province"
    return m.kind in ("city", "district")  # cities, towns


def _appositive_states(
    text: str, trigs: list[tuple[int, int, Trigger]], inside: list[Mention], rules: Rules
) -> list[tuple[int, int, Trigger]]:
    """Triggers told in passing, in an apposition after a place ("Jalalabad, the last city
    still under government control, fell"), describe the state before the sentence's own
    event: they are background, which the main verb overrides and which stands in no
    verb's way (the lexicon's structure.apposition_open opens such a phrase)."""
    opener = rules.structure.apposition_open
    out = []
    k = 0
    for t in trigs:
        while k < len(inside) and inside[k].end <= t[0]:
            k += 1
        ts, te, trig = t
        if (
            k
            and not trig.background
            and opener.match(text, inside[k - 1].end, ts)
            and _CLOSES_PHRASE.match(text, te)
        ):
            t = (ts, te, replace(trig, background=True))
        out.append(t)
    return out


def _evidence(text: str, ss: int, se: int, m: Mention) -> tuple[str, int]:
    """The evidence for a mention and where it starts: its sentence, stripped, or for a
    sentence over MAX_EVIDENCE_CHARS the part of it around the mention.

    Why: every mention's row carries its evidence; thousands of mentions in one huge
    "sentence" would otherwise write that sentence thousands of times. The mention always
    lies inside its window (names are far shorter than half a window).
    """
    if se - ss > MAX_EVIDENCE_CHARS:
        # Windows start at fixed steps of half their length, so the mentions of one huge
        # sentence share a few windows (each stored once) rather than one window each.
        step = MAX_EVIDENCE_CHARS // 2
        k = max(0, (m.start - ss - step // 2) // step)
        ss = max(ss, min(ss + k * step, se - MAX_EVIDENCE_CHARS))
        se = ss + MAX_EVIDENCE_CHARS
    part = text[ss:se]
    return part.strip(), ss + len(part) - len(part.lstrip())


class _SentenceTriggers:
    """Each sentence's triggers, found once: a sentence is asked about again when the one
    before it looks for a comment."""

    def __init__(self, text: str, sents: list[tuple[int, int]], rules: Rules) -> None:
        self.text, self.sents, self.rules = text, sents, rules
        # Triggers are matched with double quotes blanked (same offsets): scare quotes inside
        # a phrase ('"putting pressure" on Taloqan') do not hide it.
        # ... and web addresses blanked (structure.web_address): their words are a page's
        # name, not the copy's
        blanked = text.translate(_QUOTES_BLANKED)
        self.plain = rules.structure.web_address.sub(_spaces, blanked)
        self.words = TextWords(text, rules)
        self.found: dict[int, list[tuple[int, int, Trigger]]] = {}
        # triggers of a sentence with places that bound none of them ("the centres of 11
        # districts have fallen"): what "The districts include ..." may take up
        self.unbound: dict[int, list[tuple[int, int, Trigger]]] = {}

    def __getitem__(self, si: int) -> list[tuple[int, int, Trigger]]:
        if si not in self.found:
            self.found[si] = _triggers_in(self.plain, *self.sents[si], self.words)
        return self.found[si]


def _status_of(
    sent: _Sentence,
    i: int,
    inside: list[Mention],
    groups: list[int],
    locators: list[str],
    bound: dict[int, list[tuple[int, tuple]]],
    parts: dict[int, str],
    carried: Verdict | None,
) -> Verdict:
    """The verdict on mention i of a sentence: from the triggers bound to its list, else
    from the sentence before (`carried`), as a part of the place where its list's locator
    says so; a bare mention when it only locates, or nothing is bound to it."""
    m = inside[i]
    if locators[i]:
        return Verdict(Status.MENTIONED, f"locator: {locators[i]}")
    h = bisect_left(groups, groups[i])  # the list's first place: group ids rise in text order
    if groups[i] in bound:
        verdict = _apply(sent, [t for _, t in bound[groups[i]]], m, inside[h])
    elif carried is not None:
        verdict = carried
    else:
        return Verdict(Status.MENTIONED, "no status trigger bound to it in the sentence")
    # "districts in Uruzgan and Badghis provinces": both (places of the list head's kind)
    part = parts.get(i) or (parts.get(h) if m.kind == inside[h].kind else None)
    if part and verdict.status == Status.CAPTURED:
        rule = f"{verdict.rule} + part of the place ({part})"
        return verdict._replace(status=Status.CONTESTED, rule=rule, act="")
    return verdict


def _read_sentence(
    text: str,
    sents: list[tuple[int, int]],
    si: int,
    inside: list[Mention],
    triggers: _SentenceTriggers,
    named_before: bool = False,
    after: list[Mention] | None = None,
) -> list[Reading]:
    """The readings of the mentions of one sentence (`named_before`: the sentence before
    named a place; `after`: the mentions of the sentence after)."""
    ss, se = sents[si]
    overlaps = overlap_test([(m.start, m.end) for m in inside])
    trigs = _appositive_states(
        text, [t for t in triggers[si] if not overlaps(t[0], t[1])], inside, triggers.rules
    )
    rules = triggers.rules
    live = triggers.words.locators(ss, se)  # mapping.prefilter: what may match here
    locators = [
        _locator(text, ss, m, inside[i - 1] if i else None, live, triggers.words, rules)
        for i, m in enumerate(inside)
    ]
    parts = _parts_alone(inside, locators, rules)
    groups = _groups(text, inside, locators, rules)
    # A hedge in the next sentence speaks about this one only when it reports nothing itself
    nxt = sents[si + 1] if si + 1 < len(sents) else None
    # ... which it does when it names no place, or only tells of violence.
    quiet = lambda: not after or all(t[2].status == Status.VIOLENCE for t in triggers[si + 1])
    sent = _Sentence(text, (ss, se), nxt, trigs, rules, triggers.words, quiet)
    spans = _group_spans(inside, groups, locators)
    bound: dict[int, list[tuple[int, tuple]]] = {}
    for t in trigs:
        budget.check()
        hit = _bind(sent, t, spans)
        if hit:
            bound.setdefault(hit[0], []).append((hit[1], t))
    _elided(sent, spans, bound)
    _colon_list(sent, spans, bound)
    if trigs and not bound:
        _affiliation_fallback(sent, inside, groups, locators, bound, parts)
    used = {id(t) for pairs in bound.values() for _, t in pairs}
    _fronted_scene(sent, trigs, inside, groups, locators, bound, parts, used)
    triggers.unbound[si] = [t for t in trigs if id(t) not in used]
    carried = None
    if not trigs:
        carried = (
            _carried(text, sents, si, triggers, inside, named_before)
            or _bulleted(text, sents, si, triggers, inside)
            or _heading(text, sents, si, triggers, inside, after or [])
            or _legend(text, sents, si, triggers, inside)
        )
    elif not named_before:
        carried = _headed_list(text, sents, si, triggers, inside)
    verdicts = [
        _status_of(sent, i, inside, groups, locators, bound, parts, carried)
        for i in range(len(inside))
    ]
    readings = []
    for m, v in zip(inside, _again(inside, verdicts)):
        evidence, ev_start = _evidence(text, ss, se, m)
        end = ev_start + len(evidence)
        readings.append(
            Reading(m, v.status, v.rule, evidence, ev_start, end, violence=v.violent, act=v.act)
        )
    return readings

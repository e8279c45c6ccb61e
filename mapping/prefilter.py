"""Which lexicon patterns can match a sentence at all, found by one keyword scan.

Why: running every trigger regex over every sentence was a third of the extraction's time,
and most sentences hold none of the words a trigger needs. So each pattern's requirement
(words every match contains: one of a set, all of several) is derived from the compiled
pattern itself, by walking its parse tree, and one Aho-Corasick scan of a sentence
(pyahocorasick) tells which patterns, and which alternatives of their top-level
alternation, are worth running. Nothing is listed by hand: when the lexicon changes, the
words follow; a pattern with no word every match must contain is always run.

Used by mapping/statuses.py through TextWords (one scan of a whole text for the words of
the triggers, modifiers and locators; each sentence's live patterns then come from the
words found in it, and a modifier's or locator's short window is searched only when one of
its words lies in it), and by mentions._coreferences (coreferences_for). triggers_for,
modifiers_for and locators_for answer the same for one piece of text.

Soundness: a required word only ever comes from literal characters that a match consumes,
so a match contains it; the sentence is compared in lower case with the four characters
that Python's case-insensitive matching equates with an ASCII letter (İ ı K ſ) mapped to
it, so a case-insensitive match is never missed (tests/test_prefilter.py checks both, and
that every rule finds the same matches with the prefilter as without).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Set as AbstractSet
from re import _constants as c  # type: ignore[attr-defined]  # the parse tree's opcodes
from re import _parser  # type: ignore[attr-defined]  # the parser re compiles with

import ahocorasick

from .rules import Coreference, Locator, Modifier, Rules, Trigger

# Non-ASCII characters that re.IGNORECASE matches to an ASCII letter, and that letter.
# (tests/test_prefilter.py derives the table from the re module over all of Unicode.)
ASCII_TWINS = {"\u0130": "i", "\u0131": "i", "\u212a": "k", "\u017f": "s"}
_TWINS = str.maketrans(ASCII_TWINS)

_REPEATS = (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT)
MIN_WORD = 3  # shorter literals ("s", "in") are in nearly every sentence: not required

# A requirement: a word the match contains, ("all", parts) that it meets each of, or
# ("any", parts) that it meets one of; None for no requirement.
Requirement = str | tuple[str, tuple["Requirement", ...]]


def requirement(pattern: re.Pattern, ahead: bool = False) -> Requirement | None:
    """What every match of `pattern` contains, in words compared as `fold_case` folds;
    None when nothing is certain (`ahead`: as source_requirement)."""
    if not isinstance(pattern.pattern, str):
        return None
    return source_requirement(pattern.pattern, pattern.flags, ahead)


def source_requirement(source: str, flags: int, ahead: bool = False) -> Requirement | None:
    """requirement() of a pattern's source, parsed only: what a part of a pattern needs
    is known without compiling the part (a process's warm-up cut 900 compiles). With
    `ahead`, what a lookahead after the match needs counts too: right for a pattern run
    with an end (finditer(text, s, e)) and asked about the same span, as triggers are
    (a lookahead cannot see past e); not for the modifiers' and locators' narrower
    windows, whose matches may look ahead out of them."""
    return _sequence(_parser.parse(source, flags), ahead)


def required_words(pattern: re.Pattern) -> frozenset[str] | None:
    """Every word of the pattern's requirement (one of them is in any match), or None."""
    need = requirement(pattern)
    return None if need is None else frozenset(_words(need))


def _words(need: Requirement) -> list[str]:
    return [need] if isinstance(need, str) else [w for part in need[1] for w in _words(part)]


def _sequence(items, ahead: bool = False) -> Requirement | None:
    """A sequence of parse-tree items needs what each item needs: its literal runs (ASCII
    characters in a row) and what its groups, branches and repeats need."""
    parts: list[Requirement] = []
    run: list[str] = []
    for op, av in items:
        if op is c.LITERAL and av < 128:
            run.append(chr(av).lower())
            continue
        if run:
            parts.append("".join(run))
            if op is c.BRANCH:  # "f(?:ell|allen)": each alternative goes on from the run
                led = tuple("".join(run) + _lead(alt) for alt in av[1])
                if all(map(_long, led)):
                    parts.append(("any", led))
            run = []
        parts.append(_item(op, av, ahead))  # type: ignore[arg-type]
    if run:
        parts.append("".join(run))
    return _all([p for p in parts if p is not None and (not isinstance(p, str) or _long(p))])


def _long(word: str) -> bool:
    return len(word) >= MIN_WORD


def _all(parts: list[Requirement]) -> Requirement | None:
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else ("all", tuple(parts))


def _lead(items) -> str:
    """The ASCII literal characters a sequence starts with."""
    lead = []
    for op, av in items:
        if op is not c.LITERAL or av >= 128:
            break
        lead.append(chr(av).lower())
    return "".join(lead)


def _item(op, av, ahead: bool = False) -> Requirement | None:
    """What one item that is not an ASCII literal needs; None for classes, optional parts,
    look-arounds (which consume nothing) and anything unknown."""
    if op is c.SUBPATTERN:
        return _sequence(av[3], ahead)
    if op is c.ATOMIC_GROUP:
        return _sequence(av, ahead)
    if op in _REPEATS:
        return _sequence(av[2], ahead) if av[0] >= 1 else None
    if op is c.ASSERT and ahead and av[0] == 1:  # (?=...): its words are in the span too
        return _sequence(av[1], ahead)
    if op is c.BRANCH:
        alternatives = []
        for alternative in av[1]:
            need = _sequence(alternative, ahead)
            if need is None or (isinstance(need, str) and not _long(need)):
                return None  # this alternative can match without a word
            alternatives.append(need)
        return ("any", tuple(alternatives))
    return None


def clauses(need: Requirement) -> list[list[frozenset[str]]]:
    """The requirement as alternatives, each a list of word sets that all need a word
    present. Why flattened: a nested requirement is weakened to "one of its words"
    (still necessary), and checking a few sets is far cheaper than walking a tree."""
    if isinstance(need, str):
        return [[frozenset([need])]]
    if need[0] == "any":
        return [clause for part in need[1] for clause in clauses(part)]
    return [[frozenset(_words(part)) for part in need[1]]]


def fold_case(text: str) -> str:
    """text as the keyword scan compares it: lower case, the ASCII twins made ASCII."""
    if text.isascii() or not any(twin in text for twin in ASCII_TWINS):
        return text.lower()
    return text.translate(_TWINS).lower()


class _Need:
    """A trigger's requirement, ready to test against the words found in a sentence."""

    def __init__(self, need: Requirement) -> None:
        alternatives = clauses(need)
        # Alternatives of one word set are met by any of their words: one set for all.
        self.any_of = frozenset(w for c in alternatives if len(c) == 1 for w in c[0])
        self.all_of = [c for c in alternatives if len(c) > 1]
        self.words = frozenset(w for c in alternatives for words in c for w in words)
        # The words worth waking this requirement for: per clause, its rarest-looking set
        # (longest shortest word), which the clause needs as it needs every set.
        self.keys = frozenset(
            w for c in alternatives for w in max(c, key=lambda ws: (min(map(len, ws)), -len(ws)))
        )

    def masks(self, bits: dict[str, int]) -> tuple[int, list[list[int]]]:
        """The requirement over word bits (`bits`: word -> its bit): the mask of the words
        any one of which meets it, and per clause of several sets, a mask per set.

        Why bits: a sentence's words are then one integer, and a set test one AND."""

        def mask(words: AbstractSet[str]) -> int:
            return sum(bits[w] for w in words)

        return mask(self.any_of), [[mask(words) for words in c] for c in self.all_of]


class _Pattern:
    """One pattern, cut at its top-level "|" where it can be: then only the alternatives
    whose words are present are run, compiled together once per such subset.

    Why this keeps every match: an alternative whose requirement is not met in the text
    cannot match anywhere in it, and leaving out of an alternation a branch that never
    matches changes no match (leftmost first, then the first branch in order that fits).
    Patterns with back-references, conditionals, global or verbose flags are not cut.
    """

    def __init__(self, pattern: re.Pattern, ahead: bool = False) -> None:
        self.pattern = pattern
        parts = _top_alternatives(pattern)
        try:  # each part is parsed, not compiled: one that does not parse is not cut
            needs = [source_requirement(src, pattern.flags, ahead) for src in parts or ()]
        except re.error:
            parts = None
        if not parts:
            parts, needs = None, [requirement(pattern, ahead)]
        self.parts = parts or [pattern.pattern]
        self.needs = [_need(n) for n in needs]
        self.narrowed: dict[int, re.Pattern] = {}

    def regex(self, live: int) -> re.Pattern | None:
        """The pattern to run where the alternatives in the bit set `live` can match (bit i:
        alternative i); None when none can."""
        if not live:
            return None
        if live == (1 << len(self.parts)) - 1:
            return self.pattern
        if live not in self.narrowed:
            if len(self.narrowed) >= NARROWED_KEPT:
                return self.pattern
            src = "|".join(part for i, part in enumerate(self.parts) if live >> i & 1)
            self.narrowed[live] = re.compile(src, self.pattern.flags)
        return self.narrowed[live]


NARROWED_KEPT = 256  # subsets compiled per pattern; past that, the whole pattern runs
_NOT_CUT = re.compile(r"\\[1-9]|\(\?P=|\(\?\(|^\(\?[aiLmsux]+\)")


def _need(need: Requirement | None) -> _Need | None:
    return None if need is None else _Need(need)


def _top_alternatives(pattern: re.Pattern) -> list[str] | None:
    """The pattern's source as alternatives: cut at each "|" outside groups and classes,
    or, for the lexicon's usual shape `\\b(?:A|B|C)SUFFIX`, as `\\b(?:A)SUFFIX`, ... (the
    same paths tried in the same order: the prefix has one way to match). None when it has
    one alternative or must not be cut (see _Pattern)."""
    src = pattern.pattern
    if not isinstance(src, str) or pattern.flags & re.VERBOSE or _NOT_CUT.search(src):
        return None
    parts = _cut(src, 0, len(src))
    if len(parts) == 1:
        prefix = next((p for p in ("(?:", "\\b(?:") if src.startswith(p)), None)
        if prefix is None:
            return None
        end = _closing(src, len(prefix) - 3)
        head, tail = prefix[:-3], src[end + 1 :]
        if tail[:1] in ("*", "+", "?", "{"):
            return None  # a repeated group is not an alternation of the pattern
        parts = [f"{head}(?:{alt}){tail}" for alt in _cut(src, len(prefix), end)]
    return parts if len(parts) >= 2 else None


def _structure(src: str, start: int, end: int):
    """(position, character) of each "(", ")" and "|" of src[start:end] that is outside a
    class and not escaped."""
    i = start
    while i < end:
        ch = src[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "[":  # a class: skip to its end ("]" right after "[" or "[^" is literal)
            i += 2 if src[i + 1 : i + 2] == "^" else 1
            i += 1 if src[i : i + 1] == "]" else 0
            while i < end and src[i] != "]":
                i += 2 if src[i] == "\\" else 1
        elif ch in "()|":
            yield i, ch
        i += 1


def _cut(src: str, start: int, end: int) -> list[str]:
    """src[start:end] cut at each "|" outside its groups."""
    parts, depth, last = [], 0, start
    for i, ch in _structure(src, start, end):
        depth += {"(": 1, ")": -1, "|": 0}[ch]
        if ch == "|" and depth == 0:
            parts.append(src[last:i])
            last = i + 1
    return [*parts, src[last:end]]


def _closing(src: str, opening: int) -> int:
    """Position of the ")" that closes the group opened at src[opening]."""
    depth = 0
    for i, ch in _structure(src, opening, len(src)):
        depth += {"(": 1, ")": -1, "|": 0}[ch]
        if depth == 0:
            return i
    return len(src)


class PatternFilter:
    """The requirements of a list of patterns; the words of all in one automaton.

    Every alternative of every pattern has a bit; each word carries the bits of the
    alternatives that need it, so the alternatives a sentence touches are one OR away."""

    def __init__(self, patterns: list[re.Pattern], ahead: bool = False) -> None:
        self.patterns = [_Pattern(p, ahead) for p in patterns]
        self.shifts, self.masks = [], []
        self.always = self.simple = 0  # bits: no requirement; met by any of its words
        needs: dict[int, _Need] = {}  # bit -> the requirement to check
        owners: dict[str, int] = {}  # word -> bits
        # bit -> its pattern's index, the pattern, its bits and the lowest one's place
        self.owner_of: list[tuple[int, _Pattern, int, int]] = []
        bit = 0
        for i, p in enumerate(self.patterns):
            self.shifts.append(bit)
            self.masks.append(((1 << len(p.parts)) - 1) << bit)
            self.owner_of += [(i, p, self.masks[-1], bit)] * len(p.parts)
            for need in p.needs:
                if need is None:
                    self.always |= 1 << bit
                else:
                    if need.all_of:
                        needs[1 << bit] = need
                    else:
                        self.simple |= 1 << bit
                    for w in need.words:  # all found (met needs them), keys wake the bit
                        owners[w] = owners.get(w, 0) | (1 << bit if w in need.keys else 0)
                bit += 1
        # Every word a requirement names: its bits (0: it wakes none) and a bit of its own.
        self.words = {w: (owners[w], 1 << k) for k, w in enumerate(sorted(owners))}
        word_bits = {w: own for w, (_, own) in self.words.items()}
        self.needs = {bit: need.masks(word_bits) for bit, need in needs.items()}
        # Per pattern, its words' own bits, one of which any match holds; None when some
        # alternative needs no word.
        self.pattern_words = [
            None
            if None in p.needs
            else sum(word_bits[w] for w in set().union(*(n.words for n in p.needs if n)))
            for p in self.patterns
        ]
        self.automaton = ahocorasick.Automaton() if owners else None
        if self.automaton is not None:
            for w, value in self.words.items():
                self.automaton.add_word(w, value)
            self.automaton.make_automaton()

    def live(self, text: str) -> list[re.Pattern | None]:
        """Per pattern: the regex to run over `text` (the pattern itself, or the part of its
        alternation that can match there), or None where it cannot match at all."""
        touched = present = 0
        if self.automaton is not None:
            for _, (bits, own) in self.automaton.iter(fold_case(text)):
                touched |= bits
                present |= own
        regexes = self.live_found(touched, present)
        return [regexes.get(i) for i in range(len(self.patterns))]

    def live_found(self, touched: int, present: int) -> dict[int, re.Pattern]:
        """Pattern index -> the regex to run (as `live`), for the patterns that can match in
        a text holding the words whose bits (self.words) are `touched` (theirs OR-ed) and
        `present` (their own bits OR-ed); the other patterns cannot match there. In index
        order. Why a mapping of the live ones only: a sentence wakes a few of the
        lexicon's patterns, and the others then cost nothing."""
        live = (touched & self.simple) | self.always
        rest = touched & ~self.simple
        needs = self.needs
        while rest:  # alternatives that need more than one of their words: all of a clause
            low = rest & -rest
            rest ^= low
            any_of, all_of = needs[low]
            if present & any_of:
                live |= low
                continue
            for clause in all_of:
                for words in clause:
                    if not present & words:
                        break
                else:
                    live |= low
                    break
        regexes = {}
        owners = self.owner_of
        while live:  # pattern by pattern, from the lowest bit (the first pattern) up
            i, p, mask, shift = owners[(live & -live).bit_length() - 1]
            bits = (live & mask) >> shift
            regex = p.narrowed.get(bits) or p.regex(bits)
            if regex is not None:
                regexes[i] = regex
            live &= ~mask
        return regexes


_FILTERS: dict[tuple[int, str], tuple[Rules, PatternFilter]] = {}
FILTERS_KEPT = 16  # filters kept (eval --rules compares a few lexicons)


def _filter(rules: Rules, table: str) -> PatternFilter:
    """The filter of one table of a lexicon, built once (held with the lexicon, so that its
    id stays its own)."""
    key = (id(rules), table)
    if key not in _FILTERS:
        while len(_FILTERS) >= FILTERS_KEPT:
            del _FILTERS[next(iter(_FILTERS))]
        entries = getattr(rules, table)
        patterns = [e.before if table == "locators" else e.regex for e in entries]
        # triggers run over their sentence and are asked about it: their lookaheads count
        _FILTERS[key] = (rules, PatternFilter(patterns, ahead=table == "triggers"))
    return _FILTERS[key][1]


# The tables that TextWords answers for, in the order of the bits its automaton carries.
SCANNED = ("triggers", "modifiers", "locators")
_SCANNED_INDEX = {table: k for k, table in enumerate(SCANNED)}


class _LexiconWords:
    """The words of every SCANNED table of a lexicon in one automaton: each word carries
    its bits in each table's filter."""

    def __init__(self, rules: Rules) -> None:
        self.filters = [_filter(rules, table) for table in SCANNED]
        words = sorted({w for f in self.filters for w in f.words})
        self.automaton = ahocorasick.Automaton() if words else None
        if self.automaton is not None:
            for w in words:
                bits = tuple(f.words.get(w, (0, 0)) for f in self.filters)
                self.automaton.add_word(w, (len(w), bits))
            self.automaton.make_automaton()


_LEXICONS: dict[int, tuple[Rules, _LexiconWords]] = {}


def _lexicon_words(rules: Rules) -> _LexiconWords:
    """The lexicon's automaton, built once (held with the lexicon, as _filter)."""
    if id(rules) not in _LEXICONS:
        while len(_LEXICONS) >= FILTERS_KEPT:
            del _LEXICONS[next(iter(_LEXICONS))]
        _LEXICONS[id(rules)] = (rules, _LexiconWords(rules))
    return _LEXICONS[id(rules)][1]


class TextWords:
    """The lexicon words in one text, by position, from one scan of the whole text: what
    triggers_for, modifiers_for and locators_for answer for a part of it, without a scan
    per sentence.

    Why the same answers: a word lies within text[s:e] exactly when the scan of the whole
    folded text finds it between s and e, as fold_case maps one character to one (İ is
    made ASCII before lower case, the only character whose lower case is longer) and
    folds ASCII letters alike wherever they stand (only the Greek sigma's lower case
    depends on its neighbours, and no lexicon word holds it).
    """

    def __init__(self, text: str, rules: Rules) -> None:
        self.rules = rules
        self.lexicon = _lexicon_words(rules)
        automaton = self.lexicon.automaton
        self.hits = list(automaton.iter(fold_case(text))) if automaton is not None else []
        self.ends = [end for end, _ in self.hits]  # where each found word's last letter is
        self.spans: dict[tuple[int, int], list[tuple[tuple[int, int], ...]]] = {}
        self.text = text
        self.found: dict[str, bool] = {}  # a "text"-window modifier's name -> is its cue here

    def anywhere(self, name: str, regex: re.Pattern) -> bool:
        """Is the cue of modifier `name` anywhere in the text? Searched once per text: a
        modifier whose window is the whole text (what the article is about) asks for every
        reading it could change."""
        if name not in self.found:
            self.found[name] = regex.search(self.text) is not None
        return self.found[name]

    def _live(self, table: int, s: int, e: int) -> dict[int, re.Pattern]:
        """PatternFilter.live_found of one SCANNED table for the words within text[s:e]."""
        if (s, e) not in self.spans:
            hits = self.hits[bisect_left(self.ends, s) : bisect_left(self.ends, e)]
            self.spans[s, e] = [bits for end, (n, bits) in hits if end - n + 1 >= s]
        touched = present = 0
        for bits in self.spans[s, e]:
            touched |= bits[table][0]
            present |= bits[table][1]
        return self.lexicon.filters[table].live_found(touched, present)

    def may_match(self, table: str, i: int, a: int, b: int) -> bool:
        """Can pattern i of a SCANNED table (or a regex narrowed from it) match in
        text[a:b]? Not when none of its words lies within it: a match holds one of them.

        Why: a modifier's or a locator's window is a few words before or after a place
        or a trigger, and a glance at the words found there is cheaper than its regex."""
        k = _SCANNED_INDEX[table]
        need = self.lexicon.filters[k].pattern_words[i]
        if need is None:
            return True
        for end, (n, bits) in self.hits[bisect_left(self.ends, a) : bisect_left(self.ends, b)]:
            if end - n + 1 >= a and bits[k][1] & need:
                return True
        return False

    def triggers(self, s: int, e: int) -> list[tuple[Trigger, re.Pattern]]:
        """triggers_for(text, s, e, rules)."""
        return [(self.rules.triggers[i], r) for i, r in self._live(0, s, e).items()]

    def modifiers(self, s: int, e: int) -> dict[int, re.Pattern]:
        """modifiers_for(text, s, e, rules), by the modifier's index in the lexicon."""
        return self._live(1, s, e)

    def locators(self, s: int, e: int) -> list[tuple[int, Locator]]:
        """locators_for(text[s:e], rules), each with its index in the lexicon."""
        return [(i, self.rules.locators[i]) for i in self._live(2, s, e)]


def triggers_for(text: str, s: int, e: int, rules: Rules) -> list[tuple[Trigger, re.Pattern]]:
    """The triggers of `rules`, in lexicon order, that may match within text[s:e], each with
    the regex to run there (its pattern, or the alternatives of it that can match); the
    others cannot match there."""
    live = _filter(rules, "triggers").live(text[s:e])
    return [(t, regex) for t, regex in zip(rules.triggers, live) if regex is not None]


def coreferences_for(text: str, start: int, rules: Rules) -> list[tuple[Coreference, re.Pattern]]:
    """The coreference patterns of `rules`, in lexicon order, that may match in
    text[start:], each with the regex to run (as triggers_for)."""
    live = _filter(rules, "coreference").live(text[start:])
    return [(c, regex) for c, regex in zip(rules.coreference, live) if regex is not None]


def modifiers_for(text: str, s: int, e: int, rules: Rules) -> list[tuple[Modifier, re.Pattern]]:
    """The modifiers of `rules` whose cue may occur within text[s:e], each with the regex to
    run there (as triggers_for). (statuses asks TextWords.modifiers, the same answer.)"""
    live = _filter(rules, "modifiers").live(text[s:e])
    return [(m, regex) for m, regex in zip(rules.modifiers, live) if regex is not None]


def locators_for(before: str, rules: Rules) -> list[Locator]:
    """The locators of `rules` whose `before` pattern may match in `before` (the text
    before a mention that statuses._locator searches). (statuses asks TextWords.locators,
    the same answer for a sentence.)"""
    live = _filter(rules, "locators").live(before)
    return [loc for loc, regex in zip(rules.locators, live) if regex is not None]

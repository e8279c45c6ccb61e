"""Which trigger patterns can match a sentence at all, found by one keyword scan.

Why: running every trigger regex over every sentence was a third of the extraction's time,
and most sentences hold none of the words a trigger needs. So each pattern's required words
(a set of literal strings, one of which every match must contain) are derived from the
compiled pattern itself, by walking its parse tree, and one Aho-Corasick scan of a sentence
(pyahocorasick) tells which patterns are worth running. Nothing is listed by hand: when the
lexicon changes, the words follow; a pattern with no word that every match must contain
(a pattern made of classes, or with an optional branch everywhere) is always run.

Soundness: a required word only ever comes from literal characters that a match consumes,
so a match contains it; the sentence is compared in lower case with the four characters
that Python's case-insensitive matching equates with an ASCII letter (İ ı K ſ) mapped to
it, so a case-insensitive match is never missed (tests/test_prefilter.py checks both).
"""

from __future__ import annotations

import re
from re import _constants as c  # type: ignore[attr-defined]  # the parse tree's opcodes
from re import _parser  # type: ignore[attr-defined]  # the parser re compiles with

import ahocorasick

from .rules import Coreference, Rules, Trigger

# Non-ASCII characters that re.IGNORECASE matches to an ASCII letter, and that letter.
# (tests/test_prefilter.py derives the table from the re module over all of Unicode.)
ASCII_TWINS = {"\u0130": "i", "\u0131": "i", "\u212a": "k", "\u017f": "s"}
_TWINS = str.maketrans(ASCII_TWINS)

_REPEATS = (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT)
MIN_WORD = 3  # shorter literals ("s", "in") are in nearly every sentence: not required

# A requirement: a word the match contains, ("all", parts) that it meets each of, or
# ("any", parts) that it meets one of; None for no requirement.
Requirement = str | tuple[str, tuple["Requirement", ...]]


def requirement(pattern: re.Pattern) -> Requirement | None:
    """What every match of `pattern` contains, in words compared as `fold_case` folds;
    None when nothing is certain."""
    if not isinstance(pattern.pattern, str):
        return None
    return _sequence(_parser.parse(pattern.pattern, pattern.flags))


def required_words(pattern: re.Pattern) -> frozenset[str] | None:
    """Every word of the pattern's requirement (one of them is in any match), or None."""
    need = requirement(pattern)
    return None if need is None else frozenset(_words(need))


def _words(need: Requirement) -> list[str]:
    return [need] if isinstance(need, str) else [w for part in need[1] for w in _words(part)]


def _sequence(items) -> Requirement | None:
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
                parts.append(("any", tuple("".join(run) + _lead(alt) for alt in av[1])))
            run = []
        parts.append(_item(op, av))  # type: ignore[arg-type]
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


def _item(op, av) -> Requirement | None:
    """What one item that is not an ASCII literal needs; None for classes, optional parts,
    look-arounds (which consume nothing) and anything unknown."""
    if op is c.SUBPATTERN:
        return _sequence(av[3])
    if op is c.ATOMIC_GROUP:
        return _sequence(av)
    if op in _REPEATS:
        return _sequence(av[2]) if av[0] >= 1 else None
    if op is c.BRANCH:
        alternatives = []
        for alternative in av[1]:
            need = _sequence(alternative)
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
    return text.lower() if text.isascii() else text.translate(_TWINS).lower()


class _Need:
    """A trigger's requirement, ready to test against the words found in a sentence."""

    def __init__(self, need: Requirement) -> None:
        alternatives = clauses(need)
        # Alternatives of one word set are met by any of their words: one set for all.
        self.any_of = frozenset(w for c in alternatives if len(c) == 1 for w in c[0])
        self.all_of = [c for c in alternatives if len(c) > 1]
        self.words = frozenset(w for c in alternatives for words in c for w in words)

    def met(self, present: set[str]) -> bool:
        if self.words.isdisjoint(present):
            return False
        if not self.any_of.isdisjoint(present):
            return True
        for clause in self.all_of:
            for words in clause:
                if words.isdisjoint(present):
                    break
            else:
                return True
        return False


class PatternFilter:
    """The requirements of a list of patterns, their words in one automaton."""

    def __init__(self, patterns: list[re.Pattern]) -> None:
        needs = [requirement(p) for p in patterns]
        self.needs = [None if need is None else _Need(need) for need in needs]  # None: always
        every = {w for need in self.needs if need for w in need.words}
        self.automaton = ahocorasick.Automaton() if every else None
        if self.automaton is not None:
            for w in sorted(every):
                self.automaton.add_word(w, w)
            self.automaton.make_automaton()

    def live(self, text: str) -> list[bool]:
        """Per pattern: may it match somewhere in `text`? (False: it cannot.)"""
        present = set()
        if self.automaton is not None:
            present = {w for _, w in self.automaton.iter(fold_case(text))}
        return [need is None or need.met(present) for need in self.needs]


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
        _FILTERS[key] = (rules, PatternFilter([entry.regex for entry in entries]))
    return _FILTERS[key][1]


def triggers_for(text: str, s: int, e: int, rules: Rules) -> list[Trigger]:
    """The triggers of `rules`, in lexicon order, that may match within text[s:e]; the
    others cannot."""
    live = _filter(rules, "triggers").live(text[s:e])
    return [t for t, ok in zip(rules.triggers, live) if ok]


def coreferences_for(text: str, start: int, rules: Rules) -> list[Coreference]:
    """The coreference patterns of `rules`, in lexicon order, that may match in
    text[start:]; the others cannot."""
    live = _filter(rules, "coreference").live(text[start:])
    return [c for c, ok in zip(rules.coreference, live) if ok]

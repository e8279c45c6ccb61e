"""The prefilter (mapping/prefilter.py) never drops a match.

It lets a trigger or coreference pattern run only where the words it needs are present; if
it ever said "cannot match" for a sentence the pattern matches, a reading would change.
Checked three ways: the case folding against the re module over all of Unicode; every
rule of the lexicon against sentences generated from its own parse tree (so new rules are
covered the day they are added), with capitals and the non-ASCII letters that re equates
with ASCII ones; and every sentence of the labelled sets and seeds.
"""

from __future__ import annotations

import json
import random
import re
from pathlib import Path
from re import _constants as c
from re import _parser

import pytest

from mapping import prefilter
from mapping.prefilter import (
    ASCII_TWINS,
    PatternFilter,
    _top_alternatives,
    fold_case,
    requirement,
)
from mapping.rules import default_rules, load_rules
from mapping.statuses import split_sentences

ROOT = Path(__file__).resolve().parent.parent
RULES = default_rules()
TABLES = {
    "trigger": RULES.triggers,
    "coreference": RULES.coreference,
    "modifier": RULES.modifiers,
    "locator": RULES.locators,
}


def _pattern(entry) -> re.Pattern:
    """The pattern of a lexicon entry (a locator's is the one matched before the place)."""
    return entry.before if hasattr(entry, "before") else entry.regex


CASES = [(table, i) for table, entries in TABLES.items() for i in range(len(entries))]


def test_the_twins_are_every_character_re_equates_with_an_ascii_one():
    """re.IGNORECASE equates İ ı K ſ with ASCII letters: fold_case must map them."""
    chars = "".join(chr(x) for x in range(128, 0x110000) if not 0xD800 <= x < 0xE000)
    twins: dict[str, set[str]] = {}
    for x in range(128):
        for m in re.compile(re.escape(chr(x)), re.I).finditer(chars):
            twins.setdefault(m.group(), set()).add(chr(x).lower())
    assert {k: {v} for k, v in ASCII_TWINS.items()} == twins
    assert fold_case("\u017fEIZED \u0130N \u212aABUL") == "seized in kabul"


@pytest.mark.parametrize(
    ("pattern", "need"),
    [
        (r"\bcaptur(?:ed|es)\b", "capture"),  # re factors out the common "e"
        (r"\bheld\b|\bfell\b", ("any", ("held", "fell"))),
        (r"(?:seized\s+)?the\s+town\b", ("all", ("the", "town"))),  # "seized" is optional
        (r"(?<=,\s)already\s+besieged", ("all", ("already", "besieged"))),  # look-behind
        (
            r"\b(?:seized|captured)\s+(?:the\s+)?city",
            ("all", (("any", ("seized", "captured")), "city")),
        ),
        (r"\w+ed\b", None),  # no literal
        (r"\b(?:fell|x)\b", None),  # one alternative needs no word of three letters
        (r"(?:Taliban\s+)?\d+", None),  # the literal is optional
        (r"[Tt]aken", "aken"),  # a class ends the run
    ],
)
def test_requirements_of_small_patterns(pattern, need):
    assert requirement(re.compile(pattern, re.I)) == need


def test_a_pattern_without_words_always_runs():
    patterns = [re.compile(r"\b[A-Z]\w+ed\b"), re.compile(r"repelled", re.I)]
    always = PatternFilter(patterns)
    assert always.live("nothing here") == [patterns[0], None]
    assert always.live("The Attack Was REPELLED.") == patterns


@pytest.mark.parametrize(
    ("pattern", "parts"),
    [
        (r"a[|]b|c\|d|(?:e|f)g", ["a[|]b", r"c\|d", "(?:e|f)g"]),  # classes, escapes, groups
        (r"[]|]x|y", ["[]|]x", "y"]),  # "]" first in a class is literal
        (r"\b(?:ab|cd(?:e|f))\b", [r"\b(?:ab)\b", r"\b(?:cd(?:e|f))\b"]),
        (r"(?:ab|cd)+x", None),  # a repeated group: "abcdx" would match no part
        (r"(?:ab|cd)", ["(?:ab)", "(?:cd)"]),
        (r"\s+(?:ab|cd)", None),  # a prefix with several ways to match is not cut
        (r"(a)x|\1", None),  # back-reference
        (r"(?i)ab|cd", None),  # global flag
        (r"abc", None),
    ],
)
def test_cutting_a_pattern_into_alternatives(pattern, parts):
    assert _top_alternatives(re.compile(pattern)) == parts


def _spans(regex: re.Pattern | None, text: str, s: int = 0, e: int | None = None) -> list:
    if regex is None:
        return []
    return [m.span() for m in regex.finditer(text, s, len(text) if e is None else e)]


# --- sentences generated from each rule's own pattern --------------------------------------

_TWIN_OF = {v: k for k, v in ASCII_TWINS.items()}
_CATEGORY_CHAR = {
    c.CATEGORY_SPACE: " ",
    c.CATEGORY_WORD: "w",
    c.CATEGORY_DIGIT: "7",
    c.CATEGORY_NOT_SPACE: "n",
    c.CATEGORY_NOT_WORD: " ",
    c.CATEGORY_NOT_DIGIT: "d",
}


def _char(rng: random.Random, ch: str, fold: bool) -> str:
    """A character the pattern's literal matches: as written or, when the pattern ignores
    case, in the other case or (now and then) as its non-ASCII twin."""
    roll = rng.random() if fold else 1.0
    if roll < 0.05 and ch.lower() in _TWIN_OF:
        return _TWIN_OF[ch.lower()]
    return ch.swapcase() if roll < 0.3 else ch


def _in(rng: random.Random, items) -> str:
    if any(op is c.NEGATE for op, _ in items):
        return rng.choice(" xq,")
    op, av = rng.choice(items)
    if op is c.LITERAL:
        return chr(av)
    if op is c.RANGE:
        return chr(rng.randint(*av))
    return _CATEGORY_CHAR.get(av, " ")


def _generate(rng: random.Random, items, fold: bool) -> str:
    """A string that the parsed pattern `items` is likely to match (look-arounds and
    boundaries are not enforced: the caller keeps only the strings that do match)."""
    out = []
    for op, av in items:
        if op is c.LITERAL:
            out.append(_char(rng, chr(av), fold))
        elif op is c.ANY:  # "." (no argument)
            out.append("x")
        elif op is c.NOT_LITERAL:
            out.append("x" if chr(av) != "x" else "y")
        elif op is c.IN:
            out.append(_in(rng, av))
        elif op is c.BRANCH:
            out.append(_generate(rng, rng.choice(av[1]), fold))
        elif op is c.SUBPATTERN:
            out.append(_generate(rng, av[3], fold))
        elif op is c.ATOMIC_GROUP:
            out.append(_generate(rng, av, fold))
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
            low, high, inner = av
            count = rng.randint(low, min(high, low + 2))
            out.extend(_generate(rng, inner, fold) for _ in range(count))
        elif op is c.ASSERT:  # a look-behind's or look-ahead's text, where it stands
            out.append(_generate(rng, av[1], fold))
    return "".join(out)


CONTEXT = ["", "Officials said ", "On Monday, ", "Kunduz, ", "the city of Herat ", "Reports: "]
AFTER = ["", ".", " Herat.", " on Sunday", ", officials said.", " the Taliban"]


def _sentences(pattern: re.Pattern, n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    tree = _parser.parse(pattern.pattern, pattern.flags)
    fold = bool(pattern.flags & re.IGNORECASE)
    tails = [""] if pattern.pattern.endswith("\\Z") else AFTER  # a locator ends at the place
    made = []
    for _ in range(n):
        s = rng.choice(CONTEXT) + _generate(rng, tree, fold) + rng.choice(tails)
        if pattern.search(s):
            made.append(s)
    return made


@pytest.mark.parametrize(("table", "i"), CASES)
def test_every_rule_still_matches_its_own_sentences(table, i):
    entry = TABLES[table][i]
    pattern = _pattern(entry)
    alone = PatternFilter([pattern])
    made = _sentences(pattern, 400, seed=i)
    assert len(made) >= 20, f"too few generated sentences match {table} {i}"
    dropped = [s for s in made if _spans(alone.live(s)[0], s) != _spans(pattern, s)]
    assert not dropped, dropped[:5]


@pytest.mark.parametrize(("table", "i"), CASES)
def test_the_lexicon_filter_keeps_each_rule_in_generated_sentences(table, i):
    """The same through the lexicon's own entry points, with every other rule's words in
    the automaton too."""
    entry = TABLES[table][i]
    for s in _sentences(_pattern(entry), 200, seed=100 + i):
        if table == "trigger":
            pairs = prefilter.triggers_for(s, 0, len(s), RULES)
        elif table == "coreference":
            pairs = prefilter.coreferences_for(s, 0, RULES)
        elif table == "modifier":
            pairs = prefilter.modifiers_for(s, 0, len(s), RULES)
        else:
            assert entry in prefilter.locators_for(s, RULES), s
            continue
        live = {id(rule): regex for rule, regex in pairs}
        assert _spans(live.get(id(entry)), s) == _spans(entry.regex, s), s


def test_the_twins_reach_a_rule():
    """ "ſeized" is "seized" to re.IGNORECASE, and so to the prefilter."""
    s = "The Taliban \u017feized Kunduz and fell upon \u0130nsurgents."
    names = [t.name for t, _ in prefilter.triggers_for(s, 0, len(s), RULES)]
    matched = [t.name for t in RULES.triggers if t.regex.search(s)]
    assert matched and set(matched) <= set(names)


# --- every sentence of the labelled sets and seeds ----------------------------------------


def _texts() -> list[str]:
    texts = []
    for path in sorted((ROOT / "tests" / "data").glob("*.jsonl")):
        texts += [json.loads(line)["text"] for line in path.read_text("utf-8").splitlines()]
    for folder in ("seeds", "tests/data/timeline"):
        texts += [p.read_text("utf-8") for p in sorted((ROOT / folder).glob("*.txt"))]
    return texts


def test_no_labelled_sentence_loses_a_match():
    """Every trigger over every sentence, every coreference pattern over every text: the
    same matches through the prefilter as without it."""
    checked = 0
    for text in _texts():
        for s, e in split_sentences(text):
            live = {id(t): regex for t, regex in prefilter.triggers_for(text, s, e, RULES)}
            for t in RULES.triggers:
                expected = _spans(t.regex, text, s, e)
                checked += bool(expected)
                assert _spans(live.get(id(t)), text, s, e) == expected, (t.name, text[s:e])
        corefs = {id(c): regex for c, regex in prefilter.coreferences_for(text, 0, RULES)}
        for rule in RULES.coreference:
            assert _spans(corefs.get(id(rule)), text) == _spans(rule.regex, text)
    assert checked > 500


def test_one_scan_per_text_answers_as_a_scan_per_sentence():
    """TextWords (one keyword scan of the whole text, what statuses uses) gives every
    sentence the same triggers, modifiers and locators, with the same regexes, as
    triggers_for, modifiers_for and locators_for scanning that sentence alone; and a
    short window it says no pattern can match in, no pattern matches in."""
    windows = 0
    texts = [*_texts(), "\u0130N KUNDUZ \u017fEIZED. \u03a3\u039f\u03a3 captured Herat."]
    for text in texts:
        words = prefilter.TextWords(text, RULES)
        for s, e in split_sentences(text):
            assert words.triggers(s, e) == prefilter.triggers_for(text, s, e, RULES)
            modifiers = prefilter.modifiers_for(text, s, e, RULES)
            assert [RULES.modifiers[i] for i in words.modifiers(s, e)] == [m for m, _ in modifiers]
            assert list(words.modifiers(s, e).values()) == [r for _, r in modifiers]
            live = [loc for _, loc in words.locators(s, e)]
            assert live == prefilter.locators_for(text[s:e], RULES)
            for a in range(s, e, 7):  # windows of the lengths modifiers and locators use
                b = min(e, a + 45)
                for table, patterns in (
                    ("modifiers", [m.regex for m in RULES.modifiers]),
                    ("locators", [loc.before for loc in RULES.locators]),
                ):
                    for i, pattern in enumerate(patterns):
                        if not words.may_match(table, i, a, b):
                            windows += 1
                            assert not pattern.search(text[a:b]), (table, i, text[a:b])
    assert windows > 10_000


def test_a_changed_lexicon_gets_its_own_filter(tmp_path):
    """The words come from the lexicon passed in: a trigger added to a copy is filtered by
    its own words, and the package's lexicon is unchanged."""
    text = (ROOT / "mapping" / "rules.toml").read_text("utf-8")
    extra = '\n[[trigger]]\nname = "vanished"\nstatus = "contested"\nplace = "before"\n'
    extra += "pattern = '''\\bvanish(?:ed|es)\\b'''\n"
    path = tmp_path / "rules.toml"
    path.write_text(text.replace("\n[[trigger]]", extra + "\n[[trigger]]", 1), "utf-8")
    mine = load_rules(path)
    s = "Kunduz vanished from the reports."
    assert "vanished" in [t.name for t, _ in prefilter.triggers_for(s, 0, len(s), mine)]
    assert "vanished" not in [t.name for t, _ in prefilter.triggers_for(s, 0, len(s), RULES)]


def test_no_trigger_alternative_wakes_on_every_sentence():
    """A trigger alternative with no word of three letters or more that every match holds
    runs on every sentence of every text (the other-language triggers once held five, and
    cost a tenth of the extraction time; a distance in "km" and a count whose words stood in
    a lookahead held the last two). A new one must be rewritten."""
    from mapping.prefilter import _filter

    rules = default_rules()
    table = _filter(rules, "triggers")
    names, bits = set(), table.always
    while bits:
        low = bits & -bits
        bits ^= low
        names.add(rules.triggers[table.owner_of[low.bit_length() - 1][0]].name)
    assert names == set()


def test_a_lookahead_counts_for_a_span_run_to_its_end_only():
    """The words of a lookahead after the match are required when the pattern runs with an
    end and is asked about the same span (triggers, over their sentence): it cannot look
    past that end. Not otherwise (a modifier's window is narrower than its regex's run), and
    never a lookbehind's, which sees before the span's start."""
    from mapping.prefilter import source_requirement

    assert source_requirement(r"\bof\s+(?=\w+\s+districts)", 0, True) == "districts"
    assert source_requirement(r"\bof\s+(?=\w+\s+districts)", 0) is None
    assert source_requirement(r"(?<=districts )of\b", 0, True) is None
    assert source_requirement(r"\bof\s+(?!\w+ districts)", 0, True) is None
    text = "Six of Helmand's districts are contested. Four of them fell."
    regex = re.compile(r"\b\w+\s+of\s+(?=\w+'s districts)")
    sentence_end = text.index(".") + 1
    assert [m.group() for m in regex.finditer(text, 0, sentence_end)] == ["Six of "]
    assert list(regex.finditer(text, sentence_end + 1, len(text))) == []

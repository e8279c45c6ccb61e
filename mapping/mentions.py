"""Stage 2: find every place mention in a seed's text.

A mention is a span of the text that names a place of the theatre (a province, a town),
or refers back to one ("the provincial capital"). Names are matched on folded text
(mapping.names), longest first, and must start with a capital letter as place names do in
news copy. Foreign names are matched by the same pass so that they can never be taken for
a local place; they are returned separately and never reach the map.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from itertools import accumulate

from . import budget
from .gazetteer import Gazetteer
from .model import ForeignMention, Mention, Place, PlaceKind
from .names import MIN_SKELETON, edit_distance_at_most_one, fold, skeleton
from .prefilter import coreferences_for
from .rules import Coreference, Rules, default_rules

_WORD = re.compile(r"[a-z0-9]+")
# What may stand between the words of one name: a space, a hyphen, an apostrophe.
_JOINER = re.compile(r"[ \t\-\u2010-\u2015'\u2018\u2019`]{1,3}")  # whole gap: fullmatch
# Bounds on the look-around, so that work grows with the text, not with its square.
MAX_NAME_TOKEN = 40  # letters in one word of a name (the longest known has 16)
MAX_LIST_GAP = 40  # characters between two items of a list ("Herat, and Kunduz")
DISAMBIGUATION_REACH = 64  # mentions on each side that may settle an ambiguous name


def _tokens(folded: str, start: int, end: int) -> list[tuple[int, int]]:
    """The words of folded[start:end] that may be part of a name.

    Why a word over MAX_NAME_TOKEN letters is left out: no name has one, and trying it in
    every span would cost its length many times over (a base64 blob is one long word).
    A name cannot span it either: the gap it leaves is no joiner.
    """
    spans = [m.span() for m in _WORD.finditer(folded, start, end)]
    return [(a, b) for a, b in spans if b - a <= MAX_NAME_TOKEN]


_SENTENCE_START_BEFORE = re.compile(r"(?:^|[.!?:;\n]|[\"\u201c\u2018'(\[\u2014\u2013-])\s*$")
# The word right before or after a name, across any run of spaces: an unwrapped CR LF is two
# spaces where LF is one, and the same copy must read the same (tests/test_properties.py).
_WORD_BEFORE = re.compile(r"([A-Za-z\u00c0-\u024f]+)[ \t]+\Z")
_WORD_AFTER = re.compile(r"[ \t]+([A-Za-z\u00c0-\u024f]+)")


def _followed_by_province(text: str, end: int, rules: Rules) -> bool:
    return bool(rules.name_context.province_after.match(text[end : end + 24]))


def _province_context(text: str, start: int, end: int, rules: Rules) -> bool:
    """Does the text around a name say it names a province ("X province", "province of X")?
    Not a name the copy calls a city or town ("..., Jawzjan province, Kunduz City in Kunduz
    province": a list of provinces before it does not make it one)."""
    if rules.name_context.town_after.match(text, end):
        return False
    before = text[max(0, start - 60) : start]
    return (
        _followed_by_province(text, end, rules)
        or bool(rules.name_context.province_before.search(before))
        or bool(rules.name_context.province_list_before.search(before))
    )


def _sentence_start(text: str, pos: int) -> bool:
    before = text[max(0, pos - 4) : pos]
    return pos == 0 or bool(_SENTENCE_START_BEFORE.search(before))


_SPACED_DASH_BEFORE = re.compile(r"[^\W\d_] [-\u2013] \Z")


def _embedded(text: str, folded: str, gaz: Gazetteer, s: int, e: int, rules: Rules) -> bool:
    """Is the name only part of a longer proper name or compound?

    "Gorno-Badakhshan" and "Sistan-Baluchestan" are not Badakhshan; "Shirin Tagab" is not
    Tagab; "the Khost Protection Force" is not an event in Khost. A capitalised word right
    before or after the name, that is not a title, a day or another known word, means the
    name is part of something longer that the gazetteer does not know.
    """
    joined = s >= 2 and text[s - 1] in "-\u2013" and text[s - 2].isalpha()
    if joined:
        # "the Chaman-Spin Boldak crossing": two known places joined by a hyphen are both
        # places; an unknown first part makes one compound ("Gorno-Badakhshan").
        left = fold(re.split(r"[^A-Za-z\u00c0-\u024f]", text[max(0, s - 41) : s - 1])[-1])
        if left not in gaz.exact and left not in gaz.foreign:
            return True
    # a name after a spaced dash ("Pul-e-Khumri \u2013 Kunduz highway") may end a road's name
    joined = joined or bool(_SPACED_DASH_BEFORE.search(text, max(0, s - 4), s))
    after = text[e : e + 80]
    road = rules.name_context.road_name_after.match(after)
    if road and (joined or road.group(1)):
        return True  # "the Kabul-Kandahar highway" names a road
    if rules.name_context.longer_name_after.match(after):
        return True  # "Dara-e-Farokh Shah" is not Dara
    if rules.name_context.river_after.match(after):
        return True  # "the Kunar river" names a river
    # A capitalised unknown word beside the name makes it part of a longer one, except in a
    # title-case headline ("Kabul Falls as Taliban Take Palace": every word is capitalised),
    # looked for only then: this runs for every name found.
    prev = _WORD_BEFORE.search(text[max(0, s - 40) : s]) if text[s - 1 : s] in (" ", "\t") else None
    if prev and prev.group(1)[0].isupper() and not _sentence_start(text, s - len(prev.group(0))):
        word = fold(prev.group(1))
        if word not in rules.neighbours and word not in gaz.foreign and word not in gaz.exact:
            return not _title_case_line(text, s, e)
    nxt = _WORD_AFTER.match(text[e : e + 40])
    if nxt and nxt.group(1)[0].isupper() and not text[s:e].isupper():
        word = fold(nxt.group(1))
        if word not in rules.neighbours and word not in gaz.foreign and word not in gaz.exact:
            return not _title_case_line(text, s, e)
    return False


# A headline's words; one of more than MAX_HEADLINE characters is no headline.
_HEADLINE_WORD = re.compile(r"[A-Za-z\u00c0-\u024f]{4,}")
MAX_HEADLINE = 160


def _title_case_line(text: str, s: int, e: int) -> bool:
    """Is the name in a short line written in title case ("Taliban Fighters Reach Kabul
    Doorstep After Capturing Logar Capital")? There a capitalised word beside a name says
    nothing about a longer name: four of five words of four letters or more are
    capitalised, and at least three of them ("Kabul Falls to the Taliban")."""
    a = text.rfind("\n", 0, s) + 1
    b = text.find("\n", e)
    b = len(text) if b < 0 else b
    if b - a > MAX_HEADLINE:
        return False
    words = _HEADLINE_WORD.findall(text, a, b)
    capitalised = sum(w[0].isupper() for w in words)
    return capitalised >= 3 and capitalised * 5 >= len(words) * 4


def _person(text: str, s: int, e: int, found: tuple[list[Place], str], rules: Rules) -> bool:
    """Is a name that only districts or villages bear a person's here ("Shirzad added",
    "Mr. Zadran said")? Family names are often districts' (Shirzad, Zadran, Khogyani);
    a province or provincial capital that "said" is its government, and stays.
    """
    if any(p.kind == "province" or p.is_capital for p in found[0]):
        return False
    ctx = rules.name_context
    return bool(
        ctx.person_after.match(text[e : e + 40])
        or ctx.person_before.search(text[max(0, s - 20) : s])
    )


def _foreign_frame(text: str, gaz: Gazetteer, s: int, e: int, rules: Rules) -> str:
    """Country code when the text frames the name as foreign ("the Iranian city of Zabol",
    "MASHHAD, Iran"), else ""."""
    m = rules.name_context.foreign_frame_before.search(text[max(0, s - 60) : s])
    if (
        m
        and fold(m.group(1)) in gaz.foreign
        and gaz.foreign[fold(m.group(1))] != gaz.theatre["iso2"]
    ):
        return gaz.foreign[fold(m.group(1))]
    m = rules.name_context.foreign_frame_after.match(text[e : e + 40])
    if (
        m
        and fold(m.group(1)) in gaz.foreign
        and gaz.foreign[fold(m.group(1))] != gaz.theatre["iso2"]
    ):
        return gaz.foreign[fold(m.group(1))]
    return ""


def _choose(cands: list[Place], province_context: bool) -> Place:
    """Pick among the places one spelling may mean.

    Why this order: a name that is both a province and its capital (Herat, Kunduz) means
    the city unless the text says "province"; a province name beats a small town that
    shares it; otherwise the most populous place is the one news writes about.
    """
    provinces = [c for c in cands if c.kind == "province"]
    if province_context and provinces:
        return provinces[0]
    capitals = [c for c in cands if c.is_capital]
    if capitals:
        return capitals[0]
    if provinces:
        return provinces[0]
    return max(cands, key=lambda c: c.population)


def _lookup(gaz: Gazetteer, words: list[str], rules: Rules) -> tuple[list[Place], str]:
    key = " ".join(words)
    if key in gaz.exact:
        return gaz.exact[key], "exact"
    if key.replace(" ", "") in gaz.squashed:
        return gaz.squashed[key.replace(" ", "")], "variant"
    if words[0] in rules.name_context.connectors or words[-1] in rules.name_context.connectors:
        return [], ""  # "A Jowzjan", "Nuristan a": the skeleton would drop the article
    sk = skeleton(key)
    if (
        len(sk) >= MIN_SKELETON
        and sk in gaz.variant
        and key not in rules.not_places
        and key not in gaz.common_words  # "Guardian" is no spelling of Ghoriyan
        and not _nisba(key, gaz.variant[sk])
    ):
        return gaz.variant[sk], "variant"
    return [], ""


def _nisba(key: str, places: list[Place]) -> bool:
    """Is the one word a place's name plus "i" (Laghmani, Uruzgani, Salangi: a family name
    or an adjective made from a place), where the places' names end otherwise? The skeleton
    drops the final vowel, so without this "Laghmani was detained" put Laghman on the map.
    A spelling of the name itself that ends in "i" matches exactly (gazetteer names); a name
    of several words ("Robat Sangi") is no family name."""
    return (
        " " not in key
        and key.endswith("i")
        and not any(fold(p.name).endswith(("i", "y")) for p in places)
    )


def _name_at(
    text: str,
    folded: str,
    gaz: Gazetteer,
    toks: list[tuple[int, int]],
    i: int,
    rules: Rules,
    memo: dict[str, tuple],
) -> tuple | None:
    """The longest name starting at token i: ("foreign", s, e, n, country), ("place", s,
    e, n, (candidates, how)), or None.

    A name in news copy starts with a capital; its other words too, but for ezafe
    connectors (Mazar-i-Sharif) and generic nouns (Kandahar airport). Why the spans are
    bounded first: a span whose words are not all joined by a joiner, or whose later words
    are neither capitalised nor allowed in lower case, is no name, and
    both tests hold for a span only if they hold for each shorter one from the same word.
    So the longest span worth trying is found once, in one walk over the words, and the
    spelling tests (the same for every occurrence of the same words) come from `memo`.
    """
    s = toks[i][0]
    if not text[s].isupper():
        return None
    longest, last = 1, min(gaz.max_words, len(toks) - i)
    while longest < last:
        (_, prev_end), (a, b) = toks[i + longest - 1], toks[i + longest]
        if not (0 < a - prev_end <= 3 and _JOINER.fullmatch(text, prev_end, a)):
            break
        if not (text[a].isupper() or folded[a:b] in rules.lowercase_in_names):
            break
        longest += 1
    words = [folded[a:b] for a, b in toks[i : i + longest]]
    for n in range(longest, 0, -1):
        e = toks[i + n - 1][1]
        key = " ".join(words[:n])
        found = memo.get(key)
        if found is None:
            found = memo[key] = _spelling(gaz, key, n, rules)
        if found[0] == "foreign":
            return ("foreign", s, e, n, found[1])
        if found[0] == "place":
            country = _foreign_frame(text, gaz, s, e, rules)
            if country:
                return ("foreign", s, e, n, country)
            if _embedded(text, folded, gaz, s, e, rules) or _person(text, s, e, found[1], rules):
                return None
            return ("place", s, e, n, found[1])
    return None


def _spelling(gaz: Gazetteer, key: str, n: int, rules: Rules) -> tuple:
    """What a span's folded words spell, wherever they stand: ("foreign", country),
    ("place", (candidates, how)) or ("",) for nothing."""
    words = key.split(" ")
    if n > 1 and words[-1] == "s":  # possessive: "Kunduz's" is Kunduz
        return ("",)
    if key in rules.not_places:
        return ("",)
    if key in gaz.foreign:
        return ("foreign", gaz.foreign[key])
    cands, how = _lookup(gaz, words, rules)
    return ("place", (cands, how)) if cands else ("",)


# Spellings already looked up, per gazetteer and lexicon: news repeats its names, and a
# lookup builds a skeleton. Bounded: a memo is cleared at MEMO_SIZE spellings, and only
# the MEMO_PAIRS last (gazetteer, lexicon) pairs keep one (each holds both, so that their
# ids stay theirs).
MEMO_SIZE = 200_000
MEMO_PAIRS = 8
_MEMOS: dict[tuple[int, int], tuple[Gazetteer, Rules, dict]] = {}


def _memo(gaz: Gazetteer, rules: Rules) -> dict:
    """The spelling memo for this gazetteer and lexicon."""
    key = (id(gaz), id(rules))
    if key not in _MEMOS:
        while len(_MEMOS) >= MEMO_PAIRS:
            del _MEMOS[next(iter(_MEMOS))]
        _MEMOS[key] = (gaz, rules, {})
    memo = _MEMOS[key][2]
    if len(memo) >= MEMO_SIZE:
        memo.clear()
    return memo


def _name_mentions(
    text: str,
    folded: str,
    gaz: Gazetteer,
    toks: list[tuple[int, int]],
    caps: list[int],
    rules: Rules,
) -> tuple[list[Mention], list[ForeignMention], set[int]]:
    """Names in token order, longest first; only a capitalised word (its index in `caps`)
    can start one."""
    mentions: list[Mention] = []
    foreign: list[ForeignMention] = []
    used: set[int] = set()
    ambiguous: dict[int, list[Place]] = {}
    memo = _memo(gaz, rules)
    after = 0  # the first token not yet inside a name
    for i in caps:
        if i < after:
            continue
        budget.check()
        hit = _name_at(text, folded, gaz, toks, i, rules, memo)
        if hit is None:
            continue
        what, s, e, n, data = hit
        if what == "foreign":
            if data != gaz.theatre["iso2"]:  # "Afghan", "Afghanistan": the theatre itself
                foreign.append(ForeignMention(text[s:e], s, e, data))
        else:
            cands, how = data
            place = _choose(cands, _province_context(text, s, e, rules))
            mentions.append(Mention(text[s:e], s, e, place, how, place.kind))
            if len(cands) > 1:
                ambiguous[len(mentions) - 1] = cands
        used.update(range(i, i + n))
        after = i + n
    return _disambiguate(mentions, ambiguous), foreign, used


def _capitalised_tokens(text: str, toks: list[tuple[int, int]]) -> list[int]:
    """Indexes of the tokens that start with a capital letter in the original text."""
    return [i for i, (a, _) in enumerate(toks) if text[a].isupper()]


def _disambiguate(mentions: list[Mention], ambiguous: dict[int, list[Place]]) -> list[Mention]:
    """A name shared by towns of several provinces (Qarabagh: Kabul, Ghazni, Herat) means
    the one in a province the same text names elsewhere, nearest mention first (among the
    DISAMBIGUATION_REACH mentions on each side)."""
    for i, cands in ambiguous.items():
        budget.check()
        m = mentions[i]
        if m.place.is_capital or m.kind == "province":
            continue
        lo, hi = max(0, i - DISAMBIGUATION_REACH), i + DISAMBIGUATION_REACH + 1
        others = sorted(
            (abs(o.start - m.start), o.province)
            for j, o in enumerate(mentions[lo:hi], lo)
            if j not in ambiguous
        )
        for _, pid in others:
            local = [c for c in cands if c.province == pid and c.kind != "province"]
            if local:
                best = max(local, key=lambda c: c.population)
                mentions[i] = Mention(m.surface, m.start, m.end, best, m.match, best.kind)
                break
    return mentions


def _stated_provinces(
    text: str, gaz: Gazetteer, mentions: list[Mention], rules: Rules
) -> list[Mention]:
    """Where the text itself says which province a town lies in ("Nawa in Helmand",
    "Doab district of Nuristan"), that province decides among the places the name may
    mean. A name with no place there is dropped, since the text names a place the
    gazetteer does not know (Nawa in Helmand when only Ghazni's Nawa is known), unless it
    is an exact name of a populated town: copy misplaces real towns too. A list of towns
    that ends in "districts of P" ("Mangjic, Faizabad and Khanaqah districts of Jawzjan")
    puts each of them in P, but only chooses among a name's places, never drops one.
    """
    out: list[Mention] = []
    list_ends = _list_provinces(text, mentions, rules)
    for i, m in enumerate(mentions):
        if m.kind == "province" or m.match not in ("exact", "variant"):
            out.append(m)
            continue
        stated, direct = _stated_province(text, mentions, i, rules, list_ends)
        if stated is None or stated.province == m.province:
            out.append(m)
            continue
        local = [
            c
            for c in _spelt_alike(gaz, m.surface)
            if c.province == stated.province and c.kind != "province"
        ]
        if local:
            best = max(local, key=lambda c: c.population)
            out.append(Mention(m.surface, m.start, m.end, best, m.match, best.kind))
        elif not direct or (m.match == "exact" and m.place.population > 0):
            out.append(m)
    return out


def _province_lists(
    text: str, gaz: Gazetteer, mentions: list[Mention], rules: Rules
) -> list[Mention]:
    """A list that ends in "provinces" ("in Kandahar and Helmand provinces", "Herat, Farah
    and Nimroz provinces") names provinces: each of its names that is a province's is that
    province, not the capital of the same name. One pass from the end, as _list_provinces.
    """
    context = rules.name_context
    out = list(mentions)
    in_list = False
    for j in range(len(out) - 1, -1, -1):
        m = out[j]
        if j + 1 < len(out) and in_list:
            in_list = bool(context.list_gap.match(text[m.end : out[j + 1].start]))
        else:
            in_list = bool(context.provinces_after.match(text[m.end : m.end + 16]))
        if in_list and m.kind != "province":
            province = _province_named(gaz, m, rules)
            in_list = province is not None
            if province is not None:
                out[j] = Mention(m.surface, m.start, m.end, province, m.match, province.kind)
    return out


def _province_named(gaz: Gazetteer, m: Mention, rules: Rules) -> Place | None:
    """The province a mention's name also names (Kandahar), else None."""
    words = _WORD.findall(fold(m.surface))
    cands = _lookup(gaz, words, rules)[0] if words else []
    return next((c for c in cands if c.kind == "province"), None)


def _spelt_alike(gaz: Gazetteer, surface: str) -> list[Place]:
    """Every place a surface may spell: its exact name, the name run together ("Dawlat
    Abad" is Balkh's Dawlatabad too) and its skeleton. Why all three: where the text says
    which province a town is in, a spelling that is only exact for another province's
    town must still find the town in the province the text names."""
    key = " ".join(_WORD.findall(fold(surface)))
    found = [
        *gaz.exact.get(key, ()),
        *gaz.squashed.get(key.replace(" ", ""), ()),
        *gaz.variant.get(skeleton(key), ()),
    ]
    return list(dict.fromkeys(found))


def _stated_province(
    text: str, mentions: list[Mention], i: int, rules: Rules, list_ends: list[Mention | None]
) -> tuple[Mention | None, bool]:
    """The province mention the text puts mentions[i] in, and whether right after it
    (else after the list it is in: list_ends, _list_provinces); (None, False) for none."""
    context = rules.name_context
    nxt = mentions[i + 1] if i + 1 < len(mentions) else None
    if nxt is None:
        return None, False
    gap = text[mentions[i].end : nxt.start]
    if nxt.kind == "province":
        return (nxt, True) if context.stated_province_gap.match(gap) else (None, False)
    return (list_ends[i + 1], False) if context.list_gap.match(gap) else (None, False)


def _list_provinces(text: str, mentions: list[Mention], rules: Rules) -> list[Mention | None]:
    """For each mention that is no province: the province that ends the list it heads, as
    "districts of P" ("Mangjic, Faizabad and Khanaqah districts of Jawzjan"), else None.

    Why one pass from the end: a hostile seed lists thousands of towns, and walking the
    rest of the list from each of them took time growing with the square of its length.
    """
    context = rules.name_context
    ends: list[Mention | None] = [None] * len(mentions)
    for j in range(len(mentions) - 2, -1, -1):
        here, after = mentions[j], mentions[j + 1]
        if here.kind == "province":
            continue
        gap = text[here.end : after.start]
        if after.kind == "province":
            ends[j] = after if context.list_province_gap.match(gap) else None
        elif context.list_gap.match(gap):
            ends[j] = ends[j + 1]
    return ends


def _fuzzy_mentions(
    text: str,
    folded: str,
    gaz: Gazetteer,
    toks: list[tuple[int, int]],
    caps: list[int],
    found: list[Mention],
    used: set[int],
    rules: Rules,
) -> list[Mention]:
    """One-edit misspellings of province and capital names (a swap of two neighbouring letters
    is one edit), only where context says place.

    Why so strict: a one-edit match on any capitalised word would turn "Kabir" or "Herald"
    into places. The word must sit in a list with real place mentions, or before
    "province", and it is marked fuzzy wherever it shows.
    """
    targets = gaz.fuzzy_targets
    starts, ends = [m.start for m in found], [m.end for m in found]
    caps_set = set(caps)
    memo = _memo(gaz, rules)  # "~word" -> its one-edit targets (names hold no "~")
    out = []
    for idx in caps:
        s, e = toks[idx]
        if idx in used or e - s < 5:
            continue
        budget.check()
        word = folded[s:e]
        if word in rules.not_places or _inside(found, starts, s) or word in gaz.foreign:
            continue
        if rules.name_context.district_after.match(text[e : e + 12]):
            # "Ghori district" is a district, not a misspelt province: of a district name
            district = _one_edit_district(gaz, word, memo)
            if (
                district is not None
                and not _ends_a_longer_name(text, toks, idx, caps_set)
                and _province_fits(district, found, s, e)
            ):
                out.append(Mention(text[s:e], s, e, district, "fuzzy", district.kind))
            continue
        near = memo.get("~" + word)
        if near is None:
            near = memo["~" + word] = _one_edit_targets(gaz.fuzzy_index, word)
        if len(near) != 1:
            continue
        in_list = _next_to_a_list_item(text, found, starts, ends, s, e, rules)
        if _surname(word, targets[near[0]], idx, caps_set, used) and _same_phrase(text, toks, idx):
            continue  # "Dawood Laghmani": a surname made from a place (a nisba), not the place
        town = rules.name_context.town_after.match(text, e)
        if in_list or town or _followed_by_province(text, e, rules):
            place = targets[near[0]]
            if town and place.kind == "province":  # "Heart city": the capital
                place = gaz.capitals.get(place.province, place)
            out.append(Mention(text[s:e], s, e, place, "fuzzy", place.kind))
    return out


def _surname(word: str, place: Place, idx: int, caps: set[int], used: set[int]) -> bool:
    """Is the word a place name plus "i" (Laghmani, Kandahari: a family name made from a
    place) right after a capitalised word that is no place (a given name)?"""
    return (
        word.endswith("i")
        and not fold(place.name).endswith("i")
        and idx - 1 in caps
        and idx - 1 not in used
    )


def _same_phrase(text: str, toks: list[tuple[int, int]], idx: int) -> bool:
    """Is token idx joined to the token before it by plain spaces, that token not the
    first of its sentence ("Dawood Laghmani", not "Fighting. Laghmani" or "Herat, Kandahr")?
    (A run of spaces: an unwrapped CR LF is two.)"""
    between = text[toks[idx - 1][1] : toks[idx][0]]
    if not between or between.strip(" ") or idx < 2:
        return False
    gap = text[toks[idx - 2][1] : toks[idx - 1][0]]
    return not any(stop in gap for stop in ".!?\n:")


def _inside(found: list[Mention], starts: list[int], pos: int) -> bool:
    """Is pos inside one of the found mentions (in text order, not overlapping)?"""
    k = bisect_right(starts, pos) - 1
    return k >= 0 and pos < found[k].end


def _next_to_a_list_item(
    text: str,
    found: list[Mention],
    starts: list[int],
    ends: list[int],
    s: int,
    e: int,
    rules: Rules,
) -> bool:
    """Does a found mention stand right before or after text[s:e], with only a list gap
    (", ", " and ") between? Only the nearest mention on each side can: any farther one
    has that nearest mention in its gap."""
    gap = rules.name_context.list_gap
    before = bisect_right(ends, s) - 1
    if before >= 0 and s - ends[before] <= MAX_LIST_GAP and gap.match(text[ends[before] : s]):
        return True
    after = bisect_left(starts, e)
    return (
        after < len(found)
        and starts[after] - e <= MAX_LIST_GAP
        and bool(gap.match(text[e : starts[after]]))
    )


def _one_edit_targets(index: dict[str, list[str]], word: str) -> list[str]:
    """The targets one edit away from word (not word itself), from a deletion index
    (gazetteer._deletion_index): a word and a target one edit apart share a key made by
    deleting at most one letter from each."""
    keys = {word, *(word[:k] + word[k + 1 :] for k in range(len(word)))}
    cands = {t for key in keys for t in index.get(key, ())}
    return sorted(t for t in cands if t != word and edit_distance_at_most_one(word, t))


def _ends_a_longer_name(text: str, toks: list[tuple[int, int]], idx: int, caps: set[int]) -> bool:
    """Is token idx the last word of a longer name ("Nahr-e Shahi", "Khwaja Ghar"): after a
    hyphen, a connector (e, i) or a capitalised word in the same phrase?"""
    s = toks[idx][0]
    if text[max(0, s - 3) : s].endswith(("-", "-e ", " e ", "-i ", " i ")):
        return True
    return idx - 1 in caps and _same_phrase(text, toks, idx)


# How far around a misspelt district name the provinces named count as its context.
DISTRICT_CONTEXT = 150


def _province_fits(district: Place, found: list[Mention], s: int, e: int) -> bool:
    """Does no province named near a misspelt district name say it lies elsewhere? ("the
    centre of Takhar's Daraq district" is not Dara in Panjshir, "officials in Badakhshan
    said that Bahark district also fell" not Baharak in Takhar.)"""
    near = {
        m.place.province
        for m in found
        if m.kind == PlaceKind.PROVINCE
        and s - DISTRICT_CONTEXT < m.end
        and m.start < e + DISTRICT_CONTEXT
    }
    return not near or district.province in near


def _one_edit_district(gaz: Gazetteer, word: str, memo: dict) -> Place | None:
    """The district whose one-word spelling is one edit from word ("Adraskam district":
    Adraskan, "Sancharak district": Sangcharak); None when none is, or when the spellings
    near it name districts of two provinces ("Karkh" is one edit from Karukh in Herat, Charkh
    in Logar and Nirkh in Wardak). Rows of one province that share a spelling (a district and
    its centre) give the first by name: the province, which the map colours, is the same.

    Why only before "district": the copy says what the word is, so a misspelling is the
    likely reading; anywhere else a one-edit district match would take ordinary words."""
    if word in gaz.common_words:
        return None
    key = "~d~" + word
    if key not in memo:
        near = _one_edit_targets(gaz.district_index, word)
        places = sorted(
            {gaz.places[pid] for t in near for pid in gaz.fuzzy_districts[t]},
            key=lambda p: (p.name, p.key),
        )
        one_province = len({p.province for p in places}) == 1
        memo[key] = places[0].key if places and one_province else ""
    return gaz.places[memo[key]] if memo[key] else None


def _coreferences(
    text: str, gaz: Gazetteer, start: int, named: list[Mention], rules: Rules
) -> list[Mention]:
    """Mentions such as "the provincial capital" that refer back to a named place.

    Each pattern in rules.toml says what it may refer to; the referent is the most recent
    matching place before it. "The capital" is never Kabul by default: only the national
    capital patterns name it.
    """
    out = []
    plural: list[Mention] = []  # several mentions of one phrase, one per place it names
    named_starts = {n.start for n in named}
    referents = [n for n in named if not _seat(text, n, rules)]
    provinces = [n for n in referents if n.kind == "province"]
    locating: dict[int, bool] = {}  # a referent's start -> does it only locate another?
    for rule, regex in coreferences_for(text, start, rules):  # mapping.prefilter: may match
        matches = list(regex.finditer(text, start))
        if not matches:
            continue  # no phrase: no referents to work out
        accepted = [n for n in referents if rule.accepts(n)]
        accepted.sort(key=lambda n: n.end)
        if rule.plural:
            plural += _plural(text, gaz, rule, matches, accepted, named_starts, rules)
            continue
        accepted_ends = [n.end for n in accepted]
        for m in matches:
            budget.check()
            s, e = m.span()
            if _names_follow(text, e, named_starts, rules):
                continue
            if rule.refers_to == "national_capital":
                target = gaz.capital_of(gaz.theatre["national_capital"])
                out.append(
                    Mention(
                        text[s:e],
                        s,
                        e,
                        target,
                        "coreference",
                        target.kind,
                        antecedent="(national capital)",
                    )
                )
                continue
            k = _antecedent(text, s, accepted, bisect_right(accepted_ends, s), locating, rules)
            ante = accepted[k - 1] if k else None
            if rule.refers_to == "town":  # "a council member in Paktika province ... the city"
                ante = _province_of_the_sentence(text, s, provinces, ante, rules) or ante
            if ante is not None:
                target = ante.place
                if rule.refers_to == "province":  # "fighting in Lashkar Gah ... the province"
                    target = gaz.provinces[ante.province]
                elif ante.kind == "province":  # "Kunduz province ... the provincial capital"
                    target = gaz.capital_of(ante.province)
                out.append(
                    Mention(
                        text[s:e], s, e, target, "coreference", target.kind, antecedent=ante.surface
                    )
                )
    out.sort(key=lambda m: m.start)
    kept: list[Mention] = []
    for mention in out:  # the longest pattern wins where two overlap
        if kept and mention.start < kept[-1].end:
            if mention.end - mention.start > kept[-1].end - kept[-1].start:
                kept[-1] = mention
            continue
        kept.append(mention)
    overlaps = overlap_test([(m.start, m.end) for m in kept])
    kept += [m for m in plural if not overlaps(m.start, m.end)]
    return sorted(kept, key=lambda m: m.start)


PLURAL_REACH = 600  # characters back from the phrase to the last place of its list


def _plural(
    text: str,
    gaz: Gazetteer,
    rule: Coreference,
    matches: list[re.Match],
    accepted: list[Mention],
    named_starts: set[int],
    rules: Rules,
) -> list[Mention]:
    """Mentions of "the three districts", "these cities", "both provinces": one per place
    of the last list of that kind before the phrase (_last_list), all spanning the phrase.
    With a count ("the three"), exactly that many places, else none: a count the copy does
    not bear out names nothing certain. Not a phrase that names its places after it ("the
    two districts of Khoshi and Mohammad Agha", "The three districts are Banu, ...":
    structure.carried_subject).
    """
    out = []
    ends = [n.end for n in accepted]
    for m in matches:
        budget.check()
        s, e = m.span()
        if _names_follow(text, e, named_starts, rules) or rules.structure.carried_subject.match(
            text, s
        ):
            continue
        said = rules.structure.plural_count.search(m.group())
        count = int(said.lastgroup[1:]) if said and said.lastgroup else None
        places = _last_list(text, gaz, rule, accepted[: bisect_right(ends, s)], s, count, rules)
        for target, ante in places:
            out.append(
                Mention(
                    text[s:e], s, e, target, "coreference", target.kind, antecedent=ante.surface
                )
            )
    return out


def _plural_target(gaz: Gazetteer, rule: Coreference, ante: Mention) -> Place:
    """The place a plural phrase means by one of its antecedents: "those provinces" the
    province of each place, "the three capitals" a province's capital, else the place."""
    if rule.refers_to == "provinces":
        return gaz.provinces[ante.province]
    if rule.refers_to == "capitals" and ante.kind == "province":
        return gaz.capital_of(ante.province)
    return ante.place


def _last_list(
    text: str,
    gaz: Gazetteer,
    rule: Coreference,
    before: list[Mention],
    at: int,
    count: int | None,
    rules: Rules,
) -> list[tuple[Place, Mention]]:
    """The places a plural phrase at `at` names, each with its antecedent: of the places
    before it (`before`, in text order), the last list of at least two (of `count`, the
    last `count` of a longer one), within PLURAL_REACH; a list is places joined by list
    gaps (structure.list_gap: "Kunduz, Baghlan and Takhar", not "Takhar heading towards
    Panjshir")."""
    k = len(before)
    while k and at - before[k - 1].end <= PLURAL_REACH:
        j = k - 1
        while j and rules.structure.list_gap.match(text[before[j - 1].end : before[j].start]):
            j -= 1
        named: dict[str, tuple[Place, Mention]] = {}
        for n in before[j:k]:
            target = _plural_target(gaz, rule, n)
            named[target.key] = (target, n)
        items = list(named.values())
        if len(items) >= (count or 2):
            return items[-count:] if count else items
        k = j
    return []


def _names_follow(text: str, end: int, named_starts: set[int], rules: Rules) -> bool:
    """Does the phrase ending at `end` ("the city", "the capital") come right before the
    name of the place it is: "the city of Herat", "the capital Kabul", or in apposition,
    "the capital, Kabul" (only when a place's name follows the comma)? Then the name is the
    mention, and the phrase refers back to nothing."""
    if rules.name_context.name_follows.match(text[end : end + 40]):
        return True
    gap = rules.name_context.name_apposition.match(text, end)
    return gap is not None and gap.end() in named_starts


def _capital_phrases(
    text: str, gaz: Gazetteer, mentions: list[Mention], rules: Rules
) -> list[Mention]:
    """ "Helmand's capital" and "the capital of Samangan" (not in apposition to a named town)
    are mentions of the province's capital city, spanning the whole phrase."""
    out = []
    for i, m in enumerate(mentions):
        if m.kind != "province" or m.match == "coreference":
            out.append(m)
            continue
        capital = gaz.capital_of(m.province)
        after = rules.name_context.capital_of_after.match(text[m.end : m.end + 40])
        before = rules.name_context.capital_of_before.search(text[max(0, m.start - 60) : m.start])
        prev = mentions[i - 1] if i else None
        appositive = prev is not None and prev.province == m.province and m.start - prev.end < 80
        if after:
            e = m.end + after.end()
            out.append(
                Mention(
                    text[m.start : e],
                    m.start,
                    e,
                    capital,
                    m.match,
                    capital.kind,
                    antecedent=m.surface,
                )
            )
        elif before and not appositive:
            s = m.start - (len(text[max(0, m.start - 60) : m.start]) - before.start())
            out.append(
                Mention(
                    text[s : m.end], s, m.end, capital, m.match, capital.kind, antecedent=m.surface
                )
            )
        else:
            out.append(m)
    return out


def _antecedent(
    text: str, s: int, accepted: list[Mention], k: int, locating: dict[int, bool], rules: Rules
) -> int:
    """How many of `accepted` (in text order) come before the antecedent of the phrase at
    `s`, the k before it being candidates: the last of them, passing over places named only
    to locate another close before the phrase ("Pul-e-Alam, 60 km south of Kabul, ...
    stormed the city": Pul-e-Alam). Whether a place only locates is asked of such close
    candidates only, once each (`locating`: start -> answer): a search each."""
    while k and s - accepted[k - 1].end < LOCATING_REACH:
        n = accepted[k - 1]
        if n.start not in locating:
            locating[n.start] = _locates_another(text, n, rules)
        if not locating[n.start]:
            break
        k -= 1
    return k


def _province_of_the_sentence(
    text: str, s: int, provinces: list[Mention], ante: Mention | None, rules: Rules
) -> Mention | None:
    """The province named last before "the city" at `s` in its own sentence, after the
    town it would otherwise refer to (`ante`): "Aziz, a member of the provincial council in
    Paktika province, said the fighters had entered the city" is Paktika's capital, not the
    town named sentences before; not a province named as where people came from (the
    lexicon's name_context.origin_before). Read as the province's mention (its capital is
    the city)."""
    after = ante.end if ante is not None else -1
    k = bisect_right(provinces, s, key=lambda p: p.end)
    if not k or provinces[k - 1].end <= after:
        return None
    p = provinces[k - 1]
    origin = rules.name_context.origin_before  # "fighters from nearby Helmand and ..."
    ends = rules.structure.sentence_end  # as statuses.split_sentences reads sentences
    if ends.search(text, p.end, s) or origin.search(text, max(0, p.start - 60), p.start):
        return None
    return p


def _seat(text: str, m: Mention, rules: Rules) -> bool:
    """ "the government in Kabul": a place named as a seat, not a candidate for "the city"."""
    return m.place.is_national_capital and _after_locator(text, m, rules, "seat")


# How far after a place named to locate another "the city" still means the place it locates
# (its sentence, about): further on, the copy may have turned to it ("Sarobi, 45 miles east
# of Kabul, fell ... Two days later they swept into the city").
LOCATING_REACH = 250


def _locates_another(text: str, m: Mention, rules: Rules) -> bool:
    """ "60 km south of the capital of Kabul": a place named only to say where another lies
    (locator role "reference"); right after it, "the city" is the place it locates."""
    return _after_locator(text, m, rules, "reference")


def _after_locator(text: str, m: Mention, rules: Rules, role: str) -> bool:
    """Do the words before m match a locator of this role?"""
    before = text[max(0, m.start - 80) : m.start]
    return any(loc.role == role and loc.before.search(before) for loc in rules.locators)


def _village_not_district(text: str, m: Mention, rules: Rules) -> bool:
    """Is a district's name called a village here ("Sayad village of Chal district")? Then
    it names a village of the same name, which the gazetteer does not know, not the
    district (Sayad of Sar-e Pul)."""
    return m.kind == "district" and bool(
        rules.name_context.village_after.match(text[m.end : m.end + 30])
    )


def find_mentions(
    text: str, gaz: Gazetteer, start: int = 0, rules: Rules | None = None
) -> tuple[list[Mention], list[ForeignMention]]:
    """All place mentions in text[start:], in order, and the foreign names found, by
    `rules` (the package's lexicon when None)."""
    rules = rules or default_rules()
    folded = fold(text)
    toks = _tokens(folded, start, len(text))
    caps = _capitalised_tokens(text, toks)
    named, foreign, used = _name_mentions(text, folded, gaz, toks, caps, rules)
    named += _fuzzy_mentions(text, folded, gaz, toks, caps, named, used, rules)
    named.sort(key=lambda m: m.start)
    named = _province_lists(text, gaz, named, rules)
    named = _stated_provinces(text, gaz, named, rules)
    named = [m for m in named if not _village_not_district(text, m, rules)]
    named = _capital_phrases(text, gaz, named, rules)
    corefs = _coreferences(text, gaz, start, named, rules)
    overlaps = overlap_test([(m.start, m.end) for m in named])
    corefs = [c for c in corefs if not overlaps(c.start, c.end)]
    return sorted(named + corefs, key=lambda m: m.start), foreign


def overlap_test(spans: list[tuple[int, int]]) -> Callable[[int, int], bool]:
    """A function telling whether (s, e) overlaps any of the spans, in log time.

    Why: checking every span for every candidate is quadratic in a text with thousands
    of mentions. Sorted starts and the running maximum of their ends answer it at once.
    """
    spans = sorted(spans)
    starts = [a for a, _ in spans]
    reach = list(accumulate((b for _, b in spans), max))

    def overlaps(s: int, e: int) -> bool:
        k = bisect_left(starts, e)
        return k > 0 and reach[k - 1] > s

    return overlaps

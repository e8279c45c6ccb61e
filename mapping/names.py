"""Name normalisation shared by the gazetteer builder and the matcher.

Afghan place names reach English news in many transliterations: Mazar-i-Sharif,
Mazar-e Sharif, Mazar-e-Sharif; Sar-e-Pol, Sar-i-Pul, Sari Pul. Two keys make them meet:

* ``normalize`` folds case, diacritics, hyphens, apostrophes and spacing, so that
  "Herāt" == "herat" and "Mazar-e Sharif" == "mazar e sharif". Matches on this key are
  reported as ``exact``.
* ``skeleton`` goes further: it drops the joining vowel of Persian ezafe constructions
  (-e-, -i-) and spaces, and folds vowels and the usual consonant spellings, so that
  Taloqan/Taluqan/Taleqan or Sheberghan/Shibirghan share one key. Matches on this key
  are reported as ``variant``; they are only trusted for long names (see MIN_SKELETON).
  A short name (Washir, Nawa, Kishim) has too few consonants for that, so its key keeps
  the vowels instead and folds only the spellings that swap freely in transliteration
  (e/i, o/u, ee/i, oo/u, y/i, a silent h, doubled letters): Washeer/Washer/Washir,
  Kishem/Kishim, Marjah/Marja, Khogyani/Khugyani meet, Zhari and Zheray do not.
"""

from __future__ import annotations

import re
import unicodedata

# Characters that separate the parts of a transliterated name.
_SEPARATORS = re.compile(r"[\s\-\u2010-\u2015'\u2018\u2019`\u02bb\u02bc\u02be\u02bf\u2032.]+")
# Consonant spellings that vary between transliteration schemes, folded to one letter.
_CONSONANT_FOLDS = (
    ("kh", "x"),
    ("gh", "g"),
    ("sh", "s"),
    ("ch", "c"),
    ("zh", "z"),
    ("q", "k"),
    ("w", "v"),
    ("ph", "f"),
)
# A skeleton shorter than this is too likely to collide with an unrelated word.
MIN_SKELETON = 4


class _FoldTable(dict):
    """Code point -> its folded character, worked out the first time it is seen (a text
    holds few distinct characters), for str.translate."""

    def __missing__(self, code: int) -> str:
        base = unicodedata.normalize("NFKD", chr(code))
        base = "".join(c for c in base if not unicodedata.combining(c))
        base = base.lower()
        self[code] = folded = base[0] if len(base) == 1 else (base[:1] or " ")
        return folded


_FOLD_TABLE = _FoldTable()


def fold(text: str) -> str:
    """Lower-case and strip diacritics, keeping one character per input character.

    Keeping the length lets the matcher map offsets in the folded text straight back
    to the original text. Plain ASCII, most of any article, is only lower-cased.
    """
    if text.isascii():
        return text.lower()
    return text.translate(_FOLD_TABLE)


def normalize(name: str) -> str:
    """Key for exact matching: folded, separators collapsed to single spaces."""
    folded = fold(name)
    folded = re.sub(r"[\u2018\u2019'`]s$", "", folded)  # possessive: Kunduz's
    return _SEPARATORS.sub(" ", folded).strip()


def skeleton(name: str) -> str:
    """Key for variant matching: transliteration differences folded away.

    Ezafe connectors ("-e-", "-i-", "-ye-") are dropped, vowels after the first letter
    removed, doubled letters collapsed, and interchangeable consonant spellings folded.
    """
    words = normalize(name).split(" ")
    words = [w for w in words if w not in ("e", "i", "ye", "y", "yi", "a")]
    joined = "".join(words)
    for src, dst in _CONSONANT_FOLDS:
        joined = joined.replace(src, dst)
    if not joined:
        return ""
    head, tail = joined[0], re.sub(r"[aeiouyh]", "", joined[1:])
    if head in "aeiouy":
        head = "a"
    key = re.sub(r"(.)\1+", r"\1", head + tail)
    if len(key) >= MIN_SKELETON:
        return key
    loose = _vowel_key("".join(words))
    return LOOSE_MARK + loose if len(loose) >= MIN_SKELETON else key


# Marks a vowel-keeping key, so that it never equals a consonant skeleton.
LOOSE_MARK = "~"
# Vowel spellings that swap freely between transliterations, folded in this order (after
# "ow" -> "aw", so Dowlat and Dawlat meet, and the consonant folds).
_VOWEL_FOLDS = (("ee", "i"), ("ii", "i"), ("oo", "u"), ("ou", "u"), ("e", "i"), ("o", "u"))


def _vowel_key(joined: str) -> str:
    """The key of a short name: consonants folded as in the skeleton, vowels kept but for
    e/i, o/u, y/i and long-vowel spellings, a silent h dropped, doubled letters collapsed.

    Why keep vowels: with three consonants or fewer, a consonant skeleton ("vsr" for
    Washir) is shared by too many unrelated words, while the vowels tell them apart.
    """
    s = joined.replace("ow", "aw")
    for src, dst in _CONSONANT_FOLDS:
        s = s.replace(src, dst)
    for src, dst in _VOWEL_FOLDS:
        s = s.replace(src, dst)
    s = s.replace("y", "i")
    if not s:
        return ""
    s = s[0] + s[1:].replace("h", "")
    return re.sub(r"(.)\1+", r"\1", s)


_MARKS = re.compile(r"[\u2018\u2019\u02bb\u02bc\u02be\u02bf`]")


def plain_spelling(name: str, overrides: dict[str, str] | None = None) -> str:
    """The name as English copy spells it: the theatre's own spelling where it gives one
    (Aībak -> Aybak, Mazār-e Sharīf -> Mazar-i-Sharif), else without diacritics and ayn
    marks (Herāt -> Herat, Pul-e ‘Alam -> Pul-e Alam).

    Why: GeoNames names carry scholarly transliteration, and a map a journalist publishes
    must name each place one way, in the spelling readers know.
    """
    if overrides and name in overrides:
        return overrides[name]
    base = unicodedata.normalize("NFKD", _MARKS.sub("", name))
    return unicodedata.normalize("NFC", "".join(c for c in base if not unicodedata.combining(c)))


def edit_distance_at_most_one(a: str, b: str) -> bool:
    """True when a and b differ by at most one insertion, deletion, substitution or swap of
    two neighbouring letters ("Heart" for "Herat", a common slip of the keyboard)."""
    if a == b:
        return True
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    if la > lb:
        a, b, la, lb = b, a, lb, la
    i = 0
    while i < la and a[i] == b[i]:
        i += 1
    if la == lb:
        swapped = i + 1 < la and a[i] == b[i + 1] and a[i + 1] == b[i]
        return a[i + 1 :] == b[i + 1 :] or (swapped and a[i + 2 :] == b[i + 2 :])
    return a[i:] == b[i + 1 :]

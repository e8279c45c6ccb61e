"""Seed texts of hostile shapes, generated at any size, for timing the extraction.

Each generator takes a size n (the number of repeated units) and returns a text whose
length grows in proportion to n. The shapes are those that once made extraction grow
faster than the text (issue "Untrusted articles must never ... exhaust the machine"):
tests/test_pathological.py checks the growth, tools/benchmark.py --pathological prints
the seconds.
"""

from __future__ import annotations

import base64
import random
import time
from collections.abc import Callable

NAMES = (
    "Kabul",
    "Herat",
    "Kandahar",
    "Kunduz",
    "Ghazni",
    "Khost",
    "Zaranj",
    "Faizabad",
    "Jalalabad",
    "Taloqan",
    "Pul-i-Khumri",
    "Sheberghan",
    "Farah",
    "Lashkar Gah",
)
# One edit away from a province or capital name: candidates for the fuzzy matcher.
NEAR_MISSES = (
    "Kandahr",
    "Heratt",
    "Kundus",
    "Ghazny",
    "Jalalabat",
    "Taloqqan",
    "Faizabat",
    "Sheberghen",
    "Zaranji",
    "Farahh",
)


def kabul_fell(n: int) -> str:
    """ "Kabul fell, " n times: n subjects each before its own verb, in one sentence."""
    return "Kabul fell, " * n


def capture_list(n: int) -> str:
    """One verb and a list of n names."""
    return "The Taliban captured " + ", ".join(NAMES[i % len(NAMES)] for i in range(n)) + "."


def us_abbreviations(n: int) -> str:
    """ "U.S. " n times: n full stops the sentence splitter must not split at."""
    return "U.S. " * n


def long_token(n: int) -> str:
    """One capitalised word of n letters."""
    return "K" + "a" * (n - 1)


def base64_blob(n: int) -> str:
    """n characters of base64, as a pasted attachment would be."""
    raw = random.Random(n).randbytes(n)
    return base64.b64encode(raw).decode("ascii")[:n]


def near_misses(n: int) -> str:
    """n names interleaved with one-edit near-misses, as a list."""
    words = [
        NAMES[i % len(NAMES)] if i % 2 else NEAR_MISSES[i % len(NEAR_MISSES)] for i in range(n)
    ]
    return "Fighting was reported in " + ", ".join(words) + " province."


def long_sentence(n: int) -> str:
    """n words in one sentence with no full stop, names and verbs among them."""
    words = ("the", "fighters", "near", "Kabul", "were", "seen", "and", "Herat", "fell", "then")
    return " ".join(words[i % len(words)] for i in range(n))


def commas(n: int) -> str:
    """n commas between short words and names."""
    return "Reports from " + ", ".join(("Kabul", "x", "Herat", "y")[i % 4] for i in range(n)) + "."


def nested(n: int) -> str:
    """Brackets and quotes nested n deep, a report at each level."""
    marks = ("()", "\u201c\u201d", '""', "''", "[]")
    opening = "".join(f"{marks[i % 5][0]}{NAMES[i % len(NAMES)]} fell " for i in range(n))
    return opening + "".join(marks[i % 5][1] for i in reversed(range(n))) + "."


def hyphenated(n: int) -> str:
    """Hyphenated compounds of near-names: "Kabul-Herati-Kandahar-e ..."."""
    parts = ("Kabul", "Herati", "Kandahar", "e", "Mazar", "i", "Sharif", "Kunduzi")
    words = ["-".join(parts[(i + j) % len(parts)] for j in range(4)) for i in range(n)]
    return "The Taliban captured " + " ".join(words) + "."


def digits(n: int) -> str:
    """n digits and nothing else."""
    return "".join(str(i % 10) for i in range(n))


def the_city(n: int) -> str:
    """A named place, then n coreference phrases referring back to it."""
    return (
        "Kunduz province was attacked. " + "The provincial capital fell and the city was held. " * n
    )


# Shape name -> (generator, small size); the large size is 8 times the small one. The
# small size takes some 30-60 ms, so that timer noise does not decide the growth.
SHAPES: dict[str, tuple[Callable[[int], str], int]] = {
    "'Kabul fell, ' repeated": (kabul_fell, 200),
    "capture list": (capture_list, 600),
    "'U.S. ' repeated": (us_abbreviations, 1500),
    "long token": (long_token, 1 << 19),
    "base64 blob": (base64_blob, 1 << 16),
    "names and near-misses": (near_misses, 600),
    "sentence, no full stop": (long_sentence, 800),
    "commas": (commas, 750),
    "nested brackets, quotes": (nested, 160),
    "hyphenated near-names": (hyphenated, 120),
    "only digits": (digits, 1 << 19),
    "'the city' coreferences": (the_city, 150),
}


def seconds(text: str, gaz, runs: int = 3) -> float:
    """Fastest of `runs` extractions of text (mapping.pipeline.extract_text)."""
    from mapping.pipeline import extract_text

    best = float("inf")
    for _ in range(runs):
        t0 = time.perf_counter()
        extract_text(text, gaz)
        best = min(best, time.perf_counter() - t0)
    return best

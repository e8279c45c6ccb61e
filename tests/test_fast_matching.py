"""The fast name matcher gives what the plain one gave.

The matcher walks only capitalised words, bounds each span once and remembers what each
spelling means (mentions._memo); fold() goes through a translate table. These tests pin
each shortcut to its plain definition: fold character by character, the memo warm, cold
and cleared at every text, and a few corners of the span walk.
"""

from __future__ import annotations

import importlib
import unicodedata

import pytest

from mapping.gazetteer import load_gazetteer
from mapping.names import fold
from mapping.pipeline import extract_text

GAZ = load_gazetteer()
mentions_module = importlib.import_module("mapping.mentions")  # the package names a function so


def _fold_one(ch: str) -> str:
    """fold's definition for one character (names.fold keeps one character per character)."""
    base = unicodedata.normalize("NFKD", ch)
    base = "".join(c for c in base if not unicodedata.combining(c)).lower()
    return base[0] if len(base) == 1 else (base[:1] or " ")


@pytest.mark.parametrize("block", range(0, 0x30000, 0x1000))
def test_fold_is_the_per_character_definition(block):
    chars = "".join(chr(x) for x in range(block, block + 0x1000) if not 0xD800 <= x < 0xE000)
    assert fold("x" + chars) == "x" + "".join(map(_fold_one, chars))


TEXTS = [
    # Written for these tests: joiners, connectors, possessives, case, diacritics.
    "Fighting reached Mazar-i-Sharif and Mazar e Sharif; Kunduz's governor fled to Kabul.",
    "The Taliban took Sar-e Pul, then Sar-e-Pol, then SAR-E-PUL, and Herāt fell.",
    "Officials in Lashkar Gah said Kandahar airport was still held; Kandahar city was not.",
    "Shirin Tagab and Gorno-Badakhshan were named. Ghazni province fell.",
    "Fighting in Pakria, Paktika and Khost provinces; the provincial capital held out.",
    "the city of kabul fell. " + "K" + "a" * 60 + " Kabul Kabul-Herat Herat-e Kabul .",
    "Zaranj, Nimroz. Zaranj — the Iranian city of Zabol — and MASHHAD, Iran, were quiet.",
]


def _run(texts: list[str]) -> list:
    return [extract_text(t, GAZ) for t in texts]


def test_the_memo_changes_nothing(monkeypatch):
    cold = mentions_module._MEMOS.clear() or _run(TEXTS)
    warm = _run(TEXTS)
    assert warm == cold
    monkeypatch.setattr(mentions_module, "MEMO_SIZE", 1)  # cleared at every lookup
    assert _run(TEXTS) == cold
    assert _run(list(reversed(TEXTS))) == list(reversed(cold))


def test_corners_of_the_span_walk():
    found = {r.mention.surface: r.mention.match for t in TEXTS for r in extract_text(t, GAZ)[0]}
    assert {"Mazar-i-Sharif", "Mazar e Sharif", "Kunduz", "Sar-e Pul", "Herāt"} <= set(found)
    assert "Kandahar airport" in found and "Lashkar Gah" in found
    assert "Tagab" not in found and "Badakhshan" not in found  # embedded in longer names
    assert found.get("Pakria") == "fuzzy"  # one edit from Paktia, in a list of provinces
    assert "kabul" not in found  # lower case: no name

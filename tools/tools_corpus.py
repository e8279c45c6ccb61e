"""A synthetic corpus for the benchmark: N news-length seeds (3-4 KB each, like the seed
article, which is 3.6 KB).

Each seed is dated front matter plus paragraphs assembled from wire-style sentence
templates about random provinces, towns and statuses, so extraction does real work.
Deterministic for a given N (seeded random generator).
"""

from __future__ import annotations

import random
from pathlib import Path

CAPITALS = [
    "Zaranj",
    "Sheberghan",
    "Kunduz",
    "Taloqan",
    "Aybak",
    "Sar-e-Pol",
    "Farah",
    "Pul-i-Khumri",
    "Faizabad",
    "Ghazni",
    "Qala-i-Naw",
    "Herat",
    "Kandahar",
    "Lashkar Gah",
    "Qalat",
    "Tarinkot",
    "Firozkoh",
    "Mazar-i-Sharif",
    "Jalalabad",
    "Gardez",
    "Khost",
    "Asadabad",
    "Mehtarlam",
    "Charikar",
    "Bamyan",
    "Nili",
]
PROVINCES = [
    "Nimroz",
    "Jowzjan",
    "Takhar",
    "Samangan",
    "Helmand",
    "Badakhshan",
    "Ghor",
    "Badghis",
    "Faryab",
    "Kandahar",
    "Zabul",
    "Uruzgan",
    "Logar",
    "Paktia",
    "Kunar",
]
DISTRICTS = [
    "Spin Boldak",
    "Musa Qala",
    "Sangin",
    "Khanabad",
    "Imam Sahib",
    "Andkhoy",
    "Islam Qala",
    "Nad Ali",
    "Arghandab",
    "Shindand",
    "Gereshk",
    "Char Asyab",
]
TEMPLATES = [
    "Taliban fighters captured {c} on {d}, officials said, after days of fighting.",
    "{c}, the capital of {p} province, fell to the insurgents late on {d}.",
    "Government forces repelled an attack on {c} overnight, the defence ministry said.",
    "Heavy clashes were reported on the outskirts of {c}, residents told reporters.",
    "The Taliban said they had seized {t} district, but the claim could not be verified.",
    "Afghan commandos retook {t} on {d}, a provincial council member said.",
    "A roadside bomb in {c} killed at least {n} civilians and wounded {m} others.",
    "Officials in {p} denied that {c} had fallen to the Taliban.",
    "Thousands of families have fled {t} towards {c}, according to the UN refugee agency.",
    "Diplomats in Doha urged both sides to return to talks as fighting spread in {p}.",
    "Fighting continued in {t} district of {p} province as the insurgents advanced.",
    "Residents said the city was quiet but shops remained closed and roads were empty.",
]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def make_seed(rng: random.Random, i: int) -> str:
    day = 1 + i % 20
    paras = []
    for _ in range(rng.randint(8, 10)):
        sents = [
            rng.choice(TEMPLATES).format(
                c=rng.choice(CAPITALS),
                p=rng.choice(PROVINCES),
                t=rng.choice(DISTRICTS),
                d=rng.choice(DAYS),
                n=rng.randint(2, 40),
                m=rng.randint(2, 90),
            )
            for _ in range(rng.randint(3, 5))
        ]
        paras.append(" ".join(sents))
    return (
        f"---\ntitle: Synthetic report {i}\nsource: Benchmark Wire\n"
        f"date: 2021-08-{day:02d}\n---\n" + "\n\n".join(paras) + "\n"
    )


def make_corpus(folder: Path, n: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(n)
    for i in range(n):
        (folder / f"seed_{i:05d}.txt").write_text(make_seed(rng, i), encoding="utf-8")

"""Does a change to the extractor keep its output byte for byte? Snapshot, then compare.

    python tools/same_extraction.py snapshot BEFORE.json   # on the old code
    python tools/same_extraction.py compare BEFORE.json    # on the new code: exit 1 on a diff

Each set below is run through `extract --json` (mapping.pipeline.build_paths and
mapping.outputs.extract_json, what the command prints) and the JSON text is kept whole:
seeds/, tests/data/timeline and xss, every passage of every labelled JSONL file (tests/data,
bench/realnews/build when the pages were saved) as a file of its own, a synthetic corpus
(tools_corpus), the hostile shapes of tools/pathological.py at a reduced size, and
generated sentences that mix every gazetteer spelling with case, diacritic, joiner and
one-letter changes around trigger words (the matcher's corners). Why whole texts, not
hashes: a difference is printed where it starts.
"""

from __future__ import annotations

import json
import random
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).parent))

WORDS = (
    "the Taliban captured fell to fighting in near province district city of and , "
    "said officials The attack on was repelled which had fallen after siege killed "
    "Governor Mr U.S. forces regained control over the provincial capital - ' s "
    "Herald Kabir Monday"
).split()
TRIGGERS = (
    "captured",
    "has fallen",
    "heavy fighting in",
    "repelled an attack on",
    "remains under government control",
    "was retaken",
    "the fall of",
    "pulled out of",
)


def _mutate(rng: random.Random, name: str) -> str:
    """A spelling as copy may print it: cased, accented, re-joined or one letter off."""
    roll = rng.random()
    if roll < 0.1:
        return name.upper()
    if roll < 0.2:
        return name.lower()
    if roll < 0.3 and len(name) > 3:
        k = rng.randrange(1, len(name))
        return name[:k] + rng.choice("aeiouhkr") + name[k + 1 :]
    if roll < 0.4 and len(name) > 4:
        k = rng.randrange(1, len(name))
        return name[:k] + name[k + 1 :]
    if roll < 0.5:
        return name.replace(" ", rng.choice(["-", " ", "", "\u2019", " - "]))
    if roll < 0.55:
        return name.replace("a", "\u0101").replace("i", "\u012b")
    if roll < 0.6:
        return name + rng.choice(["'s", "\u2019s", "-e", " Province", " airport"])
    return name


def generated(n: int) -> list[str]:
    """n short texts of gazetteer spellings, mutated, among trigger words and filler."""
    import csv

    from mapping.gazetteer import GEODATA_DIR

    names: list[str] = []
    with open(Path(GEODATA_DIR) / "places.csv", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            names += [row["name"], *row["alternatenames"].split("|")]
    with open(Path(GEODATA_DIR) / "foreign.csv", encoding="utf-8") as f:
        names += [row["name"] for row in csv.DictReader(f)][:400]
    names = [x for x in names if x]
    rng = random.Random(14)
    texts = []
    for _ in range(n):
        parts = []
        for _ in range(rng.randint(8, 30)):
            roll = rng.random()
            if roll < 0.35:
                parts.append(_mutate(rng, rng.choice(names)))
            elif roll < 0.5:
                parts.append(rng.choice(TRIGGERS))
            else:
                parts.append(rng.choice(WORDS))
            if rng.random() < 0.12:
                parts[-1] += rng.choice([".", ",", ";", ".\n", "\n\n"])
        texts.append(" ".join(parts))
    return texts


def _files(folder: Path, texts: list[str]) -> list[Path]:
    folder.mkdir(parents=True)
    paths = []
    for i, text in enumerate(texts):
        paths.append(folder / f"p{i:05d}.txt")
        paths[-1].write_text(text, encoding="utf-8")
    return paths


def _sets(tmp: Path) -> dict[str, list[Path]]:
    """Set name -> the seed files it extracts."""
    from pathological import SHAPES
    from tools_corpus import make_corpus

    from mapping.seeds import discover

    sets = {
        "seeds": discover(ROOT / "seeds"),
        "timeline": discover(ROOT / "tests" / "data" / "timeline"),
        "xss": discover(ROOT / "tests" / "data" / "xss"),
    }
    jsonl = sorted((ROOT / "tests" / "data").glob("*.jsonl"))
    jsonl += sorted((ROOT / "bench" / "realnews" / "build").glob("*.jsonl"))
    for path in jsonl:
        texts = [json.loads(line)["text"] for line in path.read_text("utf-8").splitlines()]
        name = str(path.relative_to(ROOT))
        sets[name] = _files(tmp / name.replace("/", "_"), texts)
    make_corpus(tmp / "synthetic", 150)
    sets["synthetic"] = discover(tmp / "synthetic")
    shapes = [generate(max(8, n // 4)) for generate, n in SHAPES.values()]
    sets["pathological"] = _files(tmp / "pathological", shapes)
    sets["generated"] = _files(tmp / "generated", generated(3000))
    return sets


def snapshot() -> dict[str, str]:
    from mapping.outputs import extract_json
    from mapping.pipeline import build_paths

    with tempfile.TemporaryDirectory() as tmp:
        out = {}
        for name, paths in _sets(Path(tmp)).items():
            text = extract_json(build_paths(paths)).replace(tmp, "<tmp>")
            out[name] = text.replace(str(ROOT), "<root>")  # comparable across checkouts
        return out


def main() -> int:
    if len(sys.argv) != 3 or sys.argv[1] not in ("snapshot", "compare"):
        print(__doc__, file=sys.stderr)
        return 2
    path = Path(sys.argv[2])
    now = snapshot()
    if sys.argv[1] == "snapshot":
        path.write_text(json.dumps(now, ensure_ascii=False), encoding="utf-8")
        print(f"{len(now)} sets, {sum(len(v) for v in now.values()):,} characters -> {path}")
        return 0
    before, differ = json.loads(path.read_text(encoding="utf-8")), 0
    for name in sorted(set(before) | set(now)):
        old, new = before.get(name, ""), now.get(name, "")
        if old == new:
            print(f"same       {name} ({len(new):,} characters)")
            continue
        differ += 1
        k = next((i for i, (a, b) in enumerate(zip(old, new)) if a != b), min(len(old), len(new)))
        print(f"DIFFERENT  {name} at character {k}:")
        print(f"  before: {old[max(0, k - 200) : k + 200]!r}")
        print(f"  after:  {new[max(0, k - 200) : k + 200]!r}")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())

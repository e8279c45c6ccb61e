"""How far two people labelling the same published passages agree, and the extractor with each.

    python tools/agreement.py            # bench/realnews/agreement/second_reading.jsonl
    python tools/agreement.py FILE       # another second reading (same schema, no text)

Why: a status target (issue 11 asks for 0.90) means something only if the labels behind it
are themselves consistent. A second person labels a sample of passages blind, by
tests/data/LABELS.md, without seeing the first labels; this script compares the two readings
province by province (as `territory-map eval` scores) and place by place, and, when the
passage texts have been rebuilt (tools/realnews.py rebuild), scores the extractor against
each reading on the same provinces. Only labels are compared: a second reading holds no
article text (no evidence sentences), so it may be committed.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from mapping.model import Status  # noqa: E402

CORPUS = ROOT / "bench" / "realnews"
SECOND = CORPUS / "agreement" / "second_reading.jsonl"


def read_jsonl(path: Path) -> dict[str, dict]:
    """Records of a JSON-lines file by id."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return {r["id"]: r for r in map(json.loads, filter(str.strip, lines))}


def first_reading(ids: set[str]) -> dict[str, dict]:
    """The corpus labels (bench/realnews/part_*.jsonl, read as tools/realnews.py reads
    them) of these passages."""
    from realnews import load_records  # beside this script: its folder is on sys.path

    found = {r["id"]: r for r in load_records() if r["id"] in ids}
    missing = ids - set(found)
    if missing:
        raise SystemExit(f"not in the corpus: {', '.join(sorted(missing))}")
    return found


def province_pairs(first: dict[str, dict], second: dict[str, dict]) -> list[tuple]:
    """(passage, province, first status, second status) for provinces both readings list;
    a province one reading lists and the other does not has None on the missing side."""
    pairs = []
    for pid, rec in sorted(second.items()):
        a, b = first[pid]["provinces"], rec["provinces"]
        for prov in sorted(set(a) | set(b)):
            pairs.append((pid, prov, a.get(prov, {}).get("status"), b.get(prov, {}).get("status")))
    return pairs


def place_pairs(first: dict[str, dict], second: dict[str, dict]) -> list[tuple[str, str]]:
    """(first status, second status) of the place entries both readings make, matched by
    province, kind and surface (case aside)."""
    pairs = []
    for pid, rec in second.items():
        known = {_place_key(p): p["status"] for p in first[pid]["places"]}
        pairs += [
            (known[_place_key(p)], p["status"]) for p in rec["places"] if _place_key(p) in known
        ]
    return pairs


def _place_key(place: dict) -> tuple[str, str, str]:
    return place["province"], place["kind"], place["surface"].casefold()


def ours_by_province(ids: set[str]) -> dict[tuple[str, str], str] | None:
    """The extractor's province statuses for these passages, scored as `eval` scores them;
    None when the passage texts have not been rebuilt."""
    from mapping.evaluate import load_passages, score_tool
    from mapping.gazetteer import load_gazetteer

    texts = [CORPUS / "build" / f"{split}.jsonl" for split in ("dev", "test")]
    if not all(p.exists() for p in texts):
        return None
    passages = [p for path in texts for p in load_passages(path) if p["id"] in ids]
    _, details = score_tool(passages, load_gazetteer())
    ours = {}
    for p, d in zip(passages, details):
        for prov, gold in p["provinces"].items():
            wrong = d["wrong_status"].get(prov)
            ours[p["id"], prov] = str(wrong[0]) if wrong else gold["status"]
    return ours


def report(first: dict[str, dict], second: dict[str, dict]) -> list[str]:
    """The agreement figures, as printed lines."""
    pairs = province_pairs(first, second)
    both = [(pid, prov, a, b) for pid, prov, a, b in pairs if a and b]
    same = sum(a == b for *_, a, b in both)
    side = sum(Status(a).side == Status(b).side for *_, a, b in both)
    places = place_pairs(first, second)
    lines = [
        f"passages {len(second)}; provinces listed by both {len(both)}, "
        f"by one reading only {len(pairs) - len(both)}",
        f"province status agreement {same}/{len(both)} ({same / len(both):.3f}); "
        f"side {side}/{len(both)} ({side / len(both):.3f})",
        f"place entries matched {len(places)}; same status "
        f"{sum(a == b for a, b in places)}/{len(places)}",
    ]
    ours = ours_by_province(set(second))
    if ours is not None:
        for name, k in (("first", 2), ("second", 3)):
            right = sum(ours.get((p[0], p[1])) == p[k] for p in both)
            lines.append(f"extractor against the {name} reading: {right}/{len(both)}")
    disagreements = Counter((a, b) for *_, a, b in both if a != b)
    lines += [f"  first {a} / second {b}: {n}" for (a, b), n in sorted(disagreements.items())]
    return lines


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("file", nargs="?", type=Path, default=SECOND, help="a second reading")
    args = ap.parse_args(argv)
    second = read_jsonl(args.file)
    print("\n".join(report(first_reading(set(second)), second)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""The real-news corpus: published passages referenced by address, locator and hash.

Why: article text is not ours to commit. `bench/realnews/*.jsonl` holds, per passage, the
page address, the search query that returns the stored page text, a locator (the passage's
first and last words) and the sha256 of the passage, plus our labels. The page text itself
is saved (verbatim, as the search tool returns it) into the git-ignored
`bench/realnews/pages/KEY.txt`, KEY being `page_key(url)`; this script cuts each passage
out by its locator, checks the hash and writes eval-ready JSON lines (devset schema, with
the text) into the git-ignored `bench/realnews/build/`.

    python tools/realnews.py cut URL "first words" "last words"   # passage + hash, to label
    python tools/realnews.py rebuild                             # build/dev.jsonl, build/test.jsonl
    python tools/realnews.py ingest ANSWER.json...               # save pages from search answers
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1] / "bench" / "realnews"
PAGES = ROOT / "pages"
BUILD = ROOT / "build"


def page_key(url: str) -> str:
    """File name stem of a saved page: stable, short, safe for any address."""
    return hashlib.sha256(url.encode("utf-8")).hexdigest()[:16]


def split_of(url: str) -> str:
    """One third of the pages are test, by address, so an article never straddles splits."""
    return "test" if int(hashlib.sha256(url.encode("utf-8")).hexdigest(), 16) % 3 == 0 else "dev"


def cut(page: str, first: str, last: str) -> str:
    """The passage from the first occurrence of `first` to the end of the next `last`."""
    start = page.find(first)
    if start < 0:
        raise ValueError(f"locator start not found: {first!r}")
    end = page.find(last, start)
    while end >= 0 and end + len(last) < start + len(first):  # must end after `first`
        end = page.find(last, end + 1)
    if end < 0:
        raise ValueError(f"locator end not found after start: {last!r}")
    return page[start : end + len(last)]


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def load_records() -> list[dict]:
    records = []
    for path in sorted(ROOT.glob("*.jsonl")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.strip():
                rec = json.loads(line)
                rec["_file"] = f"{path.name}:{n}"
                records.append(rec)
    return records


def rebuild() -> int:
    """Cut every passage from its saved page, check its hash, write build/{dev,test}.jsonl."""
    BUILD.mkdir(exist_ok=True)
    out: dict[str, list[str]] = {"dev": [], "test": []}
    problems = 0
    for rec in load_records():
        page_file = PAGES / f"{page_key(rec['url'])}.txt"
        try:
            page = page_file.read_text(encoding="utf-8")
            text = cut(page, rec["locator"]["first"], rec["locator"]["last"])
        except (OSError, ValueError) as exc:
            print(f"missing: {rec['_file']} {rec['id']}: {exc}", file=sys.stderr)
            problems += 1
            continue
        if digest(text) != rec["sha256"]:
            print(f"hash mismatch: {rec['_file']} {rec['id']}", file=sys.stderr)
            problems += 1
            continue
        row = {k: v for k, v in rec.items() if not k.startswith("_")}
        row["text"] = text
        out[split_of(rec["url"])].append(json.dumps(row, ensure_ascii=False))
    for split, rows in out.items():
        (BUILD / f"{split}.jsonl").write_text("\n".join(rows) + "\n", encoding="utf-8")
        print(f"{split}: {len(rows)} passages -> {BUILD / (split + '.jsonl')}")
    return 1 if problems else 0


def verified(page: str, records: list[dict]) -> int:
    """How many of `records` cut out of `page` with the right hash."""
    count = 0
    for rec in records:
        try:
            count += (
                digest(cut(page, rec["locator"]["first"], rec["locator"]["last"])) == rec["sha256"]
            )
        except ValueError:
            pass
    return count


def ingest(paths: list[str], every: bool = False) -> int:
    """Save the corpus's pages from saved search answers (JSON, as the search tool returns it).

    Why: the stored page text comes only through the search tool; saving its whole answer and
    letting this script pick the corpus's addresses avoids retyping excerpts by hand. A page
    is replaced only by a text that verifies more of its passages.
    """
    by_url: dict[str, list[dict]] = {}
    for rec in load_records():
        by_url.setdefault(rec["url"], []).append(rec)
    PAGES.mkdir(exist_ok=True)
    for path in paths:
        answer = json.loads(Path(path).read_text(encoding="utf-8"))
        results = answer["results"] if isinstance(answer, dict) else answer
        for result in results:
            records = by_url.get(result.get("url", ""))
            if not records and every:
                page_file = PAGES / f"{page_key(result['url'])}.txt"
                if not page_file.exists():
                    page_file.write_text(result["excerpt"], encoding="utf-8")
                print(f"{path}: {result['url']}: saved as {page_file.name}")
            if not records:
                continue
            page_file = PAGES / f"{page_key(result['url'])}.txt"
            old = page_file.read_text(encoding="utf-8") if page_file.exists() else ""
            new = result["excerpt"]
            if verified(new, records) > verified(old, records) or not old:
                page_file.write_text(new, encoding="utf-8")
            best = max(verified(new, records), verified(old, records))
            print(f"{path}: {result['url']}: {best}/{len(records)} passages verify")
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    sub = ap.add_subparsers(dest="cmd", required=True)
    c = sub.add_parser("cut", help="print a passage, its sha256, length and split")
    c.add_argument("url")
    c.add_argument("first")
    c.add_argument("last")
    sub.add_parser("rebuild", help="cut every passage and write build/{dev,test}.jsonl")
    i = sub.add_parser("ingest", help="save corpus pages from saved search answers (JSON)")
    i.add_argument("answers", nargs="+")
    i.add_argument("--all", action="store_true", help="also save pages not yet in the corpus")
    args = ap.parse_args(argv)
    if args.cmd == "rebuild":
        return rebuild()
    if args.cmd == "ingest":
        return ingest(args.answers, args.all)
    page = (PAGES / f"{page_key(args.url)}.txt").read_text(encoding="utf-8")
    text = cut(page, args.first, args.last)
    print(text)
    print(
        json.dumps(
            {
                "sha256": digest(text),
                "chars": len(text),
                "split": split_of(args.url),
                "key": page_key(args.url),
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

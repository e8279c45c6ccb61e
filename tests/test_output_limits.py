"""Outputs linear in the input: a hostile seed of 60 KB (one endless sentence naming Kabul
10,000 times; or sentences naming 50 places each) writes outputs and a cache of at most
BOUND times its size, and four times the seed writes at most GROWTH times as much.
Each sentence is written once (sentences.csv); a mention row repeats at most
EVIDENCE_CHARS of it; a seed keeps at most MAX_MENTIONS_PER_SEED mentions, with a note.
"""

from __future__ import annotations

import csv
import json
import os
from pathlib import Path

import pytest
from conftest import ROOT, run_cli

from mapping.pipeline import MAX_MENTIONS_PER_SEED
from mapping.rows import CUT, EVIDENCE_CHARS, clip_evidence
from mapping.statuses import MAX_EVIDENCE_CHARS

BOUND = 40  # outputs, and the cache, of a 60 KB seed: under 40 times its size
GROWTH = 6  # a seed four times larger: under six times the bytes
SMALL, LARGE = 15_000, 60_000


def places(n: int) -> list[str]:
    with open(ROOT / "mapping" / "geodata" / "places.csv", encoding="utf-8", newline="") as fh:
        return [row["name"] for row in csv.DictReader(fh)][:n]


SHAPES = {
    "kabul": lambda size: ("Kabul " * size)[:size],
    "fifty": lambda size: ((", ".join(places(50)) + " were quiet. ") * size)[:size],
}


def folder_bytes(folder: Path) -> int:
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file())


def build_one(tmp: Path, text: str) -> tuple[Path, object]:
    seeds, out = tmp / "seeds", tmp / "out"
    seeds.mkdir(parents=True)
    (seeds / "x.txt").write_text(text, encoding="utf-8")
    proc = run_cli("build", "--seeds", str(seeds), "--out", str(out), "--tiles", "none", "--quiet")
    return out, proc


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """(shape, size) -> (output folder, finished process) for both shapes and sizes."""
    return {
        (shape, size): build_one(tmp_path_factory.mktemp(f"{shape}{size}"), make(size))
        for shape, make in SHAPES.items()
        for size in (SMALL, LARGE)
    }


def sizes(out: Path) -> tuple[int, int]:
    """Bytes of the outputs, and of the cache."""
    outputs = sum(f.stat().st_size for f in out.iterdir() if f.is_file())
    return outputs, folder_bytes(out / ".cache")


@pytest.mark.parametrize("shape", SHAPES)
def test_outputs_and_cache_bounded_by_the_seed_size(hostile, shape):
    outputs, cache = sizes(hostile[shape, LARGE][0])
    assert outputs < BOUND * LARGE and cache < BOUND * LARGE, (outputs, cache)


@pytest.mark.parametrize("shape", SHAPES)
def test_four_times_the_seed_at_most_six_times_the_bytes(hostile, shape):
    small, large = (sum(sizes(hostile[shape, size][0])) for size in (SMALL, LARGE))
    assert large < GROWTH * small, (small, large)


@pytest.mark.parametrize("shape", SHAPES)
def test_mentions_capped_with_one_note_and_exit_zero(hostile, shape):
    out, proc = hostile[shape, LARGE]
    assert proc.returncode == 0
    (note,) = [ln for ln in proc.stderr.splitlines() if ln.startswith("note:")]
    assert note.startswith(f"note: {out.parent / 'seeds' / 'x.txt'}: ")
    assert note.endswith(f" mentions, only the first {MAX_MENTIONS_PER_SEED} kept")
    with open(out / "mentions.csv", encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == MAX_MENTIONS_PER_SEED
    assert [int(r["start"]) for r in rows] == sorted(int(r["start"]) for r in rows)
    assert rows[-1]["end"] and int(rows[-1]["end"]) < LARGE  # the first ones kept
    if shape == "kabul":  # from the cache: the same rows and note
        again = run_cli(
            "build",
            "--seeds",
            str(out.parent / "seeds"),
            "--out",
            str(out),
            "--tiles",
            "none",
            "--quiet",
        )
        assert "1 seed(s) reused" in again.stdout
        assert [ln for ln in again.stderr.splitlines() if ln.startswith("note:")] == [note]
        with open(out / "mentions.csv", encoding="utf-8-sig", newline="") as fh:
            assert list(csv.DictReader(fh)) == rows


def test_extract_json_evidence_clipped(hostile):
    out, _ = hostile["kabul", LARGE]
    proc = run_cli("extract", str(out.parent / "seeds" / "x.txt"), "--json")
    assert len(proc.stdout) < BOUND * LARGE
    (seed,) = json.loads(proc.stdout)["seeds"]
    assert all(len(m["evidence"]) <= EVIDENCE_CHARS for m in seed["mentions"])


def test_each_sentence_once_and_evidence_clipped(hostile):
    out, _ = hostile["kabul", LARGE]
    text = (out.parent / "seeds" / "x.txt").read_text(encoding="utf-8")
    with open(out / "sentences.csv", encoding="utf-8-sig", newline="") as fh:
        sentences = list(csv.DictReader(fh))
    # One sentence of 60,000 characters: stored as a few overlapping windows of
    # MAX_EVIDENCE_CHARS (statuses._evidence), each once, never once per mention.
    assert len(sentences) <= len(text) // (MAX_EVIDENCE_CHARS // 2) + 1
    assert [s["sentence_id"] for s in sentences] == [str(i) for i in range(len(sentences))]
    assert len({(s["start"], s["end"]) for s in sentences}) == len(sentences)
    for sentence in sentences:
        assert sentence["seed"] == "x.txt"
        assert text[int(sentence["start"]) : int(sentence["end"])] == sentence["text"]
    by_id = {s["sentence_id"]: s["text"] for s in sentences}
    with open(out / "mentions.csv", encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    for r in rows:
        assert len(r["evidence"]) <= EVIDENCE_CHARS
        assert r["evidence"].strip(CUT) in by_id[r["sentence_id"]]
        assert r["surface"] in r["evidence"]
        assert CUT in r["evidence"]
    doc = json.loads((out / "provinces.geojson").read_text(encoding="utf-8"))
    kabul = next(f["properties"] for f in doc["features"] if f["properties"]["id"] == "AF-KAB")
    for line in kabul["evidence"].split("\n"):
        assert len(line) <= EVIDENCE_CHARS + len(" [x.txt]")
    assert os.path.getsize(out / "map.html") < 10 * LARGE


def test_real_sentences_keep_their_evidence_whole(built):
    """The news seed's rows: the evidence is the whole sentence sentences.csv holds."""

    def rows(name):
        with open(built / name, encoding="utf-8-sig", newline="") as fh:
            return list(csv.DictReader(fh))

    sentences = {(r["seed"], r["sentence_id"]): r["text"] for r in rows("sentences.csv")}
    mentions = rows("mentions.csv")
    assert mentions and len(sentences) < len(mentions)
    for r in mentions:
        assert r["evidence"] == sentences[r["seed"], r["sentence_id"]]


@pytest.mark.parametrize("length", [401, 450, 1000, 5000])
@pytest.mark.parametrize("where", [0, 0.3, 0.5, 0.99, 1.0])
def test_clip_evidence_window(length, where):
    sentence = " ".join(str(i) for i in range(length))[:length]  # no window repeats
    start = min(int(length * where), length - 5)
    clipped = clip_evidence(sentence, start, start + 5)
    assert len(clipped) <= EVIDENCE_CHARS
    assert sentence[start : start + 5] in clipped
    inner = clipped.strip(CUT)
    assert inner in sentence and len(clipped) >= EVIDENCE_CHARS - 1
    assert clipped.startswith(CUT) != sentence.startswith(inner)
    assert clipped.endswith(CUT) != sentence.endswith(inner)


def test_short_sentence_is_not_clipped():
    assert clip_evidence("Kabul fell.", 0, 5) == "Kabul fell."
    assert clip_evidence("x" * EVIDENCE_CHARS, 0, 1) == "x" * EVIDENCE_CHARS

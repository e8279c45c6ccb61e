"""The seed index: a rebuild does not read seed files that have not changed since the
last build, and never trusts the index where a file may have changed.

Most tests shrink mapping.cache.RECENT_NS to 50 ms and let 60 ms pass after writing
files, instead of waiting seconds (a test cannot age a file's change time); the last test
keeps the real margin. The margin stays above the file system's timestamp tick, or a
rewrite within one tick would be missed, as the index's docstring explains.
"""

from __future__ import annotations

import json
import os
import time

import pytest

import mapping.cache
from mapping.cache import INDEX, KEY_FILE, SeedIndex
from mapping.pipeline import build

MARGIN_NS = 50_000_000


@pytest.fixture
def settled(monkeypatch):
    monkeypatch.setattr(mapping.cache, "RECENT_NS", MARGIN_NS)


def settle():
    time.sleep(MARGIN_NS / 1e9 + 0.01)


def write(folder, name, text):
    """Write a seed and let it age past the (shrunk) margin."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    settle()


def by_name(result):
    return {r.seed.name: r for r in result.seeds}


def test_unchanged_seeds_are_not_read_again(tmp_path, settled):
    seeds, cache = tmp_path / "s", tmp_path / "c"
    write(
        seeds,
        "a.txt",
        "---\ntitle: Farah falls\ndate: 2021-08-10\n---\nThe Taliban captured Farah.",
    )
    write(seeds, "b.txt", "Government forces repelled an attack on Herat.")
    build(seeds, cache_dir=cache)
    write(seeds, "c.txt", "The Taliban captured Zaranj.")
    res = build(seeds, cache_dir=cache)
    seeds_by_name = {n: r.seed for n, r in by_name(res).items()}
    assert seeds_by_name["a.txt"].loaded_text is None  # not read
    assert seeds_by_name["b.txt"].loaded_text is None
    assert seeds_by_name["c.txt"].loaded_text is not None  # the new one is
    a = seeds_by_name["a.txt"]
    assert (a.title, a.date) == ("Farah falls", "2021-08-10")  # metadata from the index
    assert res.provinces["AF-FRA"].status == "captured"
    assert res.provinces["AF-NIM"].status == "captured"
    assert a.text.endswith("The Taliban captured Farah.")  # read when asked for
    assert a.body == "The Taliban captured Farah."


def test_rewrite_of_same_size_and_restored_mtime_is_read_again(tmp_path, settled):
    """cp -p style: same size, same modification time, other words; the change time and
    the inode catch it."""
    seeds, cache = tmp_path / "s", tmp_path / "c"
    write(seeds, "a.txt", "The Taliban captured Farah.")
    build(seeds, cache_dir=cache)
    path = seeds / "a.txt"
    before = path.stat()
    with open(path, "r+", encoding="utf-8") as fh:  # in place: same inode
        fh.write("The Taliban captured Herat.")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    settle()
    assert path.stat().st_size == before.st_size and path.stat().st_mtime_ns == before.st_mtime_ns
    res = build(seeds, cache_dir=cache)
    assert res.provinces["AF-HER"].status == "captured"
    assert res.provinces["AF-FRA"].status == "no_report"


def test_changed_sidecar_metadata_is_read_again(tmp_path, settled):
    seeds, cache = tmp_path / "s", tmp_path / "c"
    write(seeds, "a.txt", "The Taliban captured Farah.")
    build(seeds, cache_dir=cache)
    write(seeds, "a.yaml", "date: 2021-08-12\nsource: Wire\n")
    res = build(seeds, cache_dir=cache)
    a = by_name(res)["a.txt"].seed
    assert (a.date, a.source) == ("2021-08-12", "Wire")
    (seeds / "a.yaml").unlink()
    assert by_name(build(seeds, cache_dir=cache))["a.txt"].seed.date == ""


def test_encoding_remark_survives_the_index(tmp_path, settled):
    seeds, cache = tmp_path / "s", tmp_path / "c"
    seeds.mkdir()
    (seeds / "a.txt").write_bytes("The Taliban captured Farah \u2013 officials.".encode("cp1252"))
    settle()
    first = build(seeds, cache_dir=cache)
    again = build(seeds, cache_dir=cache)
    assert by_name(again)["a.txt"].seed.loaded_text is None
    assert [str(p) for p in again.problems] == [str(p) for p in first.problems]
    assert any("Windows-1252" in str(p) for p in again.problems)


@pytest.mark.parametrize(
    "damage",
    [
        b"not json",
        b'{"seeds": []}',
        b'{"seeds": {"PATH": [null, "x", {}, 0, []]}}',
        b'{"seeds": {"PATH": ["STAMPS", "x", {"evil": 1}, 0, []]}}',
        b'{"seeds": {"PATH": ["STAMPS", "x", {"title": ["a list"]}, 0, []]}}',
        b'{"seeds": {"PATH": ["STAMPS", "x", {}, "0", []]}}',
    ],
)
def test_damaged_index_is_ignored_not_trusted(tmp_path, settled, damage):
    seeds, cache = tmp_path / "s", tmp_path / "c"
    write(seeds, "a.txt", "The Taliban captured Farah.")
    build(seeds, cache_dir=cache)
    (index,) = cache.rglob(INDEX)
    stamps = json.dumps(json.loads(index.read_bytes())["seeds"][str(seeds / "a.txt")][0])
    index.write_bytes(
        damage.replace(b"PATH", str(seeds / "a.txt").encode()).replace(b'"STAMPS"', stamps.encode())
    )
    res = build(seeds, cache_dir=cache)
    seed = by_name(res)["a.txt"].seed
    assert seed.loaded_text is not None and seed.title == ""
    assert res.provinces["AF-FRA"].status == "captured"


def test_recently_changed_files_are_not_trusted(tmp_path):
    """With the real margin, a file written just now is read again on the next build: a
    second change within the same timestamp tick could not be seen in its stamp."""
    seeds, cache = tmp_path / "s", tmp_path / "c"
    write(seeds, "a.txt", "The Taliban captured Farah.")
    build(seeds, cache_dir=cache)
    (index,) = cache.rglob(INDEX)
    assert json.loads(index.read_bytes())["seeds"] == {}
    assert by_name(build(seeds, cache_dir=cache))["a.txt"].seed.loaded_text is not None


@pytest.mark.parametrize("signed", [False, True])
def test_seed_whose_text_is_not_what_the_index_says_is_read_again(tmp_path, settled, signed):
    """The index says unchanged, the cache entry is gone, and the file does not hold the
    text the index recorded (a damaged digest; or, signed with the cache's key, as if the
    file changed after the lookup): the seed is built from the text it holds, with no
    problem line, and the next build reads it once more and then trusts the index again."""
    seeds, cache = tmp_path / "s", tmp_path / "c"
    write(seeds, "a.txt", "---\ntitle: Old\n---\nThe Taliban captured Farah.")
    write(seeds, "b.txt", "The Taliban captured Herat.")
    build(seeds, cache_dir=cache)
    (index,) = cache.rglob(INDEX)
    for entry in index.parent.glob("??/*"):
        entry.unlink()  # every cache entry lost
    data = json.loads(index.read_bytes())
    fields = data["seeds"][str(seeds / "a.txt")]
    fields[1] = "0" * 64  # another text's digest
    fields[2]["title"] = "Stale"
    if signed:
        key = bytes.fromhex((index.parent / KEY_FILE).read_text())
        fields[5] = SeedIndex(index, key)._sign(str(seeds / "a.txt"), fields[:5])
    index.write_bytes(json.dumps(data).encode())
    res = build(seeds, cache_dir=cache)
    assert [r.seed.name for r in res.seeds] == ["a.txt", "b.txt"] and not res.problems
    assert by_name(res)["a.txt"].seed.title == "Old"
    assert res.provinces["AF-FRA"].status == "captured"
    again = build(seeds, cache_dir=cache)
    assert by_name(again)["a.txt"].seed.title == "Old" and not again.problems
    assert by_name(build(seeds, cache_dir=cache))["a.txt"].seed.loaded_text is None


def test_a_build_with_a_memo_takes_unchanged_entries_from_memory(tmp_path, settled):
    """`watch` keeps the entries one build read for the next (cache.EntryMemo): after a
    seed is added, the others' entries are neither read nor checked again, which shows as
    a rebuild that needs no entry file of theirs, and gives what a fresh build gives.
    (Entries are kept when read, not when written: the build that extracts a seed is
    followed by one that reads it.)"""
    from mapping.batches import build_jobs
    from mapping.cache import EntryMemo

    seeds, cache, memo = tmp_path / "s", tmp_path / "c", EntryMemo()
    write(seeds, "a.txt", "---\ndate: 2021-08-10\n---\nThe Taliban captured Farah on Monday.")
    write(seeds, "b.txt", "Government forces repelled an attack on Herat.")
    build(seeds, cache_dir=cache)
    build_jobs(seeds, cache_dir=cache, memo=memo)
    (index,) = cache.rglob(INDEX)
    for entry in index.parent.glob("??/*"):
        entry.unlink()  # nothing left on disk but the index: only memory can serve them
    write(seeds, "c.txt", "The Taliban captured Zaranj.")
    res = build_jobs(seeds, cache_dir=cache, memo=memo)
    assert res.stats is not None
    assert (res.stats.reused, res.stats.extracted, res.stats.damaged) == (2, 1, 0)
    fresh = build(seeds)
    assert [
        (r.seed.name, [(x.mention.surface, x.status, x.event_date) for x in r.readings])
        for r in res.seeds
    ] == [
        (r.seed.name, [(x.mention.surface, x.status, x.event_date) for x in r.readings])
        for r in fresh.seeds
    ]
    assert {p: s.status for p, s in res.provinces.items()} == {
        p: s.status for p, s in fresh.provinces.items()
    }


def test_a_memo_keeps_only_the_entries_of_the_latest_build(tmp_path, settled):
    """A long watch over a changing folder must not keep every entry it ever read: a seed
    removed and later put back is read from the cache folder again (here it is gone from
    there, so it is extracted), not from memory."""
    from mapping.batches import build_jobs
    from mapping.cache import EntryMemo

    seeds, cache, memo = tmp_path / "s", tmp_path / "c", EntryMemo()
    write(seeds, "a.txt", "The Taliban captured Farah.")
    write(seeds, "b.txt", "The Taliban captured Herat.")
    build(seeds, cache_dir=cache)
    build_jobs(seeds, cache_dir=cache, memo=memo)
    (seeds / "b.txt").rename(tmp_path / "b.txt")
    build_jobs(seeds, cache_dir=cache, memo=memo)
    (tmp_path / "b.txt").rename(seeds / "b.txt")
    for entry in next(cache.rglob(INDEX)).parent.glob("??/*"):
        entry.unlink()
    res = build_jobs(seeds, cache_dir=cache, memo=memo)
    assert res.stats is not None
    assert (res.stats.reused, res.stats.extracted) == (1, 1)

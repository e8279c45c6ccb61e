"""A cache that proves its entries: whatever happens to the files in the cache folder
(flipped bits, cuts, an entry copied over another, an edited status, a damaged key or seed
index), the next build's outputs are byte for byte those of a build without a cache, and
the build after that is clean again. Every build here goes through the real CLI.

The seeds are written once and left to age past the seed index's margin (RECENT_NS), so
the index remembers them and its damage is exercised too. One output folder serves the
damage tests in turn: each leaves it healed, as `heals` checks. Several kinds of damage
share a build (one per entry), to keep the number of builds down.
"""

from __future__ import annotations

import csv
import json
import random
import shutil
import time

import pytest
from conftest import ROOT, SEED, run_cli

from mapping.cache import (
    INDEX,
    KEY_FILE,
    MARKER,
    READING_COLUMNS,
    RECENT_NS,
    REPORT_COLUMNS,
    ROWS_SUFFIX,
    STATUS_CODES,
    SeedIndex,
    _mac,
)

TIMELINE = ROOT / "tests" / "data" / "timeline"
OUTPUTS = ("mentions.csv", "sentences.csv", "history.csv", "provinces.geojson", "map.html")


def build_cli(seeds, out, *extra):
    return run_cli(
        "build", "--seeds", str(seeds), "--out", str(out), "--tiles", "none", "--quiet", *extra
    )


def outputs(out) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in OUTPUTS}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """The timeline seeds and the seed article, aged past the index margin, and the
    outputs of a build without a cache."""
    root = tmp_path_factory.mktemp("integrity")
    seeds = root / "seeds"
    shutil.copytree(TIMELINE, seeds)
    shutil.copy(SEED, seeds)
    shutil.copy(SEED.with_suffix(".yaml"), seeds)
    time.sleep(RECENT_NS / 1e9 + 0.2)
    build_cli(seeds, root / "clean", "--no-cache")
    return seeds, outputs(root / "clean")


@pytest.fixture(scope="module")
def warm(corpus, tmp_path_factory):
    """An output folder whose cache holds every seed, and the index every file."""
    seeds, clean = corpus
    out = tmp_path_factory.mktemp("warm")
    build_cli(seeds, out)
    assert outputs(out) == clean
    return seeds, out, clean


def version_dir(out):
    (marker,) = (out / ".cache").glob(f"*/{MARKER}")
    return marker.parent


def entries(out):
    """The heads of the entries (what a build checks as it reads the cache)."""
    return sorted(p for p in version_dir(out).glob("??/*") if not p.name.endswith(ROWS_SUFFIX))


def rows_files(out):
    return sorted(version_dir(out).glob(f"??/*{ROWS_SUFFIX}"))


def rebuilds_clean(seeds, out, clean, damaged: int = 0) -> None:
    """The next build equals a clean one, re-extracting `damaged` entries."""
    proc = build_cli(seeds, out)
    assert outputs(out) == clean
    line = next(ln for ln in proc.stdout.splitlines() if ln.startswith("cache:"))
    if damaged:
        assert line.endswith(
            f"; {damaged} damaged entr{'y' if damaged == 1 else 'ies'} re-extracted"
        ), line
    else:
        assert "damaged" not in line, line


def heals(seeds, out, clean, damaged: int = 0) -> None:
    """rebuilds_clean, and the build after reuses every entry and index entry, quietly."""
    rebuilds_clean(seeds, out, clean, damaged)
    n = len(list(seeds.glob("*.txt")))
    again = build_cli(seeds, out)
    assert outputs(out) == clean
    assert (
        f"cache: {n} seed(s) reused, 0 read; {n} file(s) unchanged, not opened\n" in again.stdout
    ), again.stdout
    # Only the corpus's undated seed is named (pipeline.undated_warning), nothing else.
    assert [ln for ln in again.stderr.splitlines() if "undated, no dateline" not in ln] == []


def test_random_bit_flips_anywhere_in_entries(warm):
    """56 flipped bits at random places, one in every entry per build."""
    seeds, out, clean = warm
    rng = random.Random(20210815)
    for _ in range(8):
        for entry in entries(out):
            data = bytearray(entry.read_bytes())
            data[rng.randrange(len(data))] ^= 1 << rng.randrange(8)
            entry.write_bytes(bytes(data))
        rebuilds_clean(seeds, out, clean, damaged=len(entries(out)))
    heals(seeds, out, clean)


def test_entries_cut_short(warm):
    """Each entry cut at another length: empty, one byte, the HMAC line without or with
    its line break, half, all but the last byte, all but the last 10."""
    seeds, out, clean = warm
    found = entries(out)
    for entry, keep in zip(found, [0, 1, 64, 65, 0.5, -1, -10]):
        data = entry.read_bytes()
        entry.write_bytes(data[: int(len(data) * keep) if isinstance(keep, float) else keep])
    heals(seeds, out, clean, damaged=len(found))


def test_damaged_rows_files_cost_only_speed(warm):
    """The rows files (read by the writer of the tables, not by the build): a flipped bit,
    a cut, one copied over another's, one lost. Each seed's rows are formatted again from
    its readings, the same bytes; the build reports no damaged entry (the readings are
    sound, nothing is re-extracted)."""
    seeds, out, clean = warm
    found = rows_files(out)
    assert len(found) >= 5
    flipped, cut, copied, over, lost = found[:5]
    data = bytearray(flipped.read_bytes())
    data[len(data) // 2] ^= 4
    flipped.write_bytes(bytes(data))
    cut.write_bytes(cut.read_bytes()[:-1])
    shutil.copy(copied, over)
    lost.unlink()
    heals(seeds, out, clean)


def test_entry_copied_over_another_and_a_status_edited(warm):
    """One entry copied over another (its HMAC is right, its key is not); in a third, a
    status changed from captured to government, the JSON still valid."""
    seeds, out, clean = warm
    first, second, *rest = entries(out)
    shutil.copy(first, second)
    captured, government = STATUS_CODES["captured"], STATUS_CODES["government"]
    edited = next(e for e in rest if captured in _head(e)["readings"][STATUS])
    mac, head, rows = edited.read_bytes().split(b"\n", 2)
    data = json.loads(head)
    codes = data["readings"][STATUS]
    codes[codes.index(captured)] = government
    edited.write_bytes(mac + b"\n" + json.dumps(data).encode() + b"\n" + rows)  # not signed
    heals(seeds, out, clean, damaged=2)


def _head(entry) -> dict:
    """An entry's JSON line."""
    return json.loads(entry.read_bytes().split(b"\n", 2)[1])


def resign(entry, edit) -> None:
    """Edit an entry's JSON and sign it again with the cache's own key, as a bug in the
    tool could: only the value checks stand between it and the outputs."""
    _, head, rows = entry.read_bytes().split(b"\n", 2)
    data = json.loads(head)
    edit(data)
    body = json.dumps(data, ensure_ascii=False).encode() + b"\n" + rows
    key = bytes.fromhex((entry.parent.parent / KEY_FILE).read_text())
    entry.write_bytes(_mac(key, body) + b"\n" + body)


def _set(path, value):
    def edit(data):
        *outer, last = path
        target = data
        for k in outer:
            target = target[k]
        target[last] = value

    return edit


STATUS = READING_COLUMNS.index("status")


def _reading(column, value):
    """Set the first reading's value in this column (an entry's tables are columns)."""
    return _set(("readings", READING_COLUMNS.index(column), 0), value)


def _report(column, value):
    return _set(("reports", REPORT_COLUMNS.index(column), 0), value)


INVALID = [
    _reading("status", 99),  # a status outside the vocabulary
    _set(("places", 0), "nowhere"),  # a place the gazetteer does not know
    _reading("start", -5),  # an offset out of range
    _reading("end", 10**9),
    _reading("start", 1.5),  # not an int
    _reading("sentence", -1),  # a sentence that is not there
    _reading("act", 99),  # an act no trigger may declare
    _set(("sentences", 1, 0), 10**9),
    _report("status", "captured"),  # a word where a code belongs
    _report("place", 99),  # a place the entry does not name
    _set(("foreign",), [["Iran", 0, 99, "IR"]]),
    _set(("key",), "0" * 64),  # stored under another text's key
    _set(("found",), -1),
    _set(("chars",), True),
]


def test_invalid_values_are_refused_even_when_signed(warm):
    """Twelve kinds of invalid value, one per entry and build."""
    seeds, out, clean = warm
    for start in range(0, len(INVALID), len(entries(out))):
        found = entries(out)
        for entry, edit in zip(found, INVALID[start:]):
            resign(entry, edit)
        rebuilds_clean(seeds, out, clean, damaged=min(len(found), len(INVALID) - start))
    heals(seeds, out, clean)


@pytest.mark.parametrize("damage", [b"not hex\n", b"ab" * 32 + b"\n", None])
def test_damaged_replaced_or_lost_key_costs_one_re_extraction(warm, damage):
    seeds, out, clean = warm
    key = version_dir(out) / KEY_FILE
    key.write_bytes(damage) if damage is not None else key.unlink()
    heals(seeds, out, clean, damaged=len(entries(out)))


def index_of(out):
    path = version_dir(out) / INDEX
    return path, json.loads(path.read_bytes())


def test_an_index_entry_of_a_path_that_is_no_utf8_is_signed_too(tmp_path):
    """A seed folder whose name is not valid UTF-8 reaches the index as surrogate escapes,
    which the fast serialiser refuses: such an entry is still signed, the same way each
    time, and its signature is bound to its path."""
    index = SeedIndex(tmp_path / INDEX, b"k" * 32)
    odd, plain = "/data/caf\udce9/a.txt", "/data/cafe/a.txt"
    fields = [[1, 2, 3, 4, 5], "0" * 64, {"title": "x"}, 0, []]
    assert index._sign(odd, fields) == index._sign(odd, list(fields))
    assert len(index._sign(odd, fields)) == 64
    assert index._sign(odd, fields) != index._sign(plain, fields)


def test_index_with_a_corrupted_digest(warm):
    seeds, out, clean = warm
    path, data = index_of(out)
    for fields in data["seeds"].values():
        fields[1] = fields[1][::-1]
    path.write_text(json.dumps(data))
    heals(seeds, out, clean)


def test_index_with_swapped_entries(warm):
    seeds, out, clean = warm
    path, data = index_of(out)
    names = list(data["seeds"])
    values = list(data["seeds"].values())
    data["seeds"] = dict(zip(names, values[1:] + values[:1]))
    path.write_text(json.dumps(data))
    heals(seeds, out, clean)


def test_index_swapped_with_stamps_kept(warm):
    """Each file keeps its own stamps, but gets another file's digest and metadata."""
    seeds, out, clean = warm
    path, data = index_of(out)
    values = list(data["seeds"].values())
    for mine, other in zip(values, values[1:] + values[:1]):
        mine[1:] = other[1:] if mine is not other else mine[1:]
    path.write_text(json.dumps(data))
    heals(seeds, out, clean)


def test_index_with_random_bit_flips(warm):
    seeds, out, clean = warm
    path = version_dir(out) / INDEX
    rng = random.Random(8)
    for _ in range(3):
        data = bytearray(path.read_bytes())
        for _ in range(5):
            data[rng.randrange(len(data))] ^= 1 << rng.randrange(8)
        path.write_bytes(bytes(data))
        rebuilds_clean(seeds, out, clean)
    heals(seeds, out, clean)


def test_index_entry_signed_with_a_wrong_digest_is_read_again(warm):
    """An index entry that passes its check but names another text (as when the file
    changes between the index lookup and the read): the text read wins."""
    seeds, out, clean = warm
    path, data = index_of(out)
    key = bytes.fromhex((path.parent / KEY_FILE).read_text())
    index = SeedIndex(path, key)
    for name, fields in data["seeds"].items():
        fields[1] = "0" * 64
        fields[5] = index._sign(name, fields[:5])
    path.write_text(json.dumps(data))
    for entry in entries(out):
        entry.unlink()
    heals(seeds, out, clean)


def rows_by_seed(out) -> dict[str, set[str]]:
    import csv

    with open(out / "mentions.csv", encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    titles: dict[str, set[str]] = {}
    for r in rows:
        titles.setdefault(r["seed"], set()).add(r["title"])
    return titles


def test_same_text_with_two_sidecars_counts_once_listing_both(tmp_path):
    seeds, out = tmp_path / "s", tmp_path / "o"
    seeds.mkdir()
    text = "The Taliban captured Farah and Zaranj on Friday."
    for name, title, day in (("a", "Alpha wire", 6), ("b", "Beta wire", 7)):
        (seeds / f"{name}.txt").write_text(text, encoding="utf-8")
        (seeds / f"{name}.yaml").write_text(
            f"title: {title}\ndate: 2021-08-0{day}\n", encoding="utf-8"
        )
    for _ in range(2):  # fresh, then from the cache
        proc = build_cli(seeds, out)
        # One article (pipeline.merge_copies): the earlier copy's rows, the other listed.
        assert rows_by_seed(out) == {"a.txt": {"Alpha wire"}}
        with open(out / "mentions.csv", encoding="utf-8", newline="") as fh:
            assert {r["also_in"] for r in csv.DictReader(fh)} == {"b.txt (2021-08-07)"}
        assert "Beta wire" in (out / "map.html").read_text(encoding="utf-8")
        assert "b.txt: the same article as a.txt" in proc.stderr
    build_cli(seeds, tmp_path / "clean", "--no-cache")
    assert outputs(out) == outputs(tmp_path / "clean")


def test_edited_sidecar_title_replaces_the_old(tmp_path):
    seeds, out = tmp_path / "s", tmp_path / "o"
    seeds.mkdir()
    (seeds / "a.txt").write_text("The Taliban captured Farah.", encoding="utf-8")
    (seeds / "a.yaml").write_text("title: Old title\n", encoding="utf-8")
    build_cli(seeds, out)
    (seeds / "a.yaml").write_text("title: New title\nsource: Wire\n", encoding="utf-8")
    proc = build_cli(seeds, out)
    assert "1 seed(s) reused" in proc.stdout  # the text's entry, new metadata
    assert rows_by_seed(out) == {"a.txt": {"New title"}}
    mentions = (out / "mentions.csv").read_text(encoding="utf-8-sig")
    assert "Old title" not in mentions and "Wire" in mentions
    build_cli(seeds, tmp_path / "clean", "--no-cache")
    assert outputs(out) == outputs(tmp_path / "clean")


def test_entries_hold_no_seed_metadata(warm):
    """Nothing of the seed's name, title, url or date, but the date a text that names times
    was dated for, and its event dates (used only when a rebuild asks for that date)."""
    seeds, out, clean = warm
    dated = 0
    for entry in entries(out):
        mac, head, rows = entry.read_bytes().split(b"\n", 2)
        data = json.loads(head)
        if data["dated"] is not None:
            dated += 1
            assert data["dated"].startswith("2021-08-")
            data["dated"] = None
            for table in (data["readings"], data["reports"]):
                table[-2:] = [[""] * len(table[-2]), [0] * len(table[-1])]
        rest = json.dumps(data).encode() + rows
        for word in (b"Taliban take Zaranj", b"2021-08-", b"01_zaranj", b"http"):
            assert word not in rest, (entry, word)
    assert dated  # the corpus has texts that name times


DATED_INVALID = [
    _reading("date_precision", 9),  # a precision outside the vocabulary
    _reading("event_date", 20210809),  # not a string
    _report("event_date", None),
    _report("date_precision", 9),
    _set(("dated",), None),  # a text that names times, stored as if it named none
    _set(("dated",), 20210809),
]


def test_invalid_stored_event_dates_are_refused_even_when_signed(warm):
    """The dated part of an entry is checked like the rest: each damage costs one
    re-extraction, and the outputs equal a clean build's."""
    seeds, out, clean = warm
    for edit in DATED_INVALID:
        entry = next(e for e in entries(out) if _head(e)["dated"] is not None)
        resign(entry, edit)
        rebuilds_clean(seeds, out, clean, damaged=1)
    # A text that names no time keeps no event date: one there is damage.
    entry = next(e for e in entries(out) if _head(e)["dated"] is None)
    resign(entry, _reading("event_date", "2021-08-09"))
    rebuilds_clean(seeds, out, clean, damaged=1)


def test_a_cached_text_read_for_another_date_dates_carried_sentences_as_a_fresh_read(tmp_path):
    """A sentence dated by the one before it ("On Sunday ... They also captured Taloqan")
    follows the seed's date when the cache re-dates the text for a new one."""
    seeds, out = tmp_path / "s", tmp_path / "o"
    seeds.mkdir()
    text = "On Sunday the Taliban took Kunduz.\n\nThey also captured Taloqan after a siege.\n"
    (seeds / "a.txt").write_text(text, encoding="utf-8")
    for day in ("2021-08-10", "2021-08-17"):  # cached for the first date, read for the second
        (seeds / "a.yaml").write_text(f"title: Wire\ndate: {day}\n", encoding="utf-8")
        build_cli(seeds, out)
    build_cli(seeds, tmp_path / "clean", "--no-cache")
    assert outputs(out) == outputs(tmp_path / "clean")
    with open(out / "mentions.csv", encoding="utf-8", newline="") as fh:
        taloqan = next(r for r in csv.DictReader(fh) if r["surface"] == "Taloqan")
    assert (taloqan["event_date"], taloqan["date_precision"]) == ("2021-08-15", "day")

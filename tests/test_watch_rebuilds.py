"""What a `watch` process writes after each change is what a fresh build of the same folder
writes, byte for byte: whatever it keeps in memory from one build to the next (cache
entries, cache.EntryMemo; what it worked out for the map and the tables) may make a
rebuild cheaper, never different.

The builds run in this process, as `watch` runs them (cli.cmd_build with one EntryMemo,
geojoin.FrameMemo, outputs.TablesMemo and history.EvidenceMemo, the collector left on between builds); each is compared with a `build --no-cache` of the
folder as it then is. The changes are the ones a memo could get wrong: a seed dated
before most others (its reports land in the middle of the timeline), a second copy of an
article (counted once, listed twice), an edited sidecar (same text, other metadata), a
date moved (same text, other event dates), a seed rewritten (same name and date, other
places and sentences), a seed removed, and corrections.
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

import pytest

import mapping.cache
from mapping import cli
from mapping.cache import EntryMemo
from mapping.geojoin import FrameMemo
from mapping.history import EvidenceMemo
from mapping.outputs import TablesMemo

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
from tools_corpus import make_seed  # noqa: E402

# Every file a build writes. The GeoPackage is compared by its layers: it records the
# time each layer was written (README, "All cores").
BYTE_FILES = (
    "map.html",
    "provinces.geojson",
    "mentions.csv",
    "sentences.csv",
    "history.csv",
    "events.csv",
    "provinces.parquet",
)
MARGIN_NS = 50_000_000  # seed files older than this are indexed (test_cache_index.py)


@pytest.fixture
def settled(monkeypatch):
    monkeypatch.setattr(mapping.cache, "RECENT_NS", MARGIN_NS)


def _args(seeds: Path, out: Path, *extra: str):
    return cli._parser().parse_args(
        ["build", "--seeds", str(seeds), "--out", str(out), "--tiles", "none", "--cdn"]
        + ["--quiet", *extra]
    )


def _write(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")
    time.sleep(MARGIN_NS / 1e9 + 0.01)  # old enough to be indexed


def _same_as_fresh(seeds: Path, out: Path, fresh: Path) -> None:
    """Every output of the watch's last build equals a fresh uncached build's."""
    import geopandas as gpd
    from pandas.testing import assert_frame_equal

    assert cli.cmd_build(_args(seeds, fresh, "--no-cache"), one_shot=False) == 0
    for name in BYTE_FILES:
        assert (out / name).read_bytes() == (fresh / name).read_bytes(), name
    for layer in ("provinces", "towns"):
        assert_frame_equal(
            gpd.read_file(out / "provinces.gpkg", layer=layer),
            gpd.read_file(fresh / "provinces.gpkg", layer=layer),
        )


def test_watch_rebuilds_write_what_a_fresh_build_writes(tmp_path, settled, capsys):
    seeds, out, fresh = tmp_path / "seeds", tmp_path / "out", tmp_path / "fresh"
    seeds.mkdir()
    rng = random.Random(14)
    for i in range(16):
        _write(seeds / f"s{i:02d}.txt", make_seed(rng, 5 + i))  # dated 6-21 August
    _write(seeds / "undated.txt", "Fighting raged in Zaranj on Monday.\n")
    frames, tables, evidence = FrameMemo(), TablesMemo(), EvidenceMemo()
    kept = {"memo": EntryMemo(), "frames": frames, "tables": tables, "evidence": evidence}
    args = _args(seeds, out)
    assert cli.cmd_build(args, one_shot=False, **kept) == 0

    taken, grouped = [], []

    def step() -> None:
        built = cli.cmd_build(args, one_shot=False, **kept)
        assert built in (0, 3)
        taken.append(frames.taken)
        grouped.append(evidence.taken)
        assert set(tables.layouts) == {"mentions.csv", "sentences.csv", "events.csv"}
        _same_as_fresh(seeds, out, fresh)

    _write(seeds / "zz_early.txt", make_seed(random.Random(1), 1))  # 2 August: mid-timeline
    step()
    _write(seeds / "s03_copy.txt", (seeds / "s03.txt").read_text(encoding="utf-8"))
    step()
    _write(seeds / "s05.yaml", "title: Retitled in a sidecar\nsource: Another Wire\n")
    step()
    moved = (seeds / "s07.txt").read_text(encoding="utf-8").replace("2021-08-", "2021-07-", 1)
    _write(seeds / "s07.txt", moved)
    step()
    _write(seeds / "s04.txt", make_seed(random.Random(4), 5 + 4))  # other text, same date
    step()
    (seeds / "s09.txt").unlink()
    step()
    _write(
        seeds / "corrections.csv",
        "date,place,status,reason,source,seed\n"
        "2021-08-10,Kunduz,government,Held (checked by phone),Desk,\n"
        "2021-08-10,AF-KAB,ignore,Not about Kabul,,s02.txt\n",
    )
    step()
    assert "cache: " in capsys.readouterr().out
    assert all(taken), taken  # each rebuild took some provinces' or towns' parts as they were
    # From the second rebuild on (the first build extracted, the next read the cache), the
    # seeds' readings as the last build grouped them (history.EvidenceMemo).
    assert min(grouped[1:]) >= 14, grouped


def test_renumbered_event_rows_change_only_their_ids():
    """A watch copies an unchanged seed's events.csv rows with new ids when rows were
    added or removed before them (events.renumbered): a line break inside a quoted
    sentence, even one followed by what looks like the next id, starts no row."""
    from mapping.events import renumbered
    from mapping.rows import csv_line

    notes = ["plain", 'two\nAFG8,lines "quoted"', "AFG9, at the start", 'end "\nAFG9,"']
    rows = [
        csv_line([f"AFG{7 + k}", "2021-08-10", note, ""]) + "\n" for k, note in enumerate(notes)
    ]
    moved = [
        csv_line([f"AFG{120 + k}", "2021-08-10", note, ""]) + "\n" for k, note in enumerate(notes)
    ]
    data = "".join(rows).encode("utf-8")
    assert renumbered(data, 4, 7, 120) == "".join(moved).encode("utf-8")
    assert renumbered(data, 4, 7, 7) == data
    assert renumbered(data, 3, 7, 120) is None  # not that many rows: made afresh
    assert renumbered(data, 5, 7, 120) is None
    assert renumbered(data, 4, 8, 120) is None  # not so numbered
    assert renumbered(b"", 0, 1, 5) == b""


def test_a_watch_build_stays_frozen_until_collect_frozen(tmp_path):
    """A watch's build is frozen out of the collector's sight (its first collection after
    each build re-scanned every object the build holds), and collect_frozen brings it back
    for the full collection a watch makes every WATCH_COLLECT_EVERY builds."""
    import gc

    from mapping.pipeline import collect_frozen

    seeds = tmp_path / "seeds"
    seeds.mkdir()
    rng = random.Random(3)
    for i in range(3):
        (seeds / f"s{i}.txt").write_text(make_seed(rng, i), encoding="utf-8")
    memos = (EntryMemo(), FrameMemo(), TablesMemo(), EvidenceMemo())
    collect_frozen()
    try:
        assert cli.cmd_build(_args(seeds, tmp_path / "out"), False, *memos, keeps=True) == 0
        assert gc.get_freeze_count() > 0 and gc.isenabled()
        assert cli.cmd_build(_args(seeds, tmp_path / "out2"), False, *memos) == 0
    finally:
        frozen = gc.get_freeze_count()
        collect_frozen()
    assert gc.get_freeze_count() == 0 < frozen

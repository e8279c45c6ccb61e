"""A build holds each repeated value of its readings once (model.share_values), on one
process and from worker batches alike, with every value unchanged; the timeline hands its
gathered evidence over to the province statuses instead of copying it; a one-shot build
lets go of each seed's text once extracted.

Why tested: sharing is invisible in the outputs, so a path that stopped sharing (a new
way of making readings) would only show as a build needing more memory.
"""

from __future__ import annotations

import gc
from dataclasses import astuple
from pathlib import Path

import pytest

from mapping.batches import build_jobs
from mapping.gazetteer import load_gazetteer
from mapping.history import Tracker
from mapping.model import SHARED_INTS, Reading, share_values
from mapping.pipeline import build, extract_text

TEXT = (
    "Fighters captured Kunduz and Taloqan on Monday, officials said. "
    "Fighting raged near Herat and Kandahar."
)


def four_seeds(tmp_path: Path, body: str = TEXT) -> Path:
    """Four seeds of four days, each of `body` and a sentence of its own (also the
    seeds of tests/test_let_go.py)."""
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for i in range(4):
        text = f"---\ndate: 2021-08-0{i + 1}\n---\n{body} Report {i} ends.\n"
        (seeds / f"s{i}.txt").write_text(text, encoding="utf-8")
    return seeds


def _values(readings: list[Reading]) -> list[tuple]:
    return [(*astuple(r.mention), *astuple(r)[1:]) for r in readings]


def _shares(readings: list[Reading]) -> None:
    """Readings of one sentence share its evidence; equal offsets are one object."""
    by_sentence: dict[str, str] = {}
    for r in readings:
        assert by_sentence.setdefault(r.evidence, r.evidence) is r.evidence
    offsets: dict[int, int] = {}
    for r in readings:
        for n in (r.mention.start, r.mention.end, r.evidence_start, r.evidence_end):
            assert offsets.setdefault(n, n) is n


def _shared_across_seeds(results) -> None:
    """The seeds' readings (of one text each) share sentences, rules and spellings."""
    first, *others = results
    for res in others:
        for a, b in zip(first.readings, res.readings):
            assert a.evidence is b.evidence and a.rule is b.rule
            assert a.mention.surface is b.mention.surface


def test_shared_values_are_the_same_values():
    gaz = load_gazetteer()
    readings, _ = extract_text(" ".join([TEXT] * 3), gaz)
    before = _values(readings)
    assert len(readings) == 12
    shared = share_values(readings)
    assert shared is readings and _values(shared) == before
    _shares(shared)
    again = share_values(extract_text(" ".join([TEXT] * 3), gaz)[0])
    assert all(a.rule is b.rule and a.evidence is b.evidence for a, b in zip(shared, again))


def test_offsets_past_the_table_are_kept_as_they_are():
    gaz = load_gazetteer()
    readings, _ = extract_text(" " * SHARED_INTS + TEXT, gaz)
    before = _values(readings)
    assert readings and all(r.mention.start > SHARED_INTS for r in readings)
    assert _values(share_values(readings)) == before


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_build_shares_its_readings_values(tmp_path: Path, jobs: int):
    """Both ways readings are made in a build: extracted here, and decoded from worker
    batches (four seeds, four batches: a process pool), sentences repeated across seeds."""
    result = build_jobs(four_seeds(tmp_path), jobs=jobs)
    readings = [r for res in result.seeds for r in res.readings]
    assert len(result.seeds) == 4 and len(readings) == 16
    _shares(readings)
    _shared_across_seeds(result.seeds)


def test_a_rebuild_from_the_cache_shares_its_readings_values(tmp_path: Path):
    """The third way readings are made: read back from the cache (a rebuild holds every
    entry's at once), with the values the extraction gave."""
    seeds, cache = four_seeds(tmp_path), tmp_path / "cache"
    fresh = build_jobs(seeds, cache_dir=cache)
    again = build_jobs(seeds, cache_dir=cache)
    assert again.stats is not None and again.stats.reused == 4
    readings = [r for res in again.seeds for r in res.readings]
    assert _values(readings) == _values([r for res in fresh.seeds for r in res.readings])
    _shares(readings)
    _shared_across_seeds(again.seeds)


def test_evidence_cannot_be_added_once_handed_over():
    gaz = load_gazetteer()
    readings, _ = extract_text(TEXT, gaz)
    tracker = Tracker(gaz)
    tracker.add_evidence(readings)
    provinces = tracker.provinces()
    assert sum(len(ps.readings) for ps in provinces.values()) == len(readings)
    with pytest.raises(RuntimeError, match="handed it over"):
        tracker.add_evidence(readings)


def test_a_one_shot_build_lets_go_of_each_seed_text(tmp_path: Path, monkeypatch):
    monkeypatch.setattr(gc, "freeze", lambda: None)  # this test's process goes on
    seeds = four_seeds(tmp_path)
    result = build(seeds, one_shot=True)
    assert len(result.seeds) == 4
    assert all(res.seed.loaded_text is None for res in result.seeds)
    for res in result.seeds:  # read again when asked
        assert res.seed.text == res.seed.path.read_text(encoding="utf-8")
    kept = build(seeds)  # a build whose process goes on keeps them
    assert all(res.seed.loaded_text is not None for res in kept.seeds)
